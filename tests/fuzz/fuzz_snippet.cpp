// libFuzzer target: the snippet builder. Input: query words, a newline, then the text. Besides
// not crashing, the snippet must hold no markup but <mark> and </mark>, whatever the text.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "analyser.h"
#include "snippet_builder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static briefing::Analyser analyser;
  std::string input(reinterpret_cast<const char*>(data), size);
  std::size_t newline = input.find('\n');
  std::string query = newline == std::string::npos ? input : input.substr(0, newline);
  std::string text = newline == std::string::npos ? input : input.substr(newline + 1);
  briefing::HighlightTerms highlight;
  for (auto& t : analyser.terms(query)) highlight.terms.insert(t);
  if (!query.empty() && query.back() == '*') highlight.prefixes.push_back(analyser.fold(query));
  briefing::SnippetBuilder builder(analyser, 1 + size % 300);
  std::string snippet = builder.build({text, query}, highlight);
  for (const char* tag : {"<mark>", "</mark>"})
    for (std::size_t at; (at = snippet.find(tag)) != std::string::npos;)
      snippet.erase(at, std::string(tag).size());
  if (snippet.find('<') != std::string::npos || snippet.find('>') != std::string::npos)
    std::abort();
  return 0;
}
