// The relaxation order: the relaxable parts, last typed first, stably sorted by how little they
// say (absent, then common by frequency, then the rest as typed).
#include "relaxation.h"

#include <algorithm>

namespace briefing {
namespace {

int group(const RelaxCandidate& c) {
  return c.absent ? 0 : c.common ? 1 : 2;
}

}  // namespace

std::vector<std::size_t> relaxation_order(const std::vector<RelaxCandidate>& candidates) {
  std::vector<std::size_t> order;
  for (std::size_t i = candidates.size(); i-- > 0;) {
    const RelaxCandidate& c = candidates[i];
    if (c.rule == RelaxRule::kByOrder || (c.rule == RelaxRule::kIfAbsent && c.absent))
      order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const RelaxCandidate &x = candidates[a], &y = candidates[b];
    if (group(x) != group(y)) return group(x) < group(y);
    return group(x) == 1 && x.frequency > y.frequency;
  });
  return order;
}

}  // namespace briefing
