// Shard specs and the stable id hash (shard_spec.h).
#include "shard_spec.h"

#include <charconv>
#include <stdexcept>

namespace briefing {
namespace {

constexpr unsigned kMaxShards = 1024;

std::optional<unsigned> number(std::string_view text) {
  unsigned value = 0;
  const char* end = text.data() + text.size();
  auto [at, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || at != end) return std::nullopt;
  return value;
}

}  // namespace

ShardSpec parse_shard_spec(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos)
    throw std::invalid_argument("shard '" + std::string(text) + "' is not K/N (e.g. 2/3)");
  const auto k = number(text.substr(0, slash)), n = number(text.substr(slash + 1));
  if (!k || !n)
    throw std::invalid_argument("shard '" + std::string(text) + "' is not K/N (e.g. 2/3)");
  if (*n < 1 || *n > kMaxShards)
    throw std::invalid_argument("shard '" + std::string(text) + "': N must be 1 to " +
                                std::to_string(kMaxShards));
  if (*k < 1 || *k > *n)
    throw std::invalid_argument("shard '" + std::string(text) + "': K must be 1 to N");
  return {*k, *n};
}

std::string to_string(const std::optional<ShardSpec>& spec) {
  if (!spec) return {};
  return std::to_string(spec->index) + "/" + std::to_string(spec->count);
}

std::optional<ShardSpec> stored_shard_spec(std::string_view stored) {
  if (stored.empty()) return std::nullopt;
  try {
    return parse_shard_spec(stored);
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

std::uint64_t shard_hash(std::string_view id) {
  std::uint64_t hash = 14695981039346656037ULL;  // the FNV-1a offset basis
  for (unsigned char c : id) {
    hash ^= c;
    hash *= 1099511628211ULL;  // the FNV prime
  }
  return hash;
}

unsigned shard_of(std::string_view id, unsigned count) {
  return static_cast<unsigned>(shard_hash(id) % count) + 1;
}

}  // namespace briefing
