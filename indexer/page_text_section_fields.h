// The sections below the header of page text, each read into its briefing field: the outlook,
// the first report, causes and effects, and the perspectives.
#pragma once

#include <string>
#include <vector>

#include "briefing.h"

namespace briefing::page_text {

// "What could happen next?": `• Opportunity`, its text, `Short term · 0.65`, for each item.
std::vector<OutlookItem> parse_outlook(const std::vector<std::string>& lines);

// "First Reported In": a title, then `Source· 8 May 2026`.
FirstReported parse_first_reported(const std::vector<std::string>& lines);

// "Causes and effects" as prose. The section repeats the briefing's title under its "This Event"
// label; neither is content.
std::string parse_causes_effects(const std::vector<std::string>& lines, const std::string& title);

// "Different Perspectives": each party's name is shown twice (a heading and a label), then its
// statement. Pages without the doubled names alternate name and statement.
std::vector<Perspective> parse_perspectives(const std::vector<std::string>& lines);

}  // namespace briefing::page_text
