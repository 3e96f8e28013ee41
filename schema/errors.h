// Typed errors of the libraries; each program converts them to exit codes or HTTP answers in one
// place.
#pragma once

#include <stdexcept>
#include <string>

namespace briefing {

// A document that breaks the schema: names the field and the reason (the reader adds the file).
class InvalidBriefing : public std::runtime_error {
 public:
  InvalidBriefing(std::string field, std::string reason)
      : std::runtime_error(field.empty() ? reason : field + ": " + reason),
        field_(std::move(field)),
        reason_(std::move(reason)) {}
  const std::string& field() const { return field_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string field_;
  std::string reason_;
};

// The index on disk is missing, of another schema version, or locked by another writer.
class IndexError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class IndexLocked : public IndexError {
 public:
  using IndexError::IndexError;
};

}  // namespace briefing
