// Reading the page's hits (hit_reader.h).
#include "hit_reader.h"

#include "index_layout.h"

#include "related_finder.h"
#include "similar_finder.h"
#include "snippet_builder.h"
#include "stored_briefing.h"
#include "timestamp.h"

namespace briefing {
namespace {

Hit hit_fields(Briefing& b, double score) {
  Hit hit;
  hit.id = std::move(b.id);
  hit.title = std::move(b.title);
  hit.published = format_timestamp(b.published);
  hit.url = std::move(b.url);
  hit.series = std::move(b.series);
  hit.status = std::move(b.status);
  hit.score = score;
  hit.actors = std::move(b.actors);
  hit.vendors = std::move(b.vendors);
  hit.regions = std::move(b.regions);
  return hit;
}

}  // namespace

void read_hits(const HitSources& sources, const MatchPlan& plan, const std::vector<Ranked>& page,
               SearchResult& result) {
  const SearchRequest& request = plan.request;
  SnippetBuilder snippets(sources.analyser);
  RelatedFinder related(sources.db, sources.table);
  for (const Ranked& ranked : page) {
    // From the match, so it exists: Xapian need not look it up twice.
    Xapian::Document doc = sources.db.get_document(ranked.docid, Xapian::DOC_ASSUME_VALID);
    std::optional<Briefing> stored = read_stored_briefing(doc.get_data());
    if (!stored) continue;
    std::string snippet;
    if (request.snippets) {
      const auto t = SearchClock::now();
      // Out of time: the opening of the text, which costs no analysis.
      snippet = snippets.build(snippet_texts(*stored),
                               plan.budget.spent() ? HighlightTerms{} : plan.built.highlight);
      result.snippets_ms += ms_since(t);
    }
    std::vector<RelatedItem> related_items;
    if (request.related_per_hit > 0 && !plan.budget.spent()) {
      const auto t = SearchClock::now();
      related_items =
          related.find(ranked.docid, {static_cast<std::size_t>(request.related_per_hit), false},
                       &stored->related);
      result.related_ms += ms_since(t);
    }
    Hit hit = hit_fields(*stored, ranked.weight);
    if (const std::string at = doc.get_value(layout::kIndexedAt); !at.empty())
      hit.indexed_at =
          format_timestamp(static_cast<std::int64_t>(Xapian::sortable_unserialise(at)));
    hit.snippet = std::move(snippet);
    hit.related = std::move(related_items);
    if (folds_near_duplicates(request) && !plan.budget.spent())
      find_similar(plan, ranked.docid, doc.get_value(layout::kDuplicateGroupValue), hit);
    result.hits.push_back(std::move(hit));
  }
}

}  // namespace briefing
