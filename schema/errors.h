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

// The index on disk cannot be used: the base of the more precise causes below. Thrown as itself
// for anything else that fails a run (an I/O error, a missing SOURCE, a bad --entities file).
class IndexError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Another run holds the writer lock; trying again later will do.
class IndexLocked : public IndexError {
 public:
  using IndexError::IndexError;
};

// The index cannot be read as this program's index: corrupt, of another schema version, or a stub
// file with lines it did not write. A --full run builds a new one.
class IndexUnreadable : public IndexError {
 public:
  using IndexError::IndexError;
};

// The index, its folder or its lock file may not be written (permission, read-only file system):
// waiting will not help, a person must.
class IndexNotWritable : public IndexError {
 public:
  using IndexError::IndexError;
};

}  // namespace briefing
