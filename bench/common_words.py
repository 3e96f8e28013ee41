#!/usr/bin/env python3
"""The common words of schema/common_words.cpp: every unprefixed term of letters only that at
least a given share of an index's briefings hold, sorted, as the C++ list writes them.

The list in the schema was made from the index of the 1,129 real advisories that the relevance
bench builds (bench/run-relevance builds it in a temp folder; `relevance --work DIR` keeps it):

  build/bin/relevance --set bench/relevance --shared ../shared --work /tmp/rel
  /usr/bin/python3 bench/common_words.py /tmp/rel/engine.db.d/g000003 [--share 0.10]

A new list is a new schema (tests/common_words_test.cpp says what to change with it).
Needs Debian's python3-xapian (bench only).
"""
import argparse
import re
import sys

import xapian


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", help="an index's generation directory")
    parser.add_argument("--share", type=float, default=0.10,
                        help="least share of briefings a common word is in (default 0.10)")
    args = parser.parse_args()
    db = xapian.Database(args.index)
    least = args.share * db.get_doccount()
    words = sorted(t.term.decode() for t in db.allterms()
                   if re.fullmatch(rb"[a-z]+", t.term) and t.termfreq >= least)
    print(f"{len(words)} words in at least {args.share:.0%} of {db.get_doccount()} briefings",
          file=sys.stderr)
    line = "   "
    for word in words:
        piece = f' "{word}",'
        if len(line) + len(piece) > 100:
            print(line)
            line = "   "
        line += piece
    print(line)


if __name__ == "__main__":
    main()
