// Front matter: a YAML-like subset (scalars, quoted strings, flow and block lists, `|` and `>`
// blocks), enough for what static site generators and analysts write.
#include "markdown_front_matter.h"

#include <algorithm>
#include <array>

#include "errors.h"
#include "markdown_text.h"
#include "timestamp.h"

namespace briefing::markdown {
namespace {

// A YAML-like scalar: double quotes with backslash escapes, single quotes with '' for a quote,
// or plain text as written (a `#` in a plain value is kept, since titles such as "Update #3" are
// more likely than comments).
std::string unquote(std::string_view v) {
  v = trim(v);
  if (v.size() >= 2 && v.front() == '\'' && v.back() == '\'') {
    std::string out;
    v = v.substr(1, v.size() - 2);
    for (std::size_t i = 0; i < v.size(); ++i) {
      out += v[i];
      if (v[i] == '\'' && i + 1 < v.size() && v[i + 1] == '\'') ++i;
    }
    return out;
  }
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
    std::string out;
    v = v.substr(1, v.size() - 2);
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i] != '\\' || i + 1 == v.size()) {
        out += v[i];
        continue;
      }
      char e = v[++i];
      out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
    }
    return out;
  }
  return std::string(v);
}

// `[a, "b, c", 'd']`: commas inside quotes do not split.
std::vector<std::string> parse_flow_list(std::string_view v) {
  v = trim(v);
  if (v.starts_with('[')) v.remove_prefix(1);
  if (v.ends_with(']')) v.remove_suffix(1);
  std::vector<std::string> items;
  std::size_t start = 0;
  char quote = 0;
  for (std::size_t i = 0; i <= v.size(); ++i) {
    if (i < v.size() && quote) {
      if (v[i] == quote) quote = 0;
    } else if (i < v.size() && (v[i] == '"' || v[i] == '\'')) {
      quote = v[i];
    } else if (i == v.size() || v[i] == ',') {
      std::string item = unquote(v.substr(start, i - start));
      if (!item.empty()) items.push_back(std::move(item));
      start = i + 1;
    }
  }
  return items;
}

// The value of `key:` that continues on the indented lines below it: `- item` lines make a list,
// `|` keeps line breaks, `>` and plain continuation lines fold into one line.
FrontValue parse_front_value(std::string_view inline_value,
                             const std::vector<std::string_view>& lines, std::size_t& next,
                             std::size_t end) {
  FrontValue value;
  std::string_view v = trim(inline_value);
  std::vector<std::string_view> more;
  while (next < end && (lines[next].empty() || is_ascii_space(lines[next].front()) ||
                        lines[next].starts_with("- ") || trim(lines[next]) == "-")) {
    more.push_back(trim(lines[next]));
    ++next;
  }
  while (!more.empty() && more.back().empty()) more.pop_back();
  if (v.starts_with('[')) {
    value.is_list = true;
    value.list = parse_flow_list(v);
  } else if (v.empty() && !more.empty() && more.front().starts_with('-')) {
    value.is_list = true;
    for (std::string_view item : more)
      if (item.starts_with('-')) {
        std::string text = unquote(item.substr(1));
        if (!text.empty()) value.list.push_back(std::move(text));
      }
  } else if (v == "|" || v == "|-" || v == "|+" || v == ">" || v == ">-" || v == ">+") {
    for (std::string_view line : more) {
      if (!value.scalar.empty()) value.scalar += v.front() == '|' ? "\n" : " ";
      value.scalar += line;
    }
  } else {
    value.scalar = unquote(v);
    for (std::string_view line : more)
      if (!line.empty()) value.scalar += (value.scalar.empty() ? "" : " ") + std::string(line);
  }
  return value;
}

// A front-matter date: RFC 3339, a date alone, or "YYYY-MM-DD HH:MM[:SS]" (taken as UTC), which
// static site generators write.
std::optional<std::int64_t> parse_front_date(const std::string& value) {
  if (auto t = parse_timestamp(value)) return t;
  if (value.size() >= 16 && value[10] == ' ') {
    std::string iso = value;
    iso[10] = 'T';
    if (auto t = parse_timestamp(iso)) return t;
    if (auto t = parse_timestamp(iso + "Z")) return t;
  }
  return std::nullopt;
}

std::vector<std::string> as_list(const FrontValue& v) {
  if (v.is_list) return v.list;
  if (v.scalar.empty()) return {};
  return {v.scalar};
}

// Front-matter keys that fill a text field or a list field of the same JSON name.
constexpr std::array<std::pair<std::string_view, std::string Briefing::*>, 8> kTextKeys = {{
    {"id", &Briefing::id},
    {"title", &Briefing::title},
    {"series", &Briefing::series},
    {"category", &Briefing::category},
    {"status", &Briefing::status},
    {"summary", &Briefing::summary},
    {"key_takeaway", &Briefing::key_takeaway},
    {"url", &Briefing::url},
}};
constexpr std::array<std::pair<std::string_view, std::vector<std::string> Briefing::*>, 4>
    kListKeys = {{
        {"actors", &Briefing::actors},
        {"vendors", &Briefing::vendors},
        {"regions", &Briefing::regions},
        {"related", &Briefing::related},
    }};

}  // namespace

FrontMatter parse_front_matter(const std::vector<std::string_view>& lines, std::size_t& body_from) {
  body_from = 0;
  if (lines.empty() || trim(lines[0]) != "---") return {};
  std::size_t close = 1;
  while (close < lines.size() && trim(lines[close]) != "---" && trim(lines[close]) != "...")
    ++close;
  if (close == lines.size()) return {};
  FrontMatter fm;
  for (std::size_t i = 1; i < close;) {
    std::string_view line = lines[i++];
    if (trim(line).empty() || line.front() == '#' || is_ascii_space(line.front())) continue;
    // A line that is no `key:` means the `---` lines were rules around ordinary text.
    std::size_t colon = line.find(':');
    std::string_view key_text = colon == std::string_view::npos ? "" : line.substr(0, colon);
    bool key_shape = !key_text.empty() && is_ascii_alpha(key_text.front()) &&
                     std::all_of(key_text.begin(), key_text.end(), [](char c) {
                       return is_ascii_alnum(c) || c == '_' || c == '-' || c == ' ';
                     });
    if (!key_shape || (colon + 1 < line.size() && !is_ascii_space(line[colon + 1]))) {
      body_from = 0;
      return {};
    }
    std::string key = ascii_lower(trim(key_text));
    fm.emplace_back(std::move(key), parse_front_value(line.substr(colon + 1), lines, i, close));
  }
  body_from = close + 1;
  return fm;
}

bool apply_front_matter(const FrontMatter& fm, Briefing& b) {
  bool dated = false;
  for (const auto& [key, value] : fm) {
    for (const auto& [name, field] : kTextKeys)
      if (key == name) b.*field = value.scalar;
    for (const auto& [name, field] : kListKeys)
      if (key == name) b.*field = as_list(value);
    if (key == "read_minutes") {
      if (!all_ascii_digits(value.scalar))
        throw InvalidBriefing("read_minutes", "'" + value.scalar + "' is not a whole number");
      b.read_minutes = digits_value(value.scalar);
    } else if ((key == "published" || key == "date") && !dated) {
      auto when = parse_front_date(value.scalar);
      if (!when) throw InvalidBriefing("published", "'" + value.scalar + "' is not a date");
      b.published = *when;
      b.published_has_time = value.scalar.size() > 10;  // more than YYYY-MM-DD
      dated = true;
    }
  }
  return dated;
}

std::optional<std::int64_t> date_from_stem(std::string_view stem) {
  int y = 0, m = 0, d = 0;
  if (stem.size() >= 10 && all_ascii_digits(stem.substr(0, 4)) && stem[4] == '-' &&
      all_ascii_digits(stem.substr(5, 2)) && stem[7] == '-' &&
      all_ascii_digits(stem.substr(8, 2))) {
    y = digits_value(stem.substr(0, 4)), m = digits_value(stem.substr(5, 2)),
    d = digits_value(stem.substr(8, 2));
  } else if (stem.size() >= 8 && all_ascii_digits(stem.substr(0, 8))) {
    y = digits_value(stem.substr(0, 4)), m = digits_value(stem.substr(4, 2)),
    d = digits_value(stem.substr(6, 2));
  } else {
    return std::nullopt;
  }
  if (!valid_civil_date(y, m, d)) return std::nullopt;
  return epoch_seconds({y, m, d});
}

}  // namespace briefing::markdown
