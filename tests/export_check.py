#!/usr/bin/env python3
"""Checks searchd's /export answers from outside, with Python's own readers (export_test.cpp).

  export_check.py formats BASE OUT_DIR   every format of the whole index: the CSV read back by the
      csv module gives the NDJSON's rows; two STIX exports are valid (the offline rules below) and
      identical but for the bundle id; writes OUT_DIR/export.ndjson for re-indexing.
  export_check.py same BASE_A BASE_B      the NDJSON of two searchds holds the same briefings, equal
      but for provenance (the re-indexed ones were given their entities, so all say "source").

Prints what it checked; exits 1 naming every failure.
"""
import csv
import io
import json
import re
import sys
import urllib.request
import uuid

NAMESPACE = uuid.UUID("8d3c5b0e-4f1a-4e7b-9a2d-6c1f0e9b7a53")  # searchd/http/stix_ids.h
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
MILLISECONDS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
ID = re.compile(r"^([a-z0-9-]+)--([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")
CVE = re.compile(r"^CVE-\d{4}-\d{4,}$")
REQUIRED = {  # beyond the common properties, STIX 2.1 part 4
    "report": ["name", "published", "object_refs"],
    "intrusion-set": ["name"],
    "identity": ["name"],
    "location": [],
    "vulnerability": ["name"],
}

failures = []


def fail(message):
    failures.append(message)


def fetch(url):
    """The body (urllib reads the chunks and raises on an incomplete one) and the headers."""
    with urllib.request.urlopen(url, timeout=120) as answer:
        return answer.read(), {k.lower(): v for k, v in answer.getheaders()}


def ndjson_briefings(base):
    body, headers = fetch(base + "/export?format=ndjson")
    if headers.get("content-type") != "application/x-ndjson":
        fail("ndjson: content type " + str(headers.get("content-type")))
    lines = body.decode("utf-8").split("\n")
    if lines[-1] != "":
        fail("ndjson: the last line does not end in a newline")
    return body, [json.loads(line) for line in lines[:-1]], headers


def neutralised(value):
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def check_csv(base, briefings):
    body, headers = fetch(base + "/export?format=csv")
    if headers.get("content-type") != "text/csv; charset=utf-8":
        fail("csv: content type " + str(headers.get("content-type")))
    if not re.match(r'^attachment; filename="briefings-\d{8}T\d{6}Z\.csv"$',
                    headers.get("content-disposition", "")):
        fail("csv: Content-Disposition " + str(headers.get("content-disposition")))
    text = body.decode("utf-8")
    if not text.endswith("\r\n") or text.count("\r\n") < len(briefings) + 1:
        fail("csv: rows do not end in CRLF")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, rows = rows[0], rows[1:]
    if header[:3] != ["id", "published", "title"]:
        fail("csv: header " + ",".join(header))
    if len(rows) != len(briefings):
        fail("csv: %d rows, ndjson %d briefings" % (len(rows), len(briefings)))
    for row, b in zip(rows, briefings):
        if len(row) != len(header):
            fail("csv: row of %s has %d cells" % (row[0], len(row)))
        if row[0] != neutralised(b["id"]) or row[2] != neutralised(b.get("title", "")):
            fail("csv: row %r is not briefing %r" % (row[:3], b["id"]))
        vendors = "; ".join(b.get("vendors", []))
        if row[header.index("vendors")] != neutralised(vendors):
            fail("csv: vendors of %s: %r, not %r" % (b["id"], row[7], vendors))
    print("csv: %d rows read back by the csv module, as the ndjson's" % len(rows))


def check_object(o, ids):
    kind = o.get("type")
    match = ID.match(o.get("id", ""))
    if not match or match.group(1) != kind:
        fail("stix: id %r of a %r" % (o.get("id"), kind))
    elif uuid.UUID(match.group(2)).version != 5:
        fail("stix: %s is not a version 5 UUID" % o["id"])
    if o.get("spec_version") != "2.1":
        fail("stix: %s spec_version %r" % (o.get("id"), o.get("spec_version")))
    for when in ("created", "modified"):
        if not MILLISECONDS.match(o.get(when, "")):
            fail("stix: %s %s %r" % (o.get("id"), when, o.get(when)))
    if o.get("modified", "") < o.get("created", ""):
        fail("stix: %s modified before created" % o.get("id"))
    for prop in REQUIRED.get(kind, ["(an unexpected type)"]):
        if prop not in o or o[prop] in ("", []):
            fail("stix: %s lacks %s" % (o.get("id"), prop))
    if kind == "report" and not TIMESTAMP.match(o.get("published", "")):
        fail("stix: %s published %r" % (o["id"], o.get("published")))
    if kind == "location" and not ("region" in o or "country" in o or
                                   ("latitude" in o and "longitude" in o)):
        fail("stix: location %s has no region, country or coordinates" % o["id"])
    for ref in o.get("external_references", []):
        if "source_name" not in ref:
            fail("stix: %s has an external reference without source_name" % o["id"])
        if ref.get("source_name") == "cve" and not CVE.match(ref.get("external_id", "")):
            fail("stix: %s cve reference %r" % (o["id"], ref.get("external_id")))
    for key, value in o.items():
        refs = value if key.endswith("_refs") else [value] if key.endswith("_ref") else []
        for ref in refs:
            if ref not in ids:
                fail("stix: %s %s names %s, which is not in the bundle" % (o["id"], key, ref))


def expected_id(o):
    """The id from the object's canonical name, with Python's uuid5 (an implementation not ours)."""
    kind = o["type"]
    if kind == "report":
        name = o["external_references"][0]["external_id"]
    elif kind == "location":
        name = o["country"]
    elif kind == "identity" and o.get("identity_class") == "system":
        name = "system:briefing-search"
    else:
        name = o["name"]
    return kind + "--" + str(uuid.uuid5(NAMESPACE, kind + ":" + name))


def check_stix(base, briefings):
    first, headers = fetch(base + "/export?format=stix")
    if headers.get("content-type") != "application/stix+json":
        fail("stix: content type " + str(headers.get("content-type")))
    bundle = json.loads(first)
    again = json.loads(fetch(base + "/export?format=stix")[0])
    if bundle.get("type") != "bundle" or not ID.match(bundle.get("id", "")):
        fail("stix: not a bundle: %r" % bundle.get("id"))
    objects = bundle.get("objects", [])
    ids = [o.get("id") for o in objects]
    if len(set(ids)) != len(ids):
        fail("stix: %d ids are duplicates" % (len(ids) - len(set(ids))))
    for o in objects:
        check_object(o, set(ids))
        if ID.match(o.get("id", "")) and o["id"] != expected_id(o):
            fail("stix: %s is not the UUIDv5 of its name (%s)" % (o["id"], expected_id(o)))
    reports = [o for o in objects if o.get("type") == "report"]
    named = [r["external_references"][0]["external_id"] for r in reports]
    if named != [b["id"] for b in briefings]:
        fail("stix: %d reports, not one per briefing in order (%d)" % (len(reports), len(briefings)))
    if again.get("objects") != objects:
        fail("stix: a second export gave other objects")
    kinds = {}
    for o in objects:
        kinds[o.get("type")] = kinds.get(o.get("type"), 0) + 1
    print("stix: valid, %s; the same objects and ids twice" % json.dumps(kinds, sort_keys=True))


def formats(base, out_dir):
    body, briefings, headers = ndjson_briefings(base)
    total = json.loads(fetch(base + "/search?per_page=1")[0])["total"]
    if len(briefings) != total or headers.get("x-export-count") != str(total):
        fail("ndjson: %d briefings, X-Export-Count %s, /search total %d" %
             (len(briefings), headers.get("x-export-count"), total))
    if headers.get("x-export-truncated") != "false":
        fail("ndjson: X-Export-Truncated " + str(headers.get("x-export-truncated")))
    for b in briefings[:20]:
        one = json.loads(fetch(base + "/briefings/" + urllib.request.quote(b["id"], safe=""))[0])
        if one != b:
            fail("ndjson: %s is not what /briefings/{id} gives" % b["id"])
    print("ndjson: %d briefings, as /search counts and /briefings/{id} gives" % len(briefings))
    with open(out_dir + "/export.ndjson", "wb") as out:
        out.write(body)
    check_csv(base, briefings)
    check_stix(base, briefings)


def same(base_a, base_b):
    a = {b["id"]: b for b in ndjson_briefings(base_a)[1]}
    b = {b["id"]: b for b in ndjson_briefings(base_b)[1]}
    if set(a) != set(b):
        fail("same: %d ids only in the first, %d only in the second" %
             (len(set(a) - set(b)), len(set(b) - set(a))))
    differing = 0
    for key in set(a) & set(b):
        left = {k: v for k, v in a[key].items() if k != "provenance"}
        right = {k: v for k, v in b[key].items() if k != "provenance"}
        if left != right:
            differing += 1
            if differing <= 3:
                fields = sorted(k for k in set(left) | set(right) if left.get(k) != right.get(k))
                fail("same: %s differs in %s" % (key, ", ".join(fields)))
    print("same: %d briefings, equal but for provenance (%d differ)" % (len(a), differing))


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "formats":
        formats(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "same":
        same(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
    for message in failures[:50]:
        print("FAIL " + message)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
