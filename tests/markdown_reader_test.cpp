// The Markdown reader: tables of snippets for each rule, then real advisories.
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "briefing_json.h"
#include "errors.h"
#include "markdown_reader.h"
#include "timestamp.h"

#ifndef BRIEFING_SHARED_DIR
#define BRIEFING_SHARED_DIR "../shared"
#endif

using briefing::Briefing;
using briefing::format_date;
using briefing::format_timestamp;
using briefing::InvalidBriefing;
using briefing::read_markdown;

namespace {

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& item : list) out += (out.empty() ? "" : "|") + item;
  return out;
}

// The field a row of a table checks, as text.
using Field = std::string (*)(const Briefing&);

// The body of a document whose title heading comes first.
std::string body_of(const std::string& markdown) {
  return read_markdown("# Title\n\n" + markdown, "20240101-test").body;
}

// The field an InvalidBriefing names, or "" when reading succeeds.
std::string failing_field(const std::string& markdown, const std::string& stem) {
  try {
    read_markdown(markdown, stem);
  } catch (const InvalidBriefing& e) {
    return e.field();
  }
  return "";
}

}  // namespace

TEST_CASE("markdown: front matter gives fields by their JSON names", "[markdown]") {
  struct Row {
    const char* front;  // between the --- lines
    Field field;
    const char* expected;
  };
  const Field id = [](const Briefing& b) { return b.id; };
  const Field title = [](const Briefing& b) { return b.title; };
  const Field published = [](const Briefing& b) { return format_timestamp(b.published); };
  const Field summary = [](const Briefing& b) { return b.summary; };
  const Row rows[] = {
      {"title: Plain title", title, "Plain title"},
      {"title: \"Quoted: with colon\"", title, "Quoted: with colon"},
      {"title: 'It''s single'", title, "It's single"},
      {"title: Update #3 · CISA", title, "Update #3 · CISA"},
      {"Title: Keys ignore case", title, "Keys ignore case"},
      {"id: 2026-05-29-csis", id, "2026-05-29-csis"},
      {"published: 2024-03-05T10:00:00+02:00", published, "2024-03-05T08:00:00Z"},
      {"date: 2024-03-05", published, "2024-03-05T00:00:00Z"},
      {"date: \"2024-03-05 10:30\"", published, "2024-03-05T10:30:00Z"},
      {"series: Cyber", [](const Briefing& b) { return b.series; }, "Cyber"},
      {"category: Technology", [](const Briefing& b) { return b.category; }, "Technology"},
      {"status: Breaking", [](const Briefing& b) { return b.status; }, "Breaking"},
      {"url: https://example.org/a", [](const Briefing& b) { return b.url; },
       "https://example.org/a"},
      {"read_minutes: 7", [](const Briefing& b) { return std::to_string(*b.read_minutes); }, "7"},
      {"summary: One line.", summary, "One line."},
      {"summary: >\n  Folded over\n  two lines.", summary, "Folded over two lines."},
      {"summary: |\n  Kept\n  apart.", summary, "Kept\napart."},
      {"actors: [APT28, \"Fancy, Bear\", 'UNC1069']",
       [](const Briefing& b) { return joined(b.actors); }, "APT28|Fancy, Bear|UNC1069"},
      {"vendors:\n  - Cisco\n  - \"Palo Alto Networks\"",
       [](const Briefing& b) { return joined(b.vendors); }, "Cisco|Palo Alto Networks"},
      {"regions:\n- us\n- KR", [](const Briefing& b) { return joined(b.regions); }, "US|KR"},
      {"related: 2026-05-05-gtig", [](const Briefing& b) { return joined(b.related); },
       "2026-05-05-gtig"},
      {"tags: [ignored]\n# a comment\ntitle: T", title, "T"},
  };
  for (const Row& row : rows) {
    INFO(row.front);
    std::string text = std::string("---\n") + row.front + "\n---\n# Heading title\n\nBody text.\n";
    Briefing b = read_markdown(text, "20240101-stem");
    CHECK(row.field(b) == row.expected);
  }
}

TEST_CASE("markdown: front matter defaults and refusals", "[markdown]") {
  Briefing b = read_markdown("---\ntitle: From front\n---\n# Heading\n\nBody.", "20240102-x");
  CHECK(b.id == "20240102-x");
  CHECK(b.title == "From front");
  CHECK(format_date(b.published) == "2024-01-02");  // no date given: the file name's
  CHECK(b.summary.empty());
  CHECK(b.body == "Heading\n\nBody.");  // the title came from front matter: headings stay

  // Without a closing line the --- is a rule, not front matter.
  Briefing rule = read_markdown("---\n# Real title\n\ntitle: not a key", "20240102-x");
  CHECK(rule.title == "Real title");
  CHECK(rule.body == "title: not a key");

  CHECK(failing_field("---\nread_minutes: three\n---\nBody", "20240102-x") == "read_minutes");
  CHECK(failing_field("---\ndate: yesterday\n---\nBody", "20240102-x") == "published");
  CHECK(failing_field("---\nregions: [Korea]\n---\n# T\n\nBody", "20240102-x") == "regions[0]");
}

TEST_CASE("markdown: the title is the first heading, else the first line", "[markdown]") {
  struct Row {
    const char* text;
    const char* title;
    const char* body;
  };
  const Row rows[] = {
      {"# Title\n\nBody.", "Title", "Body."},
      {"### Deep title ###\ntext", "Deep title", "text"},
      {"Intro line.\n\n## Later heading\n\nMore.", "Later heading", "Intro line.\n\nMore."},
      {"Setext Title\n===\n\nBody.", "Setext Title", "Body."},
      {"No heading here\nsecond line\n\nmore", "No heading here", "second line\n\nmore"},
      {"# **Bold** title #", "Bold title", ""},
      {"# [Linked](https://example.org) title\n\nx", "Linked title", "x"},
      {"#NotAHeading\n\nx", "#NotAHeading", "x"},
      {"\n\n   # Indented three\n\nx", "Indented three", "x"},
      {"# T\n\n## Section\n\nText.\n\n### Sub\nMore.", "T", "Section\n\nText.\n\nSub\n\nMore."},
      {"# T\n\nSub\n---\nText.", "T", "Sub\n\nText."},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    if (row.body[0] == '\0') {
      CHECK(failing_field(row.text, "20240101-x") == "summary");  // a title alone is no briefing
      continue;
    }
    Briefing b = read_markdown(row.text, "20240101-x");
    CHECK(b.title == row.title);
    CHECK(b.body == row.body);
  }
}

TEST_CASE("markdown: the date comes from the file name", "[markdown]") {
  struct Row {
    const char* stem;
    const char* date;  // nullptr: no date, reading fails naming "published"
  };
  const Row rows[] = {
      {"20221028001-seopoisoning-gootloader-advisory", "2022-10-28"},
      {"2023-01-05-note", "2023-01-05"},
      {"20240229 leap day", "2024-02-29"},
      {"20230229-not-a-leap-year", nullptr},
      {"20231301-month-13", nullptr},
      {"advisory-20230101", nullptr},
      {"2023-1-5-short", nullptr},
      {"2023", nullptr},
  };
  for (const Row& row : rows) {
    INFO(row.stem);
    std::string text = "# T\n\nBody.";
    if (row.date) {
      Briefing b = read_markdown(text, row.stem);
      CHECK(format_date(b.published) == row.date);
      CHECK(b.id == row.stem);
    } else {
      CHECK(failing_field(text, row.stem) == "published");
    }
  }
}

TEST_CASE("markdown: link text is kept, link targets dropped", "[markdown]") {
  struct Row {
    const char* markdown;
    const char* body;
  };
  const Row rows[] = {
      {"See [the advisory](https://example.org/a) now.", "See the advisory now."},
      {"[Wiki](https://example.org/A_(b)) end", "Wiki end"},
      {"[t](<https://example.org/x y> \"A title\") end", "t end"},
      {"![diagram of the attack](img/a.png)", "diagram of the attack"},
      {"Go [here][ref].\n\n[ref]: https://example.org/r", "Go here."},
      {"Go [here][].", "Go here."},
      {"[Shortcut] works.\n\n[shortcut]: https://example.org/s", "Shortcut works."},
      {"[not a link] stays", "[not a link] stays"},
      {"Visit <https://example.org/path>.", "Visit https://example.org/path."},
      {"Mail <soc@example.org> now", "Mail soc@example.org now"},
      {"[https://example.org/a](https://example.org/a)", "https://example.org/a"},
      {"a [joint\nadvisory (CSA)](https://example.org/j) b", "a joint advisory (CSA) b"},
      {"[**Bold** link](https://example.org/b)", "Bold link"},
      {"Link [in **bold [nested](https://example.org/n)**](https://example.org/o)",
       "Link in bold nested"},
  };
  for (const Row& row : rows) {
    INFO(row.markdown);
    CHECK(body_of(row.markdown) == row.body);
  }
}

TEST_CASE("markdown: HTML tags are stripped, their text kept", "[markdown]") {
  struct Row {
    const char* markdown;
    const char* body;
  };
  const Row rows[] = {
      {"a<br>b", "a b"},
      {"one<br/>two</br>three<BR />four", "one two three four"},
      {"<b>bold</b> and <span class=\"x\">span</span>", "bold and span"},
      {"re<i>ally</i>", "really"},
      {"<a href=\"https://example.org\">Link text</a>", "Link text"},
      {"x <!-- hidden --> y", "x y"},
      {"<!--\nhidden\n-->\nshown", "shown"},
      {"<details>\n<summary>More</summary>\nInside\n</details>", "More Inside"},
      {"Key <UserGuid> stays", "Key <UserGuid> stays"},
      {"C:\\Users\\<user>\\AppData", "C:\\Users<user>\\AppData"},
      {"AT&amp;T &lt;tag&gt; &#8217; &#x41; &bogus;", "AT&T <tag> \xE2\x80\x99 A &bogus;"},
  };
  for (const Row& row : rows) {
    INFO(row.markdown);
    CHECK(body_of(row.markdown) == row.body);
  }
}

TEST_CASE("markdown: emphasis, code, lists, quotes and tables become plain text", "[markdown]") {
  struct Row {
    const char* markdown;
    const char* body;
  };
  const Row rows[] = {
      {"**bold**, __strong__, *em*, _em_ and `code`", "bold, strong, em, em and code"},
      {"***both*** and ~~struck~~", "both and struck"},
      {"WS_FTP and snake_case_name", "WS_FTP and snake_case_name"},
      {"files *.zip and 2 * 3", "files *.zip and 2 * 3"},
      {"**Note:**\xC2\xA0see", "Note:\xC2\xA0see"},
      {"\\*not emphasis\\* and \\[not link\\]", "*not emphasis* and [not link]"},
      {"``code with ` tick``", "code with ` tick"},
      {"| a | b |\n|---|:-:|\n| 1 | 2 |", "a b\n1 2"},
      {"Head | Two\n--- | ---\ncell | `x|y`", "Head Two\ncell x|y"},
      {"| [A | B](https://example.org) | c |", "A | B c"},
      {"- item one\n- item two\n  continued\n* star item",
       "item one\nitem two continued\nstar item"},
      {"1. first\n2) second", "1. first\n2) second"},
      {"- [x] done\n- [ ] todo", "done\ntodo"},
      {"- ### Heading in a list\n\ntext", "Heading in a list\n\ntext"},
      {"> quoted **text**\n> more", "quoted text more"},
      {"line one  \nline two\\\nline three", "line one\nline two\nline three"},
      {"wrapped\nline", "wrapped line"},
      {"```kusto\nlet x = *a* <b>\n```\nafter", "let x = *a* <b>\n\nafter"},
      {"1. step\n\n    ```text\n    C:\\Users\\<user>\n    ```", "1. step\n\nC:\\Users\\<user>"},
      {"~~~\nunclosed fence", "unclosed fence"},
      {"before\n\n---\n\n***\n\nafter", "before\n\nafter"},
  };
  for (const Row& row : rows) {
    INFO(row.markdown);
    CHECK(body_of(row.markdown) == row.body);
  }
}

TEST_CASE("markdown: line ends, byte-order mark and errors", "[markdown]") {
  Briefing b = read_markdown("\xEF\xBB\xBF# Title\r\n\r\nOne\r\ntwo\r\n\r\nThree", "2024-02-03-x");
  CHECK(b.title == "Title");
  CHECK(b.body == "One two\n\nThree");
  CHECK(format_date(b.published) == "2024-02-03");

  CHECK(failing_field("# T\n\nBody", "advisory") == "published");
  CHECK(failing_field("# Only a title", "20240101-x") == "summary");
  CHECK(failing_field("", "20240101-x") == "title");
}

TEST_CASE("markdown: real WASOC advisories read with their id, title and date", "[markdown]") {
  std::ifstream in(BRIEFING_SHARED_DIR "/data/wasoc-advisories.jsonl");
  REQUIRE(in.good());
  std::string line;
  int read = 0;
  while (read < 50 && std::getline(in, line)) {
    nlohmann::json row = nlohmann::json::parse(line);
    std::string id = row.at("id");
    INFO(id);
    Briefing b = read_markdown(row.at("text").get<std::string>(), id);
    CHECK(b.id == id);
    // The data set's title is the heading as written; the reader drops emphasis markers, which
    // one of these headings carries (`# **Sophos Release Patch ...** - 20221208003`).
    std::string title = row.at("title");
    for (std::size_t at; (at = title.find("**")) != std::string::npos;) title.erase(at, 2);
    CHECK(b.title == title);
    CHECK(format_date(b.published) == row.at("date").get<std::string>());
    CHECK_FALSE(b.body.empty());
    CHECK(b.body.find("](http") == std::string::npos);
    ++read;
  }
  CHECK(read == 50);
}

TEST_CASE("markdown: a date alone gives no time of day", "[markdown]") {
  struct Row {
    const char* front;  // front matter lines, or "" for none (the file name's date)
    bool has_time;
    const char* published;  // as the canonical JSON writes it
  };
  const Row rows[] = {
      {"", false, "2024-01-09"},
      {"date: 2024-03-05", false, "2024-03-05"},
      {"published: \"2024-03-05\"", false, "2024-03-05"},
      {"date: 2024-03-05T10:00:00Z", true, "2024-03-05T10:00:00Z"},
      {"date: 2024-03-05 10:30", true, "2024-03-05T10:30:00Z"},
      {"date: 2024-03-05T00:00:00Z", true, "2024-03-05T00:00:00Z"},  // midnight given is a time
  };
  for (const Row& row : rows) {
    INFO(row.front);
    std::string front = *row.front ? std::string("---\n") + row.front + "\n---\n" : "";
    Briefing b = read_markdown(front + "# T\n\nBody.", "20240109-advisory");
    CHECK(b.published_has_time == row.has_time);
    CHECK(briefing::to_json(b)["published"] == row.published);
  }
}
