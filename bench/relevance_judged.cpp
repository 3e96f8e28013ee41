// relevance: reading and checking the judged set, and scoring one ranked list against it.
#include "relevance_judged.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace relevance {

const char* const kQueryClasses[7] = {"named-vulnerability", "product-problem", "vague-topic",
                                      "actor-alias",         "cve-id",          "multi-concept",
                                      "misspelling"};

int JudgedSet::grade(const std::string& query, const std::string& doc) const {
  auto q = grades.find(query);
  if (q == grades.end()) return 0;
  auto d = q->second.find(doc);
  return d == q->second.end() ? 0 : d->second;
}

bool JudgedSet::judged(const std::string& query, const std::string& doc) const {
  auto q = grades.find(query);
  return q != grades.end() && q->second.count(doc) != 0;
}

std::size_t JudgedSet::relevant(const std::string& query) const {
  auto q = grades.find(query);
  if (q == grades.end()) return 0;
  return static_cast<std::size_t>(std::count_if(q->second.begin(), q->second.end(),
                                                [](const auto& g) { return g.second >= 1; }));
}

namespace {

std::vector<JudgedQuery> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  const nlohmann::json doc = nlohmann::json::parse(in);
  std::vector<JudgedQuery> out;
  std::set<std::string> ids;
  for (const auto& q : doc) {
    JudgedQuery query{q.at("id").get<std::string>(), q.at("text").get<std::string>(),
                      q.at("class").get<std::string>()};
    if (!ids.insert(query.id).second)
      throw std::runtime_error(path + ": query id repeats: " + query.id);
    if (std::find(std::begin(kQueryClasses), std::end(kQueryClasses), query.cls) ==
        std::end(kQueryClasses))
      throw std::runtime_error(path + ": " + query.id + " has an unknown class " + query.cls);
    out.push_back(std::move(query));
  }
  return out;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string field; std::getline(in, field, '\t');) fields.push_back(field);
  return fields;
}

}  // namespace

JudgedSet read_judged_set(const std::string& queries_json, const std::string& judgments_tsv,
                          const std::set<std::string>& advisory_ids) {
  JudgedSet set;
  set.queries = read_queries(queries_json);
  std::set<std::string> query_ids;
  for (const auto& q : set.queries) query_ids.insert(q.id);
  std::ifstream in(judgments_tsv);
  if (!in) throw std::runtime_error("cannot read " + judgments_tsv);
  std::size_t line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line.empty() || line[0] == '#' || line.rfind("query\t", 0) == 0) continue;
    const std::string where = judgments_tsv + ":" + std::to_string(line_number) + ": ";
    std::vector<std::string> f = split_tabs(line);
    if (f.size() < 3) throw std::runtime_error(where + "fewer than 3 tab-separated fields");
    if (!query_ids.count(f[0])) throw std::runtime_error(where + "unknown query " + f[0]);
    if (!advisory_ids.count(f[1])) throw std::runtime_error(where + "unknown advisory " + f[1]);
    if (f[2] != "0" && f[2] != "1" && f[2] != "2")
      throw std::runtime_error(where + "grade is not 0, 1 or 2: " + f[2]);
    if (!set.grades[f[0]].emplace(f[1], f[2][0] - '0').second)
      throw std::runtime_error(where + "judged twice: " + f[0] + " " + f[1]);
  }
  return set;
}

QueryScore score(const JudgedSet& set, const JudgedQuery& query,
                 const std::vector<std::string>& ranked) {
  QueryScore s;
  s.returned = ranked.size();
  const std::size_t depth = std::min<std::size_t>(ranked.size(), 10);
  double dcg = 0;
  std::size_t relevant_in_5 = 0;
  for (std::size_t i = 0; i < depth; ++i) {
    const int g = set.grade(query.id, ranked[i]);
    if (!set.judged(query.id, ranked[i])) ++s.unjudged;
    dcg += g / std::log2(static_cast<double>(i) + 2);
    if (g >= 1 && i < 5) ++relevant_in_5;
    if (g >= 1 && s.rr == 0) s.rr = 1.0 / static_cast<double>(i + 1);
  }
  std::vector<int> ideal;
  auto q = set.grades.find(query.id);
  if (q != set.grades.end())
    for (const auto& [doc, g] : q->second) ideal.push_back(g);
  std::sort(ideal.rbegin(), ideal.rend());
  double idcg = 0;
  for (std::size_t i = 0; i < std::min<std::size_t>(ideal.size(), 10); ++i)
    idcg += ideal[i] / std::log2(static_cast<double>(i) + 2);
  s.ndcg10 = idcg > 0 ? dcg / idcg : 0;
  s.p5 = static_cast<double>(relevant_in_5) / 5;
  return s;
}

}  // namespace relevance
