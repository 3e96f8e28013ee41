// Where one word as ICU sees it is several words as an analyst types them: dotted names
// ("Dark.IoT", "fortinet.com"), underscored names ("SAP_BASIS") and CamelCase product names
// ("CitrixBleed", "FortiGate", "macOS"). The analyser indexes such a word whole and as its parts.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace briefing {

struct WordPart {
  std::uint32_t begin, end;  // byte offsets within the word
};

// Fills `parts` with the parts of `word` as written (before folding) and returns true, or clears
// `parts` and returns false when the word is one word: it is not ASCII, a dotted word has a part
// without a letter or of one letter ("T1059.001", "14.7", "U.S"), a CamelCase word has a digit
// ("Log4Shell") or splits only into single letters ("IoT", "DoS", "iOS").
bool split_word(std::string_view word, std::vector<WordPart>& parts);

}  // namespace briefing
