// snippet_bench: the snippets of one result page (searchd/search/snippet_builder.h): the ten best
// briefings of a real index of generated briefings for a query, with that query's highlight
// terms, one builder per page as searchd has it. Checked first: every snippet marks something,
// and every marked word is one the query highlights.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>

#include "micro_corpus.h"
#include "micro_main.h"
#include "micro_query.h"
#include "snippet_builder.h"
#include "stored_briefing.h"

namespace {

using briefing::bench::expect;

constexpr std::size_t kBriefings = 2000;
constexpr Xapian::doccount kPage = 10;

struct SnippetRow {
  const char* name;
  const char* q;
};

const SnippetRow kRows[] = {
    {"word", "ransomware"},
    {"two_words", "remote execution"},
    {"phrase", "\"remote code execution\""},
    {"wildcard", "explo*"},
};

struct Inputs {
  briefing::bench::GeneratedIndex index{"snippet-bench",
                                        briefing::bench::generated_briefings(kBriefings)};
  briefing::bench::IndexQueries queries{index.db()};
};

struct Page {
  briefing::HighlightTerms highlight;
  std::vector<std::vector<std::string_view>> texts;  // per hit, as searchd offers them
};

Page page_for(Inputs& in, const std::string& q) {
  const briefing::BuiltQuery built = in.queries.build(q);
  Page page{built.highlight, {}};
  for (Xapian::docid d : in.queries.top(built.query, kPage))
    page.texts.push_back(briefing::snippet_texts(in.index.briefing_of(d)));
  return page;
}

// Whether `text` holds a word the query highlights: a term of it, or a word starting with one of
// its word* prefixes.
bool holds_highlighted(briefing::Analyser& analyser, const briefing::HighlightTerms& h,
                       std::string_view text) {
  std::vector<briefing::Token> tokens;
  analyser.analyse(text, tokens);
  for (const briefing::Token& t : tokens) {
    if (h.terms.count(t.term)) return true;
    const std::string folded = analyser.fold(text.substr(t.begin, t.end - t.begin));
    for (const std::string& prefix : h.prefixes)
      if (folded.starts_with(prefix)) return true;
  }
  return false;
}

constexpr std::string_view kOpen = "<mark>", kClose = "</mark>";

// Checks one snippet; returns how many marks it has.
std::size_t check_snippet(briefing::Analyser& analyser, const briefing::HighlightTerms& h,
                          const std::vector<std::string_view>& texts, const std::string& snippet,
                          const std::string& where) {
  std::size_t marks = 0;
  for (std::size_t open = snippet.find(kOpen); open != std::string::npos;
       open = snippet.find(kOpen, open + 1), ++marks) {
    const std::size_t begin = open + kOpen.size(), close = snippet.find(kClose, begin);
    expect(close != std::string::npos, where + "a <mark> is never closed: " + snippet);
    const std::string marked = snippet.substr(begin, close - begin);
    expect(holds_highlighted(analyser, h, marked),
           where + "the snippet marks '" + marked + "', which the query does not highlight");
  }
  if (marks == 0)  // only a briefing whose texts never name the query (its title did) may
    for (std::string_view text : texts)
      expect(!holds_highlighted(analyser, h, text),
             where + "a snippet marks nothing though its briefing holds the query: " + snippet);
  return marks;
}

void check(Inputs& in, const SnippetRow& row, const Page& page) {
  const std::string where = std::string(row.name) + " (" + row.q + "): ";
  expect(page.texts.size() == kPage, where + "the index has fewer than a page of hits");
  briefing::SnippetBuilder builder(in.queries.analyser());
  std::size_t marked = 0;
  for (const auto& texts : page.texts) {
    const std::string snippet = builder.build(texts, page.highlight);
    marked += check_snippet(in.queries.analyser(), page.highlight, texts, snippet, where) > 0;
  }
  expect(marked * 2 > page.texts.size(), where + "most snippets of the page mark nothing");
}

void prepare() {
  auto in = std::make_shared<Inputs>();
  for (const SnippetRow& row : kRows) {
    auto page = std::make_shared<const Page>(page_for(*in, row.q));
    check(*in, row, *page);
    const std::string name = std::string("snippets/") + row.name;
    benchmark::RegisterBenchmark(name.c_str(), [in, page](benchmark::State& state) {
      for (auto _ : state) {
        briefing::SnippetBuilder builder(in->queries.analyser());
        for (const auto& texts : page->texts)
          benchmark::DoNotOptimize(builder.build(texts, page->highlight));
      }
      state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(page->texts.size()));
    });
  }
}

}  // namespace

int main(int argc, char** argv) {
  return briefing::bench::run_checked_benchmarks(argc, argv, "snippet_bench", prepare);
}
