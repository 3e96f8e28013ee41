// ICU knows every ISO 3166-1 code and its English display name; the reverse map is built once.
#include "region_names.h"

#include "text_util.h"

#include <cctype>
#include <map>
#include <mutex>

#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace briefing {
namespace {

const std::map<std::string, std::string>& names_to_codes() {
  static const std::map<std::string, std::string> table = [] {
    std::map<std::string, std::string> t;
    for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) {
      std::string code = *c;
      t[ascii_lower(code)] = code;
      t[ascii_lower(region_name(code))] = code;
    }
    return t;
  }();
  return table;
}

}  // namespace

std::string region_name(std::string_view code) {
  if (code.size() != 2) return std::string(code);
  const std::string upper = ascii_upper(code);
  icu::Locale locale("", upper.c_str());
  icu::UnicodeString name;
  locale.getDisplayCountry(icu::Locale::getEnglish(), name);
  std::string out;
  name.toUTF8String(out);
  if (out.empty() || out == upper) return upper;
  return out;
}

std::optional<std::string> region_code(std::string_view name_or_code) {
  const auto& table = names_to_codes();
  auto it = table.find(ascii_lower(name_or_code));
  if (it == table.end()) return std::nullopt;
  return it->second;
}

}  // namespace briefing
