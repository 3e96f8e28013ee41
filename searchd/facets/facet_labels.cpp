// Facet value labels (facet_labels.h).
#include "facet_labels.h"

#include "index_dates.h"
#include "region_names.h"
#include "timestamp.h"

namespace briefing {

std::string facet_label(Facet facet, std::string_view value) {
  if (facet == Facet::kRegion) return region_name(std::string(value));
  if (facet == Facet::kDate)
    if (auto month = parse_month_value(value))
      return std::string(kMonthNames[month->month - 1]) + " " + std::string(value.substr(0, 4));
  return std::string(value);
}

}  // namespace briefing
