// Loading and simplifying the real texts. Everything is kept in file order (or an explicit stable
// ranking) so that the generator's draws, and therefore its output, depend on the seed alone.
#include "corpus_sources.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace briefing::bench {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// Paragraphs shorter than this are labels and leftovers ("Note:", a lone link), not prose.
constexpr std::size_t kMinParagraphBytes = 60;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot open");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

json parse_file(const fs::path& path) {
  try {
    return json::parse(read_file(path));
  } catch (const json::exception& e) {
    throw std::runtime_error(path.string() + ": " + e.what());
  }
}

std::string text_of(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}
bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// Runs of white space become one space, or one line break when they hold one; ends are trimmed.
std::string collapse_space(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (!is_space(c)) {
      out += c;
    } else if (out.empty()) {
      continue;
    } else if (c == '\n' && out.back() == ' ') {
      out.back() = '\n';
    } else if (out.back() != ' ' && out.back() != '\n') {
      out += c == '\n' ? '\n' : ' ';
    }
  }
  if (!out.empty() && is_space(out.back())) out.pop_back();
  return out;
}

// Names, titles and catalogue texts are single lines.
std::string one_line(std::string_view text) {
  std::string out = collapse_space(text);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// "- item", "* item", "+ item", "12. item", "> quote" lose their marker.
std::string_view without_block_marker(std::string_view line) {
  line = trim_view(line);
  while (!line.empty() && line.front() == '>') line = trim_view(line.substr(1));
  if (line.size() > 1 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ')
    return trim_view(line.substr(2));
  std::size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
  if (digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
      line[digits + 1] == ' ')
    return trim_view(line.substr(digits + 2));
  return line;
}

bool is_list_item(std::string_view line) {
  return without_block_marker(line).size() != trim_view(line).size();
}

// How much of a paragraph is words rather than addresses.
std::size_t prose_bytes(std::string_view text) {
  std::size_t bytes = 0, i = 0;
  while (i < text.size()) {
    std::size_t end = text.find_first_of(" \n", i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(i, end - i);
    if (word.find("://") == std::string_view::npos && word.find("www.") != 0) bytes += word.size();
    i = end + 1;
  }
  return bytes;
}

// A block's lines are joined before the inline markup is stripped: links may wrap.
void flush_block(std::string& block, bool keep, std::vector<std::string>& out) {
  std::string paragraph = keep ? strip_inline_markdown(block) : std::string();
  block.clear();
  if (paragraph.size() >= kMinParagraphBytes && prose_bytes(paragraph) >= kMinParagraphBytes)
    out.push_back(std::move(paragraph));
}

// Reference lists are addresses with titles, not prose a briefing would quote.
bool is_reference_heading(std::string_view heading) {
  std::string lower(heading);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("reference") != std::string::npos;
}

// The position after the "(...)" starting at `open`, nested parentheses included, or npos.
std::size_t after_parenthesis(std::string_view s, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == '(')
      ++depth;
    else if (s[i] == ')' && --depth == 0)
      return i + 1;
  }
  return std::string_view::npos;
}

// The "]" closing the "[" at `open` ("[[CVE-1] title](url)" has brackets in its text), or npos.
std::size_t matching_bracket(std::string_view s, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == '[')
      ++depth;
    else if (s[i] == ']' && --depth == 0)
      return i;
  }
  return std::string_view::npos;
}

// A line that is one link and nothing else ("- [Vendor advisory](https://...)"); with every
// line of a block like that, the block is a list of links, not prose.
bool is_link_only(std::string_view line) {
  line = trim_view(line);
  if (line.starts_with("<http") && line.back() == '>') return true;
  if (line.empty() || line.front() != '[') return false;
  std::size_t close = matching_bracket(line, 0);
  if (close == std::string_view::npos || close + 1 >= line.size() || line[close + 1] != '(')
    return false;
  std::size_t end = after_parenthesis(line, close + 1);
  return end != std::string_view::npos && trim_view(line.substr(end)).size() <= 1;
}

// Replaces a "<...>" at `i`: autolinks keep their address, tags become a space. Returns the
// position after it, or npos when it is a plain "<".
std::size_t strip_angle(std::string_view s, std::size_t i, std::string& out) {
  std::size_t close = s.find('>', i);
  if (close == std::string_view::npos) return close;
  std::string_view inner = s.substr(i + 1, close - i - 1);
  if (inner.starts_with("http://") || inner.starts_with("https://") ||
      inner.starts_with("mailto:")) {
    out += inner;
    return close + 1;
  }
  if (!inner.empty() &&
      (std::isalpha(static_cast<unsigned char>(inner[0])) || inner[0] == '/' || inner[0] == '!')) {
    out += ' ';
    return close + 1;
  }
  return std::string_view::npos;
}

void index_kev_hints(SourceTexts& texts) {
  // Vendors named in an advisory's title (as a whole word, case as written) become its vendors.
  for (Advisory& a : texts.advisories) {
    for (std::uint32_t k = 0; k < texts.kev.size(); ++k) {
      const std::string& v = texts.kev[k].vendor;
      for (std::size_t at = a.title.find(v); at != std::string::npos;
           at = a.title.find(v, at + 1)) {
        bool start = at == 0 || !is_alnum(a.title[at - 1]);
        bool end = at + v.size() == a.title.size() || !is_alnum(a.title[at + v.size()]);
        if (start && end) {
          a.kev_hints.push_back(k);
          break;
        }
      }
    }
  }
}

void load_advisories(const fs::path& path, SourceTexts& texts) {
  std::istringstream lines(read_file(path));
  std::set<std::string> seen;  // a paragraph repeated across advisories enters the pool once
  std::string line;
  for (std::size_t line_no = 1; std::getline(lines, line); ++line_no) {
    if (trim_view(line).empty()) continue;
    json record;
    try {
      record = json::parse(line);
    } catch (const json::exception& e) {
      throw std::runtime_error(path.string() + ":" + std::to_string(line_no) + ": " + e.what());
    }
    Advisory a{text_of(record, "id"),
               text_of(record, "date"),
               one_line(text_of(record, "title")),
               plain_paragraphs(text_of(record, "text")),
               {}};
    if (a.title.empty() || a.date.size() < 10 || a.paragraphs.empty()) continue;
    auto index = static_cast<std::uint32_t>(texts.advisories.size());
    for (std::uint32_t p = 1; p < a.paragraphs.size(); ++p)
      if (seen.insert(a.paragraphs[p]).second) texts.passages.push_back({index, p});
    texts.advisories.push_back(std::move(a));
  }
  if (texts.advisories.empty()) throw std::runtime_error(path.string() + ": no usable advisories");
}

void load_kev(const fs::path& path, SourceTexts& texts) {
  json root = parse_file(path);
  auto list = root.find("vulnerabilities");
  if (list == root.end() || !list->is_array())
    throw std::runtime_error(path.string() + ": no \"vulnerabilities\" array");
  for (const json& v : *list) {
    KevEntry e{text_of(v, "cveID"),
               one_line(text_of(v, "vendorProject")),
               one_line(text_of(v, "product")),
               one_line(text_of(v, "vulnerabilityName")),
               one_line(text_of(v, "shortDescription")),
               one_line(text_of(v, "requiredAction")),
               text_of(v, "dateAdded")};
    if (e.vendor.empty() || e.name.empty() || e.description.empty() || e.date_added.size() < 10)
      continue;
    texts.kev.push_back(std::move(e));
  }
  if (texts.kev.empty()) throw std::runtime_error(path.string() + ": no usable entries");
}

void load_actors(const fs::path& path, SourceTexts& texts) {
  json root = parse_file(path);
  auto list = root.find("values");
  if (list == root.end() || !list->is_array())
    throw std::runtime_error(path.string() + ": no \"values\" array");
  struct Ranked {
    ThreatActor actor;
    std::size_t synonyms;
  };
  std::vector<Ranked> ranked;
  for (const json& v : *list) {
    ThreatActor actor{one_line(text_of(v, "value")), one_line(text_of(v, "description"))};
    // Actors without a description still count as names; long names would fail validation.
    if (actor.name.empty() || actor.name.size() > 120) continue;
    std::size_t synonyms = 0;
    if (auto meta = v.find("meta"); meta != v.end() && meta->is_object()) {
      if (auto s = meta->find("synonyms"); s != meta->end() && s->is_array()) synonyms = s->size();
    }
    ranked.push_back({std::move(actor), synonyms});
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const Ranked& a, const Ranked& b) { return a.synonyms > b.synonyms; });
  for (Ranked& r : ranked) texts.actors.push_back(std::move(r.actor));
  if (texts.actors.empty()) throw std::runtime_error(path.string() + ": no usable actors");
}

}  // namespace

std::string strip_inline_markdown(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '!' && i + 1 < s.size() && s[i + 1] == '[') {
      ++i;  // an image: keep its alt text like a link's text
    } else if (c == '[') {
      std::size_t close = matching_bracket(s, i);
      if (close != std::string_view::npos && close + 1 < s.size() && s[close + 1] == '(') {
        std::size_t end = after_parenthesis(s, close + 1);
        if (end != std::string_view::npos) {
          out += strip_inline_markdown(s.substr(i + 1, close - i - 1));
          i = end;
          continue;
        }
      }
      out += c;
      ++i;
    } else if (c == '<') {
      std::size_t end = strip_angle(s, i, out);
      if (end == std::string_view::npos) {
        out += c;
        ++i;
      } else {
        i = end;
      }
    } else if (c == '*' || c == '`') {
      ++i;  // emphasis and code spans lose their markers
    } else if (c == '_' && i + 1 < s.size() && s[i + 1] == '_') {
      i += 2;
    } else if (c == '\\' && i + 1 < s.size() &&
               std::ispunct(static_cast<unsigned char>(s[i + 1]))) {
      out += s[i + 1];
      i += 2;
    } else {
      out += c;
      ++i;
    }
  }
  return collapse_space(out);
}

std::vector<std::string> plain_paragraphs(std::string_view markdown) {
  std::vector<std::string> out;
  std::string block;
  bool in_fence = false, in_references = false, only_links = true;
  std::size_t start = 0;
  while (start <= markdown.size()) {
    std::size_t end = markdown.find('\n', start);
    if (end == std::string_view::npos) end = markdown.size();
    std::string_view line = trim_view(markdown.substr(start, end - start));
    start = end + 1;
    if (line.starts_with("```") || line.starts_with("~~~")) {
      in_fence = !in_fence;
      flush_block(block, !in_references && !only_links, out);
      only_links = true;
    } else if (in_fence || line.empty() || line.front() == '#' || line.front() == '|' ||
               line.starts_with("---") || line.starts_with("===")) {
      // Code, headings, tables and rules end a paragraph.
      flush_block(block, !in_references && !only_links, out);
      only_links = true;
      if (!in_fence && !line.empty() && line.front() == '#')
        in_references = is_reference_heading(line);
    } else {
      // List items keep their line breaks; wrapped prose lines are joined with a space.
      if (!block.empty()) block += is_list_item(line) ? '\n' : ' ';
      std::string_view text = without_block_marker(line);
      only_links = only_links && is_link_only(text);
      block += text;
    }
    if (end == markdown.size()) break;
  }
  flush_block(block, !in_references && !only_links, out);
  return out;
}

SourceTexts load_source_texts(const fs::path& shared_dir) {
  SourceTexts texts;
  const fs::path data = shared_dir / "data";
  load_advisories(data / "wasoc-advisories.jsonl", texts);
  load_kev(data / "kev.json", texts);
  load_actors(data / "misp-threat-actor.json", texts);
  index_kev_hints(texts);
  return texts;
}

}  // namespace briefing::bench
