// near_duplicate_study: how alike the advisories' bodies are, for choosing and checking the
// near-duplicate parameters. `pairs` lists every pair whose exact shingle Jaccard reaches --min,
// for reading and labelling; `measure` prints precision and recall of the MinHash estimate
// against a labelled pairs file at a range of thresholds.
//   near_duplicate_study pairs   [--data FILE] [--words 5] [--min 0.2]
//   near_duplicate_study measure [--data FILE] [--labels tests/data/near_duplicate_pairs.tsv]
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "analyser.h"
#include "markdown_reader.h"
#include "near_duplicate.h"

namespace {

namespace nd = briefing::near_duplicate;
constexpr int kExitOk = 0, kExitFailed = 1;

struct Advisory {
  std::string id, title;
  std::string text;  // what is compared (nd::compared_text of the briefing read)
};

std::vector<Advisory> load(const std::string& data) {
  std::ifstream in(data);
  if (!in) throw std::runtime_error("cannot read " + data);
  std::vector<Advisory> out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    nlohmann::json row = nlohmann::json::parse(line);
    briefing::Briefing b =
        briefing::read_markdown(row.at("text").get<std::string>(), row.at("id").get<std::string>());
    out.push_back({b.id, b.title, std::string(nd::compared_text(b))});
  }
  return out;
}

void list_pairs(const std::vector<Advisory>& all, std::size_t words, double min) {
  briefing::Analyser analyser;
  std::vector<std::vector<std::uint64_t>> sets;
  std::vector<nd::Signature> signatures;
  for (const Advisory& a : all) {
    sets.push_back(nd::shingles(analyser, a.text, words));
    signatures.push_back(nd::minhash(nd::shingles(analyser, a.text)));
  }
  std::printf("jaccard\testimate\tid_a\tid_b\ttitle_a\ttitle_b\n");
  for (std::size_t i = 0; i < all.size(); ++i)
    for (std::size_t j = i + 1; j < all.size(); ++j) {
      const double exact = nd::jaccard(sets[i], sets[j]);
      if (exact < min) continue;
      std::printf("%.3f\t%.3f\t%s\t%s\t%s\t%s\n", exact,
                  nd::estimated_similarity(signatures[i], signatures[j]), all[i].id.c_str(),
                  all[j].id.c_str(), all[i].title.c_str(), all[j].title.c_str());
    }
}

struct Label {
  std::string a, b;
  bool duplicate;
};

std::vector<Label> read_labels(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file);
  std::vector<Label> out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string a, b, label;
    std::getline(fields, a, '\t');
    std::getline(fields, b, '\t');
    std::getline(fields, label, '\t');
    out.push_back({a, b, label == "duplicate"});
  }
  return out;
}

struct Counts {
  int tp = 0, fp = 0, fn = 0;
  void add(bool said, bool duplicate) {
    tp += said && duplicate;
    fp += said && !duplicate;
    fn += !said && duplicate;
  }
  void print() const {
    std::printf("precision %.3f recall %.3f (tp %d fp %d fn %d)\n",
                tp + fp ? double(tp) / (tp + fp) : 1.0, tp + fn ? double(tp) / (tp + fn) : 1.0, tp,
                fp, fn);
  }
};

// Per shingle length: precision and recall of "estimate >= t" for t from 0.30 to 0.95; then of
// the index's own rule (nd::near_duplicates) with the chosen parameters.
void measure(const std::vector<Advisory>& all, const std::vector<Label>& labels) {
  briefing::Analyser analyser;
  std::map<std::string, const Advisory*> by_id;
  for (const Advisory& a : all) by_id[a.id] = &a;
  for (std::size_t words : {3, 4, 5, 6, 7, 9}) {
    std::map<std::string, nd::Signature> signatures;
    for (const Label& l : labels)
      for (const std::string& id : {l.a, l.b})
        if (!signatures.count(id))
          signatures[id] = nd::minhash(nd::shingles(analyser, by_id.at(id)->text, words));
    for (int step = 30; step <= 95; step += 5) {
      Counts counts;
      for (const Label& l : labels)
        counts.add(nd::estimated_similarity(signatures[l.a], signatures[l.b]) >= step / 100.0,
                   l.duplicate);
      std::printf("words %zu threshold %.2f ", words, step / 100.0);
      counts.print();
    }
  }
  Counts chosen;
  for (const Label& l : labels)
    chosen.add(nd::near_duplicates(nd::minhash(nd::shingles(analyser, by_id.at(l.a)->text)),
                                   nd::minhash(nd::shingles(analyser, by_id.at(l.b)->text))),
               l.duplicate);
  std::printf(
      "the index's rule (words %zu, %zu rows, bands of the first %zu in %zu of %zu, "
      "threshold %.2f): ",
      nd::kShingleWords, nd::kSignatureSize, nd::kBands * nd::kRows, nd::kBands, nd::kRows,
      nd::kThreshold);
  chosen.print();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"near_duplicate_study: shingle similarity of the advisories"};
  std::string data = BRIEFING_SHARED_DIR "/data/wasoc-advisories.jsonl";
  std::string labels = BRIEFING_TESTS_DATA "/near_duplicate_pairs.tsv";
  std::size_t words = nd::kShingleWords;
  double min = 0.2;
  app.require_subcommand(1);
  CLI::App* pairs = app.add_subcommand("pairs", "every pair at or above --min, for labelling");
  pairs->add_option("--words", words, "words per shingle");
  pairs->add_option("--min", min, "least exact Jaccard listed");
  CLI::App* check = app.add_subcommand("measure", "precision and recall on labelled pairs");
  check->add_option("--labels", labels, "labelled pairs (id, id, label, reason)");
  app.add_option("--data", data, "the advisories (JSON Lines)");
  CLI11_PARSE(app, argc, argv);
  try {
    const std::vector<Advisory> all = load(data);
    if (*pairs) list_pairs(all, words, min);
    if (*check) measure(all, read_labels(labels));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "near_duplicate_study: %s\n", e.what());
    return kExitFailed;
  }
  return kExitOk;
}
