// The date-then-id order value (order_key.h).
#include "order_key.h"

namespace briefing {
namespace {

constexpr std::uint64_t kSignBit = 1ULL << 63;
constexpr std::size_t kTimeBytes = 8;

}  // namespace

std::string order_key(std::int64_t published, std::string_view id) {
  std::string key;
  key.reserve(kTimeBytes + id.size() + 1);
  const std::uint64_t time = static_cast<std::uint64_t>(published) ^ kSignBit;
  for (int shift = 56; shift >= 0; shift -= 8)
    key.push_back(static_cast<char>((time >> shift) & 0xFF));
  for (unsigned char c : id) key.push_back(static_cast<char>(0xFF - c));
  key.push_back('\xFF');
  return key;
}

std::string updated_key(std::int64_t written, std::string_view order_key_value) {
  std::string key = order_key(written, {});
  key.pop_back();  // the time's eight bytes alone: every key has them, so none is a prefix
  key += order_key_value;
  return key;
}

std::optional<OrderKeyParts> parse_order_key(std::string_view key) {
  if (key.size() < kTimeBytes + 1 || key.back() != '\xFF') return std::nullopt;
  std::uint64_t time = 0;
  for (std::size_t i = 0; i < kTimeBytes; ++i)
    time = (time << 8) | static_cast<unsigned char>(key[i]);
  OrderKeyParts parts{static_cast<std::int64_t>(time ^ kSignBit), {}};
  for (std::size_t i = kTimeBytes; i + 1 < key.size(); ++i)
    parts.id.push_back(static_cast<char>(0xFF - static_cast<unsigned char>(key[i])));
  return parts;
}

}  // namespace briefing
