// A body's structure to and from its canonical JSON, checked part by part (body_blocks_json.h).
#include "body_blocks_json.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "errors.h"
#include "text_util.h"

namespace briefing {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxLinkBytes = 2048;

constexpr std::array<std::pair<BodyBlockKind, std::string_view>, 4> kKindNames = {{
    {BodyBlockKind::kHeading, "heading"},
    {BodyBlockKind::kParagraph, "paragraph"},
    {BodyBlockKind::kList, "list"},
    {BodyBlockKind::kCode, "code"},
}};

std::string at(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

json spans_to_json(const SpanLine& spans) {
  json out = json::array();
  for (const BodySpan& s : spans) {
    if (s.href.empty())
      out.push_back(s.text);
    else
      out.push_back({{"text", s.text}, {"href", s.href}});
  }
  return out;
}

json items_to_json(bool ordered, const std::vector<BodyItem>& items) {
  json list = {{"ordered", ordered}, {"items", json::array()}};
  for (const BodyItem& item : items) {
    json one = {{"spans", spans_to_json(item.spans)}};
    if (!item.sublist.empty()) one["list"] = items_to_json(item.sublist_ordered, item.sublist);
    list["items"].push_back(std::move(one));
  }
  return list;
}

const json& member(const json& object, const char* key, const std::string& path) {
  auto it = object.find(key);
  if (it == object.end()) throw InvalidBriefing(path + "." + key, "is required");
  return *it;
}

const json& array_member(const json& object, const char* key, const std::string& path) {
  const json& value = member(object, key, path);
  if (!value.is_array()) throw InvalidBriefing(path + "." + key, "must be an array");
  return value;
}

bool flag(const json& object, const char* key, const std::string& path) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return false;
  if (!it->is_boolean()) throw InvalidBriefing(path + "." + key, "must be true or false");
  return it->get<bool>();
}

BodySpan span_from_json(const json& value, const std::string& path) {
  if (value.is_string()) return {value.get<std::string>(), {}};
  if (!value.is_object()) throw InvalidBriefing(path, "must be a string or an object");
  const json& text = member(value, "text", path);
  if (!text.is_string()) throw InvalidBriefing(path + ".text", "must be a string");
  BodySpan span{text.get<std::string>(), {}};
  if (auto href = value.find("href"); href != value.end() && !href->is_null()) {
    if (!href->is_string()) throw InvalidBriefing(path + ".href", "must be a string");
    span.href = href->get<std::string>();
  }
  return span;
}

SpanLine spans_from_json(const json& array, const std::string& path) {
  if (!array.is_array()) throw InvalidBriefing(path, "must be an array of spans");
  SpanLine out;
  for (std::size_t i = 0; i < array.size(); ++i)
    out.push_back(span_from_json(array[i], at(path, i)));
  return out;
}

// A list object: "ordered" and "items"; an item of a list inside an item may not hold a list.
std::vector<BodyItem> items_from_json(const json& list, const std::string& path, bool nested,
                                      bool& ordered) {
  if (!list.is_object()) throw InvalidBriefing(path, "must be an object");
  ordered = flag(list, "ordered", path);
  const json& items = array_member(list, "items", path);
  std::vector<BodyItem> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string item_path = at(path + ".items", i);
    const json& item = items[i];
    if (!item.is_object()) throw InvalidBriefing(item_path, "must be an object");
    BodyItem one{
        spans_from_json(member(item, "spans", item_path), item_path + ".spans"), false, {}};
    if (auto sub = item.find("list"); sub != item.end() && !sub->is_null()) {
      if (nested) throw InvalidBriefing(item_path + ".list", "lists nest one level deep at most");
      one.sublist = items_from_json(*sub, item_path + ".list", true, one.sublist_ordered);
    }
    out.push_back(std::move(one));
  }
  return out;
}

BodyBlock block_from_json(const json& value, const std::string& path) {
  if (!value.is_object()) throw InvalidBriefing(path, "must be an object");
  const json& type = member(value, "type", path);
  auto kind = std::find_if(kKindNames.begin(), kKindNames.end(), [&type](const auto& k) {
    return type.is_string() && type.get<std::string>() == k.second;
  });
  if (kind == kKindNames.end())
    throw InvalidBriefing(path + ".type", "must be heading, paragraph, list or code");
  BodyBlock block;
  block.kind = kind->first;
  if (block.kind == BodyBlockKind::kHeading) {
    const json& level = member(value, "level", path);
    if (!level.is_number_integer()) throw InvalidBriefing(path + ".level", "must be an integer");
    block.level = std::clamp<std::int64_t>(level.get<std::int64_t>(), -1, 7);
    block.lines.push_back(spans_from_json(member(value, "spans", path), path + ".spans"));
  } else if (block.kind == BodyBlockKind::kParagraph) {
    const json& lines = array_member(value, "lines", path);
    for (std::size_t i = 0; i < lines.size(); ++i)
      block.lines.push_back(spans_from_json(lines[i], at(path + ".lines", i)));
  } else if (block.kind == BodyBlockKind::kList) {
    block.items = items_from_json(value, path, false, block.ordered);
    if (auto start = value.find("start"); start != value.end() && !start->is_null()) {
      if (!start->is_number_integer() || *start < 0 || *start > 999999999)
        throw InvalidBriefing(path + ".start", "must be a whole number below 10^9");
      block.start = start->get<int>();
    }
  } else {
    const json& text = member(value, "text", path);
    if (!text.is_string()) throw InvalidBriefing(path + ".text", "must be a string");
    block.code = text.get<std::string>();
  }
  return block;
}

// Drops link targets that are not web links, then empty spans.
void clean_spans(SpanLine& spans) {
  for (BodySpan& s : spans)
    if (!s.href.empty() && !is_web_link(s.href)) s.href.clear();
  std::erase_if(spans, [](const BodySpan& s) { return s.text.empty(); });
}

void clean_items(std::vector<BodyItem>& items) {
  for (BodyItem& item : items) {
    clean_spans(item.spans);
    clean_items(item.sublist);
  }
  std::erase_if(items, [](const BodyItem& i) { return i.spans.empty() && i.sublist.empty(); });
}

struct Tally {
  std::size_t parts = 0, bytes = 0;
  void add(const SpanLine& spans) {
    parts += 1 + spans.size();
    for (const BodySpan& s : spans) bytes += s.text.size() + s.href.size();
  }
  void add(const std::vector<BodyItem>& items) {
    for (const BodyItem& item : items) {
      add(item.spans);
      add(item.sublist);
    }
  }
};

}  // namespace

json body_blocks_to_json(const std::vector<BodyBlock>& blocks) {
  json out = json::array();
  for (const BodyBlock& b : blocks) {
    json one = {{"type", std::find_if(kKindNames.begin(), kKindNames.end(), [&b](const auto& k) {
                           return k.first == b.kind;
                         })->second}};
    if (b.kind == BodyBlockKind::kHeading) {
      one["level"] = b.level;
      one["spans"] = b.lines.empty() ? json::array() : spans_to_json(b.lines.front());
    } else if (b.kind == BodyBlockKind::kParagraph) {
      one["lines"] = json::array();
      for (const SpanLine& line : b.lines) one["lines"].push_back(spans_to_json(line));
    } else if (b.kind == BodyBlockKind::kList) {
      one.update(items_to_json(b.ordered, b.items));
      if (b.ordered && b.start != 1) one["start"] = b.start;
    } else {
      one["text"] = b.code;
    }
    out.push_back(std::move(one));
  }
  return out;
}

std::vector<BodyBlock> body_blocks_from_json(const json& array) {
  if (!array.is_array()) throw InvalidBriefing("body_blocks", "must be an array");
  std::vector<BodyBlock> out;
  for (std::size_t i = 0; i < array.size(); ++i)
    out.push_back(block_from_json(array[i], at("body_blocks", i)));
  return out;
}

bool is_web_link(std::string_view href) {
  if (href.size() > kMaxLinkBytes) return false;
  std::string scheme = ascii_lower(href.substr(0, std::min<std::size_t>(href.size(), 8)));
  std::size_t host = scheme.starts_with("https://") ? 8 : scheme.starts_with("http://") ? 7 : 0;
  if (host == 0 || host >= href.size() || href[host] == '/') return false;
  return std::none_of(href.begin(), href.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7F;
  });
}

void validate_body_blocks(std::vector<BodyBlock>& blocks) {
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    BodyBlock& b = blocks[i];
    if (b.kind == BodyBlockKind::kHeading && (b.level < 1 || b.level > 6))
      throw InvalidBriefing(at("body_blocks", i) + ".level", "must be between 1 and 6");
    for (SpanLine& line : b.lines) clean_spans(line);
    std::erase_if(b.lines, [](const SpanLine& line) { return line.empty(); });
    clean_items(b.items);
  }
  std::erase_if(blocks, [](const BodyBlock& b) {
    return b.kind == BodyBlockKind::kCode ? trim(b.code).empty()
                                          : b.lines.empty() && b.items.empty();
  });
}

void check_body_block_limits(const std::vector<BodyBlock>& blocks, const BriefingLimits& limits) {
  Tally tally;
  for (const BodyBlock& b : blocks) {
    ++tally.parts;
    for (const SpanLine& line : b.lines) tally.add(line);
    tally.add(b.items);
    tally.bytes += b.code.size();
  }
  if (tally.parts > limits.max_body_parts)
    throw InvalidBriefing("body_blocks", "has " + std::to_string(tally.parts) +
                                             " parts, over the limit of " +
                                             std::to_string(limits.max_body_parts));
  if (tally.bytes > 2 * limits.max_field_bytes)
    throw InvalidBriefing("body_blocks", "holds " + std::to_string(tally.bytes) +
                                             " bytes of text, over the limit of " +
                                             std::to_string(2 * limits.max_field_bytes));
}

}  // namespace briefing
