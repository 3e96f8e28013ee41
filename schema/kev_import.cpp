// Vendors and their products from the CISA Known Exploited Vulnerabilities catalogue: each
// `vendorProject` is a vendor, each of its `product`s an alias of it, so that an advisory about
// "ScreenConnect" is faceted under ConnectWise. A product that is one ordinary word ("Server",
// "Kernel") is refused; one of ordinary words ("Security Gateway") counts only where the vendor
// is also named. "Product (ABBR)" gives both names.
#include <algorithm>
#include <map>

#include "entity_import.h"
#include "name_screen.h"
#include "text_util.h"

namespace briefing {
namespace {

// The names a KEV `product` gives: "Zimbra Collaboration Suite (ZCS)" gives "Zimbra
// Collaboration Suite" and "ZCS"; "iOS, iPadOS, and macOS" each of the three.
std::vector<std::string> product_names(std::string_view product) {
  std::vector<std::string> out;
  std::size_t open = product.find(" (");
  if (open != std::string_view::npos && product.back() == ')') {
    std::string_view inner = trim(product.substr(open + 2, product.size() - open - 3));
    if (inner.starts_with("formerly ")) inner.remove_prefix(9);  // "VTScada (formerly VTS)"
    out.emplace_back(inner);
    product = product.substr(0, open);
  }
  for (std::size_t at = 0; at < product.size();) {
    std::size_t comma = std::min(product.find(", ", at), product.size());
    std::size_t both = std::min(product.find(" and ", at), product.size());
    std::size_t end = std::min(comma, both);
    std::string_view name = trim(product.substr(at, end - at));
    if (name.rfind("and ", 0) == 0) name.remove_prefix(4);
    if (!name.empty()) out.emplace_back(name);
    at = end + (end == comma ? 2 : 5);
  }
  return out;
}

std::string field(const nlohmann::json& row, const char* name) {
  auto it = row.find(name);
  return it != row.end() && it->is_string() ? std::string(trim(it->get<std::string>())) : "";
}

}  // namespace

namespace detail {

EntityImport import_kev(const nlohmann::json& document) {
  EntityImport out;
  out.format = "CISA KEV catalogue";
  std::map<std::string, std::vector<std::string>> products;  // vendorProject -> products
  for (const auto& row : document["vulnerabilities"]) {
    if (!row.is_object()) continue;
    std::string vendor = field(row, "vendorProject");
    if (vendor.empty()) continue;
    auto& list = products[vendor];
    for (std::string& name : product_names(field(row, "product")))
      if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(std::move(name));
  }
  for (auto& [vendor, names] : products) {
    // A vendor whose name is an ordinary word ("Progress", "Arm") is found only where one of
    // its products is also named; so are its ambiguous products where the vendor is.
    Entity e{EntityKind::kVendor, vendor, {}, {}, {}, {}, {}};
    if (screen_product_name(vendor).use != NameUse::kName) e.ambiguous.push_back(vendor);
    ++out.names;
    for (const std::string& name : names) add_screened_alias(e, name, out);
    out.entities.push_back(std::move(e));
  }
  return out;
}

}  // namespace detail
}  // namespace briefing
