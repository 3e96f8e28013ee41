// How a briefing's outlook items are kept in the index so that /outlook can filter, count and
// sort them without reading and parsing each briefing: one value slot holding a short record per
// item (kind, horizon, probability, and where the item's words sit among the document's
// positions), and boolean terms for the kinds and horizons a briefing has (so that a filter on
// them narrows the briefings before any record is read).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "briefing.h"

namespace briefing {

enum class OutlookKind : std::uint8_t { kOther = 0, kRisk = 1, kOpportunity = 2, kPrecedent = 3 };
enum class OutlookHorizon : std::uint8_t { kNone = 0, kShort = 1, kMedium = 2, kLong = 3 };

// The names the API and the JSON use ("risk", "short"); nullopt for a name that is none of them.
std::optional<OutlookKind> outlook_kind_named(std::string_view name);
std::optional<OutlookHorizon> outlook_horizon_named(std::string_view name);
std::string_view outlook_kind_name(OutlookKind kind);     // "" for kOther
std::string_view outlook_horizon_name(OutlookHorizon h);  // "" for kNone

// One outlook item as the index records it.
struct OutlookRecord {
  OutlookKind kind = OutlookKind::kOther;
  OutlookHorizon horizon = OutlookHorizon::kNone;
  std::optional<std::uint8_t> percent;  // probability in whole percent, when given
  // The positions of the item's words in the document: a query word at a position in
  // [first, last] is a word of this item (fields are kept apart by layout::kFieldGap).
  std::uint32_t first_position = 0, last_position = 0;

  bool operator==(const OutlookRecord&) const = default;
};

OutlookRecord outlook_record(const OutlookItem& item);

// The value slot's bytes, and back. Decoding ignores a truncated last record.
std::string encode_outlook(const std::vector<OutlookRecord>& records);
std::vector<OutlookRecord> decode_outlook(std::string_view bytes);

// The boolean terms for a briefing with these items: one for having any ("/"), one per kind
// ("risk/"), per horizon ("/short"), and per kind and horizon together ("risk/short"), each
// after `prefix`.
std::vector<std::string> outlook_terms(std::string_view prefix,
                                       const std::vector<OutlookRecord>& records);
// The term that selects briefings with an item of this kind and horizon (either or both may be
// absent).
std::string outlook_filter_term(std::string_view prefix, std::optional<OutlookKind> kind,
                                std::optional<OutlookHorizon> horizon);

}  // namespace briefing
