"""How far facet counts estimated from a sample stray from the exact counts.

Past ``archive.idlists.SAMPLE_SIZE`` calls the calls list estimates its facets from an
even sample of the calls (archive.facets.SelectionCounts). For searches of a generated
archive this counts each facet exactly over every matching call, then from samples of
several sizes, taken two ways: every k-th of the sorted ids (``idlists.even_sample``), and
the ids that are multiples of k (``search.call_hits`` on PostgreSQL, which samples while it
counts). It prints for each facet the mean and largest relative error over its ten
largest values, how many of those ten the estimate also puts in its top ten, and how long
the estimate's query took (median of 5).

    .venv/bin/python bench/facet_precision.py --calls 200000 --db sqlite [--json]

A benchmark, not a test: it asserts nothing but prints what it measured.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import sys
import time

import common
import generate

FACETS = ("leader", "country", "topic", "month")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=200000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 2500, 1000])
    parser.add_argument("--words", nargs="+", help="default: the benchmark's common and mid words")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    for key, value in common.django_env(args.db, args.calls).items():
        os.environ.setdefault(key, value)
    common.setup_django()
    from archive import facets, idlists, search
    from archive.models import Call

    # The exact counts read every matching call: no time limit for them.
    facets.TIME_LIMIT_MS = 10 * 60 * 1000
    vocabulary = generate.Archive(random.Random(1)).vocabulary
    words = args.words or ["security", vocabulary[400]]
    results = []
    for word in words:
        ids = search.matching_call_ids(search.parse(word))
        everything = idlists.Selection(Call.objects.all(), len(ids), sorted(ids))
        exact = facets.SelectionCounts(everything)
        samples = []
        for size in args.sizes:
            step = math.ceil(len(ids) / size)
            samples.append(("every k-th", idlists.even_sample(ids, size)))
            samples.append(("multiples", sorted(pk for pk in ids if pk % step == 0)))
        for how, sample in samples:
            selection = idlists.Selection(Call.objects.all(), len(ids), sample)
            timings = []
            for _ in range(5):
                started = time.perf_counter()
                estimate = facets.SelectionCounts(selection)
                timings.append((time.perf_counter() - started) * 1000)
            row = {
                "word": word,
                "calls": len(ids),
                "sampled": how,
                "sample": len(selection.sample),
                "query_ms": round(statistics.median(timings), 1),
            }
            for facet in FACETS:
                top = exact.top(facet, 10)
                errors = [abs(estimate.counts.get(facet, {}).get(v, 0) - n) / n for v, n in top]
                shared = {v for v, _ in estimate.top(facet, 10)} & {v for v, _ in top}
                row[facet] = {
                    "mean_error": round(statistics.mean(errors), 3) if errors else None,
                    "max_error": round(max(errors), 3) if errors else None,
                    "top10_shared": len(shared),
                }
            results.append(row)
    if args.json:
        print(json.dumps({"db": args.db, "calls": args.calls, "results": results}))
        return 0
    print(f"Facet estimates against exact counts ({args.db}, {args.calls:,} calls)")
    header = f"{'word':<12}{'calls':>8}{'sampled':>12}{'sample':>8}{'ms':>7}  "
    print(header + "".join(f"{f:>22}" for f in FACETS))
    for row in results:
        cells = "".join(
            f"{row[f]['mean_error']:>9.1%} /{row[f]['max_error']:>6.1%} {row[f]['top10_shared']:>3}"
            for f in FACETS
        )
        print(
            f"{row['word']:<12}{row['calls']:>8,}{row['sampled']:>12}{row['sample']:>8,}"
            f"{row['query_ms']:>7}  {cells}"
        )
    print("each facet: mean / largest relative error over its ten largest values, and how")
    print("many of those ten the estimate also ranks in its top ten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
