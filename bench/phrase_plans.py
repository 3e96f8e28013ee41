#!/usr/bin/env python3
"""Would bigram terms make a phrase of common words fast, and what would they cost the index?

A study for issue 20's phrases at a million, run by hand over a built index (a generation
directory, e.g. DB.d/g000001) of schema 5: the study that chose the shingle terms schema 6 writes
(schema/shingles.h), whose two-word ones have this study's bigram form. It never writes to INDEX: it copies it to SCRATCH, adds to the copy
a positional bigram term ("B" + first + " " + second, stemmed by Xapian's English stemmer, as the
analyser stems plain English words; a word not in the index stops the study) for every
adjacent pair of the phrase's words, in every briefing that has the pair, then times, in
interleaved rounds, the plans a counting pass (BoolWeight, every match) and a ranking pass (BM25,
top ten) could use:
  - the phrase of the words (what searchd does today),
  - the phrase of the bigrams (window 2: still exact),
  - the AND of the bigrams (no positions read; not exact: the count shows by how much),
  - for the first pair alone: the phrase of two words against the one bigram term.
The phrase of the bigrams must count what the phrase of the words does, the first bigram term
what the phrase of the first two words does, and every ranking must fill its page (ten, or every
match when fewer); the study stops if not.
Then, over a sample of briefings, how many distinct words and distinct adjacent pairs a briefing
holds, and how many pairs remain when both words must be in at least a given share of briefings:
what a bigram term per pair (Elasticsearch's index_phrases) or per pair of common words
(Lucene's CommonGrams) would add to the index.

  /usr/bin/python3 bench/phrase_plans.py INDEX SCRATCH ["remote code execution"] [--rounds 11]
Needs Debian's python3-xapian (bench only).
"""
import argparse
import shutil
import statistics
import sys
import time

import xapian

BIGRAM_PREFIX = "B"  # the study's own prefix: not a term the indexer writes (index_layout.h)
SHARE_CUTS = (0.01, 0.05, 0.10, 0.20)


def stemmed_words(phrase):
    stem = xapian.Stem("english")
    return [stem(word.lower()).decode() for word in phrase.split()]


def bigram(first, second):
    return f"{BIGRAM_PREFIX}{first} {second}"


def add_bigrams(db, words):
    """Adds the phrase's bigram postings to every document having both words of a pair."""
    pairs = [xapian.Query(xapian.Query.OP_AND, list(pair)) for pair in zip(words, words[1:])]
    enquire = xapian.Enquire(db)
    enquire.set_query(xapian.Query(xapian.Query.OP_OR, pairs))
    enquire.set_weighting_scheme(xapian.BoolWeight())
    docids = [match.docid for match in enquire.get_mset(0, db.get_doccount())]
    postings = 0
    for docid in docids:
        positions = {word: set(db.positionlist(docid, word)) for word in set(words)}
        document = db.get_document(docid)
        for first, second in zip(words, words[1:]):
            for position in positions[first]:
                if position + 1 in positions[second]:
                    document.add_posting(bigram(first, second), position)
                    postings += 1
        db.replace_document(docid, document)
    db.commit()
    return len(docids), postings


def plans(words):
    phrase, conjunction = xapian.Query.OP_PHRASE, xapian.Query.OP_AND
    bigrams = [bigram(a, b) for a, b in zip(words, words[1:])]
    found = {
        "phrase of the words": xapian.Query(phrase, words),
        "phrase of the bigrams": xapian.Query(phrase, bigrams, len(bigrams)),
        "AND of the bigrams": xapian.Query(conjunction, bigrams),
    }
    if len(words) > 2:
        found["phrase of the first two words"] = xapian.Query(phrase, words[:2])
        found["the first bigram term"] = xapian.Query(bigrams[0])
    return found


def count(db, query):
    enquire = xapian.Enquire(db)
    enquire.set_query(query)
    enquire.set_weighting_scheme(xapian.BoolWeight())
    enquire.set_docid_order(xapian.Enquire.DONT_CARE)
    mset = enquire.get_mset(0, 0, db.get_doccount())
    assert mset.get_matches_lower_bound() == mset.get_matches_upper_bound()
    return mset.get_matches_lower_bound()


def rank(db, query):
    enquire = xapian.Enquire(db)
    enquire.set_query(query)
    return len(enquire.get_mset(0, 10, 10))


def time_plans(db, queries, rounds):
    millis = {(name, f.__name__): [] for name in queries for f in (count, rank)}
    answers = {}
    for _ in range(rounds):  # interleaved: a burst of load on the machine hits every plan
        for name, query in queries.items():
            for f in (count, rank):
                start = time.perf_counter()
                answers[(name, f.__name__)] = f(db, query)
                millis[(name, f.__name__)].append((time.perf_counter() - start) * 1000)
    return {key: statistics.median(ms) for key, ms in millis.items()}, answers


def pair_statistics(db, sample_size=2000):
    """Distinct words and adjacent pairs per briefing, over every n-th briefing."""
    documents = db.get_doccount()
    sample = range(1, db.get_lastdocid() + 1, max(1, db.get_lastdocid() // sample_size))
    share = {}

    def share_of(term):
        if term not in share:
            share[term] = db.get_termfreq(term) / documents
        return share[term]

    seen = words = pairs = 0
    kept = dict.fromkeys(SHARE_CUTS, 0)
    for docid in sample:
        try:
            terms = list(db.termlist(docid))
        except xapian.DocNotFoundError:
            continue
        seen += 1
        word_at = {}
        for item in terms:
            if item.term[:1].isupper():
                continue  # a prefixed term: a field's copy of its words, or a boolean filter
            positions = list(db.positionlist(docid, item.term))
            if not positions:
                continue  # a term without positions is not a word of the text
            words += 1
            for position in positions:
                word_at[position] = item.term
        distinct = {(word_at[p], word_at[p + 1]) for p in word_at if p + 1 in word_at}
        pairs += len(distinct)
        for first, second in distinct:
            rarer = min(share_of(first), share_of(second))
            for cut in SHARE_CUTS:
                kept[cut] += rarer >= cut
    print(f"\nover {seen} briefings: {words / seen:.0f} distinct words and "
          f"{pairs / seen:.0f} distinct adjacent pairs each")
    for cut in SHARE_CUTS:
        print(f"  pairs whose both words are in >= {cut:.0%} of briefings: {kept[cut] / seen:.0f} each")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", help="a generation directory of the engine's index")
    parser.add_argument("scratch", help="where the copy with bigram terms is written (replaced)")
    parser.add_argument("phrase", nargs="?", default="remote code execution")
    parser.add_argument("--rounds", type=int, default=11)
    args = parser.parse_args()
    words = stemmed_words(args.phrase)
    if len(words) < 2:
        sys.exit("a phrase has two words or more")
    index = xapian.Database(args.index)
    for word in words:
        if not index.get_termfreq(word):
            sys.exit(f"'{word}' is not a term of the index: the plans would all count nothing")
    shutil.rmtree(args.scratch, ignore_errors=True)
    shutil.copytree(args.index, args.scratch)
    writable = xapian.WritableDatabase(args.scratch, xapian.DB_OPEN)
    start = time.perf_counter()
    documents, postings = add_bigrams(writable, words)
    writable.close()
    print(f"bigram postings added: {postings} in {documents} briefings "
          f"({time.perf_counter() - start:.1f} s)")
    db = xapian.Database(args.scratch)
    medians, answers = time_plans(db, plans(words), args.rounds)
    print(f"\n{'plan':32} {'count ms':>9} {'rank ms':>8} {'matches':>8}")
    for name in plans(words):
        print(f"{name:32} {medians[(name, 'count')]:9.2f} {medians[(name, 'rank')]:8.2f} "
              f"{answers[(name, 'count')]:8}")
    exact = [("phrase of the bigrams", "phrase of the words")]
    if len(words) > 2:
        exact.append(("the first bigram term", "phrase of the first two words"))
    for faster, today in exact:
        if answers[(faster, "count")] != answers[(today, "count")]:
            sys.exit(f"the {faster} does not count what the {today} does")
    for name in plans(words):
        if answers[(name, "rank")] != min(10, answers[(name, "count")]):
            sys.exit(f"the {name} ranked {answers[(name, 'rank')]} hits for a page of ten")
    pair_statistics(index)  # not the copy: its bigram terms would count as words


if __name__ == "__main__":
    main()
