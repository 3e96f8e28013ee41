// Document layout: free text (stemmed terms with positions), title terms again under "S" and
// weighted up, boolean filter terms, and value slots for sorting, ranges and facet counting.
#include "document_builder.h"

#include <algorithm>

#include "briefing_json.h"
#include "briefing_text.h"
#include "content_hash.h"
#include "duplicate_groups.h"
#include "facet_layout.h"
#include "index_dates.h"
#include "index_layout.h"
#include "near_duplicate.h"
#include "order_key.h"
#include "outlook_layout.h"
#include "shingles.h"

namespace briefing {
namespace {

// Longer tokens are noise (encoded blobs); Xapian also refuses terms over 245 bytes.
constexpr std::size_t kMaxTermBytes = 64;
constexpr std::size_t kMaxBooleanTermBytes = 240;
constexpr std::size_t kMinSpellingWord = 4, kMaxSpellingWord = 24;

void add_boolean(Xapian::Document& doc, std::string_view prefix, const std::string& value) {
  if (value.empty() || prefix.size() + value.size() > kMaxBooleanTermBytes) return;
  doc.add_boolean_term(std::string(prefix) + value);
}

// Plain words of letters only (what a user may misspell), lower-cased; identifiers and numbers
// are not corrected.
void add_spelling_word(std::set<std::string>& words, const std::string& text, const Token& t) {
  std::size_t length = t.end - t.begin;
  if (length < kMinSpellingWord || length > kMaxSpellingWord) return;
  std::string word(text, t.begin, length);
  for (char& c : word) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
    else if (c < 'a' || c > 'z')
      return;
  }
  words.insert(std::move(word));
}

// Each facet's filter terms and counted value (facet_layout.h); the date as its day, month and
// year terms and its month value (index_dates.h).
void add_facets(Xapian::Document& doc, const Briefing& b) {
  for (Facet f : kAllFacets) {
    if (!selected_by_value(f)) continue;
    const FacetField& field = facet_field(f);
    std::vector<std::string> values = facet_values(b, f);
    for (const auto& v : values) add_boolean(doc, field.prefix, v);
    if (field.multi_valued)
      doc.add_value(field.slot, join_value_set(std::move(values)));
    else if (!values.empty())
      doc.add_value(field.slot, values.front());
  }
  const IndexDate day = index_date(b.published);
  for (const std::string& term : {day_term(day), month_term(day), year_term(day)})
    doc.add_boolean_term(term);
  doc.add_value(facet_field(Facet::kDate).slot, month_value(day));
}

// The shingle words at one position: a word, or a compound and its first part, which share it
// (a phrase of words matches either: "remote NetWork" holds "remote network" and "remote net").
struct ShingleSlot {
  std::uint32_t position = 0;
  std::vector<const std::string*> words;
};

// The shingle terms of each two and each three adjacent positions whose words are shingle words
// (shingles.h), every combination of the words each position holds, weighted as the field's
// words are.
void add_shingles(Xapian::Document& doc, const std::vector<Token>& tokens,
                  Xapian::termcount weight) {
  ShingleSlot before, previous, current;  // positions p - 2, p - 1 and p
  auto add_ending_at_current = [&] {
    if (current.words.empty() || previous.position + 1 != current.position) return;
    const bool triples = before.position + 1 == previous.position;
    for (const std::string* w : current.words)
      for (const std::string* v : previous.words) {
        doc.add_posting(shingle_term(*v, *w), previous.position, weight);
        if (!triples) continue;
        for (const std::string* u : before.words)
          doc.add_posting(shingle_term(*u, *v, *w), before.position, weight);
      }
  };
  for (const Token& t : tokens) {
    if (t.position != current.position || &t == &tokens.front()) {
      add_ending_at_current();
      before = std::move(previous);
      previous = std::move(current);
      current = {t.position, {}};
    }
    if (is_shingle_word(t.term)) current.words.push_back(&t.term);
  }
  add_ending_at_current();
}

}  // namespace

std::string source_term(const std::string& source_path) {
  return std::string(layout::kSource) + content_hash(source_path);
}

void DocumentBuilder::analyse_field(TextField kind, const std::string& text) {
  if (used_fields_ == fields_.size()) fields_.emplace_back();
  Field& f = fields_[used_fields_++];
  f.kind = kind;
  f.text = &text;
  f.tokens.clear();
  next_position_ = analyser_.analyse(text, f.tokens, next_position_) + layout::kFieldGap;
}

void DocumentBuilder::extract_entities(Briefing& b, EntityProvenance& provenance) {
  const Gazetteer& g = *extraction_.gazetteer;
  // Values given in the file are kept, spelled canonically ("Fancy Bear" -> "APT28").
  for (auto& v : b.actors) v = g.canonical(EntityKind::kActor, v);
  for (auto& v : b.vendors) v = g.canonical(EntityKind::kVendor, v);
  provenance.given(b);
  EntityMatcher::Scan scan = extraction_.matcher->scan(analyser_);
  std::vector<ScannedText> scanned;
  for (std::size_t i = 0; i < used_fields_; ++i) {
    if (fields_[i].kind == TextField::kSource) continue;
    scan.add(*fields_[i].text, fields_[i].tokens,
             fields_[i].kind == TextField::kTitle || fields_[i].kind == TextField::kHeadline);
    scanned.push_back({field_name(b, fields_[i].text), fields_[i].text});
  }
  EntityMatches found = scan.finish();
  provenance.found(found, scanned);
  auto merge = [](std::vector<std::string>& into, const std::vector<std::string>& more) {
    for (const auto& v : more)
      if (std::find(into.begin(), into.end(), v) == into.end()) into.push_back(v);
  };
  merge(b.actors, found.actors);
  merge(b.vendors, found.vendors);
  merge(b.regions, found.regions);
}

// The briefing's entities as stored: given and found, then corrected; returns their provenance.
nlohmann::json DocumentBuilder::settle_entities(Briefing& b) {
  EntityProvenance provenance;
  if (extraction_.matcher)
    extract_entities(b, provenance);
  else
    provenance.given(b);
  EntityLists lists{&b.actors, &b.vendors, &b.regions};
  if (extraction_.corrections) extraction_.corrections->apply(b.id, lists);
  return provenance.to_json(lists);
}

// The body's MinHash signature and its band terms, from the tokens the body was analysed into;
// and a group of its own, which is what most briefings keep when the run settles the groups
// (duplicate_groups.h), so that only the members of real groups are written twice.
void DocumentBuilder::add_signature(Xapian::Document& doc, const Briefing& b) {
  set_group(doc, b.id);
  const std::string& compared = near_duplicate::compared_text(b);
  for (std::size_t i = 0; i < used_fields_; ++i) {
    if (fields_[i].text != &compared) continue;
    const near_duplicate::Signature signature =
        near_duplicate::minhash(near_duplicate::shingles(fields_[i].tokens));
    doc.add_value(layout::kSignature, near_duplicate::encode_signature(signature));
    for (const std::string& key : near_duplicate::band_keys(signature))
      doc.add_boolean_term(std::string(layout::kBand) + key);
    return;
  }
}

void DocumentBuilder::add_postings(BuiltDocument& out, const Field& field) {
  Xapian::Document& doc = out.document;
  const bool title = field.kind == TextField::kTitle;
  const bool party = field.kind == TextField::kParty;
  const Xapian::termcount weight = title ? layout::kTitleWeight : 1;
  for (const Token& t : field.tokens) {
    if (t.term.size() > kMaxTermBytes) continue;
    doc.add_posting(t.term, t.position, weight);
    if (title) doc.add_posting(std::string(layout::kTitle) + t.term, t.position);
    if (party) doc.add_posting(std::string(layout::kParty) + t.term, t.position);
    // Whole words only: a CamelCase word ("SharePoint") is one, its parts are not.
    if (t.role != TokenRole::kPart) add_spelling_word(out.spelling, *field.text, t);
  }
  add_shingles(doc, field.tokens, weight);
}

// Each outlook item's record, with the positions its words took (found by the text the field
// analysed, which is the item's own string), its value and its filter terms.
void DocumentBuilder::add_outlook(Xapian::Document& doc, const Briefing& b) const {
  std::vector<OutlookRecord> records;
  for (const OutlookItem& item : b.outlook) {
    OutlookRecord r = outlook_record(item);
    for (std::size_t i = 0; i < used_fields_; ++i) {
      const Field& f = fields_[i];
      if (f.text != &item.text || f.tokens.empty()) continue;
      const auto [low, high] = std::minmax_element(
          f.tokens.begin(), f.tokens.end(),
          [](const Token& x, const Token& y) { return x.position < y.position; });
      r.first_position = low->position;
      r.last_position = high->position;
    }
    records.push_back(r);
  }
  if (records.empty()) return;
  doc.add_value(layout::kOutlookItems, encode_outlook(records));
  for (const std::string& term : outlook_terms(layout::kOutlook, records))
    doc.add_boolean_term(term);
}

BuiltDocument DocumentBuilder::build(const Briefing& input, const std::string& source_path) {
  BuiltDocument out;
  out.briefing = input;
  Briefing& b = out.briefing;
  Xapian::Document& doc = out.document;

  // Analyse once: the same tokens feed extraction and the postings. Entity names (given and
  // found) are analysed last, so that "APT28" finds a briefing that only says "Fancy Bear".
  used_fields_ = 0;
  next_position_ = 1;
  for_each_text(b, [this](TextField kind, const std::string& text) { analyse_field(kind, text); });
  nlohmann::json provenance = settle_entities(b);
  for_each_entity_name(b,
                       [this](const std::string& name) { analyse_field(TextField::kProse, name); });
  for (std::size_t i = 0; i < used_fields_; ++i) add_postings(out, fields_[i]);
  add_signature(doc, b);

  nlohmann::json stored = to_json(b);
  if (!provenance.empty()) stored["provenance"] = std::move(provenance);
  std::string data = stored.dump();
  out.content_hash = content_hash(data);
  out.id_term = std::string(layout::kId) + b.id;
  doc.set_data(data);
  doc.add_boolean_term(out.id_term);

  for (const auto& v : b.related) add_boolean(doc, layout::kLinksTo, v);
  add_facets(doc, b);
  add_outlook(doc, b);
  doc.add_boolean_term(source_term(source_path));
  doc.add_value(layout::kPublished, Xapian::sortable_serialise(static_cast<double>(b.published)));
  doc.add_value(layout::kSourcePath, source_path);
  doc.add_value(layout::kContentHash, out.content_hash);
  doc.add_value(layout::kIdValue, b.id);
  doc.add_value(layout::kOrderKey, order_key(b.published, b.id));
  doc.add_value(layout::kTitleValue, b.title);
  return out;
}

}  // namespace briefing
