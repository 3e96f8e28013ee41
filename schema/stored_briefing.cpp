// Reading a document's stored briefing (stored_briefing.h).
#include "stored_briefing.h"

#include "briefing_json.h"
#include "briefing_text.h"
#include "errors.h"

namespace briefing {

std::optional<Briefing> read_stored_briefing(std::string_view data) {
  auto object = nlohmann::json::parse(data, nullptr, false);
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
