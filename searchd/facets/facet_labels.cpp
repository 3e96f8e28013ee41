// Facet value labels (facet_labels.h).
#include "facet_labels.h"

#include "index_dates.h"
#include "region_names.h"

namespace briefing {

std::string facet_label(Facet facet, std::string_view value) {
  static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  if (facet == Facet::kRegion) return region_name(std::string(value));
  if (facet == Facet::kDate)
    if (auto month = parse_month_value(value))
      return std::string(kMonths[month->month - 1]) + " " + std::string(value.substr(0, 4));
  return std::string(value);
}

}  // namespace briefing
