// relevance: plain Xapian BM25 as the textbook setup -- TermGenerator with the English stemmer
// (STEM_SOME), the title indexed with weight 5 and under "S", the body after it; QueryParser with
// the same stemmer, the default OR and FLAG_DEFAULT; BM25Weight with its default parameters. No
// aliases, no entities, nothing relaxed: what one gets from the Xapian documentation.
#include <xapian.h>

#include <filesystem>

#include "relevance_systems.h"

namespace relevance {
namespace {

namespace fs = std::filesystem;

class PlainXapian : public RankedSystem {
 public:
  PlainXapian(const std::vector<Advisory>& advisories, const std::string& path)
      : stemmer_("english") {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator terms;
    terms.set_stemmer(stemmer_);
    terms.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    for (const Advisory& a : advisories) {
      Xapian::Document doc;
      terms.set_document(doc);
      terms.index_text(a.title, 5);
      terms.index_text(a.title, 1, "S");
      terms.increase_termpos();
      terms.index_text(a.text);
      doc.set_data(a.id);
      doc.add_boolean_term("Q" + a.id);
      db.replace_document("Q" + a.id, doc);
    }
    db.commit();
    db_ = Xapian::Database(path);
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_database(db_);
    parser_.add_prefix("title", "S");
    parser_.set_default_op(Xapian::Query::OP_OR);
  }
  const char* name() const override { return "xapian-bm25"; }
  std::uint64_t documents() override { return db_.get_doccount(); }

  std::vector<std::string> top(const std::string& query, std::size_t depth) override {
    std::vector<std::string> ids;
    Xapian::Query parsed;
    try {
      parsed = parser_.parse_query(query, Xapian::QueryParser::FLAG_DEFAULT);
    } catch (const Xapian::QueryParserError&) {
      return ids;  // what a user of this setup sees: nothing
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(parsed);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(depth));
    for (auto it = mset.begin(); it != mset.end(); ++it)
      ids.push_back(it.get_document().get_data());
    return ids;
  }

 private:
  Xapian::Stem stemmer_;
  Xapian::Database db_;
  Xapian::QueryParser parser_;
};

}  // namespace

std::unique_ptr<RankedSystem> build_plain_xapian(const std::vector<Advisory>& advisories,
                                                 const std::string& work) {
  return std::make_unique<PlainXapian>(advisories, (fs::path(work) / "plain-xapian.db").string());
}

}  // namespace relevance
