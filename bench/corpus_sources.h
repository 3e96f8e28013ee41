// The real texts a benchmark corpus is built from, loaded from the shared data folder at run time
// (WA SOC advisories, CISA KEV, the MISP threat-actor galaxy), never copied into the repository.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace briefing::bench {

struct Advisory {
  std::string id;
  std::string date;  // YYYY-MM-DD
  std::string title;
  std::vector<std::string> paragraphs;   // plain text; the first is the lede
  std::vector<std::uint32_t> kev_hints;  // KEV entries whose vendor the title names
};

struct KevEntry {
  std::string cve;
  std::string vendor;
  std::string product;
  std::string name;  // vulnerabilityName
  std::string description;
  std::string required_action;
  std::string date_added;  // YYYY-MM-DD
};

struct ThreatActor {
  std::string name;
  std::string description;  // one line, white space collapsed
};

// One advisory paragraph that is not a lede: the body's pool of advisory text.
struct Passage {
  std::uint32_t advisory;
  std::uint32_t paragraph;
};

struct SourceTexts {
  std::vector<Advisory> advisories;  // only those with at least one paragraph
  std::vector<KevEntry> kev;
  std::vector<ThreatActor> actors;  // most synonyms first: a rough "how well known" ranking
  std::vector<Passage> passages;    // every distinct advisory paragraph after the lede
};

// Reads DIR/data/{wasoc-advisories.jsonl,kev.json,misp-threat-actor.json}; throws
// std::runtime_error naming the file when one is missing or not in the expected shape.
SourceTexts load_source_texts(const std::filesystem::path& shared_dir);

// Markdown to plain paragraphs, simply: headings, tables, code fences and link-only lines are
// dropped, list markers and emphasis removed, links replaced by their text, HTML tags by a space.
std::vector<std::string> plain_paragraphs(std::string_view markdown);

// The inline part of that: one block of Markdown to plain text (white space collapsed, a line
// break kept where the block had one).
std::string strip_inline_markdown(std::string_view line);

}  // namespace briefing::bench
