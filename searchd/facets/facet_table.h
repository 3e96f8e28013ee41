// An in-memory copy of what facet counting, browsing and related events read for every briefing:
// its facet values as one row of small integers, its date, id and title; each value's briefings
// newest first; and how many briefings share each pair of values. Built once per revision of the
// index from Xapian's value streams. Counting a match set is then array increments per document
// instead of reading and splitting value strings, totals over the whole index (and under a filter
// on one value) are known without a pass, and a browse (no query text) needs no matcher at all.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "facet.h"

namespace briefing {

// A facet value, numbered across all facets: each facet's values are one contiguous range.
using ValueId = std::uint32_t;

class FacetTable {
 public:
  // Reads every document's facet slots, date, id and title from `db` (a few hundred ms per
  // million documents).
  static std::shared_ptr<const FacetTable> build(const Xapian::Database& db);

  // Docids run from 1 to last_docid(); deleted ones are absent.
  Xapian::docid last_docid() const { return static_cast<Xapian::docid>(published_.size()) - 1; }
  bool has(Xapian::docid d) const { return d < present_.size() && present_[d]; }
  std::size_t documents() const { return newest_first_.size(); }

  // Every facet value of a document, ascending (so grouped by facet, in kAllFacets order).
  std::span<const ValueId> row(Xapian::docid d) const {
    return {row_values_.data() + row_start_[d], row_start_[d + 1] - row_start_[d]};
  }
  // The values of one facet: a slice of the row.
  std::span<const ValueId> values(Facet f, Xapian::docid d) const;
  // The facet's values are [first, end).
  std::pair<ValueId, ValueId> range(Facet f) const {
    return {first_[facet_index(f)], first_[facet_index(f) + 1]};
  }
  ValueId vocabulary_size() const { return static_cast<ValueId>(names_.size()); }
  Facet facet_of(ValueId v) const { return static_cast<Facet>(facet_of_[v]); }
  const std::string& name(ValueId v) const { return names_[v]; }
  const std::string& label(ValueId v) const { return labels_[v]; }
  std::optional<ValueId> find(Facet f, const std::string& name) const;
  // Documents with the value, newest first (ties: ascending ids), as newest_first() has them.
  const std::vector<Xapian::docid>& postings(ValueId v) const { return postings_[v]; }
  // How many documents have both v and each other value (empty when the vocabulary is too large
  // to keep the square): a filter on one value is counted without reading its documents.
  std::span<const std::uint32_t> together(ValueId v) const {
    if (together_.empty()) return {};
    return {together_.data() + static_cast<std::size_t>(v) * names_.size(), names_.size()};
  }

  double published(Xapian::docid d) const { return published_[d]; }
  std::string_view id(Xapian::docid d) const { return ids_.at(d); }
  // The document with briefing id `id`, if there is one.
  std::optional<Xapian::docid> find_id(std::string_view id) const;
  // Whether some briefing lists this one as related (only then is it worth looking up which).
  bool linked_to(Xapian::docid d) const { return d < linked_to_.size() && linked_to_[d]; }
  std::string_view title(Xapian::docid d) const { return titles_.at(d); }
  // Every document, newest first (ties: the lower id first, as Xapian's sort by the order key
  // has them: order_key.h).
  const std::vector<Xapian::docid>& newest_first() const { return newest_first_; }
  // The documents published within [from, to] (either bound may be absent), newest first.
  std::span<const Xapian::docid> in_range(std::optional<double> from,
                                          std::optional<double> to) const;
  // The order of newest_first(), as a comparison of two docids.
  auto newer() const {
    return [this](Xapian::docid a, Xapian::docid b) {
      return published_[a] != published_[b] ? published_[a] > published_[b] : id(a) < id(b);
    };
  }

 private:
  // Strings per docid, back to back in one allocation.
  struct Strings {
    std::string bytes;
    std::vector<std::uint64_t> ends;  // ends[d]: where docid d's string ends; ends[0] = 0
    std::string_view at(Xapian::docid d) const {
      return std::string_view(bytes).substr(ends[d - 1], ends[d] - ends[d - 1]);
    }
  };
  // One facet's values per docid while the table is read, before the rows are put together.
  struct Column {
    std::vector<std::uint32_t> start;  // per docid, plus one past the last
    std::vector<ValueId> values;
  };
  // The steps of build(), in order.
  void read_documents(const Xapian::Database& db);
  void mark_linked_to(const Xapian::Database& db);
  Column read_column(const Xapian::Database& db, Facet f);
  void join_rows(const std::vector<Column>& columns);
  void count_pairs();
  void fill_postings();
  void read_strings(const Xapian::Database& db, Xapian::valueno slot, Strings& out);

  // All of a document's values in one row: counting a document reads one short run of memory,
  // not one per facet.
  std::vector<std::uint32_t> row_start_;  // per docid, plus one past the last
  std::vector<ValueId> row_values_;
  std::vector<std::string> names_, labels_;
  std::vector<std::uint8_t> facet_of_;
  std::vector<std::vector<Xapian::docid>> postings_;
  std::vector<std::uint32_t> together_;  // vocabulary x vocabulary, row-major
  PerFacet<std::unordered_map<std::string, ValueId>> ids_by_name_;
  std::array<ValueId, kFacetCount + 1> first_{};  // facet f's values are [first_[f], first_[f + 1])
  std::vector<double> published_;
  std::vector<bool> present_, linked_to_;
  std::vector<Xapian::docid> newest_first_;
  Strings ids_, titles_;
  // (hash of the id, docid), sorted: 12 bytes a briefing where a hash map would take about 50.
  std::vector<std::pair<std::uint64_t, Xapian::docid>> by_id_;
};

// Counts of facet values over a set of documents, indexed by ValueId.
class FacetTally {
 public:
  FacetTally(const FacetTable& table, const std::vector<Facet>& facets);
  void add(Xapian::docid d);
  void remove(Xapian::docid d);  // undoes add(d), or takes d out of add_everything's totals
  const std::vector<std::uint32_t>& counts() const { return counts_; }
  // The counted facets' values over the documents with value v (table.together(v) not empty).
  void add_together(ValueId v);
  // A facet's totals over the whole index.
  void add_everything(Facet f);

 private:
  const FacetTable& table_;
  std::vector<std::uint32_t> counts_;
  std::uint8_t counted_ = 0;  // bit per Facet
  bool all_ = false;          // every facet counted: whole rows, no checks
};

}  // namespace briefing
