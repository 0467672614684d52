"""How far facet counts estimated from a sample stray from the exact counts.

Past ``archive.idlists.SAMPLE_SIZE`` calls the calls list counts its facets exactly from the
facet values' bitmaps (archive.facet_bitmaps); only while those are being read after a
change does it estimate them from an even sample of the calls (archive.facets.
SelectionCounts). For searches of a generated archive this counts each facet exactly over
every matching call (with the bitmaps), then estimates it from even samples of several
sizes (every k-th of the sorted ids, ``idlists.even_sample``). It prints for each facet the
mean and largest relative error over its ten largest values, how many of those ten the
estimate also puts in its top ten, and how long the exact count and the estimate took
(medians of 5).

    .venv/bin/python bench/facet_precision.py --calls 200000 --db sqlite [--json]

A benchmark, not a test: it asserts nothing but prints what it measured.
"""

from __future__ import annotations

import argparse
import json
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
    read_bitmaps = facets.facet_bitmaps.for_counting
    for word in words:
        ids = search.matching_call_ids(search.parse(word))
        everything = idlists.Selection(Call.objects.all(), ids)
        exact_timings = []
        for _ in range(5):
            started = time.perf_counter()
            exact = facets.SelectionCounts(everything)
            exact_timings.append((time.perf_counter() - started) * 1000)
        assert not exact.estimated, "the facet bitmaps could not be read"
        for size in args.sizes:
            selection = idlists.Selection(Call.objects.all(), ids)
            selection.sample = idlists.even_sample(ids, size)  # what the estimate reads
            timings = []
            # As while the bitmaps are being read: estimated from the sample.
            facets.facet_bitmaps.for_counting = lambda *args, **kwargs: None
            try:
                for _ in range(5):
                    started = time.perf_counter()
                    estimate = facets.SelectionCounts(selection)
                    timings.append((time.perf_counter() - started) * 1000)
            finally:
                facets.facet_bitmaps.for_counting = read_bitmaps
            row = {
                "word": word,
                "calls": len(ids),
                "sample": len(selection.sample),
                "exact_ms": round(statistics.median(exact_timings), 1),
                "estimate_ms": round(statistics.median(timings), 1),
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
    header = f"{'word':<12}{'calls':>8}{'sample':>8}{'exact ms':>9}{'est. ms':>8}  "
    print(header + "".join(f"{f:>22}" for f in FACETS))
    for row in results:
        cells = "".join(
            f"{row[f]['mean_error']:>9.1%} /{row[f]['max_error']:>6.1%} {row[f]['top10_shared']:>3}"
            for f in FACETS
        )
        print(
            f"{row['word']:<12}{row['calls']:>8,}{row['sample']:>8,}"
            f"{row['exact_ms']:>9}{row['estimate_ms']:>8}  {cells}"
        )
    print("each facet: mean / largest relative error over its ten largest values, and how")
    print("many of those ten the estimate also ranks in its top ten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
