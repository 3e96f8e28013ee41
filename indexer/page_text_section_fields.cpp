// The sections below the header of page text. Each parser gets the section's text lines in page
// order and returns its field; a line it cannot place is prose of the item above it.
#include "page_text_section_fields.h"

#include <charconv>
#include <cstddef>
#include <optional>
#include <string_view>
#include <tuple>
#include <utility>

#include "page_text_chars.h"
#include "page_text_dates.h"
#include "page_text_prose.h"

namespace briefing::page_text {
namespace {

// The kind of an outlook item from its bullet line, lower case; nullopt for any other line.
std::optional<std::string> parse_outlook_kind(std::string_view line) {
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (std::string_view bullet :
         {kBullet, kMiddleDot, std::string_view("-"), std::string_view("*")}) {
      if (!line.starts_with(bullet)) continue;
      line = trim(line.substr(bullet.size()));
      stripped = true;
    }
  }
  std::string kind = ascii_lower(line);
  if (!kind.empty() && kind.back() == ':') kind.pop_back();
  if (kind == "opportunity" || kind == "risk" || kind == "precedent") return kind;
  return std::nullopt;
}

struct Horizon {
  std::string horizon;
  std::optional<double> probability;
};

// A probability written as 0.65, .65 or 65%.
std::optional<double> parse_probability(std::string_view text) {
  bool percent = text.ends_with('%');
  if (percent) text = trim(text.substr(0, text.size() - 1));
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  if (percent || (value > 1.0 && value <= 100.0)) value /= 100.0;
  return value;
}

// "Short term · 0.65" (or "Medium-term", "Long term | 55%", or a horizon without odds).
std::optional<Horizon> parse_horizon(std::string_view line) {
  std::string key = ascii_lower(line);
  for (std::string_view h : {"short", "medium", "long"}) {
    if (!std::string_view(key).starts_with(h)) continue;
    std::string_view rest = std::string_view(line).substr(h.size());
    if (!rest.empty() && (rest.front() == ' ' || rest.front() == '-')) rest.remove_prefix(1);
    if (!ascii_lower(rest.substr(0, 4)).starts_with("term")) return std::nullopt;
    rest = trim(rest.substr(4));
    for (std::string_view sep : {kMiddleDot, kBullet, std::string_view("|"), std::string_view(":"),
                                 std::string_view(","), std::string_view("-")})
      if (rest.starts_with(sep)) rest = trim(rest.substr(sep.size()));
    Horizon result{std::string(h), std::nullopt};
    if (rest.empty()) return result;
    result.probability = parse_probability(rest);
    if (!result.probability) return std::nullopt;  // "Short term plans..." is a sentence
    return result;
  }
  return std::nullopt;
}

// Trailing separators between a source name and its date: spaces, "·", "•", ",", "|", dashes.
std::string_view trim_separators(std::string_view s) {
  for (bool stripped = true; stripped;) {
    stripped = false;
    s = trim(s);
    for (std::string_view sep :
         {kMiddleDot, kBullet, std::string_view(","), std::string_view("|"), std::string_view("-"),
          std::string_view("\xE2\x80\x93"), std::string_view("\xE2\x80\x94")}) {
      if (!s.ends_with(sep)) continue;
      s.remove_suffix(sep.size());
      stripped = true;
    }
  }
  return s;
}

// A line that ends with a full date: what precedes the date is the source.
std::optional<std::pair<std::string, std::string>> parse_source_date(std::string_view line) {
  std::vector<DateMatch> dates = full_dates_in(line);
  if (dates.empty()) return std::nullopt;
  const DateMatch& last = dates.back();
  for (char c : line.substr(last.end))
    if (is_ascii_alnum(c)) return std::nullopt;
  return std::pair{std::string(trim_separators(line.substr(0, last.begin))),
                   format_civil_date(last.date)};
}

}  // namespace

std::vector<OutlookItem> parse_outlook(const std::vector<std::string>& lines) {
  std::vector<OutlookItem> items;
  for (const std::string& line : lines) {
    if (auto kind = parse_outlook_kind(line)) {
      items.push_back({*kind, {}, {}, std::nullopt});
    } else if (items.empty()) {
      continue;  // an introduction above the first item is not an item
    } else if (auto h = parse_horizon(line); h && items.back().horizon.empty()) {
      items.back().horizon = h->horizon;
      items.back().probability = h->probability;
    } else {
      append_paragraph(items.back().text, tidy_prose(line));
    }
  }
  std::erase_if(items, [](const OutlookItem& o) { return o.text.empty(); });
  return items;
}

FirstReported parse_first_reported(const std::vector<std::string>& lines) {
  FirstReported fr;
  // The source line comes below the title, and the title itself may end with a date: search from
  // the bottom for the source line.
  std::optional<std::size_t> source_at;
  for (std::size_t i = lines.size(); i > 0 && !source_at; --i) {
    if (auto sd = parse_source_date(lines[i - 1])) {
      std::tie(fr.source, fr.date) = *sd;
      source_at = i - 1;
    }
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (source_at && i == *source_at) continue;
    fr.title = lines[i];
    break;
  }
  return fr;
}

std::string parse_causes_effects(const std::vector<std::string>& lines, const std::string& title) {
  std::vector<std::string> kept;
  for (const std::string& line : lines)
    if (line != title) kept.push_back(line);
  return join_prose(kept);
}

std::vector<Perspective> parse_perspectives(const std::vector<std::string>& lines) {
  bool doubled = false;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) doubled = doubled || lines[i] == lines[i + 1];
  std::vector<Perspective> out;
  for (std::size_t i = 0; i < lines.size();) {
    if (!doubled) {
      if (i + 1 < lines.size()) out.push_back({lines[i], tidy_prose(lines[i + 1])});
      i += 2;
    } else if (i + 1 < lines.size() && lines[i] == lines[i + 1]) {
      out.push_back({lines[i], {}});
      i += 2;
    } else {
      if (!out.empty()) append_paragraph(out.back().text, tidy_prose(lines[i]));
      ++i;
    }
  }
  std::erase_if(out, [](const Perspective& p) { return p.text.empty(); });
  return out;
}

}  // namespace briefing::page_text
