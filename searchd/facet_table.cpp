#include "facet_table.h"

#include <algorithm>
#include <numeric>

#include "facet_counter.h"
#include "facet_fields.h"
#include "index_layout.h"

namespace briefing {

std::shared_ptr<const FacetTable> FacetTable::build(const Xapian::Database& db) {
  auto table = std::make_shared<FacetTable>();
  const Xapian::docid last = db.get_lastdocid();
  table->published_.assign(last + 1, 0.0);
  table->present_.assign(last + 1, false);
  for (auto it = db.valuestream_begin(layout::kPublished);
       it != db.valuestream_end(layout::kPublished); ++it)
    table->published_[it.get_docid()] = Xapian::sortable_unserialise(*it);
  table->read_strings(db, layout::kIdValue, table->ids_);
  table->read_strings(db, layout::kTitleValue, table->titles_);
  for (Xapian::docid d = 1; d <= last; ++d)
    if (table->ids_.ends[d] > table->ids_.ends[d - 1]) {
      table->present_[d] = true;
      table->newest_first_.push_back(d);
    }
  std::sort(table->newest_first_.begin(), table->newest_first_.end(), table->newer());
  table->by_id_.reserve(table->newest_first_.size());
  for (Xapian::docid d : table->newest_first_)
    table->by_id_.emplace_back(std::hash<std::string_view>{}(table->ids_.at(d)), d);
  std::sort(table->by_id_.begin(), table->by_id_.end());
  for (Facet f : kAllFacets) table->read_column(db, f);
  return table;
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

void FacetTable::read_column(const Xapian::Database& db, Facet f) {
  const FacetField& field = facet_field(f);
  Column& c = columns_[static_cast<int>(f)];
  const Xapian::docid last = last_docid();
  c.offsets.assign(1, 0);
  c.offsets.reserve(last + 2);
  auto intern = [&c, f](std::string_view name) {
    auto [it, added] = c.ids.try_emplace(std::string(name), static_cast<ValueId>(c.names.size()));
    if (added) {
      c.names.emplace_back(name);
      c.labels.push_back(facet_label(f, c.names.back()));
      c.postings.emplace_back();
    }
    return it->second;
  };
  Xapian::docid next = 1;  // offsets[d] is where docid d's values start
  for (auto it = db.valuestream_begin(field.slot); it != db.valuestream_end(field.slot); ++it) {
    const Xapian::docid d = it.get_docid();
    for (; next <= d; ++next) c.offsets.push_back(static_cast<std::uint32_t>(c.values.size()));
    const std::string value = *it;
    std::string_view rest(value);
    while (!rest.empty()) {
      std::size_t end = field.multi_valued ? rest.find(layout::kSetSeparator) : rest.npos;
      ValueId v = intern(rest.substr(0, end));
      c.values.push_back(v);
      c.postings[v].push_back(d);
      rest = end == rest.npos ? std::string_view() : rest.substr(end + 1);
    }
  }
  for (; next <= last + 1; ++next) c.offsets.push_back(static_cast<std::uint32_t>(c.values.size()));
  for (auto& list : c.postings) std::sort(list.begin(), list.end(), newer());
}

std::span<const ValueId> FacetTable::values(Facet f, Xapian::docid d) const {
  const Column& c = column(f);
  return std::span<const ValueId>(c.values.data() + c.offsets[d], c.offsets[d + 1] - c.offsets[d]);
}

std::optional<Xapian::docid> FacetTable::find_id(std::string_view id) const {
  const std::uint64_t h = std::hash<std::string_view>{}(id);
  auto it = std::lower_bound(by_id_.begin(), by_id_.end(), std::make_pair(h, Xapian::docid{0}));
  for (; it != by_id_.end() && it->first == h; ++it)
    if (ids_.at(it->second) == id) return it->second;
  return std::nullopt;
}

std::optional<ValueId> FacetTable::find(Facet f, const std::string& name) const {
  const Column& c = column(f);
  auto it = c.ids.find(name);
  if (it == c.ids.end()) return std::nullopt;
  return it->second;
}

FacetTally::FacetTally(const FacetTable& table, std::vector<Facet> facets)
    : table_(table), facets_(std::move(facets)) {
  for (Facet f : facets_) counts_[static_cast<int>(f)].assign(table.vocabulary_size(f), 0);
}

void FacetTally::add(Xapian::docid d) {
  for (Facet f : facets_) {
    std::uint64_t* counts = counts_[static_cast<int>(f)].data();
    for (ValueId v : table_.values(f, d)) ++counts[v];
  }
}

void FacetTally::remove(Xapian::docid d) {
  for (Facet f : facets_) {
    std::uint64_t* counts = counts_[static_cast<int>(f)].data();
    for (ValueId v : table_.values(f, d)) --counts[v];
  }
}

void FacetTally::add_everything(Facet f) {
  auto& counts = counts_[static_cast<int>(f)];
  counts.resize(table_.vocabulary_size(f));
  for (ValueId v = 0; v < counts.size(); ++v) counts[v] = table_.postings(f, v).size();
}

FacetCounts shape_tally(Facet facet, const FacetTable& table,
                        const std::vector<std::uint64_t>& counts,
                        const std::vector<std::string>& selected, int limit) {
  std::vector<ValueId> ids;
  for (ValueId v = 0; v < counts.size(); ++v)
    if (counts[v] > 0) ids.push_back(v);
  auto by_name = [&](ValueId a, ValueId b) { return table.name(facet, a) < table.name(facet, b); };
  auto by_count = [&](ValueId a, ValueId b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : by_name(a, b);
  };
  std::vector<ValueId> beyond;  // cut off, but selected: kept so a ticked box never disappears
  if (facet == Facet::kDate) {
    std::sort(ids.begin(), ids.end(), by_name);
  } else if (limit >= 0 && ids.size() > static_cast<std::size_t>(limit)) {
    std::partial_sort(ids.begin(), ids.begin() + limit, ids.end(), by_count);
    for (auto it = ids.begin() + limit; it != ids.end(); ++it)
      if (std::find(selected.begin(), selected.end(), table.name(facet, *it)) != selected.end())
        beyond.push_back(*it);
    ids.resize(static_cast<std::size_t>(limit));
    std::sort(beyond.begin(), beyond.end(), by_count);
  } else {
    std::sort(ids.begin(), ids.end(), by_count);
  }
  FacetCounts out{facet, {}};
  for (const auto* list : {&ids, &beyond})
    for (ValueId v : *list)
      out.values.push_back({table.name(facet, v), table.label(facet, v), counts[v]});
  if (facet != Facet::kDate)
    for (const std::string& s : selected) {
      bool present = std::any_of(out.values.begin(), out.values.end(),
                                 [&](const FacetCount& c) { return c.value == s; });
      if (!present) out.values.push_back({s, facet_label(facet, s), 0});
    }
  return out;
}

}  // namespace briefing
