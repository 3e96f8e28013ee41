// Document layout: free text (stemmed terms with positions), title terms again under "S" and
// weighted up, boolean filter terms, and value slots for sorting, ranges and facet counting.
#include "document_builder.h"

#include <algorithm>

#include "briefing_json.h"
#include "briefing_text.h"
#include "content_hash.h"
#include "index_layout.h"
#include "timestamp.h"

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

}  // namespace

std::string source_term(const std::string& source_path) {
  return std::string(layout::kSource) + content_hash(source_path);
}

std::string join_set(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += layout::kSetSeparator;
    out += v;
  }
  return out;
}

void DocumentBuilder::index_text(BuiltDocument& out, const std::string& text,
                                 Xapian::termcount weight, bool title) {
  if (text.empty()) return;
  tokens_.clear();
  Xapian::termpos end = analyser_.analyse(text, tokens_, next_position_);
  Xapian::Document& doc = out.document;
  for (const Token& t : tokens_) {
    if (t.term.size() > kMaxTermBytes) continue;
    doc.add_posting(t.term, t.position, weight);
    if (title) doc.add_posting(std::string(layout::kTitle) + t.term, t.position);
    if (t.role == TokenRole::kWord) add_spelling_word(out.spelling, text, t);
  }
  next_position_ = end + layout::kFieldGap;
}

BuiltDocument DocumentBuilder::build(const Briefing& b, const std::string& source_path) {
  BuiltDocument out;
  Xapian::Document& doc = out.document;
  next_position_ = 1;

  std::string data = to_json(b).dump();
  out.content_hash = content_hash(data);
  out.id_term = std::string(layout::kId) + b.id;
  doc.set_data(data);
  doc.add_boolean_term(out.id_term);

  for_each_text(b, [&](TextField kind, const std::string& text) {
    bool title = kind == TextField::kTitle;
    index_text(out, text, title ? layout::kTitleWeight : 1, title);
  });

  for (const auto& v : b.actors) add_boolean(doc, layout::kActor, v);
  for (const auto& v : b.vendors) add_boolean(doc, layout::kVendor, v);
  for (const auto& v : b.regions) add_boolean(doc, layout::kRegion, v);
  for (const auto& v : b.related) add_boolean(doc, layout::kLinksTo, v);
  add_boolean(doc, layout::kSeries, b.series);
  add_boolean(doc, layout::kCategory, b.category);
  add_boolean(doc, layout::kStatus, b.status);
  const std::string day = format_date(b.published);  // YYYY-MM-DD
  add_boolean(doc, layout::kDay, day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2));
  add_boolean(doc, layout::kMonth, day.substr(0, 4) + day.substr(5, 2));
  add_boolean(doc, layout::kYear, day.substr(0, 4));
  doc.add_boolean_term(source_term(source_path));

  doc.add_value(layout::kPublished, Xapian::sortable_serialise(static_cast<double>(b.published)));
  doc.add_value(layout::kActorSet, join_set(b.actors));
  doc.add_value(layout::kVendorSet, join_set(b.vendors));
  doc.add_value(layout::kRegionSet, join_set(b.regions));
  doc.add_value(layout::kMonthValue, day.substr(0, 7));
  doc.add_value(layout::kSeriesValue, b.series);
  doc.add_value(layout::kCategoryValue, b.category);
  doc.add_value(layout::kStatusValue, b.status);
  doc.add_value(layout::kSourcePath, source_path);
  doc.add_value(layout::kContentHash, out.content_hash);
  return out;
}

}  // namespace briefing
