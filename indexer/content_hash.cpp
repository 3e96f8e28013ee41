// XXH3-128 from Debian's libxxhash: fast enough to hash every source on every cron run, and wide
// enough that an accidental collision between two versions of a file is not a concern.
#include "content_hash.h"

#include <cstdio>

#include <xxhash.h>

namespace briefing {

std::string content_hash(std::string_view bytes) {
  XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  char out[33];
  std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return out;
}

}  // namespace briefing
