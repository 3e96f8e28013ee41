// A temporary folder for one test or benchmark run, removed when it goes out of scope.
#pragma once

#include <filesystem>
#include <string>

namespace briefing::testing {

class ScratchDir {
 public:
  // Creates <temp>/briefing-<tag>-<random>.
  explicit ScratchDir(const std::string& tag = "test");
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace briefing::testing
