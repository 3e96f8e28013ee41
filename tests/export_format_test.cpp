// The export formats' rules, row by row: CSV cells (RFC 4180 quoting, CRLF, formula
// neutralising), SHA-1 and version 5 UUIDs (known answers, checked with Python's hashlib and
// uuid), deterministic STIX ids, CVE ids found in text, and a bundle's shared objects once.
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "csv_writer.h"
#include "export_format.h"
#include "stix_ids.h"
#include "stix_writer.h"

using nlohmann::json;

TEST_CASE("csv: cells are quoted as RFC 4180 says and formulas neutralised", "[export]") {
  struct Row {
    std::string in, out;
  };
  const Row rows[] = {
      {"plain", "plain"},
      {"", ""},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"two\r\nlines", "\"two\r\nlines\""},
      {"=1+2", "'=1+2"},
      {"+44 20", "'+44 20"},
      {"-2+3", "'-2+3"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\tcmd", "'\tcmd"},
      {"\rcmd", "\"'\rcmd\""},  // neutralised, then quoted for its CR
      {"=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""},
      {"=a,b", "\"'=a,b\""},
      {"a=1", "a=1"},  // only the first character counts
      {" =1", " =1"},
      {"'quoted", "'quoted"},
      {"Zürich – 東京", "Zürich – 東京"},
  };
  for (const Row& row : rows) {
    INFO(row.in);
    CHECK(briefing::csv_cell(row.in) == row.out);
  }
}

TEST_CASE("csv: a row is its cells joined by commas, ending in CRLF", "[export]") {
  std::string out;
  briefing::append_csv_row(out, {"id", "a,b", "=x"});
  briefing::append_csv_row(out, {"", ""});
  CHECK(out == "id,\"a,b\",'=x\r\n,\r\n");
}

TEST_CASE("stix ids: SHA-1 and UUIDv5 known answers, the same id for the same name", "[export]") {
  auto hex = [](const std::array<std::uint8_t, 20>& digest) {
    std::string out;
    char two[3];
    for (std::uint8_t b : digest) {
      std::snprintf(two, sizeof two, "%02x", b);
      out += two;
    }
    return out;
  };
  CHECK(hex(briefing::sha1("")) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(hex(briefing::sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(hex(briefing::sha1(std::string(1000, 'a'))) == "291e9a6c66994949b57ba5e650361e98fc36b1ba");
  // RFC 9562's example: the DNS namespace and "www.example.com".
  CHECK(briefing::uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com") ==
        "2ed6657d-e927-568b-95e1-2665a8aea6a2");
  struct Row {
    std::string type, name, id;
  };
  const Row rows[] = {
      // expected: python3 uuid.uuid5(namespace, type + ":" + name)
      {"intrusion-set", "APT28", "intrusion-set--785c5e34-fc75-53f0-bd6a-f331f199e9ac"},
      {"identity", "Cisco", "identity--45efeebd-0f32-5304-a192-83a51c63ed78"},
      {"location", "AU", "location--455b96cd-d3ca-5c68-9068-0e3a7e6c19d7"},
      {"vulnerability", "CVE-2024-3400", "vulnerability--1fa06f6e-59fd-5db2-9492-b2dc7481de7b"},
      {"report", "20260807001-Cisco-Security-Hardening-Updates",
       "report--4ea5b1bf-78bd-5fde-8048-6f6c133537e9"},
  };
  for (const Row& row : rows) {
    INFO(row.type << " " << row.name);
    CHECK(briefing::stix_id(row.type, row.name) == row.id);
    CHECK(briefing::stix_id(row.type, row.name) == briefing::stix_id(row.type, row.name));
  }
  CHECK(briefing::stix_id("identity", "Cisco") != briefing::stix_id("intrusion-set", "Cisco"));
}

TEST_CASE("stix: CVE ids are found in any case, each once, and nothing else is", "[export]") {
  struct Row {
    std::string text;
    std::vector<std::string> ids;
  };
  const Row rows[] = {
      {"Patch CVE-2024-3400 now", {"CVE-2024-3400"}},
      {"cve-2023-23752, CVE-2023-23752 and CVE-2021-44228.", {"CVE-2023-23752", "CVE-2021-44228"}},
      {"\"CVE-2024-1234567\"", {"CVE-2024-1234567"}},
      {"CVE-2024-123 CVE-24-1234 XCVE-2024-1234 CVE-2024-1234a", {}},
      {"https://nvd.nist.gov/vuln/detail/CVE-2025-0282", {"CVE-2025-0282"}},
      {"no ids here", {}},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    CHECK(briefing::cve_ids(row.text) == row.ids);
  }
}

TEST_CASE("stix: a bundle names each shared object once, and the same ids every time", "[export]") {
  briefing::Briefing b;
  b.id = "b1";
  b.title = "Fancy Bear exploits Cisco";
  b.published = 1780000000;
  b.actors = {"APT28"};
  b.vendors = {"Cisco"};
  b.regions = {"US", "Europe"};
  briefing::Briefing c = b;
  c.id = "b2";
  auto bundle = [&] {
    briefing::StixBundleWriter writer("bundle--5d0f4c3e-0000-5000-8000-000000000000");
    std::string out;
    writer.begin(out);
    writer.add(b, "{\"body\":\"CVE-2024-3400\"}", out);
    writer.add(c, "{\"body\":\"CVE-2024-3400 and CVE-2024-21762\"}", out);
    writer.end(out);
    return json::parse(out);
  };
  json first = bundle();
  CHECK(first == bundle());
  std::map<std::string, int> kinds;
  for (const json& o : first["objects"]) ++kinds[o["type"].get<std::string>()];
  // The system identity and Cisco; APT28; US only (a region that is not a code is left out); two
  // CVEs.
  CHECK(kinds == std::map<std::string, int>{{"identity", 2},
                                            {"intrusion-set", 1},
                                            {"location", 1},
                                            {"report", 2},
                                            {"vulnerability", 2}});
  const json& report = first["objects"].back();
  CHECK(report["id"] == briefing::stix_id("report", "b2"));
  CHECK(report["published"] == "2026-05-28T20:26:40.000Z");
  CHECK(report["object_refs"].size() == 5);
  for (const json& o : first["objects"])
    if (o["type"] == "location") CHECK(o["name"] == "United States");
}

TEST_CASE("export formats: names, media types and extensions", "[export]") {
  struct Row {
    std::string name, media_type;
  };
  const Row rows[] = {{"csv", "text/csv; charset=utf-8"},
                      {"ndjson", "application/x-ndjson"},
                      {"stix", "application/stix+json"}};
  for (const Row& row : rows) {
    auto format = briefing::export_format(row.name);
    REQUIRE(format);
    CHECK(format->media_type == row.media_type);
  }
  for (const char* unknown : {"", "CSV", "json", "xml", "stix2"})
    CHECK_FALSE(briefing::export_format(unknown));
}
