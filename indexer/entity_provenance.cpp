// Excerpts are cut on word boundaries and whole UTF-8 characters, about kContext bytes a side.
#include "entity_provenance.h"

#include "text_util.h"

namespace briefing {
namespace {

constexpr std::size_t kContext = 60;

const char* kind_key(EntityKind kind) {
  return kind == EntityKind::kActor    ? "actors"
         : kind == EntityKind::kVendor ? "vendors"
                                       : "regions";
}

bool continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The words around [begin, end) of `text`, "..." marking a cut, on one line.
std::string excerpt(const std::string& text, std::size_t begin, std::size_t end) {
  std::size_t from = begin > kContext ? begin - kContext : 0;
  std::size_t to = std::min(text.size(), end + kContext);
  while (from > 0 && from < begin && text[from - 1] != ' ') ++from;  // start on a word
  while (to < text.size() && to > end && text[to] != ' ') --to;
  while (from > 0 && continuation_byte(text[from])) ++from;
  while (to < text.size() && continuation_byte(text[to])) --to;
  std::string out =
      (from > 0 ? "..." : "") + text.substr(from, to - from) + (to < text.size() ? "..." : "");
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

}  // namespace

void EntityProvenance::given(const Briefing& b) {
  const std::pair<EntityKind, const std::vector<std::string>*> lists[] = {
      {EntityKind::kActor, &b.actors},
      {EntityKind::kVendor, &b.vendors},
      {EntityKind::kRegion, &b.regions}};
  for (const auto& [kind, values] : lists)
    for (const auto& v : *values) by_kind_[kind_key(kind)][v] = {{"origin", "source"}};
}

void EntityProvenance::found(const EntityMatches& matches, const std::vector<ScannedText>& texts) {
  for (const auto& [entity, at] : matches.evidence) {
    auto& slot = by_kind_[kind_key(entity->kind)];
    if (slot.contains(entity->name) || at.text >= texts.size()) continue;
    const ScannedText& t = texts[at.text];
    slot[entity->name] = {
        {"origin", "text"}, {"field", t.field}, {"text", excerpt(*t.text, at.begin, at.end)}};
  }
}

nlohmann::json EntityProvenance::to_json(const EntityLists& lists) const {
  nlohmann::json out = nlohmann::json::object();
  for (EntityKind kind : {EntityKind::kActor, EntityKind::kVendor, EntityKind::kRegion}) {
    auto known = by_kind_.find(kind_key(kind));
    for (const auto& v : lists.of(kind))
      if (known != by_kind_.end() && known->contains(v)) out[kind_key(kind)][v] = (*known)[v];
  }
  return out;
}

const char* field_name(const Briefing& b, const std::string* text) {
  const std::pair<const std::string*, const char*> fields[] = {
      {&b.title, "title"},
      {&b.summary, "summary"},
      {&b.key_takeaway, "key_takeaway"},
      {&b.body, "body"},
      {&b.analysis.plain_english, "analysis.plain_english"},
      {&b.analysis.root_causes, "analysis.root_causes"},
      {&b.causes_effects, "causes_effects"},
      {&b.first_reported.title, "first_reported.title"}};
  for (const auto& [field, name] : fields)
    if (field == text) return name;
  for (const auto& o : b.outlook)
    if (&o.text == text) return "outlook";
  for (const auto& p : b.perspectives)
    if (&p.text == text || &p.party == text) return "perspectives";
  return "text";
}

}  // namespace briefing
