// Markdown blocks: a line-by-line reader that keeps the state of the open paragraph, code block,
// table or comment.
#include "markdown_blocks.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "markdown_block_lines.h"
#include "markdown_structure.h"
#include "markdown_text.h"

namespace briefing::markdown {
namespace {

// Turns Markdown lines into blocks of plain text: headings, paragraphs and code blocks. Inside a
// paragraph, list items and table rows keep a line each, while wrapped lines are joined before
// rendering, so links and emphasis that span a line break still resolve. The structure is told
// what each rendered line is.
class BlockReader {
 public:
  explicit BlockReader(const InlineRenderer& renderer) : inline_(renderer) {}

  void add(std::string_view line) {
    if (!fence_.empty()) return add_code_line(line);
    if (in_comment_) {
      if (line.find("-->") != std::string_view::npos) in_comment_ = false;
      return;
    }
    std::string_view stripped = trim(line);
    if (stripped.empty()) return end_paragraph();
    if (add_structural(line, stripped)) return;
    if (stripped.starts_with('>')) return add_quoted(stripped);
    if (in_table_ || stripped.starts_with('|')) return add_finished_line(table_row(stripped));
    if (std::size_t marker = list_marker(stripped))
      return add_list_item(stripped, marker, indent_of(line));
    add_text(line, stripped);
  }

  BodyRead finish() {
    if (!fence_.empty()) end_code();
    end_paragraph();
    return {std::move(blocks_), structure_.finish()};
  }

 private:
  // Fences, headings, rules, reference definitions, table delimiters and comments; true when the
  // line was one of them.
  bool add_structural(std::string_view line, std::string_view stripped) {
    // Fences count at any indentation: advisories indent them under list items.
    if (std::string_view fence = fence_of(stripped); !fence.empty()) {
      end_paragraph();
      fence_ = std::string(fence);
      fence_indent_ = indent_of(line);
      return true;
    }
    if (indent_of(line) > 3) return false;
    if (auto heading = atx_heading_text(stripped)) {
      add_heading(inline_.render_line(*heading), heading_level(stripped));
      return true;
    }
    if (is_setext_underline(stripped) && !pending_.empty() && !pending_is_item_ && !in_table_) {
      RenderedLine text = inline_.render_line(pending_);
      pending_.clear();
      add_heading(std::move(text), stripped.front() == '=' ? 1 : 2);
      return true;
    }
    if (is_thematic_break(stripped)) {
      end_paragraph();
      return true;
    }
    if (reference_definition(line)) return true;
    if (is_table_delimiter(stripped)) {
      start_table();
      return true;
    }
    if (stripped.starts_with("<!--") && stripped.find("-->") == std::string_view::npos) {
      in_comment_ = true;
      return true;
    }
    return false;
  }

  // The row above a delimiter row was read as text before the table showed itself: it is the
  // header row, so it is read again as one.
  void start_table() {
    if (!pending_.empty() && !pending_is_item_) {
      std::size_t newline = pending_.rfind('\n');
      std::string header = newline == std::string::npos ? pending_ : pending_.substr(newline + 1);
      pending_.resize(newline == std::string::npos ? 0 : newline);
      add_finished_line(table_row(header));
    }
    in_table_ = true;
  }

  static int heading_level(std::string_view stripped) {
    return static_cast<int>(stripped.find_first_not_of('#'));
  }

  void add_heading(RenderedLine rendered, int level) {
    end_paragraph();
    if (rendered.text.empty()) return;
    blocks_.push_back({true, {std::move(rendered.text)}});
    structure_.heading(level, std::move(rendered.spans));
  }

  void add_code_line(std::string_view line) {
    std::string_view stripped = trim(line);
    if (stripped.size() >= fence_.size() &&
        stripped.find_first_not_of(fence_.front()) == std::string_view::npos)
      return end_code();
    // Code indented under a list item loses the indentation of its fence.
    for (std::size_t n = 0; n < fence_indent_ && line.starts_with(' '); ++n) line.remove_prefix(1);
    while (!line.empty() && is_ascii_space(line.back())) line.remove_suffix(1);
    code_.emplace_back(line);
  }

  // A code block's text stays as written (IOCs, queries and registry paths are worth finding).
  void end_code() {
    fence_.clear();
    while (!code_.empty() && trim(code_.back()).empty()) code_.pop_back();
    auto first = std::find_if(code_.begin(), code_.end(),
                              [](const std::string& l) { return !trim(l).empty(); });
    if (first != code_.end()) {
      std::string text;
      for (auto line = first; line != code_.end(); ++line)
        text += (text.empty() ? "" : "\n") + *line;
      structure_.code(std::move(text));
      blocks_.push_back({false, {first, code_.end()}});
    }
    code_.clear();
  }

  // `> text`: the quote markers go; what is inside is read like any line.
  void add_quoted(std::string_view stripped) {
    while (stripped.starts_with('>')) stripped = trim_left(stripped.substr(1));
    if (stripped.empty()) return end_paragraph();
    add(stripped);
  }

  // Bullets are layout and go; ordered lists keep their numbers (and boxes) in the text, which
  // the reader sees; the number is rendered apart, as the structure's list shows its own.
  void add_list_item(std::string_view stripped, std::size_t marker, std::size_t indent) {
    flush_pending();
    in_indented_code_ = false;
    std::string_view item = trim_left(stripped.substr(marker)), unboxed = item;
    for (std::string_view box : {"[ ] ", "[x] ", "[X] "})
      if (unboxed.starts_with(box)) unboxed.remove_prefix(box.size());
    if (auto heading = atx_heading_text(unboxed))
      return add_heading(inline_.render_line(*heading), heading_level(unboxed));
    bool ordered = is_ascii_digit(stripped.front());
    pending_ = std::string(ordered ? item : unboxed);
    pending_marker_ = ordered ? std::string(trim(stripped.substr(0, marker))) : "";
    pending_list_ = {ordered, 1, indent};
    if (ordered) std::from_chars(stripped.data(), stripped.data() + marker, pending_list_.number);
    pending_is_item_ = true;
  }

  // A plain line continues the text above (a paragraph or a list item) unless that ended in a
  // hard break: two trailing spaces, a backslash, or `<br>`.
  void add_text(std::string_view line, std::string_view stripped) {
    // Indented code can start a paragraph only; the plain text reads it as one all the same.
    if (!has_pending() && current_.empty() && indent_of(line) >= 4 && !structure_.in_list())
      in_indented_code_ = true;
    if (in_indented_code_) structure_.indented_code_line(line);
    if (has_pending() && !break_pending_) {
      pending_ += '\n';
      pending_ += stripped;
    } else {
      flush_pending();
      pending_ = std::string(stripped);
    }
    std::string tail =
        ascii_lower(stripped.substr(stripped.size() - std::min<std::size_t>(6, stripped.size())));
    // A backslash that ends a line breaks it and is not text ("\\" is an escaped backslash).
    bool backslash = stripped.ends_with('\\') && !stripped.ends_with("\\\\");
    if (backslash) pending_.pop_back();
    break_pending_ = backslash || line.ends_with("  ") || tail.ends_with("<br>") ||
                     tail.ends_with("br/>") || tail.ends_with("br />");
  }

  void add_finished_line(RenderedLine rendered) {
    flush_pending();
    in_indented_code_ = false;
    if (rendered.text.empty()) return;
    current_.push_back(std::move(rendered.text));
    structure_.line(std::move(rendered.spans));
  }

  bool has_pending() const { return !pending_.empty() || !pending_marker_.empty(); }

  void flush_pending() {
    if (has_pending()) {
      RenderedLine rendered = inline_.render_line(pending_);
      std::string text = pending_marker_.empty() ? std::move(rendered.text)
                         : rendered.text.empty() ? pending_marker_
                                                 : pending_marker_ + " " + rendered.text;
      if (!text.empty()) current_.push_back(std::move(text));
      if (pending_is_item_)
        structure_.item(std::move(rendered.spans), pending_list_);
      else if (!rendered.spans.empty() && !in_indented_code_)
        structure_.line(std::move(rendered.spans));
    }
    pending_.clear();
    pending_marker_.clear();
    pending_is_item_ = false;
    break_pending_ = false;
  }

  // Cells split at pipes that are not escaped and not inside code or link text, each rendered,
  // joined by a space (in the structure by a bar, which shows where a cell ends).
  RenderedLine table_row(std::string_view row) const {
    RenderedLine out;
    std::size_t start = 0;
    bool in_code = false;
    int brackets = 0;
    for (std::size_t i = 0; i <= row.size(); ++i) {
      char c = i < row.size() ? row[i] : '|';
      if (c == '\\') {
        ++i;
      } else if (c == '`') {
        in_code = !in_code;
      } else if (!in_code && c == '[') {
        ++brackets;
      } else if (!in_code && c == ']' && brackets > 0) {
        --brackets;
      } else if (c == '|' && (i == row.size() || (!in_code && brackets == 0))) {
        add_cell(out, inline_.render_line(row.substr(start, i - start)));
        start = i + 1;
      }
    }
    return out;
  }

  static void add_cell(RenderedLine& row, RenderedLine cell) {
    if (cell.text.empty()) return;
    if (!row.text.empty()) {
      row.text += ' ';
      row.spans.push_back({" | ", {}});
    }
    row.text += cell.text;
    row.spans.insert(row.spans.end(), std::make_move_iterator(cell.spans.begin()),
                     std::make_move_iterator(cell.spans.end()));
  }

  void end_paragraph() {
    flush_pending();
    in_indented_code_ = false;
    structure_.end_paragraph();
    if (!current_.empty()) blocks_.push_back({false, std::move(current_)});
    current_.clear();
    in_table_ = false;
  }

  const InlineRenderer& inline_;
  std::vector<Block> blocks_;
  StructureBuilder structure_;
  std::vector<std::string> current_;  // rendered lines of the paragraph being read
  std::string pending_;               // raw text of its last line, still growing
  std::string pending_marker_;  // an ordered item's number ("2.") while `pending_` is its text
  ListMarker pending_list_;     // and the item's marker
  bool pending_is_item_ = false;
  bool in_indented_code_ = false;  // the paragraph is indented code in the structure
  bool break_pending_ = false;
  std::vector<std::string> code_;
  std::string fence_;  // the open code fence, empty outside code
  std::size_t fence_indent_ = 0;
  bool in_table_ = false;
  bool in_comment_ = false;
};

}  // namespace

BodyRead read_blocks(const std::vector<std::string_view>& lines, std::size_t from,
                     std::optional<std::size_t> skip, const InlineRenderer& renderer) {
  BlockReader reader(renderer);
  for (std::size_t i = from; i < lines.size(); ++i)
    if (i != skip) reader.add(lines[i]);
  return reader.finish();
}

std::string join_blocks(const std::vector<Block>& blocks) {
  std::string out;
  for (const Block& block : blocks) {
    std::string paragraph;
    for (const std::string& line : block.lines) {
      if (!paragraph.empty()) paragraph += '\n';
      paragraph += line;
    }
    if (paragraph.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += paragraph;
  }
  return out;
}

}  // namespace briefing::markdown
