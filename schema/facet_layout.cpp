// The facet slots' set encoding (facet_layout.h).
#include "facet_layout.h"

#include <algorithm>

namespace briefing {

std::vector<std::string> facet_values(const Briefing& b, Facet f) {
  auto one = [](const std::string& v) {
    return v.empty() ? std::vector<std::string>{} : std::vector<std::string>{v};
  };
  switch (f) {
    case Facet::kActor:
      return b.actors;
    case Facet::kVendor:
      return b.vendors;
    case Facet::kRegion:
      return b.regions;
    case Facet::kSeries:
      return one(b.series);
    case Facet::kCategory:
      return one(b.category);
    case Facet::kStatus:
      return one(b.status);
    case Facet::kDate:
      break;
  }
  return {};
}

std::string join_value_set(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += layout::kSetSeparator;
    out += v;
  }
  return out;
}

}  // namespace briefing
