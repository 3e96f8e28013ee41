// Relaxing a query that finds fewer briefings than a page: its least informative parts are made
// optional one at a time (relaxation.h decides the order) until it finds enough.
#pragma once

#include <functional>

#include <xapian.h>

#include "query_builder.h"

namespace briefing {

// How many briefings `matching` finds with the request's filters, counted no further than the
// number asked for (a bounded boolean match, never a full count).
using MatchCounter = std::function<Xapian::doccount(const Xapian::Query& matching)>;

// Gives up parts of `built` in relaxation order until it finds `enough` (by `at_least`) or only
// one part is left, and reassembles it; relaxed parts still rank. True when anything was relaxed.
// Meant for a query that, as typed, found fewer than `enough`.
bool relax_query(const Xapian::Database& db, BuiltQuery& built, Xapian::doccount enough,
                 const MatchCounter& at_least);

}  // namespace briefing
