// Snippets: the best passage of a briefing for a query, about 200 characters, with the query's
// terms (as the analyser makes them, so stems match) in <mark> and everything else HTML-escaped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyser.h"
#include "html_escape.h"
#include "query_builder.h"

namespace briefing {

class SnippetBuilder {
 public:
  explicit SnippetBuilder(Analyser& analyser, std::size_t target_chars = 200)
      : analyser_(analyser), target_(target_chars) {}

  // `fields` in order of preference (summary, body, ...). With nothing to mark, or no match, the
  // snippet is the opening of the first non-empty field.
  std::string build(const std::vector<std::string_view>& fields, const HighlightTerms& highlight);

 private:
  struct Mark {
    std::uint32_t begin, end;
    std::string term;
  };
  std::vector<Mark> find_marks(std::string_view text, const HighlightTerms& highlight);
  std::string render(std::string_view text, std::size_t begin, std::size_t end,
                     const std::vector<Mark>& marks) const;

  Analyser& analyser_;
  std::size_t target_;
  std::vector<Token> tokens_;
};

}  // namespace briefing
