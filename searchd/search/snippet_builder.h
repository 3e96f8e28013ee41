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

// How much text snippets may analyse: a snippet over a 1 MiB body must not cost what reading the
// whole body through ICU costs, ten times over. Matches past the budget are not looked for (the
// snippet then shows the opening, or the best window in what was read).
struct SnippetBudget {
  std::size_t bytes_per_hit = 128 * 1024;
  std::size_t bytes_per_answer = 1024 * 1024;  // over every build() of one builder
};

class SnippetBuilder {
 public:
  explicit SnippetBuilder(Analyser& analyser, std::size_t target_chars = 200,
                          SnippetBudget budget = {})
      : analyser_(analyser), target_(target_chars), budget_(budget) {}

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

  struct Window {
    std::size_t distinct = 0, count = 0;
    std::size_t first = 0, last = 0;  // marks[first..last], inclusive
  };
  // The window of at most the target length with the most distinct terms, then most matches.
  Window best_window(std::string_view text, const std::vector<Mark>& marks) const;

  Analyser& analyser_;
  std::size_t target_;
  SnippetBudget budget_;
  std::size_t answer_bytes_ = 0;  // analysed so far by this builder
  std::vector<Token> tokens_;
};

}  // namespace briefing
