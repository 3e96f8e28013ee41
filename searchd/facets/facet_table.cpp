#include "facet_table.h"

#include <algorithm>

#include "facet_labels.h"
#include "facet_layout.h"
#include "index_layout.h"

namespace briefing {
namespace {

// Above this many facet values the co-occurrence square (4 bytes a pair) is not kept.
constexpr std::size_t kMaxTogetherVocabulary = 3000;

}  // namespace

std::shared_ptr<const FacetTable> FacetTable::build(const Xapian::Database& db) {
  auto table = std::make_shared<FacetTable>();
  table->read_documents(db);
  table->mark_linked_to(db);
  // Column by column (each facet's values numbered after the previous facet's), then one row per
  // document.
  std::vector<Column> columns;
  for (Facet f : kAllFacets) {
    table->first_[facet_index(f)] = table->vocabulary_size();
    columns.push_back(table->read_column(db, f));
  }
  table->first_[kFacetCount] = table->vocabulary_size();
  table->join_rows(columns);
  table->count_pairs();
  table->fill_postings();
  return table;
}

// Dates, ids and titles; which docids are present, newest first; the id index.
void FacetTable::read_documents(const Xapian::Database& db) {
  const Xapian::docid last = db.get_lastdocid();
  published_.assign(last + 1, 0.0);
  present_.assign(last + 1, false);
  for (auto it = db.valuestream_begin(layout::kPublished);
       it != db.valuestream_end(layout::kPublished); ++it)
    published_[it.get_docid()] = Xapian::sortable_unserialise(*it);
  read_strings(db, layout::kIdValue, ids_);
  read_strings(db, layout::kTitleValue, titles_);
  for (Xapian::docid d = 1; d <= last; ++d)
    if (ids_.ends[d] > ids_.ends[d - 1]) {
      present_[d] = true;
      newest_first_.push_back(d);
    }
  {  // sorted as (date, docid) pairs side by side: only a tie on the date reads the ids, which
     // break it as the order key does in Xapian's sort (order_key.h)
    std::vector<std::pair<double, Xapian::docid>> by_date;
    by_date.reserve(newest_first_.size());
    for (Xapian::docid d : newest_first_) by_date.emplace_back(-published_[d], d);
    std::sort(by_date.begin(), by_date.end(), [this](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : ids_.at(a.second) < ids_.at(b.second);
    });
    for (std::size_t i = 0; i < by_date.size(); ++i) newest_first_[i] = by_date[i].second;
  }
  by_id_.reserve(newest_first_.size());
  for (Xapian::docid d : newest_first_)
    by_id_.emplace_back(std::hash<std::string_view>{}(ids_.at(d)), d);
  std::sort(by_id_.begin(), by_id_.end());
}

// The link terms' names alone say which briefings are linked to; their posting lists are read
// only for those, when related events are asked for.
void FacetTable::mark_linked_to(const Xapian::Database& db) {
  linked_to_.assign(last_docid() + 1, false);
  const std::string links(layout::kLinksTo);
  for (auto it = db.allterms_begin(links); it != db.allterms_end(links); ++it)
    if (auto d = find_id(std::string_view(*it).substr(links.size()))) linked_to_[*d] = true;
}

void FacetTable::join_rows(const std::vector<Column>& columns) {
  const Xapian::docid last = last_docid();
  row_start_.assign(1, 0);
  row_start_.reserve(last + 2);
  std::size_t total = 0;
  for (const Column& c : columns) total += c.values.size();
  row_values_.reserve(total);
  for (Xapian::docid d = 0; d <= last; ++d) {
    for (const Column& c : columns)
      row_values_.insert(row_values_.end(), c.values.begin() + c.start[d],
                         c.values.begin() + c.start[d + 1]);
    row_start_.push_back(static_cast<std::uint32_t>(row_values_.size()));
  }
}

// The co-occurrence square, while it stays small (1,500 values: 9 MB).
void FacetTable::count_pairs() {
  const std::size_t n = names_.size();
  if (n > kMaxTogetherVocabulary) return;
  together_.assign(n * n, 0);
  for (Xapian::docid d = 1; d <= last_docid(); ++d) {
    const auto r = row(d);
    for (ValueId a : r)
      for (ValueId b : r) ++together_[static_cast<std::size_t>(a) * n + b];
  }
}

// Each value's documents in newest-first order, by walking the documents in that order.
void FacetTable::fill_postings() {
  std::vector<std::size_t> sizes(names_.size(), 0);
  for (Xapian::docid d : newest_first_)
    for (ValueId v : row(d)) ++sizes[v];
  for (ValueId v = 0; v < sizes.size(); ++v) postings_[v].reserve(sizes[v]);
  for (Xapian::docid d : newest_first_)
    for (ValueId v : row(d)) postings_[v].push_back(d);
}

void FacetTable::read_strings(const Xapian::Database& db, Xapian::valueno slot, Strings& out) {
  const Xapian::docid last = last_docid();
  out.ends.assign(1, 0);
  out.ends.reserve(last + 1);
  Xapian::docid next = 1;
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    for (; next < it.get_docid(); ++next) out.ends.push_back(out.bytes.size());
    out.bytes += *it;
    out.ends.push_back(out.bytes.size());
    ++next;
  }
  for (; next <= last; ++next) out.ends.push_back(out.bytes.size());
}

FacetTable::Column FacetTable::read_column(const Xapian::Database& db, Facet f) {
  const FacetField& field = facet_field(f);
  auto& ids = ids_by_name_[facet_index(f)];
  auto intern = [&](std::string_view name) {
    auto [it, added] = ids.try_emplace(std::string(name), vocabulary_size());
    if (added) {
      names_.emplace_back(name);
      labels_.push_back(facet_label(f, names_.back()));
      facet_of_.push_back(static_cast<std::uint8_t>(f));
      postings_.emplace_back();
    }
    return it->second;
  };
  Column column;
  const Xapian::docid last = last_docid();
  column.start.reserve(last + 2);
  Xapian::docid next = 0;  // column.start[d] is where docid d's values begin
  for (auto it = db.valuestream_begin(field.slot); it != db.valuestream_end(field.slot); ++it) {
    const Xapian::docid d = it.get_docid();
    for (; next <= d; ++next)
      column.start.push_back(static_cast<std::uint32_t>(column.values.size()));
    const std::string value = *it;
    const auto first = column.values.size();
    for_each_slot_value(field, value,
                        [&](std::string_view v) { column.values.push_back(intern(v)); });
    auto mine = column.values.begin() + static_cast<std::ptrdiff_t>(first);
    std::sort(mine, column.values.end());
    column.values.erase(std::unique(mine, column.values.end()), column.values.end());
  }
  for (; next <= last + 1; ++next)
    column.start.push_back(static_cast<std::uint32_t>(column.values.size()));
  return column;
}

std::span<const ValueId> FacetTable::values(Facet f, Xapian::docid d) const {
  const std::span<const ValueId> all = row(d);
  const auto [first, end] = range(f);
  auto b = std::lower_bound(all.begin(), all.end(), first);
  auto e = std::lower_bound(b, all.end(), end);
  return all.subspan(static_cast<std::size_t>(b - all.begin()), static_cast<std::size_t>(e - b));
}

std::span<const Xapian::docid> FacetTable::in_range(std::optional<double> from,
                                                    std::optional<double> to) const {
  const auto& all = newest_first_;
  auto first = std::partition_point(all.begin(), all.end(),
                                    [&](Xapian::docid d) { return to && published_[d] > *to; });
  auto last = std::partition_point(
      first, all.end(), [&](Xapian::docid d) { return !from || published_[d] >= *from; });
  return {all.data() + (first - all.begin()), static_cast<std::size_t>(last - first)};
}

std::optional<Xapian::docid> FacetTable::find_id(std::string_view id) const {
  const std::uint64_t h = std::hash<std::string_view>{}(id);
  auto it = std::lower_bound(by_id_.begin(), by_id_.end(), std::make_pair(h, Xapian::docid{0}));
  for (; it != by_id_.end() && it->first == h; ++it)
    if (ids_.at(it->second) == id) return it->second;
  return std::nullopt;
}

std::optional<ValueId> FacetTable::find(Facet f, const std::string& name) const {
  const auto& ids = ids_by_name_[facet_index(f)];
  auto it = ids.find(name);
  if (it == ids.end()) return std::nullopt;
  return it->second;
}

FacetTally::FacetTally(const FacetTable& table, const std::vector<Facet>& facets)
    : table_(table), counts_(table.vocabulary_size(), 0) {
  for (Facet f : facets) counted_ |= static_cast<std::uint8_t>(1u << facet_index(f));
  all_ = counted_ == (1u << kFacetCount) - 1;
}

void FacetTally::add(Xapian::docid d) {
  std::uint32_t* counts = counts_.data();
  if (all_) {
    for (ValueId v : table_.row(d)) ++counts[v];
    return;
  }
  if (!counted_) return;
  for (ValueId v : table_.row(d)) counts[v] += (counted_ >> facet_index(table_.facet_of(v))) & 1u;
}

void FacetTally::remove(Xapian::docid d) {
  std::uint32_t* counts = counts_.data();
  for (ValueId v : table_.row(d)) counts[v] -= (counted_ >> facet_index(table_.facet_of(v))) & 1u;
}

void FacetTally::add_together(ValueId v) {
  const auto with = table_.together(v);
  for (Facet f : kAllFacets) {
    if (!((counted_ >> facet_index(f)) & 1u)) continue;
    const auto [first, end] = table_.range(f);
    for (ValueId w = first; w < end; ++w) counts_[w] += with[w];
  }
}

void FacetTally::add_everything(Facet f) {
  const auto [first, end] = table_.range(f);
  for (ValueId v = first; v < end; ++v)
    counts_[v] = static_cast<std::uint32_t>(table_.postings(v).size());
}

}  // namespace briefing
