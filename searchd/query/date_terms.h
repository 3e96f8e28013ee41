// A date range as the index's date terms, so that Xapian can skip to the briefings in it instead
// of reading every candidate's timestamp: whole years as `Y` terms, whole months as `M`, whole
// days as `D`, and a day only partly inside as its `D` term narrowed by the timestamp slot.
// "2025-01-01 to 2025-06-30" is six month terms; "2024-03-15T12:00Z to 2026-01-02" is half a day,
// 16 days, 9 months, a year and 2 days. Dates are UTC, as the indexer writes them.
#pragma once

#include <cstdint>

#include <xapian.h>

namespace briefing {

// Briefings published in [from, to], both in seconds since the epoch, inclusive.
Xapian::Query date_range_terms(std::int64_t from, std::int64_t to);

}  // namespace briefing
