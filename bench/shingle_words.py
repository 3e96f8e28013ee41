#!/usr/bin/env python3
"""The shingle words of schema/shingles.cpp: every unprefixed term of letters only that at
least a given share of an index's briefings hold, less the function words (the Snowball English
stop list, stemmed as the analyser stems plain English words), sorted, as the C++ list writes them.

The list in the schema was made from the index of the 1,129 real advisories that the relevance
bench builds (bench/run-relevance builds it in a temp folder; `relevance --work DIR` keeps it):

  build/bin/relevance --set bench/relevance --shared ../shared --work /tmp/rel
  /usr/bin/python3 bench/shingle_words.py /tmp/rel/engine.db.d/g000003 [--share 0.10]

A new list is a new schema (tests/shingle_words_test.cpp says what to change with it).
Needs Debian's python3-xapian (bench only).
"""
import argparse
import re
import sys

import xapian

# The Snowball project's English stop list (snowballstem.org), its contractions left out: their
# stems are not single terms of the analyser.
FUNCTION_WORDS = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
her hers herself it its itself they them their theirs themselves what which who whom this that
these those am is are was were be been being have has had having do does did doing would should
could ought cannot a an the and but if or because as until while of at by for with about against
between into through during before after above below to from up down in out on off over under
again further then once here there when where why how all any both each few more most other some
such no nor not only own same so than too very
""".split()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", help="an index's generation directory")
    parser.add_argument("--share", type=float, default=0.10,
                        help="least share of briefings a common word is in (default 0.10)")
    args = parser.parse_args()
    db = xapian.Database(args.index)
    least = args.share * db.get_doccount()
    stem = xapian.Stem("english")
    function = {stem(w.encode()) for w in FUNCTION_WORDS}
    common = [t.term for t in db.allterms()
              if re.fullmatch(rb"[a-z]+", t.term) and t.termfreq >= least]
    words = sorted(t.decode() for t in common if t not in function)
    print(f"{len(common)} words in at least {args.share:.0%} of {db.get_doccount()} briefings, "
          f"{len(common) - len(words)} of them function words", file=sys.stderr)
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
