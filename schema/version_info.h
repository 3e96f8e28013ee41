// What `indexer --version` and `searchd --version` print: this project's version and the versions
// of the libraries it runs with (as loaded at run time, which may differ from those it was built
// against), so that a bug report names them.
#pragma once

#include <string>

namespace briefing {

// "NAME 0.1.0\nXapian 1.4.22, ICU 72.1" (`extra`, when given, is appended after a comma:
// searchd adds CivetWeb's, which the schema library does not link).
std::string version_text(const std::string& program, const std::string& extra = {});

}  // namespace briefing
