// libFuzzer target: the query path (syntax, ICU analysis, alias lookup, Xapian query building).
#include <cstdint>
#include <string>

#include <xapian.h>

#include "analyser.h"
#include "gazetteer.h"
#include "query_builder.h"
#include "query_syntax.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static briefing::Analyser analyser;
  static const briefing::Gazetteer gazetteer = briefing::Gazetteer::builtin();
  std::string q(reinterpret_cast<const char*>(data), size);
  briefing::QueryBuilder builder(
      analyser,
      [](briefing::Facet, const std::string& typed) { return std::vector<std::string>{typed}; },
      &gazetteer);
  briefing::BuiltQuery built = builder.build(briefing::parse_query_syntax(q));
  (void)built.query.get_description();
  return 0;
}
