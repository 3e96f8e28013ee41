// Entity tags, HTTP dates and the 304 decision (feed_validators.h).
#include "feed_validators.h"

#include <array>
#include <cstdio>

#include "text_util.h"
#include "timestamp.h"

namespace briefing::http {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {"Thu", "Fri", "Sat", "Sun",
                                                       "Mon", "Tue", "Wed"};  // from 1970-01-01
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// The number in text[at, at + n) when it is n digits, else -1.
int digits_at(std::string_view text, std::size_t at, std::size_t n) {
  std::string_view part = text.substr(at, n);
  return part.size() == n && all_ascii_digits(part) ? digits_value(part) : -1;
}

// The opaque part of an entity tag, without W/ and quotes; empty when it is not one.
std::string_view opaque_tag(std::string_view tag) {
  if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
  if (tag.size() < 2 || tag.front() != '"' || tag.back() != '"') return {};
  return tag.substr(1, tag.size() - 2);
}

}  // namespace

std::string strong_etag(const std::vector<std::string>& parts) {
  std::uint64_t hash = 14695981039346656037ULL;
  auto mix = [&hash](unsigned char byte) {
    hash ^= byte;
    hash *= 1099511628211ULL;
  };
  for (const std::string& part : parts) {
    for (int shift = 0; shift < 64; shift += 8)
      mix(static_cast<unsigned char>(static_cast<std::uint64_t>(part.size()) >> shift));
    for (char c : part) mix(static_cast<unsigned char>(c));
  }
  char hex[19];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return std::string("\"") + hex + "\"";
}

std::string http_date(std::int64_t seconds) {
  // format_timestamp gives "YYYY-MM-DDTHH:MM:SSZ"; its parts are rearranged.
  const std::string iso = format_timestamp(seconds);
  const std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const auto weekday = static_cast<std::size_t>(((days % 7) + 7) % 7);
  const int month = digits_value(iso.substr(5, 2));
  return std::string(kWeekdays[weekday]) + ", " + iso.substr(8, 2) + " " +
         std::string(kMonths[static_cast<std::size_t>(month - 1)]) + " " + iso.substr(0, 4) + " " +
         iso.substr(11, 8) + " GMT";
}

std::optional<std::int64_t> parse_http_date(std::string_view text) {
  text = trim(text);
  // "Sun, 06 Nov 1994 08:49:37 GMT": 29 characters, each in its place.
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT")
    return std::nullopt;
  int month = 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i)
    if (text.substr(8, 3) == kMonths[i]) month = static_cast<int>(i) + 1;
  const int day = digits_at(text, 5, 2), year = digits_at(text, 12, 4);
  const int hour = digits_at(text, 17, 2), minute = digits_at(text, 20, 2);
  const int second = digits_at(text, 23, 2);
  if (month == 0 || day < 0 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
      second < 0 || second > 60 || !valid_civil_date(year, month, day))
    return std::nullopt;
  return epoch_seconds({year, month, day, hour, minute, second});
}

bool etag_listed(std::string_view if_none_match, std::string_view etag) {
  if (trim(if_none_match) == "*") return true;
  const std::string_view wanted = opaque_tag(etag);
  while (!if_none_match.empty()) {
    const std::size_t comma = if_none_match.find(',');
    const std::string_view tag = trim(if_none_match.substr(0, comma));
    if (!wanted.empty() && opaque_tag(tag) == wanted) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

bool not_modified(const std::map<std::string, std::string>& headers, const Validators& answer) {
  if (auto inm = headers.find("if-none-match"); inm != headers.end())
    return etag_listed(inm->second, answer.etag);
  auto ims = headers.find("if-modified-since");
  if (ims == headers.end() || !answer.last_modified) return false;
  const std::optional<std::int64_t> since = parse_http_date(ims->second);
  return since && *answer.last_modified <= *since;
}

}  // namespace briefing::http
