// relevance: the judged query set (bench/relevance/queries.json, judgments.tsv) and the measures
// computed from it -- nDCG@10, P@5 and reciprocal rank of one ranked list.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace relevance {

struct JudgedQuery {
  std::string id, text, cls;
};

// The query classes of issue 13, in the order reports list them.
extern const char* const kQueryClasses[7];

struct JudgedSet {
  std::vector<JudgedQuery> queries;
  std::map<std::string, std::map<std::string, int>> grades;  // query id -> advisory id -> 0..2
  // The grade of an advisory for a query; an unjudged pair counts as 0.
  int grade(const std::string& query, const std::string& doc) const;
  bool judged(const std::string& query, const std::string& doc) const;
  // How many advisories are judged >= 1 for the query.
  std::size_t relevant(const std::string& query) const;
};

// Reads queries.json ([{"id", "text", "class"}...]) and judgments.tsv (query id, advisory id,
// grade, why; '#' lines and the header row skipped). Throws naming the file and line when a query
// id repeats, a class is unknown, a judgment names an unknown query or advisory, a grade is not
// 0, 1 or 2, or a pair is judged twice.
JudgedSet read_judged_set(const std::string& queries_json, const std::string& judgments_tsv,
                          const std::set<std::string>& advisory_ids);

struct QueryScore {
  double ndcg10 = 0, p5 = 0, rr = 0;
  std::size_t returned = 0;  // ids in the ranked list (0: the query answered nothing)
  std::size_t unjudged = 0;  // ids in the top 10 with no judgment
};

// Graded gain = grade, discount log2(rank + 1); the ideal ranking is every judged grade of the
// query, best first. P@5 and the reciprocal rank count grade >= 1; only the top 10 is looked at.
QueryScore score(const JudgedSet& set, const JudgedQuery& query,
                 const std::vector<std::string>& ranked);

}  // namespace relevance
