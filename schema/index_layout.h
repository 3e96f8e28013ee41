// Where every briefing field lives in the Xapian index: term prefixes, value slots, metadata keys.
// This header is the one contract between the indexer (which writes) and searchd (which reads).
#pragma once

#ifdef BRIEFING_HTTP_LAYER
#error "the HTTP layer never reads the index: ask the search library (searchd/api/) instead"
#endif

#include <string_view>

#include <xapian.h>

namespace briefing::layout {

// Bumped whenever anything below changes meaning; an index of another version is refused.
inline constexpr std::string_view kSchemaVersion = "7";
inline constexpr std::string_view kSchemaVersionKey = "briefing.schema_version";

// ---- Terms -------------------------------------------------------------------------------------
// Free text of every text field: stemmed analyser terms, unprefixed, with positions.
// Title words are also written under kTitle, and weigh more in the unprefixed field.
inline constexpr std::string_view kTitle = "S";
inline constexpr std::string_view kId = "Q";  // unique id term: "Q" + id
// Two or three adjacent free-text words that are all shingle words (shingles.h): "B" + the words,
// space-separated ("Bremot code", "Bremot code execut"), at the first word's position, weighted
// as its field's words are (kTitleWeight in a title).
inline constexpr std::string_view kShingle = "B";

// Boolean filter terms; values are the canonical facet values, written as is (case kept).
inline constexpr std::string_view kActor = "XA";
inline constexpr std::string_view kVendor = "XV";
inline constexpr std::string_view kRegion = "XR";
inline constexpr std::string_view kSeries = "XE";
inline constexpr std::string_view kCategory = "XC";
inline constexpr std::string_view kStatus = "XT";
inline constexpr std::string_view kDay = "D";    // D20260529
inline constexpr std::string_view kMonth = "M";  // M202605
inline constexpr std::string_view kYear = "Y";   // Y2026
// Source file the briefing came from: "XF" + hex hash of its path (paths can exceed a term's size).
inline constexpr std::string_view kSource = "XF";
// Outgoing explicit links: "XL" + id of the related briefing (answers "who links to me").
inline constexpr std::string_view kLinksTo = "XL";
// The kinds and horizons of a briefing's outlook items: "XO" + outlook_terms (outlook_layout.h):
// "XOrisk/", "XO/short", "XOrisk/short".
inline constexpr std::string_view kOutlook = "XO";
// Words of the parties whose perspectives a briefing gives, again under "P" (they are free text
// too): the party: scope.
inline constexpr std::string_view kParty = "P";
// Near-duplicates (near_duplicate.h): "XN" + each band key of the body's MinHash signature, so
// that the candidates for a briefing's group are the briefings sharing a band term with it; and
// "XG" + the key of its near-duplicate group (the least id among the group's members), so that a
// group's members can be listed.
inline constexpr std::string_view kBand = "XN";
inline constexpr std::string_view kDuplicateGroup = "XG";

// How much more a title word weighs than a body word (within-document frequency increment).
inline constexpr Xapian::termcount kTitleWeight = 5;
// Gap between fields so that a phrase cannot run from the end of one field into the next.
inline constexpr Xapian::termpos kFieldGap = 100;

// ---- Values
// --------------------------------------------------------------------------------------
enum Slot : Xapian::valueno {
  kPublished = 0,  // Xapian::sortable_serialise(seconds since the epoch): sort and date ranges
  kActorSet = 1,   // sorted canonical values joined by kSetSeparator: exact multi-valued facets
  kVendorSet = 2,
  kRegionSet = 3,
  kMonthValue = 4,   // "2026-05": the date histogram
  kSeriesValue = 5,  // single-valued facets
  kCategoryValue = 6,
  kStatusValue = 7,
  kSourcePath = 8,   // path of the source file, as given to the indexer, made absolute
  kContentHash = 9,  // hash of the canonical JSON: an unchanged briefing is not rewritten
  // Id and title: what searchd keeps in memory for every briefing to list related events
  // without reading and parsing document data.
  kIdValue = 10,
  kTitleValue = 11,
  // order_key(published, id): newest first, ties by id, the same in one index and in shards.
  kOrderKey = 12,
  // Xapian::sortable_serialise(seconds since the epoch): when the indexer last wrote this
  // briefing's content or moved it to another source (the start of that run); kept through a
  // rewrite that changes neither, as a --full run does. Feeds give it as an entry's `updated`, and
  // saved searches ask for what was written since they last looked. Empty in a briefing written
  // before the slot existed.
  kIndexedAt = 13,
  // updated_key(indexed-at, order key) (order_key.h): what feeds sort by, last written first.
  // Empty when kIndexedAt is.
  kUpdatedKey = 14,
  // near_duplicate::encode_signature of the body's MinHash signature; empty for a body too short.
  kSignature = 15,
  // The key of the briefing's near-duplicate group, as its "XG" term holds it: the collapse key
  // (Enquire::set_collapse_key) that folds a group's matches into one hit. Every briefing has
  // one; a briefing like no other is a group of its own, keyed by its own id.
  kDuplicateGroupValue = 16,
  // The outlook items as records (outlook_layout.h: kind, horizon, probability, positions):
  // what /outlook filters, counts and sorts without reading the document data. Empty when the
  // briefing has none.
  kOutlookItems = 20,
};
inline constexpr char kSetSeparator = '\x1f';

// ---- Document data
// ------------------------------------------------------------------------------- The document data
// is the briefing's canonical JSON (compact), as /briefings/{id} returns it.

// ---- Metadata
// ------------------------------------------------------------------------------------
// "briefing.source:" + hex hash of a source path -> "<content hash> <path>": sources seen last run.
inline constexpr std::string_view kSourceKeyPrefix = "briefing.source:";
inline constexpr std::string_view kLastChangeKey = "briefing.last_change";  // RFC 3339 UTC
// Entities imported with `indexer --entities` (JSON, Gazetteer::to_json): searchd loads them too.
inline constexpr std::string_view kEntitiesKey = "briefing.entities";
// Hash of everything extraction depends on: when it changes, every source is read again.
inline constexpr std::string_view kExtractionKey = "briefing.extraction";
// The shard this index is (shard_spec.h: "K/N"), absent for a whole index: a run with another
// spec is refused.
inline constexpr std::string_view kShardKey = "briefing.shard";

}  // namespace briefing::layout
