// The schema version searchd reads, checked on every shard the index opens, at start. Xapian
// answers get_metadata on a database of several shards from the first alone, so a stub joining
// shards of two versions would pass a check of the whole: every "auto PATH" and "remote HOST:PORT"
// line of the stub is opened by itself and asked, and a line naming another stub is followed.
#pragma once

#include <string>

#include <xapian.h>

namespace briefing {

// Throws IndexError naming the index and, for a stub, the shard of another version. `db` is the
// index as opened (the one answer for an index that is a folder).
void check_schema_versions(const std::string& path, const Xapian::Database& db);

}  // namespace briefing
