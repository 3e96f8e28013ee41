// The canonical JSON of a body's structure ("body_blocks"), its validation and its limits.
//
//   [{"type": "heading", "level": 2, "spans": ["Overview"]},
//    {"type": "paragraph", "lines": [["See ", {"text": "the advisory", "href":
//    "https://x.example/a"}]]},
//    {"type": "list", "ordered": false, "items": [{"spans": ["one"]},
//        {"spans": ["two"], "list": {"ordered": true, "items": [{"spans": ["two.1"]}]}}]},
//    {"type": "code", "text": "reg query HKLM\\..."}]
//
// A span is a string when it links nowhere, else {"text", "href"}: most spans are plain, and the
// stored JSON is read for every hit.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "body_blocks.h"
#include "briefing_json.h"

namespace briefing {

nlohmann::json body_blocks_to_json(const std::vector<BodyBlock>& blocks);

// Throws InvalidBriefing naming the part ("body_blocks[2].items[0].spans[1]") of the wrong shape.
std::vector<BodyBlock> body_blocks_from_json(const nlohmann::json& array);

// An absolute http or https URL with a host, at most 2048 bytes, without spaces or control
// characters: the only link targets the page makes clickable.
bool is_web_link(std::string_view href);

// Heading levels outside 1..6 are refused; a link target that is no web link is dropped (its text
// stays), as are empty spans, lines, items and blocks.
void validate_body_blocks(std::vector<BodyBlock>& blocks);

// Refuses (InvalidBriefing "body_blocks") a structure of more parts (blocks, lines, items and
// spans together) than `limits.max_body_parts` or more text than twice `limits.max_field_bytes`.
void check_body_block_limits(const std::vector<BodyBlock>& blocks, const BriefingLimits& limits);

}  // namespace briefing
