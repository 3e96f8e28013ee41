// The Markdown reader's body_blocks as tables of snippets: each row's structure written as a short
// outline (h2:Text | p:line/line | ul:[item][item ul:[sub]] | code:text; a link as text<href>).
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "body_blocks.h"
#include "briefing.h"
#include "markdown_reader.h"
#include "timestamp.h"

using briefing::BodyBlock;
using briefing::BodyBlockKind;
using briefing::BodyItem;
using briefing::Briefing;
using briefing::read_markdown;
using briefing::SpanLine;

namespace {

std::string outline(const SpanLine& spans) {
  std::string out;
  for (const auto& s : spans) out += s.href.empty() ? s.text : s.text + "<" + s.href + ">";
  return out;
}

std::string outline(bool ordered, int start, const std::vector<BodyItem>& items) {
  std::string out = ordered ? "ol" : "ul";
  if (start != 1) out += std::to_string(start);
  out += ":";
  for (const BodyItem& item : items) {
    out += "[" + outline(item.spans);
    if (!item.sublist.empty()) out += " " + outline(item.sublist_ordered, 1, item.sublist);
    out += "]";
  }
  return out;
}

std::string outline(const std::vector<BodyBlock>& blocks) {
  std::string out;
  for (const BodyBlock& b : blocks) {
    if (!out.empty()) out += " | ";
    if (b.kind == BodyBlockKind::kHeading) {
      out += "h" + std::to_string(b.level) + ":" + outline(b.lines.at(0));
    } else if (b.kind == BodyBlockKind::kParagraph) {
      out += "p:";
      for (std::size_t i = 0; i < b.lines.size(); ++i) out += (i ? "/" : "") + outline(b.lines[i]);
    } else if (b.kind == BodyBlockKind::kList) {
      out += outline(b.ordered, b.start, b.items);
    } else {
      out += "code:" + b.code;
    }
  }
  return out;
}

struct Row {
  const char* markdown;  // after a "# Title" heading, which becomes the title
  const char* structure;
};

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    INFO(row.markdown);
    Briefing b = read_markdown(std::string("# Title\n\n") + row.markdown, "20240101-test");
    CHECK(outline(b.body_blocks) == row.structure);
  }
}

}  // namespace

TEST_CASE("markdown structure: headings keep their levels", "[markdown][structure]") {
  check_rows({
      {"## Overview\n\nText.", "h2:Overview | p:Text."},
      {"#### Deep ####\ntext", "h4:Deep | p:text"},
      {"###### Six\n\n####### seven is text", "h6:Six | p:####### seven is text"},
      {"Setext two\n---\n\nx", "h2:Setext two | p:x"},
      {"Setext one\n===\nx", "h1:Setext one | p:x"},
      {"- ### Heading in a list\n\ntext", "h3:Heading in a list | p:text"},
      {"## [Linked](https://example.org/h) heading", "h2:Linked<https://example.org/h> heading"},
  });
}

TEST_CASE("markdown structure: lists, ordered and nested one level", "[markdown][structure]") {
  check_rows({
      {"- one\n- two\n  continued\n* three", "ul:[one][two continued][three]"},
      {"- a\n  - a.1\n  - a.2\n- b", "ul:[a ul:[a.1][a.2]][b]"},
      {"- a\n  - a.1\n    - a.1.x deeper joins the inner list",
       "ul:[a ul:[a.1][a.1.x deeper joins the inner list]]"},
      {"1. first\n2) second\n   1. inner", "ol:[first][second ol:[inner]]"},
      {"3. third\n4. fourth", "ol3:[third][fourth]"},
      {"- [x] done\n- [ ] todo", "ul:[done][todo]"},
      {"1. [x] kept as written", "ol:[[x] kept as written]"},
      {"Intro:\n- a\n- b\n\nAfter.", "p:Intro: | ul:[a][b] | p:After."},
      {"- loose\n\n- list", "ul:[loose][list]"},
      {"- a\n\ntext\n\n- b", "ul:[a] | p:text | ul:[b]"},
      {"- bullets\n1. then numbers", "ul:[bullets] | ol:[then numbers]"},
      {"1. step\n\n    ```\n    cmd /c x\n    ```\n2. next",
       "ol:[step] | code:cmd /c x | ol2:[next]"},
  });
}

TEST_CASE("markdown structure: fenced and indented code, verbatim", "[markdown][structure]") {
  check_rows({
      {"```kusto\nlet x = *a* <b>\n  | where y\n```\nafter",
       "code:let x = *a* <b>\n  | where y | p:after"},
      {"~~~\nunclosed fence", "code:unclosed fence"},
      {"Text.\n\n    Get-Process  \n\tStop-Process\n\nAfter.",
       "p:Text. | code:Get-Process\nStop-Process | p:After."},
      {"Text\n    continues the paragraph", "p:Text continues the paragraph"},
      {"- item\n\n    continues the item", "ul:[item] | p:continues the item"},
  });
}

TEST_CASE("markdown structure: links keep web targets, others lose them", "[markdown][structure]") {
  check_rows({
      {"See [the advisory](https://example.org/a) now.",
       "p:See the advisory<https://example.org/a> now."},
      {"[t](<https://example.org/x%20y> \"A title\") end", "p:t<https://example.org/x%20y> end"},
      {"[Wiki](https://example.org/A_(b)) end", "p:Wiki<https://example.org/A_(b)> end"},
      {"[amp](https://example.org/?a=1&amp;b=2)", "p:amp<https://example.org/?a=1&b=2>"},
      {"Go [here][ref].\n\n[ref]: https://example.org/r \"Title\"",
       "p:Go here<https://example.org/r>."},
      {"Go [Here][].\n\n[here]: <https://example.org/h>", "p:Go Here<https://example.org/h>."},
      {"[Shortcut] works.\n\n[shortcut]: http://example.org/s",
       "p:Shortcut<http://example.org/s> works."},
      {"[first] one\n\n[first]: https://a.example\n[first]: https://b.example",
       "p:first<https://a.example> one"},
      {"[missing][nowhere] text", "p:missing text"},
      {"Visit <https://example.org/path>.",
       "p:Visit https://example.org/path<https://example.org/path>."},
      {"Mail <soc@example.org> now", "p:Mail soc@example.org now"},
      {"[bad](javascript:alert(1)) link", "p:bad link"},
      {"[x](JavaScript:alert(1))", "p:x"},
      {"[relative](/advisories/2024) and [page](other.md)", "p:relative and page"},
      {"[data](data:text/html,hi) [ftp](ftp://example.org/f)", "p:data ftp"},
      {"[no host](https:///path) [bare](https://)", "p:no host bare"},
      {"<javascript:alert(1)>", "p:javascript:alert(1)"},
      {"![diagram](https://example.org/a.png)", "p:diagram"},
      {"[![badge](https://img.example/b.svg)](https://example.org/t)",
       "p:badge<https://example.org/t>"},
      {"**[Bold link](https://example.org/b)** after", "p:Bold link<https://example.org/b> after"},
  });
}

TEST_CASE("markdown structure: HTML never becomes markup", "[markdown][structure]") {
  check_rows({
      {"<a href=\"https://example.org\">Link text</a>", "p:Link text"},
      // Not a tag the reader knows: text, which the page shows as text.
      {"<script>alert(1)</script> after", "p:<script>alert(1)</script> after"},
      {"<img src=x onerror=alert(1)>text", "p:text"},
      {"x <!-- hidden --> y", "p:x y"},
      {"Key <UserGuid> stays", "p:Key <UserGuid> stays"},
      {"&lt;b&gt;not bold&lt;/b&gt;", "p:<b>not bold</b>"},
      {"line one  \nline two<br>\nline three", "p:line one/line two/line three"},
      {"| a | [b](https://example.org/b) |\n|---|---|\n| 1 | 2 |",
       "p:a | b<https://example.org/b>/1 | 2"},
  });
}
