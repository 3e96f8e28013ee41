// XXH3-128 from Debian's libxxhash: fast enough to hash every source on every cron run, and wide
// enough that an accidental collision between two versions of a file is not a concern.
#include "content_hash.h"

#include <new>

#include <xxhash.h>

namespace briefing {
namespace {

constexpr std::string_view kDigits = "0123456789abcdef";

void put_hex(std::uint64_t v, char* out) {
  for (int i = 15; i >= 0; --i, v >>= 4) out[i] = kDigits[v & 0xF];
}

std::optional<std::uint64_t> get_hex(std::string_view digits) {
  std::uint64_t v = 0;
  for (char c : digits) {
    const std::size_t d = kDigits.find(c);
    if (d == std::string_view::npos) return std::nullopt;
    v = v << 4 | d;
  }
  return v;
}

Hash128 bits(XXH128_hash_t h) {
  return {h.high64, h.low64};
}

}  // namespace

std::string to_hex(const Hash128& hash) {
  std::string out(32, '0');
  put_hex(hash.high, out.data());
  put_hex(hash.low, out.data() + 16);
  return out;
}

std::optional<Hash128> from_hex(std::string_view hex) {
  if (hex.size() != 32) return std::nullopt;
  auto high = get_hex(hex.substr(0, 16)), low = get_hex(hex.substr(16));
  if (!high || !low) return std::nullopt;
  return Hash128{*high, *low};
}

Hash128 content_hash_bits(std::string_view bytes) {
  return bits(XXH3_128bits(bytes.data(), bytes.size()));
}

std::string content_hash(std::string_view bytes) {
  return to_hex(content_hash_bits(bytes));
}

struct ContentHasher::State {
  XXH3_state_t* xxh = XXH3_createState();
  ~State() { XXH3_freeState(xxh); }
};

ContentHasher::ContentHasher() : state_(std::make_unique<State>()) {
  if (!state_->xxh) throw std::bad_alloc();
  XXH3_128bits_reset(state_->xxh);
}

ContentHasher::~ContentHasher() = default;

void ContentHasher::update(std::string_view bytes) {
  XXH3_128bits_update(state_->xxh, bytes.data(), bytes.size());
}

std::string ContentHasher::hex() const {
  return to_hex(bits(XXH3_128bits_digest(state_->xxh)));
}

}  // namespace briefing
