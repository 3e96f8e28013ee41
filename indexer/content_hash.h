// Hashes for change detection and for keys that must fit Xapian's term size (XXH3, 128 bits).
#pragma once

#include <compare>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace briefing {

// 32 lower-case hex digits.
std::string content_hash(std::string_view bytes);

// The same hash as two numbers, for a table looked up once per source file on every run: hex
// order is the order of (high, low).
struct Hash128 {
  std::uint64_t high = 0, low = 0;
  friend auto operator<=>(const Hash128&, const Hash128&) = default;
};
Hash128 content_hash_bits(std::string_view bytes);
std::string to_hex(const Hash128& hash);                // as content_hash writes it
std::optional<Hash128> from_hex(std::string_view hex);  // 32 lower-case hex digits, or nullopt

// For hash tables of Hash128s: the low half is as uniform as any hash of it would be.
struct Hash128Low {
  std::size_t operator()(const Hash128& h) const noexcept { return h.low; }
};

// The same hash over bytes that arrive in pieces: after update() with every piece in order,
// hex() equals content_hash() of them all, so a streamed file keeps the hash it had when it was
// read whole.
class ContentHasher {
 public:
  ContentHasher();
  ~ContentHasher();
  ContentHasher(const ContentHasher&) = delete;
  ContentHasher& operator=(const ContentHasher&) = delete;
  void update(std::string_view bytes);
  std::string hex() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace briefing
