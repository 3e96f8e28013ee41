// An in-memory copy of what facet counting, browsing and related events read for every briefing:
// its facet values as small integers, its date, id and title. Built once per revision of the
// index from Xapian's value streams. Counting a match set is then array increments per document
// instead of reading and splitting value strings (about 9 ms -> under 1 ms for 20,000 matches),
// totals over the whole index are known without a pass, and a browse (no query text) needs no
// matcher at all.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "search_types.h"

namespace briefing {

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

  std::span<const ValueId> values(Facet f, Xapian::docid d) const;
  std::size_t vocabulary_size(Facet f) const { return column(f).names.size(); }
  const std::string& name(Facet f, ValueId v) const { return column(f).names[v]; }
  const std::string& label(Facet f, ValueId v) const { return column(f).labels[v]; }
  std::optional<ValueId> find(Facet f, const std::string& name) const;
  // Documents with the value, newest first (ties: ascending docids), as newest_first() has them.
  const std::vector<Xapian::docid>& postings(Facet f, ValueId v) const {
    return column(f).postings[v];
  }

  double published(Xapian::docid d) const { return published_[d]; }
  std::string_view id(Xapian::docid d) const { return ids_.at(d); }
  // The document with briefing id `id`, if there is one.
  std::optional<Xapian::docid> find_id(std::string_view id) const;
  std::string_view title(Xapian::docid d) const { return titles_.at(d); }
  // Every document, newest first (ties: lower docid first, as Xapian's sort has them).
  const std::vector<Xapian::docid>& newest_first() const { return newest_first_; }
  // The order of newest_first(), as a comparison of two docids.
  auto newer() const {
    return [this](Xapian::docid a, Xapian::docid b) {
      return published_[a] != published_[b] ? published_[a] > published_[b] : a < b;
    };
  }

 private:
  struct Column {
    std::vector<std::uint32_t> offsets;  // per docid: values_[offsets[d] .. offsets[d + 1])
    std::vector<ValueId> values;
    std::vector<std::string> names, labels;
    std::unordered_map<std::string, ValueId> ids;
    std::vector<std::vector<Xapian::docid>> postings;
  };
  // Strings per docid, back to back in one allocation.
  struct Strings {
    std::string bytes;
    std::vector<std::uint64_t> ends;  // ends[d]: where docid d's string ends; ends[0] = 0
    std::string_view at(Xapian::docid d) const {
      return std::string_view(bytes).substr(ends[d - 1], ends[d] - ends[d - 1]);
    }
  };
  const Column& column(Facet f) const { return columns_[static_cast<int>(f)]; }
  void read_column(const Xapian::Database& db, Facet f);
  void read_strings(const Xapian::Database& db, Xapian::valueno slot, Strings& out);

  Column columns_[7];
  std::vector<double> published_;
  std::vector<bool> present_;
  std::vector<Xapian::docid> newest_first_;
  Strings ids_, titles_;
  // (hash of the id, docid), sorted: 12 bytes a briefing where a hash map would take about 50.
  std::vector<std::pair<std::uint64_t, Xapian::docid>> by_id_;
};

// Counts of each facet's values over a set of documents, as integers indexed by ValueId.
class FacetTally {
 public:
  FacetTally(const FacetTable& table, std::vector<Facet> facets);
  void add(Xapian::docid d);
  void remove(Xapian::docid d);  // undoes add(d), or takes d out of add_everything's totals
  const std::vector<std::uint64_t>& counts(Facet f) const { return counts_[static_cast<int>(f)]; }
  // A facet's totals over the whole index.
  void add_everything(Facet f);

 private:
  const FacetTable& table_;
  std::vector<Facet> facets_;
  std::vector<std::uint64_t> counts_[7];
};

// Like shape_facet (facet_counter.h), from a tally: only the values kept get strings.
FacetCounts shape_tally(Facet facet, const FacetTable& table,
                        const std::vector<std::uint64_t>& counts,
                        const std::vector<std::string>& selected, int limit);

}  // namespace briefing
