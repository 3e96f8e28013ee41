// The sections of a plain-text briefing body that tell the entity matcher how a name is used: the
// references (what they cite is a source) and the list of what is affected (what it names is a
// subject). Headings are found as the readers leave them: a line of its own.
#pragma once

#include <cstddef>
#include <string_view>

namespace briefing {

struct TextSpan {
  std::size_t begin = std::string_view::npos, end = std::string_view::npos;  // byte offsets
  bool contains(std::size_t at) const {
    return begin != std::string_view::npos && at >= begin && at < end;
  }
};

// From a "References" line ("Additional references", "Sources", ...) to the end; empty when the
// text has none.
TextSpan references_section(std::string_view text);

// From a "What is vulnerable?" line ("Affected products", "Affected versions", ...) to the next
// heading: a short line standing alone as a paragraph, without a full stop.
TextSpan affected_section(std::string_view text);

}  // namespace briefing
