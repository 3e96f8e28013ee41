// Facet counting and shaping.
#include "facet_counter.h"

#include <algorithm>

#include "facet_fields.h"
#include "index_layout.h"
#include "region_names.h"

namespace briefing {

const char* facet_name(Facet facet) {
  switch (facet) {
    case Facet::kActor:
      return "actor";
    case Facet::kVendor:
      return "vendor";
    case Facet::kRegion:
      return "region";
    case Facet::kSeries:
      return "series";
    case Facet::kCategory:
      return "category";
    case Facet::kStatus:
      return "status";
    case Facet::kDate:
      return "date";
  }
  return "";
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  for (Facet f : facets_) {
    const FacetField& field = facet_field(f);
    std::string value = doc.get_value(field.slot);
    if (value.empty()) continue;
    ValueCounts& counts = counts_[static_cast<int>(f)];
    if (!field.multi_valued) {
      ++counts[value];
      continue;
    }
    std::size_t start = 0;
    while (true) {
      std::size_t end = value.find(layout::kSetSeparator, start);
      ++counts[value.substr(start, end == std::string::npos ? std::string::npos : end - start)];
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
}

std::string facet_label(Facet facet, const std::string& value) {
  static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  if (facet == Facet::kRegion) return region_name(value);
  if (facet == Facet::kDate && value.size() == 7) {
    int month = std::atoi(value.c_str() + 5);
    if (month >= 1 && month <= 12)
      return std::string(kMonths[month - 1]) + " " + value.substr(0, 4);
  }
  return value;
}

FacetCounts shape_facet(Facet facet, const ValueCounts& counts,
                        const std::vector<std::string>& selected, int limit) {
  FacetCounts out{facet, {}};
  for (const auto& [value, count] : counts) out.values.push_back({value, {}, count});
  if (facet == Facet::kDate) {
    std::sort(out.values.begin(), out.values.end(),
              [](const FacetCount& a, const FacetCount& b) { return a.value < b.value; });
  } else {
    std::sort(out.values.begin(), out.values.end(), [](const FacetCount& a, const FacetCount& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (limit >= 0 && out.values.size() > static_cast<std::size_t>(limit)) {
      // Keep selected values that the cut would drop.
      std::vector<FacetCount> kept(out.values.begin(), out.values.begin() + limit);
      for (auto it = out.values.begin() + limit; it != out.values.end(); ++it)
        if (std::find(selected.begin(), selected.end(), it->value) != selected.end())
          kept.push_back(*it);
      out.values = std::move(kept);
    }
    for (const std::string& s : selected) {
      bool present = std::any_of(out.values.begin(), out.values.end(),
                                 [&](const FacetCount& c) { return c.value == s; });
      if (!present) out.values.push_back({s, {}, 0});
    }
  }
  for (auto& v : out.values) v.label = facet_label(facet, v.value);
  return out;
}

}  // namespace briefing
