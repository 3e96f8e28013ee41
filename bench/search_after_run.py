#!/usr/bin/env python3
"""What a search costs in the seconds after an indexer run, against a warm one.

Starts BUILD/bin/searchd over DB on a free loopback port, times each query of the mix warm (ROUNDS
interleaved rounds, one keep-alive client, as an analyst's page would ask), then edits one source
file (appends a word to the body of its first briefing), runs BUILD/bin/indexer over SOURCE and,
from the moment the indexer exits, keeps asking the mix for WINDOW seconds. Prints per query the
warm median, and the median and worst of the searches in the window, with their ratio to warm.
Every answer's total is checked against the warm one (the edit adds no match to the mix).
Restores the file and runs the indexer again on exit; stops searchd by its pid.

  bench/search_after_run.py BUILD DB SOURCE FILE [--rounds 20] [--window 2]
  e.g. over make_corpus --count 1000000 (FILE one of its files)
"""
import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

QUERIES = [
    ("word in most briefings", "q=vulnerability"),
    ("rare word", "q=kerberoasting"),
    ("two words", "q=ransomware+healthcare"),
    ("phrase", "q=%22remote+code+execution%22"),
    ("word, vendor filter", "q=exploit&vendor=Microsoft"),
    ("browse a vendor", "vendor=Cisco"),
    ("word, date range", "q=exploit&from=2024-01-01&to=2024-12-31"),
]


def start_searchd(build, db):
    log = tempfile.NamedTemporaryFile(prefix="search-after-run.", delete=False)
    proc = subprocess.Popen([os.path.join(build, "bin", "searchd"), "--db", db, "--listen",
                             "127.0.0.1:0"], stderr=log, stdout=subprocess.DEVNULL)
    for _ in range(600):
        with open(log.name) as f:
            m = re.search(r"on http://127\.0\.0\.1:(\d+)/", f.read())
        if m:
            return proc, int(m.group(1)), log.name
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.kill()
    sys.exit("searchd did not start: " + open(log.name).read())


class Client:
    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, target):
        """The response to GET target, on a new connection when searchd closed an idle one."""
        try:
            self.conn.request("GET", target)
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            self.conn.close()
            self.conn.request("GET", target)
            response = self.conn.getresponse()
        return response, response.read()

    def search(self, query):
        started = time.perf_counter()
        response, body = self.get("/search?" + query)
        took = (time.perf_counter() - started) * 1000
        if response.status != 200:
            sys.exit(f"/search?{query}: HTTP {response.status}: {body[:200]!r}")
        return took, json.loads(body)["total"]

    def table_behind(self):
        health = json.loads(self.get("/healthz")[1])
        return health["facet_table_revision"] != health["revision"]


def run_indexer(build, db, source):
    subprocess.run([os.path.join(build, "bin", "indexer"), "--db", db, source], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def edit_first_body(path):
    """Appends a word to the body of the file's first briefing (JSON Lines or one object)."""
    with open(path) as f:
        lines = f.read().split("\n")
    record = json.loads(lines[0])
    record["body"] = record.get("body", "") + " Revised."
    lines[0] = json.dumps(record)
    with open(path, "w") as f:
        f.write("\n".join(lines))


def main():
    parser = argparse.ArgumentParser()
    for name in ("build", "db", "source", "file"):
        parser.add_argument(name)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--window", type=float, default=2.0)
    args = parser.parse_args()

    proc, port, log = start_searchd(args.build, args.db)
    backup = args.file + ".search-after-run"
    shutil.copy2(args.file, backup)
    try:
        client = Client(port)
        for _, q in QUERIES:  # the first search builds the table; the second warms the caches
            client.search(q)
            client.search(q)
        warm = {label: [] for label, _ in QUERIES}
        totals = {}
        for _ in range(args.rounds):
            for label, q in QUERIES:
                took, totals[label] = client.search(q)
                warm[label].append(took)

        edit_first_body(args.file)
        indexer = threading.Thread(target=run_indexer, args=(args.build, args.db, args.source))
        indexer.start()
        while indexer.is_alive():  # searches while the indexer runs are not counted
            client.search(QUERIES[0][1])
        after = {label: [] for label, _ in QUERIES}
        ends = time.perf_counter() + args.window
        rounds_behind = 0  # rounds that began while the table was behind the index
        while time.perf_counter() < ends:
            rounds_behind += client.table_behind()
            for label, q in QUERIES:
                took, total = client.search(q)
                if total != totals[label]:
                    sys.exit(f"{label}: total {total} after the run, {totals[label]} before")
                after[label].append(took)

        print(f"{'query':24} {'warm p50':>9} {'after p50':>10} {'after max':>10} {'max/warm':>9}"
              f" {'searches':>9}")
        for label, _ in QUERIES:
            w = statistics.median(warm[label])
            a = after[label]
            print(f"{label:24} {w:8.2f}ms {statistics.median(a):8.2f}ms {max(a):8.2f}ms"
                  f" {max(a) / w:8.2f}x {len(a):9d}")
        all_after = [t for label, _ in QUERIES for t in after[label]]
        print(f"searches in the {args.window:g} s after the run: {len(all_after)}; rounds of the"
              f" mix begun while the facet table was behind the index: {rounds_behind}")
    finally:
        shutil.move(backup, args.file)
        run_indexer(args.build, args.db, args.source)
        proc.terminate()
        proc.wait()
        os.unlink(log)


if __name__ == "__main__":
    main()
