// Turns a Briefing into the Xapian document that index_layout.h describes, finding the actors,
// vendors and regions its text names on the way.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "analyser.h"
#include "briefing.h"
#include "briefing_text.h"
#include "corrections.h"
#include "entity_matcher.h"
#include "entity_provenance.h"
#include "gazetteer.h"

namespace briefing {

struct BuiltDocument {
  Xapian::Document document;
  Briefing briefing;               // as stored: with the entities found in its text
  std::string id_term;             // "Q" + id
  std::string content_hash;        // of the canonical JSON, also stored in its value slot
  std::set<std::string> spelling;  // words for the did-you-mean table (folded, not stemmed)
};

// The gazetteer and the matcher built over it, for extraction during indexing.
struct Extraction {
  const Gazetteer* gazetteer = nullptr;
  const EntityMatcher* matcher = nullptr;
  const Corrections* corrections = nullptr;  // --corrections, applied to given and found values
};

// Not thread-safe: it uses the caller's analyser. `source_path` is recorded for deletions.
class DocumentBuilder {
 public:
  explicit DocumentBuilder(Analyser& analyser, Extraction extraction = {})
      : analyser_(analyser), extraction_(extraction) {}
  BuiltDocument build(const Briefing& b, const std::string& source_path);

 private:
  struct Field {
    TextField kind;
    const std::string* text;
    std::vector<Token> tokens;
  };
  void analyse_field(TextField kind, const std::string& text);
  void extract_entities(Briefing& b, EntityProvenance& provenance);
  nlohmann::json settle_entities(Briefing& b);
  void add_postings(BuiltDocument& out, const Field& field);
  void add_outlook(Xapian::Document& doc, const Briefing& b) const;
  void add_signature(Xapian::Document& doc, const Briefing& b);
  Analyser& analyser_;
  Extraction extraction_;
  std::vector<Field> fields_;  // reused between documents
  std::size_t used_fields_ = 0;
  Xapian::termpos next_position_ = 1;
};

// The boolean term for a source path: "XF" + hash, since paths can exceed a term's size.
std::string source_term(const std::string& source_path);

}  // namespace briefing
