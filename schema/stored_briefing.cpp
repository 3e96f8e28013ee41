// Reading a document's stored briefing (stored_briefing.h).
#include "stored_briefing.h"

#include "briefing_json.h"
#include "briefing_text.h"
#include "errors.h"

namespace briefing {

std::optional<Briefing> read_stored_briefing(std::string_view data) {
  // What is read here (hits, snippets, related events) never needs the body's structure, which
  // is most of a Markdown briefing's stored JSON: it is left out while parsing (43 -> 26 us a
  // briefing over the 1,129 advisories at -O2; 10 us without any structure). /briefings/{id}
  // serves the stored text as it is.
  auto skip_structure = [](int depth, nlohmann::json::parse_event_t event, nlohmann::json& key) {
    return !(depth == 1 && event == nlohmann::json::parse_event_t::key && key == "body_blocks");
  };
  auto object = nlohmann::json::parse(data, skip_structure, false);
  if (!object.is_object()) return std::nullopt;
  try {
    return briefing_fields_from_json(object);
  } catch (const InvalidBriefing&) {
    return std::nullopt;
  }
}

std::vector<std::string_view> snippet_texts(const Briefing& b) {
  std::vector<std::string_view> out;
  for_each_text(b, [&out](TextField kind, const std::string& text) {
    if (kind == TextField::kProse) out.push_back(text);
  });
  return out;
}

}  // namespace briefing
