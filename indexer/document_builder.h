// Turns a Briefing into the Xapian document that index_layout.h describes.
#pragma once

#include <set>
#include <string>

#include <xapian.h>

#include "analyser.h"
#include "briefing.h"

namespace briefing {

struct BuiltDocument {
  Xapian::Document document;
  std::string id_term;             // "Q" + id
  std::string content_hash;        // of the canonical JSON, also stored in its value slot
  std::set<std::string> spelling;  // words for the did-you-mean table (folded, not stemmed)
};

// Not thread-safe: it uses the caller's analyser. `source_path` is recorded for deletions.
class DocumentBuilder {
 public:
  explicit DocumentBuilder(Analyser& analyser) : analyser_(analyser) {}
  BuiltDocument build(const Briefing& b, const std::string& source_path);

 private:
  void index_text(BuiltDocument& out, const std::string& text, Xapian::termcount weight,
                  bool title);
  Analyser& analyser_;
  std::vector<Token> tokens_;  // reused between fields
  Xapian::termpos next_position_ = 1;
};

// The boolean term for a source path: "XF" + hash, since paths can exceed a term's size.
std::string source_term(const std::string& source_path);

// A set of facet values as stored in one value slot: sorted, unique, joined by kSetSeparator.
std::string join_set(std::vector<std::string> values);

}  // namespace briefing
