// Version text for --version (version_info.h).
#include "version_info.h"

#include <unicode/uversion.h>
#include <xapian.h>

namespace briefing {

std::string version_text(const std::string& program, const std::string& extra) {
  UVersionInfo icu;
  u_getVersion(icu);
  char icu_text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(icu, icu_text);
  std::string text = program + " " + BRIEFING_VERSION + "\nXapian " + Xapian::version_string() +
                     ", ICU " + icu_text;
  if (!extra.empty()) text += ", " + extra;
  return text;
}

}  // namespace briefing
