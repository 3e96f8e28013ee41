// Inline Markdown (emphasis, code spans, links, HTML tags, entities) rendered to plain text.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace briefing::markdown {

// Reference labels compare case-insensitively with white space collapsed.
std::string normalise_label(std::string_view label);

struct InlinePiece;

// Renders one line (or table cell, or heading) of inline Markdown to plain text. `labels` are the
// document's reference labels (normalised), so that `[label]` alone reads as a link.
class InlineRenderer {
 public:
  explicit InlineRenderer(std::set<std::string> labels) : labels_(std::move(labels)) {}

  std::string render(std::string_view s) const;

 private:
  void scan(std::string_view s, std::vector<InlinePiece>& pieces) const;
  bool link(std::string_view s, std::size_t open, std::string& literal, std::size_t& next) const;

  std::set<std::string> labels_;
};

}  // namespace briefing::markdown
