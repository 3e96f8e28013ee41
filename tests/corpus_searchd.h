// One index of corpus/ (the sample briefings: outlooks, entities, an update thread) and one real
// searchd over it, shared by the tests of a binary that only read it; and the stored briefings,
// read back through /briefings/{id}, for tests that check an answer against all of them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "http_client.h"
#include "index_run.h"
#include "scratch_dir.h"
#include "searchd_process.h"

namespace briefing::testing {

class CorpusSearchd {
 public:
  static CorpusSearchd& get() {
    static CorpusSearchd c;
    return c;
  }
  const std::string& db_path() const { return db_path_; }
  HttpReply get_raw(const std::string& target) { return http_get(searchd_->port(), target); }
  nlohmann::json get_json(const std::string& target) {
    HttpReply r = get_raw(target);
    INFO(target << " -> " << r.status << " " << r.body.substr(0, 300));
    REQUIRE(r.status == 200);
    return nlohmann::json::parse(r.body);
  }
  // Every stored briefing, in the index's newest-first order.
  const std::vector<nlohmann::json>& briefings() {
    if (briefings_.empty()) {
      const nlohmann::json all = get_json("/search?per_page=100&related=0");
      REQUIRE(all["total"] == all["hits"].size());  // corpus/ fits one page
      for (const auto& hit : all["hits"])
        briefings_.push_back(get_json("/briefings/" + hit["id"].get<std::string>()));
    }
    return briefings_;
  }

 private:
  CorpusSearchd() {
    RunOptions options;
    options.db_path = db_path_;
    options.sources = {std::string(BRIEFING_SOURCE_DIR) + "/corpus"};
    run_indexer(options);
    searchd_ = std::make_unique<SearchdProcess>(options.db_path);
  }
  ScratchDir dir_{"corpus-searchd"};
  const std::string db_path_ = (dir_ / "corpus.db").string();
  std::unique_ptr<SearchdProcess> searchd_;
  std::vector<nlohmann::json> briefings_;
};

}  // namespace briefing::testing
