// XXH3-128 from Debian's libxxhash: fast enough to hash every source on every cron run, and wide
// enough that an accidental collision between two versions of a file is not a concern.
#include "content_hash.h"

#include <cstdio>
#include <new>

#include <xxhash.h>

namespace briefing {
namespace {

std::string to_hex(XXH128_hash_t h) {
  char out[33];
  std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return out;
}

}  // namespace

std::string content_hash(std::string_view bytes) {
  return to_hex(XXH3_128bits(bytes.data(), bytes.size()));
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
  return to_hex(XXH3_128bits_digest(state_->xxh));
}

}  // namespace briefing
