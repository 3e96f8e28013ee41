// The page-text reader: the seed page field by field, then tables of page snippets.
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "briefing_json.h"
#include "errors.h"
#include "page_text_reader.h"
#include "timestamp.h"

#ifndef BRIEFING_SHARED_DIR
#define BRIEFING_SHARED_DIR "../shared"
#endif

using briefing::Briefing;
using briefing::format_timestamp;
using briefing::InvalidBriefing;
using briefing::read_page_text;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  INFO(path);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string kSeedPath = BRIEFING_SHARED_DIR "/seeds/000_cc0477336c8268c0.txt";

const Briefing& seed() {
  // The fallback year is deliberately wrong: the page's own full date must win.
  static const Briefing b = read_page_text(read_file(kSeedPath), "000_cc0477336c8268c0", 1999);
  return b;
}

std::vector<std::string> paragraphs(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find("\n\n", start);
    out.push_back(text.substr(start, end - start));
    if (end == std::string::npos) return out;
    start = end + 2;
  }
}

// A small page in the site's layout; each test changes the part it is about.
struct PageParts {
  std::string chrome = "Skip to content\nBriefings are running slower.See roadmap";
  std::string series = "Cybersecurity: Threats and Defences";
  std::string date = "29MAY";
  std::string title = "A title";
  std::string read = "3 min read";
  std::string time = "14:17UTC";
  std::string lede = "The lede.";
  std::string labels = "TechnologyDeveloping";
  std::string takeaway = "Key takeaway\n\nThe takeaway.\n\nBody paragraph.";
  std::string outlook;
  std::string first_reported = "First Reported In\n\nEarlier title\n\nCSIS\xC2\xB7 8 May 2026";
  std::string rest;
};

std::string make_page(const PageParts& p) {
  std::string page;
  for (const std::string* part :
       {&p.chrome, &p.series, &p.date, &p.title, &p.read, &p.time, &p.lede, &p.labels, &p.takeaway,
        &p.outlook, &p.first_reported, &p.rest})
    if (!part->empty()) page += *part + "\n\n";
  return page;
}

Briefing read_page(const PageParts& p, int fallback_year = 2026) {
  return read_page_text(make_page(p), "page", fallback_year);
}

// Every text the briefing holds, to check that no site chrome leaked into any of them.
std::vector<std::string> all_text(const Briefing& b) {
  std::vector<std::string> out = {b.id,
                                  b.title,
                                  b.series,
                                  b.category,
                                  b.status,
                                  b.summary,
                                  b.key_takeaway,
                                  b.body,
                                  b.analysis.plain_english,
                                  b.analysis.root_causes,
                                  b.causes_effects,
                                  b.first_reported.title,
                                  b.first_reported.source};
  for (const auto& o : b.outlook) out.push_back(o.text);
  for (const auto& p : b.perspectives) {
    out.push_back(p.party);
    out.push_back(p.text);
  }
  return out;
}

}  // namespace

TEST_CASE("page text seed: header fields", "[page_text]") {
  const Briefing& b = seed();
  CHECK(b.id == "000_cc0477336c8268c0");
  CHECK(b.title == "CSIS calls for operational US-ROK cyber alliance");
  CHECK(b.series == "Cybersecurity: Threats and Defences");
  CHECK(format_timestamp(b.published) == "2026-05-29T14:17:00Z");
  CHECK(b.category == "Technology");
  CHECK(b.status == "Developing");
  REQUIRE(b.read_minutes.has_value());
  CHECK(*b.read_minutes == 3);
  CHECK(b.url.empty());
}

TEST_CASE("page text seed: lede and key takeaway", "[page_text]") {
  const Briefing& b = seed();
  CHECK(b.summary ==
        "Center for Strategic and International Studies published a paper on 7 May arguing the "
        "US-ROK cyber relationship must move from communique to operational joint response, six "
        "days after the Axios compromise and two days after GTIG named UNC1069.");
  CHECK(b.key_takeaway ==
        "CSIS moved the US-ROK cyber dialogue from communique to operational doctrine two days "
        "after GTIG named UNC1069.");
}

TEST_CASE("page text seed: body is the paragraphs before Deep Analysis", "[page_text]") {
  const Briefing& b = seed();
  std::vector<std::string> p = paragraphs(b.body);
  REQUIRE(p.size() == 3);
  CHECK(p[0].starts_with("The Center for Strategic and International Studies (CSIS) published"));
  CHECK(p[0].ends_with("against 183 million weekly downloads."));
  // The footnote digit glued to the quotation is dropped.
  CHECK(p[0].find("and joint response.\" The paper was likely") != std::string::npos);
  CHECK(p[0].find("response.\"1") == std::string::npos);
  CHECK(p[1].starts_with("CSIS argues that existing US-ROK cooperation frameworks"));
  CHECK(p[2].starts_with("The timing sequence (Axios injection on 31 March"));
  CHECK(p[2].ends_with("from each addition to that list."));
  CHECK(b.body.find("Deep Analysis") == std::string::npos);
  CHECK(b.body.find("TechnologyDeveloping") == std::string::npos);
}

TEST_CASE("page text seed: deep analysis", "[page_text]") {
  const Briefing& b = seed();
  CHECK(b.analysis.plain_english.starts_with(
      "The US and South Korea have a long-standing military alliance against North Korea."));
  CHECK(
      b.analysis.plain_english.ends_with("upgrading from a paper treaty to a joint control room."));
  CHECK(b.analysis.plain_english.find("\n\n") == std::string::npos);
  std::vector<std::string> roots = paragraphs(b.analysis.root_causes);
  REQUIRE(roots.size() == 3);
  CHECK(roots[0].starts_with("The US-ROK cyber co-operation gap is structural"));
  CHECK(roots[1].starts_with("The CSIS paper's timing reflects"));
  CHECK(roots[2].starts_with("North Korea's cyber programme operates"));
  CHECK(roots[2].ends_with("adds days to weeks of delay."));
}

TEST_CASE("page text seed: outlook", "[page_text]") {
  const Briefing& b = seed();
  REQUIRE(b.outlook.size() == 3);
  struct Row {
    const char* kind;
    const char* horizon;
    double probability;
    const char* text_start;
  };
  const Row rows[] = {
      {"opportunity", "short", 0.65, "The CSIS paper's publication in the same news cycle"},
      {"risk", "medium", 0.6, "A formally declared proactive US-ROK cyber alliance"},
      {"precedent", "long", 0.55, "If adopted, a US-ROK operational cyber alliance framework"},
  };
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("outlook[" << i << "]");
    const auto& o = b.outlook[i];
    CHECK(o.kind == rows[i].kind);
    CHECK(o.horizon == rows[i].horizon);
    REQUIRE(o.probability.has_value());
    CHECK(*o.probability == Approx(rows[i].probability));
    CHECK(o.text.starts_with(rows[i].text_start));
    CHECK(o.text.find("term") == std::string::npos);
  }
}

TEST_CASE("page text seed: first reported in", "[page_text]") {
  const Briefing& b = seed();
  CHECK(b.first_reported.title == "Update #3 \xC2\xB7 CISA's deadline outruns Palo Alto's patch");
  CHECK(b.first_reported.source == "CSIS");
  CHECK(b.first_reported.date == "2026-05-08");
  CHECK(b.first_reported.url.empty());  // "Read original" is link text, not data
}

TEST_CASE("page text seed: causes and effects", "[page_text]") {
  CHECK(seed().causes_effects ==
        "The CSIS paper converts a policy aspiration into operational tasking in the same news "
        "cycle as a live North Korean supply-chain attack, closing the gap between academic "
        "advocacy and real-time incident response.");
}

TEST_CASE("page text seed: perspectives name each party once", "[page_text]") {
  const Briefing& b = seed();
  const char* parties[] = {"Google Threat Intelligence Group",
                           "Enterprise security buyers / CISO community",
                           "DSIT / UK Government",
                           "GitHub / Microsoft",
                           "Tsinghua University Institute for International Strategic Studies",
                           "Cisco"};
  REQUIRE(b.perspectives.size() == 6);
  for (std::size_t i = 0; i < 6; ++i) {
    INFO("perspectives[" << i << "]");
    CHECK(b.perspectives[i].party == parties[i]);
    // The doubled name is not part of the statement ("Cisco has not..." may start with it).
    CHECK_FALSE(b.perspectives[i].text.starts_with(std::string(parties[i]) + "\n"));
    CHECK(b.perspectives[i].text.find('\n') == std::string::npos);
  }
  CHECK(b.perspectives[0].text.starts_with("GTIG's attribution of the GitHub breach"));
  CHECK(b.perspectives[2].text.find("\xC2\xA3"
                                    "14.7 billion") != std::string::npos);
  CHECK(b.perspectives[5].text.ends_with("into the portfolio became public."));
}

TEST_CASE("page text seed: site chrome stays out of every field", "[page_text]") {
  for (const std::string& text : all_text(seed())) {
    INFO(text);
    for (const char* chrome :
         {"Skip to content", "See roadmap", "Briefings are running", "Read original", "This Event"})
      CHECK(text.find(chrome) == std::string::npos);
  }
}

TEST_CASE("page text seed: CRLF line ends and a BOM read the same", "[page_text]") {
  std::string text = read_file(kSeedPath);
  std::string crlf = "\xEF\xBB\xBF";
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  Briefing b = read_page_text(crlf, "000_cc0477336c8268c0", 1999);
  CHECK(briefing::to_json(b) == briefing::to_json(seed()));
}

TEST_CASE("page text: the glued category and status line splits", "[page_text]") {
  struct Row {
    const char* line;
    const char* category;
    const char* status;
  };
  const Row rows[] = {
      {"TechnologyDeveloping", "Technology", "Developing"},
      {"PoliticsBreaking", "Politics", "Breaking"},
      {"SecurityUpdate", "Security", "Update"},
      {"EconomyAnalysis", "Economy", "Analysis"},
      {"AIDeveloping", "AI", "Developing"},  // a known status decides where capitals are ambiguous
      {"DefenceReview", "Defence", "Review"},  // unknown status: the second capital splits
      {"", "", ""},                            // no labels at all
  };
  for (const Row& row : rows) {
    INFO(row.line);
    PageParts p;
    p.labels = row.line;
    Briefing b = read_page(p);
    CHECK(b.category == row.category);
    CHECK(b.status == row.status);
    CHECK(b.summary == "The lede.");
    CHECK(b.body == "Body paragraph.");
  }
}

TEST_CASE("page text: reading time", "[page_text]") {
  struct Row {
    const char* line;
    std::optional<int> minutes;
  };
  const Row rows[] = {
      {"3 min read", 3},  {"12 min read", 12}, {"1 minute read", 1},
      {"5 mins read", 5}, {"7 MIN READ", 7},   {"", std::nullopt},
  };
  for (const Row& row : rows) {
    INFO(row.line);
    PageParts p;
    p.read = row.line;
    Briefing b = read_page(p);
    CHECK(b.read_minutes == row.minutes);
    CHECK(b.title == "A title");
  }
}

TEST_CASE("page text: outlook items", "[page_text]") {
  struct Row {
    const char* section;  // below "What could happen next?"
    std::size_t count;
    const char* kind;
    const char* horizon;
    std::optional<double> probability;
    const char* text;
  };
  const Row rows[] = {
      {"  \xE2\x80\xA2 Opportunity\n\n    It may work.\n\n    Short term \xC2\xB7 0.65", 1,
       "opportunity", "short", 0.65, "It may work."},
      {"\xE2\x80\xA2 Risk\nIt may fail.\nMedium-term \xC2\xB7 60%", 1, "risk", "medium", 0.6,
       "It may fail."},
      {"- Precedent\nA first.\nLong term | 0.55", 1, "precedent", "long", 0.55, "A first."},
      {"\xE2\x80\xA2 RISK\nNo odds given.\nLong term", 1, "risk", "long", std::nullopt,
       "No odds given."},
      {"\xE2\x80\xA2 Risk\nNo horizon line.", 1, "risk", "", std::nullopt, "No horizon line."},
      {"\xE2\x80\xA2 Risk\nShort term plans fail.\nShort term \xC2\xB7 0.3", 1, "risk", "short",
       0.3, "Short term plans fail."},
      {"An introduction.\n\xE2\x80\xA2 Wildcard\nNot a kind.", 0, "", "", std::nullopt, ""},
      {"\xE2\x80\xA2 Risk\n\xE2\x80\xA2 Opportunity\nOnly the second has text.", 1, "opportunity",
       "", std::nullopt, "Only the second has text."},
  };
  for (const Row& row : rows) {
    INFO(row.section);
    PageParts p;
    p.outlook = std::string("What could happen next?\n") + row.section;
    Briefing b = read_page(p);
    REQUIRE(b.outlook.size() == row.count);
    if (row.count == 0) continue;
    const auto& o = b.outlook.front();
    CHECK(o.kind == row.kind);
    CHECK(o.horizon == row.horizon);
    CHECK(o.probability.has_value() == row.probability.has_value());
    if (o.probability && row.probability) CHECK(*o.probability == Approx(*row.probability));
    CHECK(o.text == row.text);
  }
}

TEST_CASE("page text: first reported in", "[page_text]") {
  struct Row {
    const char* section;  // below "First Reported In"
    const char* title;
    const char* source;
    const char* date;
  };
  const Row rows[] = {
      {"Update #3 \xC2\xB7 CISA's deadline\n\nCSIS\xC2\xB7 8 May 2026\nRead original",
       "Update #3 \xC2\xB7 CISA's deadline", "CSIS", "2026-05-08"},
      {"A title\nReuters \xC2\xB7 May 8, 2026", "A title", "Reuters", "2026-05-08"},
      {"A title\nBBC, 2026-05-08", "A title", "BBC", "2026-05-08"},
      {"A title\nThe Record - 1st June 2025", "A title", "The Record", "2025-06-01"},
      {"A title\n08 Sept 2025", "A title", "", "2025-09-08"},
      {"Report of 3 May 2026\nCSIS \xC2\xB7 8 May 2026", "Report of 3 May 2026", "CSIS",
       "2026-05-08"},
      {"Only a title", "Only a title", "", ""},
      {"A title\nCSIS \xC2\xB7 31 Feb 2026", "A title", "", ""},  // no such day: not a date
  };
  for (const Row& row : rows) {
    INFO(row.section);
    PageParts p;
    p.first_reported = std::string("First Reported In\n") + row.section;
    Briefing b = read_page(p);
    CHECK(b.first_reported.title == row.title);
    CHECK(b.first_reported.source == row.source);
    CHECK(b.first_reported.date == row.date);
  }
}

TEST_CASE("page text: the year comes from the first full date, else the file", "[page_text]") {
  struct Row {
    const char* date_line;
    const char* time_line;
    const char* lede;
    const char* first_reported;  // section text, may be empty
    int fallback_year;
    const char* published;
  };
  const Row rows[] = {
      {"29MAY", "14:17UTC", "The lede.", "", 2024, "2024-05-29T14:17:00Z"},
      {"29MAY", "14:17UTC", "On 3 March 2025 it began.", "", 2024, "2025-05-29T14:17:00Z"},
      {"29MAY", "14:17UTC", "The lede.", "T\nCSIS \xC2\xB7 8 May 2026", 2024,
       "2026-05-29T14:17:00Z"},
      {"5JUN", "", "The lede.", "", 2023, "2023-06-05T00:00:00Z"},
      {"29 May", "09:05 UTC", "The lede.", "", 2024, "2024-05-29T09:05:00Z"},
      // A January page citing a December report belongs to the following year.
      {"02JAN", "08:00UTC", "The lede.", "T\nCSIS \xC2\xB7 28 Dec 2026", 2026,
       "2027-01-02T08:00:00Z"},
      {"29FEB", "", "The lede.", "", 2024, "2024-02-29T00:00:00Z"},
  };
  for (const Row& row : rows) {
    INFO(row.date_line << " / " << row.lede << " / " << row.first_reported);
    PageParts p;
    p.date = row.date_line;
    p.time = row.time_line;
    p.lede = row.lede;
    p.first_reported = row.first_reported[0]
                           ? std::string("First Reported In\n") + row.first_reported
                           : std::string();
    Briefing b = read_page(p, row.fallback_year);
    CHECK(format_timestamp(b.published) == row.published);
    CHECK(b.published_has_time == (row.time_line[0] != '\0'));  // no time line: a day alone
  }
}

TEST_CASE("page text: missing required parts throw naming the field", "[page_text]") {
  struct Row {
    const char* what;
    PageParts parts;
    const char* field;
  };
  PageParts no_title;
  no_title.title.clear();
  PageParts no_date;
  no_date.date.clear();
  PageParts bad_date;
  bad_date.date = "31FEB";
  PageParts nothing_but_title;
  nothing_but_title.lede.clear();
  nothing_but_title.takeaway.clear();
  nothing_but_title.first_reported.clear();
  const Row rows[] = {
      {"no title", no_title, "title"},
      {"no date line", no_date, "published"},
      {"impossible date", bad_date, "published"},
      {"no summary or body", nothing_but_title, "summary"},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    try {
      read_page(row.parts);
      FAIL("expected InvalidBriefing");
    } catch (const InvalidBriefing& e) {
      CHECK(e.field() == row.field);
    }
  }
}

TEST_CASE("page text: sections may be missing or reordered", "[page_text]") {
  PageParts p;
  p.first_reported.clear();
  p.rest =
      "Different Perspectives\nCISA\nCISA\nCISA says patch.\n"
      "Causes and effects\nThis Event\nA title\nIt follows an earlier attack.\n"
      "Deep Analysis\nRoot Causes\nA cause.\n"
      "Deep Analysis\nIn plain English\nPlainly put.";
  Briefing b = read_page(p, 2025);
  CHECK(format_timestamp(b.published) == "2025-05-29T14:17:00Z");
  CHECK(b.outlook.empty());
  CHECK(b.first_reported.empty());
  REQUIRE(b.perspectives.size() == 1);
  CHECK(b.perspectives[0].party == "CISA");
  CHECK(b.perspectives[0].text == "CISA says patch.");
  CHECK(b.causes_effects == "It follows an earlier attack.");
  CHECK(b.analysis.root_causes == "A cause.");
  CHECK(b.analysis.plain_english == "Plainly put.");

  PageParts bare;
  bare.takeaway.clear();
  bare.first_reported.clear();
  Briefing minimal = read_page(bare);
  CHECK(minimal.summary == "The lede.");
  CHECK(minimal.key_takeaway.empty());
  CHECK(minimal.body.empty());
  CHECK(minimal.perspectives.empty());
}

TEST_CASE("page text: perspectives without doubled names alternate", "[page_text]") {
  PageParts p;
  p.rest = "Different Perspectives\nCISA\nCISA says patch.\nVendor\nVendor says wait.";
  Briefing b = read_page(p);
  REQUIRE(b.perspectives.size() == 2);
  CHECK(b.perspectives[1].party == "Vendor");
  CHECK(b.perspectives[1].text == "Vendor says wait.");
}

TEST_CASE("page text: footnote digits are dropped, other digits kept", "[page_text]") {
  struct Row {
    const char* paragraph;
    const char* expected;
  };
  const Row rows[] = {
      {"towards \"joint response.\"1 The paper", "towards \"joint response.\" The paper"},
      {"as the minister said.\xE2\x80\x9D"
       "12 Then",
       "as the minister said.\xE2\x80\x9D Then"},
      {"It ends here.3", "It ends here."},
      {"Version 2.1 is out.", "Version 2.1 is out."},
      {"It cost $1.5 million in 2022. Then", "It cost $1.5 million in 2022. Then"},
      {"See fig.2 below.", "See fig.2 below."},
      {"Windows 11.", "Windows 11."},
  };
  for (const Row& row : rows) {
    INFO(row.paragraph);
    PageParts p;
    p.takeaway = std::string("Key takeaway\nThe takeaway.\n") + row.paragraph;
    CHECK(read_page(p).body == row.expected);
  }
}

TEST_CASE("page text: odd spaces are plain spaces", "[page_text]") {
  PageParts p;
  p.title = "\xC2\xA0 A\xC2\xA0title \xE2\x80\x8B";
  p.read = "\t3 min read  ";
  Briefing b = read_page(p);
  CHECK(b.title == "A title");
  CHECK(b.read_minutes == 3);
}
