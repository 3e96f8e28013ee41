// What answers show for a facet value: "May 2026" for the month "2026-05", a country's name for
// its region code; other values are their own labels.
#pragma once

#include <string>
#include <string_view>

#include "facet.h"

namespace briefing {

std::string facet_label(Facet facet, std::string_view value);

}  // namespace briefing
