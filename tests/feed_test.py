#!/usr/bin/python3
"""/feed through a real feed parser: a real searchd (with --api-keys and --feed-tokens) over a real
index of corpus/ and the 1,129 advisories, read with Debian's python3-feedparser. Checks entries,
ids, dates and order, filters, conditional GET (304 by If-None-Match and by If-Modified-Since,
and their precedence), a changed briefing (new ETag, its `updated` moves, it comes first), ids
and ETag across a restart, and feed tokens (missing, bad, good, refused on /search, revoked).

Usage: feed_test.py BUILD_DIR SOURCE_DIR SHARED_DIR   (ctest test `feed_atom`)
"""
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET

try:
    import feedparser
except ImportError:
    sys.exit("feed_test: python3-feedparser is not installed (apt-get install python3-feedparser)")

BUILD, SOURCE, SHARED = sys.argv[1:4]
INDEXER = os.path.join(BUILD, "bin", "indexer")
SEARCHD = os.path.join(BUILD, "bin", "searchd")
KEY, TOKEN = "feed-test-api-key-4f1c", "feed-test-token-9a27"
# Every request names this host, so that the feed's links (and so its ETag) are the same after a
# restart on another port.
HOST = "feeds.test"
ATOM = "{http://www.w3.org/2005/Atom}"
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAILED: " + what, file=sys.stderr)


class Searchd:
    """searchd on a free loopback port, read from its log line; stopped by its pid."""

    def __init__(self, work, db, number):
        self.log = open(os.path.join(work, "searchd-%d.log" % number), "w+")
        self.proc = subprocess.Popen(
            [SEARCHD, "--db", db, "--listen", "127.0.0.1:0", "--api-keys",
             os.path.join(work, "keys"), "--feed-tokens", os.path.join(work, "tokens"),
             "--allowed-host", HOST],
            stderr=self.log)
        self.port = None
        deadline = time.monotonic() + 20
        while self.port is None and time.monotonic() < deadline and self.proc.poll() is None:
            self.log.seek(0)
            m = re.search(r"serving .* on http://127\.0\.0\.1:(\d+)/", self.log.read())
            self.port = int(m.group(1)) if m else None
            time.sleep(0.05)
        if self.port is None:
            self.stop()
            sys.exit("feed_test: searchd did not start")

    def get(self, target, headers=None, method="GET"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, target, headers=dict({"Host": HOST}, **(headers or {})))
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            conn.close()

    def feed(self, target, headers=None):
        status, head, body = self.get(target, dict({"Authorization": "Bearer " + KEY},
                                                   **(headers or {})))
        return status, head, body

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log.close()


def index(db, sources):
    out = subprocess.run([INDEXER, "--db", db, "--json", *sources], capture_output=True,
                         text=True, timeout=600, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def parsed(body):
    """The feed through feedparser, after checking it is well-formed XML on its own."""
    ET.fromstring(body)
    feed = feedparser.parse(body)
    check(not feed.bozo, "feedparser reads the feed without complaint: %r" % feed.get("bozo_exception"))
    check(feed.version == "atom10", "the feed is Atom 1.0, not %r" % feed.version)
    return feed


def write_sources(work):
    corpus = os.path.join(work, "corpus")
    shutil.copytree(os.path.join(SOURCE, "corpus"), corpus)
    advisories = os.path.join(work, "advisories")
    os.makedirs(advisories)
    with open(os.path.join(SHARED, "data", "wasoc-advisories.jsonl"), encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            with open(os.path.join(advisories, a["id"] + ".md"), "w", encoding="utf-8") as out:
                out.write(a["text"])
    # What XML 1.0 cannot carry (C0 controls) and what it must escape, in a title and summary.
    hostile = {"id": "feed-test/hostile & <odd>", "title": "Bell \u0007 and <b>bold</b> & \"quotes\"",
               "published": "2025-02-03T04:05:06Z", "summary": "Vertical \u000b tab, NUL-free, 'single' & <tag>",
               "body": "A briefing whose text tests the feed's escaping.", "actors": ["APT28"]}
    with open(os.path.join(corpus, "zz-hostile.json"), "w", encoding="utf-8") as out:
        json.dump(hostile, out)
    return [corpus, advisories]


def check_tokens(s, work):
    problem = "application/problem+json"
    rows = [  # target, headers, expected status
        ("/feed?q=ransomware", {}, 401),
        ("/feed?q=ransomware&token=not-a-token", {}, 401),
        ("/feed?q=ransomware&token=" + TOKEN, {}, 200),
        ("/feed?q=ransomware", {"Authorization": "Bearer " + KEY}, 200),
        ("/search?q=ransomware&token=" + TOKEN, {}, 401),
        ("/briefings/2026-01-13-ivanti-connect-secure-zero-day?token=" + TOKEN, {}, 401),
    ]
    for target, headers, expected in rows:
        status, head, body = s.get(target, headers)
        check(status == expected, "%s %s: %d, expected %d" % (target, headers, status, expected))
        if expected == 401:
            check(head.get("content-type") == problem, target + ": a problem document")
            check(TOKEN.encode() not in body, target + ": the token is not echoed")
    status, _, body = s.get("/feed?token=" + TOKEN)
    self_link = [l for l in parsed(body).feed.links if l.rel == "self"]
    check(self_link and self_link[0].href == "http://%s/feed?token=%s" % (HOST, TOKEN),
          "the self link carries the token, so a reader that follows it keeps access")
    with open(os.path.join(work, "tokens.new"), "w") as f:
        f.write("# revoked\nsome-other-token\n")
    os.rename(os.path.join(work, "tokens.new"), os.path.join(work, "tokens"))
    deadline = time.monotonic() + 5
    while s.get("/feed?token=" + TOKEN)[0] == 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    check(s.get("/feed?token=" + TOKEN)[0] == 401, "a token removed from the file is refused")
    for number in (0, 1):
        with open(os.path.join(work, "searchd-%d.log" % number), encoding="utf-8") as f:
            check(TOKEN not in f.read(), "the token is never logged")


def check_entries(s):
    status, head, body = s.feed("/feed")
    check(status == 200, "/feed answers 200")
    check(head.get("content-type") == "application/atom+xml; charset=utf-8", "Atom media type")
    feed = parsed(body)
    check(len(feed.entries) == 50, "50 entries by default, not %d" % len(feed.entries))
    ids = [e.id for e in feed.entries]
    check(len(set(ids)) == len(ids), "entry ids are distinct")
    check(all(i.startswith("tag:briefing-search,2026:briefing:") for i in ids), "tag: URI ids")
    for e in feed.entries:
        check(e.get("updated_parsed") and e.get("published_parsed") and e.get("title"),
              e.id + ": updated, published and title")
        check(any(l.rel == "alternate" and l.type == "text/html" and "/b/" in l.href for l in e.links),
              e.id + ": an alternate link to the page")
    updated = [time.mktime(e.updated_parsed) for e in feed.entries]
    check(updated == sorted(updated, reverse=True), "entries newest written first")
    check(feed.feed.get("updated_parsed") is not None, "the feed's updated parses")
    check(any(l.rel == "alternate" for l in feed.feed.links), "the feed links to the page")
    for limit, count in [("5", 5), ("200", 200)]:
        check(len(parsed(s.feed("/feed?limit=" + limit)[2]).entries) == count, "limit=" + limit)
    for bad in ["0", "201", "x", "-1"]:
        status, head, _ = s.feed("/feed?limit=" + bad)
        check(status == 400 and head.get("content-type") == "application/problem+json",
              "limit=%s: a 400 problem document" % bad)
    status, _, _ = s.feed("/feed?from=not-a-date")
    check(status == 400, "a bad from= is a 400, as on /search")
    return feed


def check_filters(s):
    rows = [  # feed query, how each entry shows the filter
        ("actor=APT28", lambda e: "APT28" in [t.term for t in e.get("tags", [])]),
        ("vendor=Microsoft", lambda e: "Microsoft" in [t.term for t in e.get("tags", [])]),
        ("region=AU&from=2023-01-01", lambda e: "AU" in [t.term for t in e.get("tags", [])]
         and e.published_parsed.tm_year >= 2023),
        ("q=ransomware", lambda e: True),
    ]
    for query, shows in rows:
        feed = parsed(s.feed("/feed?limit=200&" + query)[2])
        check(feed.entries and all(shows(e) for e in feed.entries), query + ": every entry matches")
        _, _, body = s.feed("/search?per_page=100&related=0&" + query)
        result = json.loads(body)
        if result["total"] <= 100 and not result["relaxed"]:
            # A hit's near-duplicates are folded into it on /search; a feed lists each.
            ids = [h["id"] for h in result["hits"]] + [s["id"] for h in result["hits"] for s in h["similar"]]
            expected = {"tag:briefing-search,2026:briefing:" + urllib.parse.quote(i, safe="-._~")
                        for i in ids}
            check({e.id for e in feed.entries} == expected,
                  query + ": the feed lists exactly what /search finds")
    # /search gives up "xqzvw" to fill a page (and says so); a feed lists only what matches.
    _, _, body = s.feed("/search?q=UNC1069+xqzvw")
    check(json.loads(body)["relaxed"] == ["xqzvw"], "/search relaxes q=UNC1069 xqzvw")
    check(parsed(s.feed("/feed?q=UNC1069+xqzvw")[2]).entries == [], "a feed's query is never relaxed")
    feed = parsed(s.feed("/feed?q=" + urllib.parse.quote("Bell"))[2])
    hostile = [e for e in feed.entries if e.id.endswith("feed-test%2Fhostile%20%26%20%3Codd%3E")]
    check(len(hostile) == 1, "the briefing with odd characters is in its feed")
    if hostile:
        check(hostile[0].title == 'Bell  and <b>bold</b> & "quotes"',
              "title escaped, control character dropped: %r" % hostile[0].title)


def check_conditional(s, target):
    status, head, body = s.feed(target)
    etag, modified = head.get("etag"), head.get("last-modified")
    check(etag and re.fullmatch(r'"[0-9a-f]{16}"', etag), "a strong ETag: %r" % etag)
    check(modified is not None, "a Last-Modified")
    rows = [  # headers, expected status
        ({"If-None-Match": etag}, 304),
        ({"If-None-Match": '"other", ' + etag}, 304),
        ({"If-None-Match": "W/" + etag}, 304),
        ({"If-None-Match": "*"}, 304),
        ({"If-Modified-Since": modified}, 304),
        ({"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}, 200),
        ({"If-Modified-Since": "not a date"}, 200),
        # If-None-Match decides alone (RFC 9110 13.2.2): a current date does not save a stale tag.
        ({"If-None-Match": '"stale"', "If-Modified-Since": modified}, 200),
        ({"If-None-Match": etag, "If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}, 304),
    ]
    status, head_head, head_body = s.get(target, {"Authorization": "Bearer " + KEY}, "HEAD")
    check(status == 200 and head_body == b"" and head_head.get("etag") == etag,
          "HEAD answers the same ETag without a body")
    for headers, expected in rows:
        status, head304, body304 = s.feed(target, headers)
        check(status == expected, "%s %s: %d, expected %d" % (target, headers, status, expected))
        if expected == 304:
            check(body304 == b"" and head304.get("etag") == etag, "a 304 has no body, and the ETag")
    return etag, body


def change_a_briefing(work, sources, db):
    path = os.path.join(work, "corpus", "2026-01-13-ivanti-connect-secure-zero-day.json")
    with open(path, encoding="utf-8") as f:
        briefing = json.load(f)
    briefing["summary"] += " Updated for the feed test."
    time.sleep(1.1)  # kIndexedAt is in seconds: the run must start in a later second
    with open(path, "w", encoding="utf-8") as f:
        json.dump(briefing, f)
    summary = index(db, sources)
    check(summary["changed"] == 1, "the indexer changed one briefing: %r" % summary)
    return "tag:briefing-search,2026:briefing:" + briefing["id"]


def check_start_refusals(work, db):
    """--feed-tokens is refused without --api-keys (every route, /feed too, is open then)."""
    rows = [  # extra arguments, exit code, what stderr says
        (["--feed-tokens", os.path.join(work, "tokens")], 2, "--feed-tokens needs --api-keys"),
    ]
    for extra, code, says in rows:
        run = subprocess.run([SEARCHD, "--db", db, "--listen", "127.0.0.1:0", *extra],
                             capture_output=True, text=True, timeout=30)
        check(run.returncode == code and says in run.stderr,
              "searchd %s: exit %d (%s), expected %d (%s)" % (extra, run.returncode,
                                                              run.stderr.strip(), code, says))


def main():
    work = tempfile.mkdtemp(prefix="briefing-feed-")
    servers = []
    try:
        with open(os.path.join(work, "keys"), "w") as f:
            f.write(KEY + "\n")
        with open(os.path.join(work, "tokens"), "w") as f:
            f.write("# feed tokens\n" + TOKEN + "\n")
        sources = write_sources(work)
        db = os.path.join(work, "index.db")
        index(db, sources)
        check_start_refusals(work, db)
        servers.append(Searchd(work, db, 0))
        s = servers[-1]
        before = check_entries(s)
        check_filters(s)
        target = "/feed?q=ivanti"
        etag, body = check_conditional(s, target)
        old = {e.id: e for e in parsed(body).entries}

        # A restart: the same ids, the same ETag, and the reader's copy still current.
        s.stop()
        servers.append(Searchd(work, db, 1))
        s = servers[-1]
        status, head, _ = s.feed(target, {"If-None-Match": etag})
        check(status == 304 and head.get("etag") == etag, "after a restart the ETag holds")
        check([e.id for e in parsed(s.feed("/feed")[2]).entries] == [e.id for e in before.entries],
              "entry ids and order are the same after a restart")

        changed = change_a_briefing(work, sources, db)
        deadline = time.monotonic() + 10
        while s.feed(target, {"If-None-Match": etag})[0] == 304 and time.monotonic() < deadline:
            time.sleep(0.2)
        status, head, body = s.feed(target, {"If-None-Match": etag})
        check(status == 200 and head.get("etag") != etag, "a changed index gives a new ETag")
        new = {e.id: e for e in parsed(body).entries}
        check(changed in old and changed in new and
              new[changed].updated_parsed > old[changed].updated_parsed,
              "the changed briefing's updated moved on")
        check(parsed(s.feed("/feed")[2]).entries[0].id == changed,
              "the changed briefing is the newest written, first in the feed")
        check_tokens(s, work)
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("feed_test: %d checks failed" % len(failures), file=sys.stderr)
        return 1
    print("feed_test: every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
