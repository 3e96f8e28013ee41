#include "outlook_layout.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace briefing {

namespace {

constexpr std::array<std::string_view, 4> kKindNames = {"", "risk", "opportunity", "precedent"};
constexpr std::array<std::string_view, 4> kHorizonNames = {"", "short", "medium", "long"};
// kind, horizon, percent (255: none), then the two positions as four bytes each, little-endian.
constexpr std::size_t kRecordBytes = 3 + 4 + 4;
constexpr std::uint8_t kNoPercent = 255;

template <class E, std::size_t N>
std::optional<E> named(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 1; i < N; ++i)
    if (names[i] == name) return static_cast<E>(i);
  return std::nullopt;
}

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

std::uint32_t get_u32(std::string_view bytes, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i)
    v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  return v;
}

}  // namespace

std::optional<OutlookKind> outlook_kind_named(std::string_view name) {
  return named<OutlookKind>(kKindNames, name);
}
std::optional<OutlookHorizon> outlook_horizon_named(std::string_view name) {
  return named<OutlookHorizon>(kHorizonNames, name);
}
std::string_view outlook_kind_name(OutlookKind kind) {
  return kKindNames.at(static_cast<std::size_t>(kind));
}
std::string_view outlook_horizon_name(OutlookHorizon h) {
  return kHorizonNames.at(static_cast<std::size_t>(h));
}

OutlookRecord outlook_record(const OutlookItem& item) {
  OutlookRecord r;
  r.kind = outlook_kind_named(item.kind).value_or(OutlookKind::kOther);
  r.horizon = outlook_horizon_named(item.horizon).value_or(OutlookHorizon::kNone);
  if (item.probability)
    r.percent =
        static_cast<std::uint8_t>(std::clamp(std::lround(*item.probability * 100), 0L, 100L));
  return r;
}

std::string encode_outlook(const std::vector<OutlookRecord>& records) {
  std::string out;
  out.reserve(records.size() * kRecordBytes);
  for (const OutlookRecord& r : records) {
    out += static_cast<char>(r.kind);
    out += static_cast<char>(r.horizon);
    out += static_cast<char>(r.percent.value_or(kNoPercent));
    put_u32(out, r.first_position);
    put_u32(out, r.last_position);
  }
  return out;
}

std::vector<OutlookRecord> decode_outlook(std::string_view bytes) {
  std::vector<OutlookRecord> out;
  out.reserve(bytes.size() / kRecordBytes);
  for (std::size_t at = 0; at + kRecordBytes <= bytes.size(); at += kRecordBytes) {
    OutlookRecord r;
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(bytes[at + i]); };
    r.kind = byte(0) < kKindNames.size() ? static_cast<OutlookKind>(byte(0)) : OutlookKind::kOther;
    r.horizon = byte(1) < kHorizonNames.size() ? static_cast<OutlookHorizon>(byte(1))
                                               : OutlookHorizon::kNone;
    if (byte(2) <= 100) r.percent = byte(2);
    r.first_position = get_u32(bytes, at + 3);
    r.last_position = get_u32(bytes, at + 7);
    out.push_back(r);
  }
  return out;
}

std::string outlook_filter_term(std::string_view prefix, std::optional<OutlookKind> kind,
                                std::optional<OutlookHorizon> horizon) {
  std::string term(prefix);
  if (kind) term += outlook_kind_name(*kind);
  term += '/';
  if (horizon) term += outlook_horizon_name(*horizon);
  return term;
}

std::vector<std::string> outlook_terms(std::string_view prefix,
                                       const std::vector<OutlookRecord>& records) {
  std::vector<std::string> terms;
  if (!records.empty()) terms.push_back(outlook_filter_term(prefix, std::nullopt, std::nullopt));
  for (const OutlookRecord& r : records) {
    const bool kind = r.kind != OutlookKind::kOther, horizon = r.horizon != OutlookHorizon::kNone;
    if (kind) terms.push_back(outlook_filter_term(prefix, r.kind, std::nullopt));
    if (horizon) terms.push_back(outlook_filter_term(prefix, std::nullopt, r.horizon));
    if (kind && horizon) terms.push_back(outlook_filter_term(prefix, r.kind, r.horizon));
  }
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

}  // namespace briefing
