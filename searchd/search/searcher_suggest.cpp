// Searcher::suggest: the prefix folded as the suggestion index's keys are, looked up in the
// index of the handle's revision.
#include <algorithm>

#include "searcher.h"
#include "searcher_impl.h"
#include "suggester.h"

namespace briefing {

std::vector<Suggestion> Searcher::suggest(const std::string& prefix, std::size_t limit) {
  return impl_->with_latest_handle([&](IndexHandle& h) {
    std::shared_ptr<const SuggestionIndex> index =
        impl_->suggestions.for_handle(h, impl_->entities, impl_->spelling_db);
    return index->find(suggest_key(h.analyser, prefix),
                       std::clamp<std::size_t>(limit, 1, kMaxSuggestions));
  });
}

}  // namespace briefing
