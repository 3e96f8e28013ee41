// Hashes for change detection and for keys that must fit Xapian's term size (XXH3, 128 bits).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace briefing {

// 32 lower-case hex digits.
std::string content_hash(std::string_view bytes);

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
