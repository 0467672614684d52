"""Our pages measured in-process (Django's test Client, DEBUG off), with their SQL diagnosed.

Run by run.py in a process whose environment names the database (common.django_env);
on its own:

    .venv/bin/python bench/inprocess.py --calls 20000 --db sqlite [--runs 30]

Prints one JSON object: the sample the URLs were built from, the URLs (and which
pages are missing), median and p95 of each page, how many queries it ran and how
much of its time was SQL, which facets ran out of time, and writes the slow
queries with their plans to bench/results/diagnostics-<db>-<calls>.json.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

# The filter parameters of the calls list (archive/filters.py); checked at run time.
PARAMS = {"leader": "leader", "year": "year", "search": "q", "from": "from", "to": "to"}
CSV_CALLS = 10000
# Queries slower than this get their plan captured.
SLOW_QUERY_MS = 10


def sample_values(seed: int) -> dict:
    """Real values from the data set: the busiest leader, a call, words to search for."""
    import generate
    from django.db.models import Count, F

    from archive.models import Call, Participation

    busiest = (
        Participation.objects.values("leader_id", "leader__slug")
        .annotate(n=Count("*"))
        .order_by("-n", "leader_id")
        .first()
    )
    # The pair of leaders with the most calls between them: the largest pair page.
    pair = (
        Participation.objects.filter(call__participations__leader_id__gt=F("leader_id"))
        .values("leader__slug", "call__participations__leader__slug")
        .annotate(n=Count("*"))
        .order_by("-n")
        .first()
    )
    n_calls = Call.objects.count()
    call = Call.objects.filter(pk__gte=n_calls // 2).exclude(date=None).order_by("pk").first()
    # The CSV export: the most recent years, back until they hold about 10,000 calls.
    years = list(
        Call.objects.exclude(year=None).values_list("year").annotate(n=Count("*")).order_by("-year")
    )
    total, first_year = 0, years[-1][0] if years else 2020
    for year, n in years:
        total += n
        first_year = year
        if total >= CSV_CALLS:
            break
    vocabulary = generate.Archive(random.Random(seed)).vocabulary
    rng = random.Random(seed)
    permalinks = [
        c.get_absolute_url()
        for c in Call.objects.filter(pk__in=rng.sample(range(1, n_calls + 1), min(500, n_calls)))
    ]
    # A report's worth of calls: the most a selection holds, spread over the archive.
    selection = ",".join(
        str(pk)
        for pk in sorted(random.Random(seed + 1).sample(range(1, n_calls + 1), min(500, n_calls)))
    )
    country = (
        Participation.objects.filter(leader_id=busiest["leader_id"])
        .values_list("leader__country_id", flat=True)
        .first()
    )
    return {
        "country": country,
        "selection": selection,
        "leader_slug": busiest["leader__slug"],
        "leader_id": busiest["leader_id"],
        "leader_calls": busiest["n"],
        "pair": sorted([pair["leader__slug"], pair["call__participations__leader__slug"]]),
        "pair_calls": pair["n"],
        "year": 2020,
        "call_id": call.pk,
        "call_slug": call.slug,
        "word": "security",  # a common word: in the text of many sources
        "medium_word": vocabulary[400],  # in about one call in twelve
        "rare_word": vocabulary[3000],  # a rare one
        "csv_from": f"{first_year}-01-01",
        "csv_calls": total,
        "calls": n_calls,
        "permalinks": permalinks,
    }


def our_urls(sample: dict) -> tuple[dict[str, str | None], list[str]]:
    """The URL of each measured page, from the URL names of archive/urls.py.

    A page whose URL name does not resolve (not built yet, renamed) is None, and
    said in the notes, rather than failing the run.
    """
    from django.urls import NoReverseMatch, reverse

    notes = []
    try:
        from archive.filters import CallFilter

        known = set(CallFilter.base_filters)
        for name in PARAMS.values():
            if name not in known:
                notes.append(f"the calls list has no filter parameter {name!r}")
    except ImportError as exc:
        notes.append(f"archive.filters cannot be imported ({exc})")

    def url(name: str, query: list | None = None, **kwargs) -> str | None:
        name = name if ":" in name else f"archive:{name}"
        try:
            path = reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            notes.append(f"no URL named {name} {kwargs or ''}: its page is missing")
            return None
        return path + ("?" + urlencode(query) if query else "")

    p = PARAMS
    urls = {
        "list": url("archive:calls"),
        "filtered": url(
            "archive:calls", [(p["leader"], sample["leader_slug"]), (p["year"], sample["year"])]
        ),
        # Every call with a known date: the largest filtered list, its counts exact.
        "dated": url("archive:calls", [(p["from"], "1000")]),
        "search": url("archive:search", [(p["search"], sample["word"])]),
        # A word in more than search.MAX_RANKED calls is listed newest first; ranked on request.
        "search_ranked": url(
            "archive:search", [(p["search"], sample["word"]), ("sort", "relevance")]
        ),
        "search_medium": url("archive:search", [(p["search"], sample["medium_word"])]),
        "search_rare": url("archive:search", [(p["search"], sample["rare_word"])]),
        "permalink": url("archive:call", pk=sample["call_id"], slug=sample["call_slug"]),
        "leader": url("archive:leader", slug=sample["leader_slug"]),
        "pair": url("archive:leader-pair", slug=sample["pair"][0], other=sample["pair"][1]),
        "csv": url("archive:calls-export", [(p["from"], sample["csv_from"])], fmt="csv"),
        # The analysts' pages (the JSON twins, feeds, selection, change log, event data):
        # each to stay within the calls list's speed.
        "search_json": url("search-json", [(p["search"], sample["word"])]),
        "filtered_json": url(
            "search-json", [(p["leader"], sample["leader_slug"]), (p["year"], sample["year"])]
        ),
        "leaders_json": url("leaders-json"),
        "topics_json": url("topics-json"),
        "countries_json": url("countries-json"),
        "sources_json": url("sources-json"),
        "leader_json": url("leader-json", slug=sample["leader_slug"]),
        "feed_filtered": url(
            "feed", [(p["leader"], sample["leader_slug"]), (p["search"], sample["word"])]
        ),
        "country_feed": url("country-feed", code=sample["country"].lower()),
        "changes": url("changes"),
        "changes_feed": url("changes-feed"),
        "plover_filtered": url(
            "calls-plover", [(p["leader"], sample["leader_slug"]), (p["year"], sample["year"])]
        ),
        "selection_shared": url("selection", [("ids", sample["selection"])]),
        "selection_ris": url("selection-cite", [("ids", sample["selection"])], fmt="ris"),
        "selection_csv": url("selection-export", [("ids", sample["selection"])], fmt="csv"),
    }
    return urls, notes


class FacetWatch:
    """Counts the facets that ran out of time and the counts that were estimated
    (archive.facets), without changing them."""

    def __init__(self):
        self.timed_out: list[str] = []
        self.estimated = 0
        try:
            from archive import facets
        except ImportError:
            return
        counts_class = getattr(facets, "SelectionCounts", None)
        if counts_class is not None:
            counted = counts_class.__init__
            watch = self

            def init(self, *args, **kwargs):
                counted(self, *args, **kwargs)
                watch.estimated += bool(getattr(self, "estimated", False))

            counts_class.__init__ = init
        facet_class = getattr(facets, "Facet", None)
        if facet_class is None or not hasattr(facet_class, "result"):
            return
        original = facet_class.result
        watch = self

        def result(self, *args, **kwargs):
            value = original(self, *args, **kwargs)
            if getattr(value, "timed_out", False):
                watch.timed_out.append(getattr(self, "name", "?"))
            return value

        facet_class.result = result


def fetch(client, url: str) -> tuple[int, int]:
    response = client.get(url)
    if response.streaming:
        size = sum(len(chunk) for chunk in response.streaming_content)
    else:
        size = len(response.content)
    return response.status_code, size


def measure(client, url: str, warmups: int, runs: int, watch: FacetWatch) -> dict:
    for _ in range(warmups):
        fetch(client, url)
    timings, statuses, sizes = [], set(), set()
    watch.timed_out.clear()
    watch.estimated = 0
    for _ in range(runs):
        started = time.perf_counter()
        status, size = fetch(client, url)
        timings.append(time.perf_counter() - started)
        statuses.add(status)
        sizes.add(size)
    result = common.summary(timings)
    result.update(
        status=sorted(statuses),
        bytes=max(sizes),
        facets_timed_out=sorted(set(watch.timed_out)),
        facet_timeouts=len(watch.timed_out),
        estimated_counts=watch.estimated,
    )
    return result


def explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            return "\n".join(" ".join(str(v) for v in row[1:]) for row in cursor.fetchall())
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def replay(sql: str, setting: str | None = None) -> float | None:
    """Milliseconds to run ``sql`` and fetch all its rows (None: not a SELECT, or it failed),
    after the ``SET LOCAL`` statement ``setting`` that preceded it in the request."""
    from django.db import connection, transaction

    if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
        return None
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if setting:
                cursor.execute(setting)
            started = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            return round((time.perf_counter() - started) * 1000, 2)
    except Exception:
        return None


def diagnose(client, url: str) -> dict:
    """One request with its queries captured; plans of the slow ones; a profile."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        fetch(client, url)
    elapsed = time.perf_counter() - started
    # On SQLite a query does most of its work while its rows are fetched, after the
    # time Django records; so each query is run again here and timed to its last row.
    # A SET LOCAL (archive.search._index_scan) holds for the query after it.
    queries, setting = [], None
    for q in captured:
        queries.append(
            {
                "ms": replay(q["sql"], setting),
                "logged_ms": round(float(q["time"]) * 1000, 2),
                "sql": q["sql"],
            }
        )
        setting = q["sql"] if q["sql"].upper().startswith("SET LOCAL") else None
    sql_ms = sum(q["ms"] or q["logged_ms"] for q in queries)
    slow = sorted(queries, key=lambda q: -(q["ms"] or q["logged_ms"]))[:8]
    for query in slow:
        if (query["ms"] or 0) >= SLOW_QUERY_MS and query["sql"].lstrip().upper().startswith(
            "SELECT"
        ):
            try:
                query["plan"] = explain(query["sql"])
            except Exception as exc:  # a plan is a diagnosis; its failure is only noted
                query["plan"] = f"(no plan: {exc})"
    profiler = cProfile.Profile()
    profiler.enable()
    fetch(client, url)
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(25)
    return {
        "queries": len(queries),
        "total_ms": round(elapsed * 1000, 1),
        "sql_ms": round(sql_ms, 1),
        "slowest": slow,
        "profile": stream.getvalue()[-6000:],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=20000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmups", type=int, default=5)
    parser.add_argument("--csv-runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", help="measure only these pages (names, comma-separated)")
    args = parser.parse_args(argv)
    for key, value in common.django_env(args.db, args.calls).items():
        os.environ.setdefault(key, value)
    # Our code's whole work for every request: no page is served from the page cache.
    os.environ["DIPLO_PAGE_CACHE_SECONDS"] = "0"
    common.setup_django()
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    assert not settings.DEBUG, "measure with DEBUG off"
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if hasattr(staticfiles_storage, "manifest_name") and not manifest.exists():
        call_command("collectstatic", interactive=False, verbosity=0)

    # As a served worker does at start (gunicorn.conf.py): the facet values' bitmaps read.
    from archive import facet_bitmaps

    started = time.perf_counter()
    bitmaps_ready = facet_bitmaps.warm(wait=120)
    bitmaps_s = round(time.perf_counter() - started, 2)
    sample = sample_values(args.seed)
    urls, notes = our_urls(sample)
    if args.only:
        urls = {name: url for name, url in urls.items() if name in args.only.split(",")}
    watch = FacetWatch()
    client = Client()
    pages: dict[str, dict] = {}
    diagnostics: dict[str, dict] = {}
    for name, url in urls.items():
        if url is None:
            pages[name] = {"missing": True}
            continue
        common.log(f"in-process {args.db}: {name} {url}")
        csv = name == "csv"
        try:
            pages[name] = measure(
                client, url, 1 if csv else args.warmups, args.csv_runs if csv else args.runs, watch
            )
        except Exception as exc:  # a broken page is reported, the others still measured
            pages[name] = {"error": f"{type(exc).__name__}: {exc}"[:500]}
            continue
        try:
            diagnostics[name] = diagnose(client, url)
        except Exception as exc:  # a diagnosis that fails (a plan, a replay) is only noted
            diagnostics[name] = {"error": f"{type(exc).__name__}: {exc}"[:500]}
        pages[name]["queries"] = diagnostics[name].get("queries")
        pages[name]["sql_ms"] = diagnostics[name].get("sql_ms")
    # Hit counts of the searched words, to read the search figures by.
    from archive import search

    hits = {}
    for key in ("word", "medium_word", "rare_word"):
        try:
            hits[sample[key]] = {
                "calls": search.count_calls(search.parse(sample[key])),
                "sources": search.backend().count("sources", search.parse(sample[key])),
            }
        except Exception as exc:
            hits[sample[key]] = {"error": str(exc)[:200]}
    out = common.RESULTS / f"diagnostics-{args.db}-{args.calls}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"urls": urls, "pages": diagnostics}, indent=2))
    permalinks = common.RESULTS / f"permalinks-{args.calls}.txt"
    permalink_paths = sample.pop("permalinks")
    permalinks.write_text("\n".join(permalink_paths) + "\n")
    print(
        json.dumps(
            {
                "db": args.db, "vendor": connection.vendor, "calls": args.calls,
                "sample": sample, "search_hits": hits, "urls": urls, "notes": notes,
                "pages": pages, "diagnostics_file": str(out),
                "permalinks_file": str(permalinks), "permalinks_count": len(permalink_paths),
                "loadavg": os.getloadavg(),
                "bitmaps": {"ready": bitmaps_ready, "read_s": bitmaps_s},
            }
        )
    )  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
