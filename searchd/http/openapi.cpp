// Written as a raw string so the served document is exactly what is reviewed here; parsed once
// at start-up (a test checks it lists every route).
#include "openapi.h"

#include <nlohmann/json.hpp>

namespace briefing {
namespace {

constexpr const char* kOpenApi = R"json({
  "openapi": "3.0.3",
  "info": {"title": "Briefing search", "version": "1",
           "description": "Full-text and faceted search over intelligence briefings."},
  "paths": {
    "/search": {"get": {
      "summary": "Ranked search with exact, disjunctive facet counts, snippets and related events",
      "parameters": [
        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 1024},
         "description": "Words (all must match), \"phrases\", OR, NOT or -word, word*, title:/party:/actor:/vendor:/region:/series:/category:/status: scopes. Empty: every briefing, newest first."},
        {"name": "actor", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
        {"name": "vendor", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
        {"name": "region", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true,
         "description": "ISO 3166-1 alpha-2 codes (country names are accepted too)."},
        {"name": "series", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
        {"name": "category", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
        {"name": "status", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
        {"name": "from", "in": "query", "schema": {"type": "string"}, "description": "YYYY-MM-DD, RFC 3339, or relative (-30d, -12h, -2w, -6m, -1y); inclusive."},
        {"name": "to", "in": "query", "schema": {"type": "string"}, "description": "As from; a bare date includes its whole day."},
        {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["relevance", "date", "oldest"]}, "description": "date: newest first; oldest: oldest first"},
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
        {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10}},
        {"name": "facet_limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 20}},
        {"name": "related", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 10, "default": 3},
         "description": "Related events listed under each hit."}
      ],
      "responses": {
        "200": {"description": "Results", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResult"}}}},
        "400": {"$ref": "#/components/responses/Problem"},
        "401": {"$ref": "#/components/responses/Problem"}
      },
      "security": [{"bearer": []}, {}]}},
    "/feed": {"get": {
      "summary": "Any search as an Atom feed (RFC 4287), newest written first, with conditional GET",
      "description": "The briefings a search matches (as typed: a query is never relaxed), ordered by when the indexer last wrote each one (its entry's updated; the published time for briefings indexed before that was kept). Entry ids are tag: URIs of the briefing id, the same on every host and after a rebuild. ETag and Last-Modified answer If-None-Match (which decides alone when sent) and If-Modified-Since with 304. Relative dates count from the start of the hour. With --api-keys, a feed token (--feed-tokens) may be given as token= instead of the Authorization header; the feed's self link carries it.",
      "parameters": [
        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 1024}, "description": "As for /search."},
        {"name": "actor", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
        {"name": "vendor", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
        {"name": "region", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
        {"name": "series", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
        {"name": "category", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
        {"name": "status", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
        {"name": "from", "in": "query", "schema": {"type": "string"}, "description": "As for /search."},
        {"name": "to", "in": "query", "schema": {"type": "string"}, "description": "As for /search."},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}, "description": "Entries in the feed (per_page is taken too)."},
        {"name": "token", "in": "query", "schema": {"type": "string"}, "description": "A feed token, for readers that cannot send Authorization; accepted on /feed only."},
        {"name": "If-None-Match", "in": "header", "schema": {"type": "string"}},
        {"name": "If-Modified-Since", "in": "header", "schema": {"type": "string"}}
      ],
      "responses": {
        "200": {"description": "The feed", "headers": {"ETag": {"schema": {"type": "string"}}, "Last-Modified": {"schema": {"type": "string"}}},
                "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
        "304": {"description": "Not modified: the reader's copy is current (no body)"},
        "400": {"$ref": "#/components/responses/Problem"},
        "401": {"$ref": "#/components/responses/Problem"}
      },
      "security": [{"bearer": []}, {"feedToken": []}, {}]}},
    "/suggest": {"get": {
      "summary": "Autocomplete: actors, vendors and regions whose name or alias starts with the prefix (or has a word that does), then frequent words",
      "description": "Case, accents and punctuation are ignored (\"palo alt\", \"net\" and \"PALO-ALTO\" all find Palo Alto Networks); any script. Entities whose whole name starts with the prefix come first, then those where a later word does, then words (which keep a quarter of the places when some match); each group by count. Words are unstemmed, one per stem.",
      "parameters": [
        {"name": "q", "in": "query", "required": true, "schema": {"type": "string", "maxLength": 200}, "description": "The typed prefix."},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 20, "default": 8}}
      ],
      "responses": {
        "200": {"description": "Suggestions, best first", "content": {"application/json": {"schema": {
                  "type": "object", "properties": {"q": {"type": "string"},
                  "suggestions": {"type": "array", "items": {"type": "object", "properties": {
                    "text": {"type": "string", "description": "What to show: the canonical name, a region's English name, or the word"},
                    "kind": {"type": "string", "enum": ["actor", "vendor", "region", "word"]},
                    "canonical": {"type": "string", "description": "The facet value to filter by (a region's ISO code), or the word"},
                    "count": {"type": "integer", "description": "Briefings tagged with the value, or holding the word"},
                    "matched": {"type": "string", "description": "The name or alias the prefix matched"}}}}}}}}},
        "400": {"$ref": "#/components/responses/Problem"},
        "401": {"$ref": "#/components/responses/Problem"}
      },
      "security": [{"bearer": []}, {}]}},
    "/briefings/{id}": {"get": {
      "summary": "One briefing in canonical JSON, with extracted actors, vendors and regions",
      "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
      "responses": {"200": {"description": "The briefing (schema/briefing.schema.json). published is YYYY-MM-DD when the source gave a date alone, else YYYY-MM-DDTHH:MM:SSZ; body_blocks, when present, is the body's structure (headings, paragraphs, lists, code; spans with http(s) link targets) for display", "content": {"application/json": {"schema": {"type": "object"}}}},
                    "401": {"$ref": "#/components/responses/Problem"},
                    "404": {"$ref": "#/components/responses/Problem"}},
      "security": [{"bearer": []}, {}]}},
    "/briefings/{id}/related": {"get": {
      "summary": "Related events: explicit links, shared actors or vendors close in time, similar text",
      "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
      "responses": {"200": {"description": "Related events", "content": {"application/json": {"schema": {
                      "type": "object", "properties": {"id": {"type": "string"},
                      "related": {"type": "array", "items": {"$ref": "#/components/schemas/Related"}}}}}}},
                    "401": {"$ref": "#/components/responses/Problem"},
                    "404": {"$ref": "#/components/responses/Problem"}},
      "security": [{"bearer": []}, {}]}},
    "/briefings/{id}/thread": {"get": {
      "summary": "The story a briefing is part of, oldest first: updates (\"Update #N\" in the title or the first report's headline) joined by their links, and the briefings they and an update link both ways",
      "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
      "responses": {
        "200": {"description": "The thread (empty when the briefing is in none)", "content": {"application/json": {"schema": {"type": "object", "properties": {
          "id": {"type": "string"},
          "thread": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "string"}, "title": {"type": "string"}, "published": {"type": "string", "format": "date-time"},
            "update": {"type": "integer", "description": "N of Update #N; 0 for the report the updates follow or a later one"}}}}}}}}},
        "401": {"$ref": "#/components/responses/Problem"},
        "404": {"$ref": "#/components/responses/Problem"}
      },
      "security": [{"bearer": []}, {}]}},
    "/export": {"get": {
      "summary": "Every briefing of a search (not a page), up to searchd --export-limit, streamed as CSV, NDJSON or a STIX 2.1 bundle",
      "description": "Takes /search's q, actor, vendor, region, series, category, status, from, to and sort (default: relevance with q, newest first without). The X-Export-* headers say how many matched, how many are given and whether the limit cut the set; a body that ends without its last chunk is incomplete (a fault after the head).",
      "parameters": [
        {"name": "format", "in": "query", "required": true, "schema": {"type": "string", "enum": ["csv", "ndjson", "stix"]},
         "description": "csv: text/csv (RFC 4180, a header row; a cell starting with = + - @ TAB or CR gets a leading '); ndjson: application/x-ndjson, one /briefings/{id} document a line; stix: application/stix+json, a bundle of a report per briefing with intrusion-set, identity, location and vulnerability objects under deterministic UUIDv5 ids"},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}, "description": "At most this many (1 to the server's cap; default the cap)."},
        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 1024}},
        {"name": "actor", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
        {"name": "vendor", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
        {"name": "region", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
        {"name": "series", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
        {"name": "category", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
        {"name": "status", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
        {"name": "from", "in": "query", "schema": {"type": "string"}},
        {"name": "to", "in": "query", "schema": {"type": "string"}},
        {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["relevance", "date", "oldest"]}, "description": "date: newest first; oldest: oldest first"}
      ],
      "responses": {
        "200": {"description": "The briefings, as an attachment (Content-Disposition)",
          "headers": {
            "X-Export-Total": {"schema": {"type": "integer"}, "description": "Briefings the search matched"},
            "X-Export-Count": {"schema": {"type": "integer"}, "description": "Briefings in this answer"},
            "X-Export-Limit": {"schema": {"type": "integer"}},
            "X-Export-Truncated": {"schema": {"type": "string", "enum": ["true", "false"]}, "description": "true when the limit left matches out"},
            "X-Index-Revision": {"schema": {"type": "integer"}, "description": "The index revision every briefing was read from"}},
          "content": {"text/csv": {"schema": {"type": "string"}},
                      "application/x-ndjson": {"schema": {"type": "string"}},
                      "application/stix+json": {"schema": {"type": "object"}}}},
        "400": {"$ref": "#/components/responses/Problem"},
        "401": {"$ref": "#/components/responses/Problem"},
        "503": {"$ref": "#/components/responses/Problem"}
      },
      "security": [{"bearer": []}, {}]}},
    "/outlook": {"get": {
      "summary": "The outlook items (risks, opportunities, precedents) of the briefings a search finds, each on its own",
      "description": "The search's text, facets and dates select briefings as on /search (never relaxed); an item is listed when it passes kind, horizon and min_probability and, when the text has words, holds one of them. total counts every such item.",
      "parameters": [
        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 1024}, "description": "As for /search."},
        {"name": "kind", "in": "query", "schema": {"type": "string", "enum": ["risk", "opportunity", "precedent"]}},
        {"name": "horizon", "in": "query", "schema": {"type": "string", "enum": ["short", "medium", "long"]}},
        {"name": "min_probability", "in": "query", "schema": {"type": "number", "minimum": 0, "maximum": 1},
         "description": "Items at least this likely; an item without a probability is left out."},
        {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["probability", "date"], "default": "probability"}},
        {"name": "actor", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true,
         "description": "And vendor, region, series, category, status, from, to, page, per_page as on /search."}
      ],
      "responses": {
        "200": {"description": "Items", "content": {"application/json": {"schema": {"type": "object", "properties": {
          "total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"}, "took_ms": {"type": "number"},
          "items": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "string", "description": "The briefing's"}, "title": {"type": "string"},
            "published": {"type": "string", "format": "date-time"}, "kind": {"type": "string"},
            "horizon": {"type": "string"}, "probability": {"type": "number", "nullable": true},
            "text": {"type": "string"}}}}}}}}},
        "400": {"$ref": "#/components/responses/Problem"},
        "401": {"$ref": "#/components/responses/Problem"},
        "503": {"$ref": "#/components/responses/Problem"}
      },
      "security": [{"bearer": []}, {}]}},
    "/entities/{kind}/{name}": {"get": {
      "summary": "An actor's, vendor's or region's page: names, attribution, when the briefings mention it, what they mention with it, the latest",
      "description": "Any alias, any case, or (for a region) a country name gives the page of the canonical value. A gazetteer entity no briefing is tagged with yet has a page with 0 briefings.",
      "parameters": [
        {"name": "kind", "in": "path", "required": true, "schema": {"type": "string", "enum": ["actor", "vendor", "region"]}},
        {"name": "name", "in": "path", "required": true, "schema": {"type": "string"}, "description": "Canonical name, alias or region code or name; a '/' in it as %2F."}
      ],
      "responses": {
        "200": {"description": "The page", "content": {"application/json": {"schema": {"type": "object", "properties": {
          "kind": {"type": "string"}, "name": {"type": "string", "description": "Canonical: the facet value"},
          "label": {"type": "string", "description": "What to show (a region's country name)"},
          "aliases": {"type": "array", "items": {"type": "string"}},
          "country": {"type": "string", "description": "Actors: the region code of the attributed country, or empty"},
          "country_label": {"type": "string"}, "type": {"type": "string", "description": "Actors: state, criminal, ransomware, hacktivist, unknown"},
          "briefings": {"type": "integer"},
          "first_seen": {"type": "string"}, "last_seen": {"type": "string"},
          "timeline": {"type": "array", "description": "Every month from first to last seen, zeros included",
                       "items": {"type": "object", "properties": {"month": {"type": "string", "example": "2026-05"}, "count": {"type": "integer"}}}},
          "co_occurring": {"type": "object", "description": "actor, vendor, region: the values its briefings carry most, ten of each",
                           "additionalProperties": {"type": "array", "items": {"type": "object", "properties": {
                             "name": {"type": "string"}, "label": {"type": "string"}, "count": {"type": "integer"}}}}},
          "latest": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                     "published": {"type": "string", "format": "date-time"}}}}}}}}},
        "401": {"$ref": "#/components/responses/Problem"},
        "404": {"$ref": "#/components/responses/Problem"}
      },
      "security": [{"bearer": []}, {}]}},
    "/healthz": {"get": {"summary": "Index document count, revision, generation and UUID served (a read replica lags its master while these differ), last change, and the revision the in-memory facet table is of",
      "responses": {"200": {"description": "Healthy", "content": {"application/json": {"schema": {
                      "type": "object", "properties": {"status": {"type": "string"}, "documents": {"type": "integer"},
                      "revision": {"type": "integer", "description": "Revision of the database served"},
                      "schema_version": {"type": "string"},
                      "generation": {"type": "string", "nullable": true, "description": "Folder the index stub names (indexer --full writes a new one); null when --db is a folder"},
                      "uuid": {"type": "string", "description": "UUID of the database served; a replica's equals its master's"},
                      "last_change": {"type": "string", "nullable": true},
                      "facet_table_revision": {"type": "integer", "nullable": true}}}}}}}}},
    "/metrics": {"get": {"summary": "Prometheus metrics",
      "responses": {"200": {"description": "Prometheus text format", "content": {"text/plain": {"schema": {"type": "string"}}}},
                    "401": {"$ref": "#/components/responses/Problem"}},
      "security": [{"bearer": []}, {}]}},
    "/watches": {"get": {"summary": "Saved searches (searchd --watches FILE): each watch's search, webhook and delivery record. Present only when searchd runs with --watches",
      "responses": {"200": {"description": "The watches, in file order", "content": {"application/json": {"schema": {
                      "type": "object", "properties": {"watches": {"type": "array", "items": {"$ref": "#/components/schemas/Watch"}}}}}}},
                    "401": {"$ref": "#/components/responses/Problem"},
                    "404": {"$ref": "#/components/responses/Problem"}},
      "security": [{"bearer": []}, {}]}},
    "/openapi.json": {"get": {"summary": "This document",
      "responses": {"200": {"description": "OpenAPI 3", "content": {"application/json": {"schema": {"type": "object"}}}}}}}
  },
  "components": {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
      "description": "Needed on the data routes only when searchd runs with --api-keys."},
      "feedToken": {"type": "apiKey", "in": "query", "name": "token",
      "description": "A token of searchd --feed-tokens: read-only, for /feed alone."}},
    "responses": {"Problem": {"description": "A problem document naming what was wrong",
      "headers": {"X-Request-Id": {"schema": {"type": "string"}, "description": "The request's id in the access log"}},
      "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}},
    "schemas": {
      "Problem": {"type": "object", "properties": {"type": {"type": "string"}, "status": {"type": "integer"},
                  "title": {"type": "string"}, "detail": {"type": "string"},
                  "request_id": {"type": "string", "description": "This answer's X-Request-Id, as in searchd's access log"}}},
      "Related": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                  "published": {"type": "string", "format": "date-time"},
                  "reason": {"type": "string", "example": "shared actor UNC1069"}}},
      "FacetValue": {"type": "object", "properties": {"value": {"type": "string"}, "label": {"type": "string"},
                     "count": {"type": "integer"}}},
      "Hit": {"type": "object", "properties": {
        "id": {"type": "string"}, "title": {"type": "string"}, "published": {"type": "string", "format": "date-time"},
        "url": {"type": "string"}, "score": {"type": "number"},
        "snippet": {"type": "string", "description": "HTML: text escaped, matches wrapped in <mark>"},
        "series": {"type": "string"}, "status": {"type": "string"},
        "actors": {"type": "array", "items": {"type": "string"}},
        "vendors": {"type": "array", "items": {"type": "string"}},
        "regions": {"type": "array", "items": {"type": "string"}},
        "related": {"type": "array", "items": {"$ref": "#/components/schemas/Related"}},
        "similar_count": {"type": "integer", "description": "Near-duplicates of this briefing that match the search too, folded into this hit (the total still counts them)"},
        "similar": {"type": "array", "description": "Those near-duplicates, newest first (at most 10)",
                    "items": {"$ref": "#/components/schemas/Similar"}}}},
      "Similar": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                  "published": {"type": "string", "format": "date-time"}}},
      "Watch": {"type": "object", "properties": {
        "name": {"type": "string"}, "q": {"type": "string"},
        "filters": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    "description": "actor, vendor, region, series, category, status, from, to, as on /search"},
        "webhook": {"type": "string", "description": "http:// URL the new matches are POSTed to, one briefing a POST"},
        "high_water": {"type": "string", "format": "date-time", "nullable": true,
                       "description": "The newest indexer write the watch has looked at; null before its first look"},
        "last_delivery": {"type": "string", "format": "date-time", "nullable": true},
        "delivered": {"type": "integer", "description": "Deliveries answered 2xx, over every run of searchd"},
        "pending": {"type": "integer", "description": "Deliveries queued or waiting for a retry"},
        "failures": {"type": "integer", "description": "Deliveries given up after every attempt failed"},
        "last_error": {"type": "string", "nullable": true},
        "failed": {"type": "array", "description": "The latest deliveries given up",
                   "items": {"type": "object", "properties": {"delivery_id": {"type": "string"},
                             "attempts": {"type": "integer"}, "error": {"type": "string"}}}}}},
      "SearchResult": {"type": "object", "properties": {
        "total": {"type": "integer"}, "total_exact": {"type": "boolean"},
        "facets_exact": {"type": "boolean"}, "timed_out": {"type": "boolean",
          "description": "The query time limit was reached: hits are the best found so far; totals or counts may be inexact"}, "page": {"type": "integer"},
        "per_page": {"type": "integer"}, "took_ms": {"type": "number"}, "suggestion": {"type": "string", "nullable": true},
        "relaxed": {"type": "array", "items": {"type": "string"},
          "description": "Words given up, as typed, because every word together found fewer than a page; they still rank. Empty when nothing was relaxed"},
        "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
        "facets": {"type": "object", "additionalProperties": {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}},
                   "description": "actor, vendor, region, series, category, status (by count), date (months in time order)"}}}
    }
  }
})json";

}  // namespace

const std::string& openapi_document() {
  static const std::string document = nlohmann::json::parse(kOpenApi).dump();
  return document;
}

}  // namespace briefing
