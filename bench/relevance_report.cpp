// relevance: the printed report and the pool file.
#include "relevance_report.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace relevance {
namespace {

struct Means {
  double ndcg10 = 0, p5 = 0, mrr = 0;
  std::size_t queries = 0, zero = 0, unjudged = 0, returned = 0;
};

// The queries measured: those with at least one advisory judged relevant.
bool measured(const JudgedSet& set, const JudgedQuery& q) {
  return set.relevant(q.id) > 0;
}

// One system's means over the measured queries of one class ("" = every class).
Means means(const JudgedSet& set, const RunResults& run, std::size_t system,
            const std::string& cls) {
  Means m;
  for (std::size_t i = 0; i < set.queries.size(); ++i) {
    const JudgedQuery& q = set.queries[i];
    if (!measured(set, q) || (!cls.empty() && q.cls != cls)) continue;
    QueryScore s = score(set, q, run.ranked[system][i]);
    m.ndcg10 += s.ndcg10;
    m.p5 += s.p5;
    m.mrr += s.rr;
    m.zero += s.returned == 0;
    m.unjudged += s.unjudged;
    m.returned += std::min<std::size_t>(s.returned, 10);
    ++m.queries;
  }
  if (m.queries) {
    m.ndcg10 /= static_cast<double>(m.queries);
    m.p5 /= static_cast<double>(m.queries);
    m.mrr /= static_cast<double>(m.queries);
  }
  return m;
}

void print_overall(std::ostream& out, const JudgedSet& set, const RunResults& run) {
  std::size_t unmeasured = 0;
  for (const auto& q : set.queries) unmeasured += !measured(set, q);
  char line[200];
  std::snprintf(line, sizeof line,
                "%zu queries, %zu measured (%zu with no advisory judged relevant)\n\n",
                set.queries.size(), set.queries.size() - unmeasured, unmeasured);
  out << line;
  std::snprintf(line, sizeof line, "%-12s %8s %6s %6s %5s %17s\n", "system", "nDCG@10", "P@5",
                "MRR", "zero", "unjudged in top10");
  out << line;
  for (std::size_t s = 0; s < run.systems.size(); ++s) {
    Means m = means(set, run, s, "");
    std::snprintf(line, sizeof line, "%-12s %8.3f %6.3f %6.3f %5zu %9zu of %4zu\n",
                  run.systems[s].c_str(), m.ndcg10, m.p5, m.mrr, m.zero, m.unjudged, m.returned);
    out << line;
  }
}

void print_classes(std::ostream& out, const JudgedSet& set, const RunResults& run) {
  char line[200];
  out << "\nper class: nDCG@10 / P@5 / MRR\n";
  std::snprintf(line, sizeof line, "%-20s %3s", "class", "n");
  out << line;
  for (const auto& name : run.systems) {
    std::snprintf(line, sizeof line, "  %-18s", name.c_str());
    out << line;
  }
  out << "\n";
  for (const char* cls : kQueryClasses) {
    std::snprintf(line, sizeof line, "%-20s %3zu", cls, means(set, run, 0, cls).queries);
    out << line;
    for (std::size_t s = 0; s < run.systems.size(); ++s) {
      Means m = means(set, run, s, cls);
      std::snprintf(line, sizeof line, "  %.2f / %.2f / %.2f", m.ndcg10, m.p5, m.mrr);
      out << line;
    }
    out << "\n";
  }
}

void print_zero_results(std::ostream& out, const JudgedSet& set, const RunResults& run) {
  out << "\nzero-result queries that have a relevant advisory:\n";
  for (std::size_t s = 0; s < run.systems.size(); ++s) {
    out << "  " << run.systems[s] << ":";
    std::size_t n = 0;
    for (std::size_t i = 0; i < set.queries.size(); ++i)
      if (measured(set, set.queries[i]) && run.ranked[s][i].empty()) {
        out << (n++ ? ", " : " ") << set.queries[i].id << " \"" << set.queries[i].text << "\"";
      }
    out << (n ? "\n" : " none\n");
  }
}

struct Shortfall {
  std::size_t query;
  double engine, best_other;
  std::size_t best_system;
};

void print_worst(std::ostream& out, const JudgedSet& set, const RunResults& run) {
  std::vector<Shortfall> rows;
  for (std::size_t i = 0; i < set.queries.size(); ++i) {
    if (!measured(set, set.queries[i])) continue;
    Shortfall row{i, score(set, set.queries[i], run.ranked[0][i]).ndcg10, -1, 0};
    for (std::size_t s = 1; s < run.systems.size(); ++s) {
      double other = score(set, set.queries[i], run.ranked[s][i]).ndcg10;
      if (other > row.best_other) row.best_other = other, row.best_system = s;
    }
    rows.push_back(row);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Shortfall& a, const Shortfall& b) {
    if (a.engine != b.engine) return a.engine < b.engine;
    return a.engine - a.best_other < b.engine - b.best_other;
  });
  out << "\nthe 10 queries where " << run.systems[0]
      << " is worst (nDCG@10; gap to the best other)\n";
  char line[300];
  for (std::size_t k = 0; k < std::min<std::size_t>(rows.size(), 10); ++k) {
    const Shortfall& r = rows[k];
    const JudgedQuery& q = set.queries[r.query];
    std::snprintf(line, sizeof line, "  %-4s %-20s %-52s %.3f  %+.3f vs %s\n", q.id.c_str(),
                  q.cls.c_str(), ("\"" + q.text + "\"").c_str(), r.engine, r.engine - r.best_other,
                  run.systems[r.best_system].c_str());
    out << line;
  }
}

}  // namespace

void print_report(std::ostream& out, const JudgedSet& set, const RunResults& run) {
  print_overall(out, set, run);
  print_classes(out, set, run);
  print_zero_results(out, set, run);
  print_worst(out, set, run);
}

void print_per_query(std::ostream& out, const JudgedSet& set, const RunResults& run) {
  char line[300];
  out << "\nper query: nDCG@10 (relevant = advisories judged >= 1)\n";
  std::snprintf(line, sizeof line, "%-4s %-20s %-50s %8s", "id", "class", "query", "relevant");
  out << line;
  for (const auto& name : run.systems) {
    std::snprintf(line, sizeof line, " %11s", name.c_str());
    out << line;
  }
  out << "\n";
  for (std::size_t i = 0; i < set.queries.size(); ++i) {
    const JudgedQuery& q = set.queries[i];
    std::snprintf(line, sizeof line, "%-4s %-20s %-50s %8zu", q.id.c_str(), q.cls.c_str(),
                  q.text.substr(0, 50).c_str(), set.relevant(q.id));
    out << line;
    for (std::size_t s = 0; s < run.systems.size(); ++s) {
      std::snprintf(line, sizeof line, " %11.3f", score(set, q, run.ranked[s][i]).ndcg10);
      out << line;
    }
    out << "\n";
  }
}

std::size_t write_pool(const std::string& path, const JudgedSet& set, const RunResults& run,
                       const std::map<std::string, std::string>& titles) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write " + path);
  out << "query\tdoc\ttitle\tquery text\tranks\n";
  std::size_t pairs = 0;
  for (std::size_t i = 0; i < set.queries.size(); ++i) {
    const JudgedQuery& q = set.queries[i];
    std::map<std::string, std::string> ranks;  // doc -> "engine:1 fts5:3"
    std::vector<std::string> order;
    for (std::size_t s = 0; s < run.systems.size(); ++s)
      for (std::size_t r = 0; r < std::min(run.ranked[s][i].size(), run.depth); ++r) {
        const std::string& doc = run.ranked[s][i][r];
        if (set.judged(q.id, doc)) continue;
        if (!ranks.count(doc)) order.push_back(doc);
        ranks[doc] +=
            (ranks[doc].empty() ? "" : " ") + run.systems[s] + ":" + std::to_string(r + 1);
      }
    for (const std::string& doc : order)
      out << q.id << '\t' << doc << '\t' << titles.at(doc) << '\t' << q.text << '\t' << ranks[doc]
          << '\n';
    pairs += order.size();
  }
  if (!out) throw std::runtime_error("cannot write " + path);
  return pairs;
}

}  // namespace relevance
