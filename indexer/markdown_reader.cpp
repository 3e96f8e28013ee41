// Markdown briefings: front matter for the fields, then the document rendered to plain text the way
// a reader sees it (link text without targets, no tags, no emphasis markers), one paragraph a
// block. This file decides the title; the parts live in markdown_*.h.
#include "markdown_reader.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "briefing_json.h"
#include "errors.h"
#include "markdown_block_lines.h"
#include "markdown_blocks.h"
#include "markdown_front_matter.h"
#include "markdown_inline.h"
#include "markdown_text.h"
#include "markdown_vendor_column.h"

namespace briefing {
namespace {

using markdown::Block;
using markdown::InlineRenderer;
using markdown::list_marker;
using markdown::read_blocks;

// A document without any heading takes its first line that shows text as the title; returns that
// line's index. Quote and list markers are layout, not title.
std::optional<std::size_t> first_text_line(const std::vector<std::string_view>& lines,
                                           std::size_t from, const InlineRenderer& renderer,
                                           std::string& title) {
  for (std::size_t i = from; i < lines.size(); ++i) {
    std::string_view text = trim(lines[i]);
    while (text.starts_with('>')) text = trim_left(text.substr(1));
    if (std::size_t marker = list_marker(text); marker > 0 && !is_ascii_digit(text.front()))
      text = trim_left(text.substr(marker));
    title = renderer.render(text);
    if (!title.empty()) return i;
  }
  return std::nullopt;
}

}  // namespace

Briefing read_markdown(std::string_view text, const std::string& file_stem) {
  std::vector<std::string_view> lines = markdown::split_lines(text);
  std::size_t body_from = 0;
  markdown::FrontMatter front = markdown::parse_front_matter(lines, body_from);

  Briefing b;
  b.id = file_stem;
  bool dated = markdown::apply_front_matter(front, b);
  if (!dated) {
    b.published_has_time = false;  // a file name gives a day
    auto when = markdown::date_from_stem(file_stem);
    if (!when)
      throw InvalidBriefing("published", "no date in front matter, and the file name '" +
                                             file_stem +
                                             "' does not start with YYYYMMDD or YYYY-MM-DD");
    b.published = *when;
  }

  InlineRenderer renderer(markdown::reference_labels(lines, body_from));
  markdown::BodyRead read = read_blocks(lines, body_from, std::nullopt, renderer);
  if (trim(b.title).empty()) {
    auto heading = std::find_if(read.blocks.begin(), read.blocks.end(),
                                [](const Block& x) { return x.heading; });
    if (heading != read.blocks.end()) {
      b.title = std::move(heading->lines.front());
      read.blocks.erase(heading);
      // The same heading, as headings come in the same order in both.
      read.structure.erase(
          std::find_if(read.structure.begin(), read.structure.end(),
                       [](const BodyBlock& x) { return x.kind == BodyBlockKind::kHeading; }));
    } else if (auto at = first_text_line(lines, body_from, renderer, b.title)) {
      // Wrapped lines join into one, so the title line is left out and the body read again.
      read = read_blocks(lines, body_from, at, renderer);
    }
  }
  b.body = markdown::join_blocks(read.blocks);
  b.body_blocks = std::move(read.structure);
  // A table column headed "Vendor" is the advisory saying what it is about.
  for (std::string& v : markdown::vendor_column_cells(lines))
    if (std::find(b.vendors.begin(), b.vendors.end(), v) == b.vendors.end())
      b.vendors.push_back(std::move(v));
  validate(b);
  return b;
}

}  // namespace briefing
