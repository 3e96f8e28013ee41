#include "micro_corpus.h"

#include "briefing_json.h"
#include "corpus_generator.h"
#include "corpus_sources.h"
#include "small_index.h"

namespace briefing::bench {

std::vector<Briefing> generated_briefings(std::size_t count) {
  const SourceTexts texts = load_source_texts(BRIEFING_SHARED_DIR);
  BriefingGenerator generator(texts, kMicroSeed);
  std::vector<Briefing> out;
  out.reserve(count);
  // Through the canonical JSON and its validation, as make_corpus writes and the indexer reads.
  for (std::size_t i = 0; i < count; ++i)
    out.push_back(briefing_from_json(to_json(generator.next())));
  return out;
}

namespace {

testing::BriefingRecords records_of(const std::vector<Briefing>& briefings) {
  testing::BriefingRecords records;
  for (const Briefing& b : briefings) records.add(to_json(b));
  return records;
}

}  // namespace

GeneratedIndex::GeneratedIndex(const std::string& tag, std::vector<Briefing> briefings)
    : briefings_(std::move(briefings)),
      index_(std::make_unique<testing::SmallIndex>(tag, records_of(briefings_))) {
  for (std::size_t i = 0; i < briefings_.size(); ++i)
    by_docid_[index_->docid(briefings_[i].id)] = i;
}

GeneratedIndex::~GeneratedIndex() = default;

const Xapian::Database& GeneratedIndex::db() const {
  return index_->db();
}

const std::string& GeneratedIndex::path() const {
  return index_->path();
}

}  // namespace briefing::bench
