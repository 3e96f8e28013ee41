// Markdown blocks: a document's lines read into headings, paragraphs and code blocks of plain
// text, and those joined into a body.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "body_blocks.h"
#include "markdown_inline.h"

namespace briefing::markdown {

struct Block {
  bool heading = false;
  std::vector<std::string> lines;  // rendered; a heading has one
};

// A body read once: its plain blocks, and its structure for display.
struct BodyRead {
  std::vector<Block> blocks;
  std::vector<BodyBlock> structure;
};

// The blocks of `lines` from `from` on, leaving out the line `skip` (a title taken from the
// text). Inside a paragraph, list items and table rows keep a line each, while wrapped lines are
// joined before rendering, so links and emphasis that span a line break still resolve. Every
// heading of `blocks` is one of `structure`, in the same order.
BodyRead read_blocks(const std::vector<std::string_view>& lines, std::size_t from,
                     std::optional<std::size_t> skip, const InlineRenderer& renderer);

// One paragraph a block, separated by a blank line; a block's lines stay lines.
std::string join_blocks(const std::vector<Block>& blocks);

}  // namespace briefing::markdown
