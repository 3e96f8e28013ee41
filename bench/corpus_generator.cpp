// How a benchmark briefing is drawn. Every draw goes through one SeededRandom in a fixed order and
// no container is iterated in hash order, so one seed always gives the same briefings.
#include "corpus_generator.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "timestamp.h"

namespace briefing::bench {
namespace {

struct Weighted {
  const char* value;
  double weight;
};

// Regions briefings are about, most common first (ISO 3166-1 alpha-2).
constexpr Weighted kRegions[] = {
    {"US", 30}, {"CN", 13}, {"RU", 11},  {"GB", 7},   {"AU", 7},   {"KP", 5},  {"IR", 5},
    {"UA", 5},  {"KR", 3},  {"JP", 3},   {"DE", 3},   {"FR", 3},   {"TW", 3},  {"IL", 2},
    {"IN", 2},  {"CA", 2},  {"NL", 1.5}, {"SG", 1.5}, {"NZ", 1.5}, {"SA", 1},  {"AE", 1},
    {"BR", 1},  {"VN", 1},  {"PH", 1},   {"PL", 1},   {"IT", 1},   {"ES", 1},  {"TR", 1},
    {"PK", 1},  {"SE", .5}, {"NO", .5},  {"FI", .5},  {"EE", .5},  {"LT", .5}, {"CZ", .5},
    {"MX", .5}, {"ZA", .5}, {"EG", .5},  {"NG", .5},  {"ID", .5},  {"MY", .5}, {"TH", .5}};
constexpr Weighted kSeries[] = {{"Cybersecurity: Threats and Defences", 40},
                                {"Vulnerability Watch", 30},
                                {"State Actors and Espionage", 15},
                                {"Ransomware and Extortion", 10},
                                {"Critical Infrastructure", 5}};
constexpr Weighted kCategories[] = {
    {"Technology", 50}, {"Security", 30}, {"Politics", 12}, {"Economy", 8}};
constexpr Weighted kStatuses[] = {
    {"Developing", 45}, {"Analysis", 25}, {"Breaking", 15}, {"Update", 15}};
constexpr const char* kOutlookKinds[] = {"risk", "opportunity", "precedent"};
constexpr const char* kHorizons[] = {"short", "medium", "long"};

// Published dates stay inside the years the corpus is meant to cover.
const std::int64_t kFirstSecond = epoch_seconds({2022, 1, 1});
const std::int64_t kLastSecond = epoch_seconds({2026, 8, 31, 23, 59, 59});
constexpr std::int64_t kDay = 86400;
constexpr std::size_t kRecentPerKey = 64;  // candidates kept per vendor or actor for links
constexpr std::uint64_t kAdvisorySource = 1ull << 32, kKevSource = 2ull << 32,
                        kActorSource = 3ull << 32, kActionSource = 4ull << 32;

template <std::size_t N>
const char* pick(SeededRandom& random, const Weighted (&table)[N]) {
  double total = 0;
  for (const auto& w : table) total += w.weight;
  double target = random.unit() * total;
  for (const auto& w : table) {
    if (target < w.weight) return w.value;
    target -= w.weight;
  }
  return table[N - 1].value;
}

std::vector<double> region_weights() {
  std::vector<double> weights;
  for (const auto& r : kRegions) weights.push_back(r.weight);
  return weights;
}

// FNV-1a: a fixed, portable fingerprint (std::hash may differ between libraries).
std::uint64_t fingerprint(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

std::string first_sentence(const std::string& text) {
  std::size_t end = text.find(". ", 40);
  return end == std::string::npos ? text : text.substr(0, end + 1);
}

std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\n';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// Keeps the newest numbers for a key, oldest first.
void push_recent(std::vector<std::uint32_t>& list, std::uint32_t number) {
  if (list.size() == kRecentPerKey) list.erase(list.begin());
  list.push_back(number);
}

}  // namespace

std::string bench_id(std::uint32_t number) {
  char id[32];
  std::snprintf(id, sizeof id, "bench-%07u", number);
  return id;
}

bool BriefingGenerator::SourceSet::add(std::uint64_t key) {
  if (std::find(keys.begin(), keys.end(), key) != keys.end()) return false;
  keys.push_back(key);
  return true;
}

BriefingGenerator::BriefingGenerator(const SourceTexts& texts, std::uint64_t seed)
    : texts_(texts),
      random_(seed),
      actor_pick_(zipf_weights(texts.actors.size())),
      region_pick_(region_weights()) {}

BriefingGenerator::Subject BriefingGenerator::draw_subject() {
  Subject s;
  const auto& kev = texts_.kev;
  if (random_.chance(0.5)) {
    s.advisory = &texts_.advisories[random_.index(texts_.advisories.size())];
    const auto& hints = s.advisory->kev_hints;
    // Mostly the vendor the advisory's title names; otherwise one at KEV's own frequencies.
    s.kev.push_back(!hints.empty() && random_.chance(0.8)
                        ? hints[random_.index(hints.size())]
                        : static_cast<std::uint32_t>(random_.index(kev.size())));
  } else {
    s.kev.push_back(static_cast<std::uint32_t>(random_.index(kev.size())));
  }
  if (random_.chance(0.25)) {
    auto second = static_cast<std::uint32_t>(random_.index(kev.size()));
    if (kev[second].vendor != kev[s.kev[0]].vendor) s.kev.push_back(second);
  }
  double actors = random_.unit();
  std::size_t want = actors < 0.40 ? 0 : actors < 0.82 ? 1 : 2;
  for (std::size_t tries = 0; s.actors.size() < want && tries < 8; ++tries) {
    auto a = static_cast<std::uint32_t>(actor_pick_(random_));
    if (std::find(s.actors.begin(), s.actors.end(), a) == s.actors.end()) s.actors.push_back(a);
  }
  return s;
}

std::string BriefingGenerator::draw_title(const Subject& s) {
  const KevEntry& k = texts_.kev[s.kev[0]];
  // "Notepad++ Notepad++" reads badly: the product alone when it already names its vendor.
  const std::string product =
      k.product.starts_with(k.vendor) ? k.product : k.vendor + " " + k.product;
  double variant = random_.unit();
  if (s.advisory) {
    const std::string& t = s.advisory->title;
    if (variant < 0.45) return t;
    if (variant < 0.60) return "Update #" + std::to_string(random_.between(2, 6)) + " · " + t;
    if (variant < 0.80) return t + " (" + product + ")";
    return "Analysis: " + t;
  }
  if (variant < 0.35) return k.name;
  if (variant < 0.55) return k.cve + ": " + k.name;
  if (variant < 0.70) return "CISA adds " + product + " flaw " + k.cve + " to KEV catalogue";
  if (variant < 0.85) return k.name + " exploited in the wild";
  if (!s.actors.empty())
    return texts_.actors[s.actors[0]].name + " exploits " + product + " (" + k.cve + ")";
  return "Patch now: " + product + " (" + k.cve + ")";
}

std::int64_t BriefingGenerator::draw_published(const Subject& s) {
  const std::string& date = s.advisory ? s.advisory->date : texts_.kev[s.kev[0]].date_added;
  std::int64_t base = parse_timestamp(date.substr(0, 10)).value_or(kFirstSecond);
  // Reported near the source's own date: within about two months, peaking on the day itself.
  std::int64_t days = random_.between(-30, 30) + random_.between(-30, 30);
  std::int64_t when = base + days * kDay + random_.between(5 * 3600, 22 * 3600);
  if (when < kFirstSecond || when > kLastSecond) when = random_.between(kFirstSecond, kLastSecond);
  return when;
}

bool BriefingGenerator::add_random_passage(SourceSet& used, std::vector<const std::string*>& out) {
  for (int tries = 0; tries < 8; ++tries) {
    const Passage& p = texts_.passages[random_.index(texts_.passages.size())];
    if (!used.add(kAdvisorySource | p.advisory)) continue;
    out.push_back(&texts_.advisories[p.advisory].paragraphs[p.paragraph]);
    return true;
  }
  return false;
}

std::string BriefingGenerator::draw_body(const Subject& s) {
  SourceSet used;
  std::vector<const std::string*> parts;
  const KevEntry& k = texts_.kev[s.kev[0]];
  if (s.advisory) {
    // The lead advisory's own second paragraph when it has one: the story continues.
    auto index = static_cast<std::uint32_t>(s.advisory - texts_.advisories.data());
    used.add(kAdvisorySource | index);
    const auto& own = s.advisory->paragraphs;
    if (own.size() > 1) parts.push_back(&own[1 + random_.index(own.size() - 1)]);
    if (random_.chance(0.6) && used.add(kKevSource | s.kev[0])) parts.push_back(&k.description);
  } else {
    used.add(kKevSource | s.kev[0]);  // its description is the summary
    add_random_passage(used, parts);
  }
  for (std::uint32_t a : s.actors)
    if (!texts_.actors[a].description.empty() && random_.chance(0.7) && used.add(kActorSource | a))
      parts.push_back(&texts_.actors[a].description);
  if (s.kev.size() > 1 && used.add(kKevSource | s.kev[1]))
    parts.push_back(&texts_.kev[s.kev[1]].description);
  if (!k.required_action.empty() && random_.chance(0.15) && used.add(kActionSource | s.kev[0]))
    parts.push_back(&k.required_action);

  const std::size_t want = 2 + random_.index(3);  // 2 to 4 paragraphs
  if (parts.size() > want) parts.resize(want);
  while (parts.size() < want && add_random_passage(used, parts)) {
  }
  std::string body;
  for (;;) {
    body.clear();
    for (const std::string* p : parts) {
      if (!body.empty()) body += "\n\n";
      body += *p;
    }
    // A body drawn before gets one more paragraph until it is new.
    if (bodies_.insert(fingerprint(body)).second || !add_random_passage(used, parts)) break;
  }
  return body;
}

std::vector<std::string> BriefingGenerator::draw_regions() {
  double r = random_.unit();
  std::size_t want = r < 0.55 ? 1 : r < 0.85 ? 2 : 3;
  std::vector<std::string> regions;
  for (std::size_t tries = 0; regions.size() < want && tries < 8; ++tries) {
    std::string code = kRegions[region_pick_(random_)].value;
    if (std::find(regions.begin(), regions.end(), code) == regions.end()) regions.push_back(code);
  }
  return regions;
}

std::vector<std::string> BriefingGenerator::draw_related(const Subject& s) {
  std::vector<std::string> related;
  if (count_ < 2 || !random_.chance(0.3)) return related;
  const std::size_t want = 1 + random_.index(3);
  for (std::size_t tries = 0; related.size() < want && tries < 6; ++tries) {
    // Mostly an earlier briefing on the same vendor or actor; sometimes any earlier one.
    const std::vector<std::uint32_t>* pool = nullptr;
    double r = random_.unit();
    if (r < 0.5) {
      auto it = recent_by_vendor_.find(texts_.kev[s.kev[0]].vendor);
      if (it != recent_by_vendor_.end()) pool = &it->second;
    } else if (r < 0.8 && !s.actors.empty()) {
      auto it = recent_by_actor_.find(s.actors[0]);
      if (it != recent_by_actor_.end()) pool = &it->second;
    }
    std::uint32_t number = pool ? (*pool)[random_.index(pool->size())]
                                : static_cast<std::uint32_t>(1 + random_.index(count_ - 1));
    std::string id = bench_id(number);
    if (std::find(related.begin(), related.end(), id) == related.end()) related.push_back(id);
  }
  return related;
}

void BriefingGenerator::draw_extras(const Subject& s, Briefing& b) {
  const KevEntry& k = texts_.kev[s.kev[0]];
  if (!k.required_action.empty() && random_.chance(0.3)) b.key_takeaway = k.required_action;
  if (random_.chance(0.2)) {
    const std::size_t items = 1 + random_.index(2);
    for (std::size_t i = 0; i < items; ++i) {
      const Passage& p = texts_.passages[random_.index(texts_.passages.size())];
      OutlookItem o;
      o.kind = kOutlookKinds[random_.index(3)];
      o.horizon = kHorizons[random_.index(3)];
      o.probability = static_cast<double>(random_.between(5, 95)) / 100.0;
      o.text = first_sentence(texts_.advisories[p.advisory].paragraphs[p.paragraph]);
      b.outlook.push_back(std::move(o));
    }
  }
  if (random_.chance(0.3)) {
    if (s.advisory) {
      b.first_reported = {s.advisory->title, "WA SOC", s.advisory->date.substr(0, 10), ""};
    } else {
      b.first_reported = {k.name, "CISA KEV", k.date_added.substr(0, 10),
                          "https://nvd.nist.gov/vuln/detail/" + k.cve};
    }
  }
}

void BriefingGenerator::remember(const Subject& s) {
  for (std::uint32_t k : s.kev) push_recent(recent_by_vendor_[texts_.kev[k].vendor], count_);
  for (std::uint32_t a : s.actors) push_recent(recent_by_actor_[a], count_);
}

Briefing BriefingGenerator::next() {
  Briefing b;
  b.id = bench_id(++count_);
  Subject s = draw_subject();
  b.title = draw_title(s);
  b.published = draw_published(s);
  b.series = pick(random_, kSeries);
  b.category = pick(random_, kCategories);
  b.status = b.title.starts_with("Update #") ? "Update" : pick(random_, kStatuses);
  b.summary = s.advisory ? s.advisory->paragraphs[0] : texts_.kev[s.kev[0]].description;
  b.body = draw_body(s);
  b.read_minutes = static_cast<int>(1 + (word_count(b.summary) + word_count(b.body)) / 220);
  draw_extras(s, b);
  for (std::uint32_t a : s.actors) b.actors.push_back(texts_.actors[a].name);
  for (std::uint32_t k : s.kev) b.vendors.push_back(texts_.kev[k].vendor);
  b.regions = draw_regions();
  b.related = draw_related(s);
  remember(s);
  return b;
}

}  // namespace briefing::bench
