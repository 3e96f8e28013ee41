// Snippets as a table: fields and query terms -> the HTML a browser receives.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "analyser.h"
#include "snippet_builder.h"

using briefing::HighlightTerms;
using briefing::SnippetBuilder;

namespace {

HighlightTerms terms_for(briefing::Analyser& analyser, const std::string& words) {
  HighlightTerms h;
  for (auto& t : analyser.terms(words)) h.terms.insert(t);
  return h;
}

// Where the first byte is that does not begin a well-formed UTF-8 sequence, or npos: written here
// from RFC 3629 rather than shared with the code under test, so that a bug there is not repeated
// in the check. A lead byte must be followed by exactly its count of continuation bytes, and the
// character decoded must be in shortest form, not a surrogate and not past U+10FFFF.
std::size_t first_invalid_utf8(std::string_view s) {
  struct Lead {
    unsigned char mask, bits;
    int continuations;
    char32_t lowest;  // below this the same character has a shorter form (overlong)
  };
  constexpr Lead kLeads[] = {
      {0xE0, 0xC0, 1, 0x80}, {0xF0, 0xE0, 2, 0x800}, {0xF8, 0xF0, 3, 0x10000}};
  for (std::size_t i = 0; i < s.size();) {
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(s[at]); };
    if (byte(i) < 0x80) {
      ++i;
      continue;
    }
    const Lead* lead = nullptr;
    for (const Lead& l : kLeads)
      if ((byte(i) & l.mask) == l.bits) lead = &l;
    if (!lead) return i;  // a continuation byte with no lead, or 0xF8..0xFF
    char32_t code = byte(i) & static_cast<unsigned char>(~lead->mask);
    for (int k = 1; k <= lead->continuations; ++k) {
      if (i + k >= s.size() || (byte(i + k) & 0xC0) != 0x80) return i;  // truncated
      code = (code << 6) | (byte(i + k) & 0x3F);
    }
    if (code < lead->lowest || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return i;
    i += 1 + static_cast<std::size_t>(lead->continuations);
  }
  return std::string_view::npos;
}

}  // namespace

TEST_CASE("snippets: the test's UTF-8 check refuses every malformed sequence", "[snippet]") {
  struct Row {
    std::string bytes;
    std::size_t first_invalid;  // npos = valid
  };
  constexpr auto kValid = std::string_view::npos;
  const Row rows[] = {
      {"plain ASCII", kValid},
      {"\xC3\xA9t\xC3\xA9", kValid},         // é: two bytes
      {"\xE5\x8C\x97\xE6\x9C\x9D", kValid},  // 北朝: three bytes each
      {"\xF0\x9F\x94\x92", kValid},          // U+1F512: four bytes
      {"\xF4\x8F\xBF\xBF", kValid},          // U+10FFFF, the last character
      {"\xED\x9F\xBF", kValid},              // U+D7FF, just below the surrogates
      {"a\xC3(", 1},                         // a lead byte followed by ASCII
      {"\xE5\x8Cx", 0},                      // three-byte character cut after two
      {"ok \xE5\x8C", 3},                    // ... and at the very end
      {"\xF0\x9F\x94", 0},                   // four-byte character cut after three
      {"\x80", 0},                           // a continuation byte with no lead
      {"\xE5\x8C\x97\x97", 3},               // one continuation byte too many
      {"\xC0\xAF", 0},                       // overlong '/' in two bytes
      {"\xE0\x80\xAF", 0},                   // overlong '/' in three bytes
      {"\xF0\x80\x80\xAF", 0},               // overlong '/' in four bytes
      {"\xED\xA0\x80", 0},                   // U+D800, a surrogate
      {"\xED\xBF\xBF", 0},                   // U+DFFF, a surrogate
      {"\xF4\x90\x80\x80", 0},               // U+110000, past the last character
      {"\xF8\x88\x80\x80\x80", 0},           // a five-byte form
      {"\xFF", 0},
  };
  for (const Row& row : rows) {
    INFO(row.bytes);
    CHECK(first_invalid_utf8(row.bytes) == row.first_invalid);
  }
}

TEST_CASE("snippets: marks, stems and escaping", "[snippet]") {
  briefing::Analyser analyser;
  SnippetBuilder builder(analyser, 200);
  struct Row {
    std::string text;
    std::string query;
    std::string expected;
  };
  const Row rows[] = {
      {"UNC1069 compromised Axios.", "unc1069", "<mark>UNC1069</mark> compromised Axios."},
      // stems: the query "exploit" marks "exploited" and "exploitation"
      {"Exploited twice; exploitation continues.", "exploit",
       "<mark>Exploited</mark> twice; <mark>exploitation</mark> continues."},
      // everything that is not a mark is escaped, including inside marked words
      {"<script>alert(1)</script> & \"quotes\" 'too'", "alert",
       "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;"},
      {"<img src=x onerror=alert(1)>", "onerror",
       "&lt;img src=x <mark>onerror</mark>=alert(1)&gt;"},
      // an identifier is marked whole, not as its parts
      {"Patch CVE-2026-20182 now.", "CVE-2026-20182", "Patch <mark>CVE-2026-20182</mark> now."},
      // part of an identifier
      {"Patch CVE-2026-20182 now.", "20182", "Patch CVE-2026-<mark>20182</mark> now."},
      // no match: the opening of the text, escaped
      {"Nothing <b>here</b>.", "absent", "Nothing &lt;b&gt;here&lt;/b&gt;."},
      // diacritics and case fold
      {"The Café reopened.", "cafe", "The <mark>Café</mark> reopened."},
      {"북한의 해커들이 공격했다", "북한", "<mark>북한의</mark> 해커들이 공격했다"},
      // marks that touch are one mark: ICU splits 路由器 (router) into three characters
      {"攻击者利用路由器漏洞", "路由器", "攻击者利用<mark>路由器</mark>漏洞"},
      {"路由器, 路由器", "路由器", "<mark>路由器</mark>, <mark>路由器</mark>"},
      {"Uses PowerShell-based loaders.", "PowerShell-based",
       "Uses <mark>PowerShell</mark>-<mark>based</mark> loaders."},
      // a CamelCase word: marked whole, or the part the query names
      {"The CitrixBleed flaw.", "CitrixBleed", "The <mark>CitrixBleed</mark> flaw."},
      {"The CitrixBleed flaw.", "citrix", "The <mark>Citrix</mark>Bleed flaw."},
      {"Botnet Dark.IoT grew.", "IoT", "Botnet Dark.<mark>IoT</mark> grew."},
  };
  for (const auto& row : rows) {
    INFO(row.text << " / " << row.query);
    CHECK(builder.build({row.text}, terms_for(analyser, row.query)) == row.expected);
  }
}

TEST_CASE("snippets: a long text is cut around the best passage, at word boundaries", "[snippet]") {
  briefing::Analyser analyser;
  SnippetBuilder builder(analyser, 200);
  std::string filler;
  for (int i = 0; i < 40; ++i) filler += "Unrelated words fill this paragraph again. ";
  std::string text = filler + "Here UNC1069 met Axios in one sentence. " + filler;
  std::string snippet = builder.build({text}, terms_for(analyser, "unc1069 axios"));
  CHECK(snippet.find("<mark>UNC1069</mark> met <mark>Axios</mark>") != std::string::npos);
  CHECK(snippet.rfind("\xE2\x80\xA6 ", 0) == 0);  // starts with an ellipsis
  CHECK(snippet.size() < 320);
  CHECK(snippet.size() > 150);
  // cut at spaces: the text after the leading ellipsis starts with a whole word
  const std::string first_words = snippet.substr(4, 12);
  CHECK(text.find(first_words) != std::string::npos);
  CHECK(text[text.find(first_words) - 1] == ' ');
}

TEST_CASE("snippets: the field with the most distinct terms wins", "[snippet]") {
  briefing::Analyser analyser;
  SnippetBuilder builder(analyser, 200);
  std::string snippet = builder.build({"Axios only.", "Both Axios and UNC1069 here."},
                                      terms_for(analyser, "axios unc1069"));
  CHECK(snippet == "Both <mark>Axios</mark> and <mark>UNC1069</mark> here.");
}

TEST_CASE("snippets: prefixes of word* queries are marked", "[snippet]") {
  briefing::Analyser analyser;
  SnippetBuilder builder(analyser, 200);
  HighlightTerms h;
  h.prefixes.push_back("explo");
  CHECK(builder.build({"An exploit and an explosion."}, h) ==
        "An <mark>exploit</mark> and an <mark>explosion</mark>.");
}

TEST_CASE("snippets: cuts never split a UTF-8 character", "[snippet]") {
  briefing::Analyser analyser;
  SnippetBuilder builder(analyser, 20);
  std::string text;
  for (int i = 0; i < 50; ++i) text += "北朝鮮のハッカー";
  std::string snippet = builder.build({text}, terms_for(analyser, "ハッカー"));
  CHECK(first_invalid_utf8(snippet) == std::string_view::npos);
  // The check sees a cut inside a character: the same snippet ending one byte early fails it.
  const std::size_t mark = snippet.find("<mark>ハッカー</mark>");
  REQUIRE(mark != std::string::npos);
  CHECK(first_invalid_utf8(snippet.substr(0, mark + 6 + 2)) == mark + 6);
  CHECK(snippet.find("<mark>ハッカー</mark>") != std::string::npos);
}

TEST_CASE("snippets: analysis stops at the budget per hit and per answer", "[snippet]") {
  briefing::Analyser analyser;
  // 1,000 bytes of filler, then the match: found with room for it, not past the budget.
  const std::string filler = std::string(999, 'x') + " ";
  const std::string text = filler + "ransomware here";
  const HighlightTerms h = terms_for(analyser, "ransomware");
  struct Row {
    briefing::SnippetBudget budget;
    int builds;   // how many hits this builder has made before the one checked
    bool marked;  // whether the match is found
  };
  const Row rows[] = {
      {{2048, 4096}, 0, true},
      {{512, 4096}, 0, false},   // the hit's budget ends before the match
      {{2048, 1500}, 1, false},  // the first hit spent most of the answer's budget
      {{2048, 8192}, 3, true},
  };
  for (const auto& row : rows) {
    INFO("per hit " << row.budget.bytes_per_hit << ", per answer " << row.budget.bytes_per_answer
                    << ", after " << row.builds << " hits");
    SnippetBuilder builder(analyser, 40, row.budget);
    for (int i = 0; i < row.builds; ++i) builder.build({text}, h);
    std::string snippet = builder.build({text}, h);
    CHECK((snippet.find("<mark>ransomware</mark>") != std::string::npos) == row.marked);
    if (!row.marked) CHECK(snippet.rfind("xxxx", 0) == 0);  // the opening instead
  }
}

TEST_CASE("snippets: a field full of matches picks the same window as few", "[snippet]") {
  briefing::Analyser analyser;
  SnippetBuilder builder(analyser, 60);
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "alpha ";
  text += "alpha beta gamma ";
  for (int i = 0; i < 2000; ++i) text += "alpha ";
  std::string snippet = builder.build({text}, terms_for(analyser, "alpha beta gamma"));
  CHECK(snippet.find("<mark>beta</mark> <mark>gamma</mark>") != std::string::npos);
}
