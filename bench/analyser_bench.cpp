// analyser_bench: the ICU analyser (schema/analyser.h) over the text fields of generated
// briefings, as the indexer analyses them. Checked first: a known sentence gives its terms, and
// the fixed input gives its known number of tokens.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>

#include "analyser.h"
#include "briefing_text.h"
#include "micro_corpus.h"
#include "micro_main.h"

namespace {

using briefing::bench::expect;

constexpr std::size_t kBriefings = 200;
// The tokens of the first kBriefings briefings of seed 42. When the analyser or the generator
// changes on purpose, this changes with it: the benchmark must still be timing the same work.
constexpr std::uint64_t kExpectedTokens = 34859;

struct Inputs {
  std::vector<briefing::Briefing> briefings;
  std::vector<std::string_view> fields;  // every text the indexer analyses, in its order
  std::uint64_t bytes = 0;
};

std::shared_ptr<Inputs> load_inputs() {
  auto in = std::make_shared<Inputs>();
  in->briefings = briefing::bench::generated_briefings(kBriefings);
  for (const briefing::Briefing& b : in->briefings) {
    briefing::for_each_text(
        b, [&](briefing::TextField, const std::string& text) { in->fields.push_back(text); });
    briefing::for_each_entity_name(b, [&](const std::string& name) { in->fields.push_back(name); });
  }
  for (std::string_view f : in->fields) in->bytes += f.size();
  return in;
}

std::uint64_t analyse_all(briefing::Analyser& analyser, const Inputs& in,
                          std::vector<briefing::Token>& tokens) {
  std::uint64_t count = 0;
  for (std::string_view field : in.fields) {
    tokens.clear();
    analyser.analyse(field, tokens);
    count += tokens.size();
  }
  return count;
}

void check_known_sentence(briefing::Analyser& analyser) {
  const std::vector<std::string> expected = {
      "attack", "exploit", "cve-2026-20182", "cve",    "2026",
      "20182",  "in",      "citrixble",      "citrix", "bleed"};
  const std::vector<std::string> got =
      analyser.terms("Attackers exploited CVE-2026-20182 in CitrixBleed");
  std::string listed;
  for (const std::string& t : got) listed += " " + t;
  expect(got == expected, "the known sentence gave the terms" + listed);
}

void prepare() {
  std::shared_ptr<Inputs> in = load_inputs();
  briefing::Analyser analyser;
  check_known_sentence(analyser);
  std::vector<briefing::Token> tokens;
  const std::uint64_t count = analyse_all(analyser, *in, tokens);
  expect(count == kExpectedTokens, "the fixed input gave " + std::to_string(count) +
                                       " tokens, not " + std::to_string(kExpectedTokens) +
                                       " (if the analyser or generator changed on purpose, "
                                       "update kExpectedTokens)");
  benchmark::RegisterBenchmark("analyser/briefing_fields", [in, count](benchmark::State& state) {
    briefing::Analyser analyser;
    std::vector<briefing::Token> tokens;
    for (auto _ : state) {
      if (analyse_all(analyser, *in, tokens) != count) state.SkipWithError("token count changed");
      benchmark::DoNotOptimize(tokens.data());
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(in->bytes));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(count));
  });
}

}  // namespace

int main(int argc, char** argv) {
  return briefing::bench::run_checked_benchmarks(argc, argv, "analyser_bench", prepare);
}
