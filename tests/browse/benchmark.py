"""Time the browse pages on a large synthetic archive (not a test: pytest does not collect it).

    DATABASE_URL=sqlite:////tmp/diplo_bench.sqlite3 DEBUG=1 \\
        .venv/bin/python -m tests.browse.benchmark --calls 50000 --build
    DATABASE_URL=sqlite:////tmp/diplo_bench.sqlite3 DEBUG=1 \\
        .venv/bin/python -m tests.browse.benchmark --runs 10

--build migrates an empty database and fills it through the ORM's bulk inserts,
so the search triggers do their work as they would for an import. Then each page
is requested in-process with Django's test client; the median time is printed.
"""

import argparse
import datetime
import hashlib
import os
import random
import statistics
import sys
import time


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplo.settings")
    import django

    django.setup()


# Common words, in nearly every document (the worst case for search and its facets);
# each summary also holds one "mid" word (in about 1% of calls) and one "rare" code
# (in about 0.01%), for searches of realistic selectivity.
WORDS = [
    "nuclear",
    "programme",
    "sanctions",
    "drones",
    "ukraine",
    "ceasefire",
    "grain",
    "exports",
    "energy",
    "gas",
    "oil",
    "security",
    "guarantees",
    "hostages",
    "trade",
    "tariffs",
    "climate",
    "investment",
    "elections",
    "migration",
    "border",
    "talks",
    "summit",
    "visit",
    "readout",
    "president",
    "prime",
    "minister",
    "spoke",
    "discussed",
    "agreed",
    "called",
    "urged",
    "welcomed",
    "condemned",
    "relations",
    "bilateral",
    "cooperation",
    "regional",
    "crisis",
]


def build(n_calls: int, seed: int = 7) -> None:
    from django.core.management import call_command
    from django.db import transaction

    from archive.models import (
        Call,
        Country,
        Leader,
        Participation,
        Report,
        Source,
        Statement,
        Topic,
    )

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    codes = [f"{a}{b}" for a in "ABCDEFGHIJ" for b in "ABCDE"]
    countries = Country.objects.bulk_create(
        Country(code=c, name=f"Country {c}", slug=f"country-{c.lower()}") for c in codes
    )
    leaders = Leader.objects.bulk_create(
        Leader(
            name=f"Leader Number{i}",
            slug=f"leader-number{i}",
            country=countries[i % len(countries)],
            aliases=[f"Number{i}"],
        )
        for i in range(2000)
    )
    topics = Topic.objects.bulk_create(
        Topic(name=f"Topic {i} {rng.choice(WORDS)}", slug=f"topic-{i}") for i in range(300)
    )
    # A skewed choice: a few leaders and topics take part in most calls.
    leader_weights = [1 / (i + 1) ** 1.1 for i in range(len(leaders))]
    topic_weights = [1 / (i + 1) for i in range(len(topics))]
    start = datetime.date(2000, 1, 1)
    batch = 2000
    made = 0
    while made < n_calls:
        size = min(batch, n_calls - made)
        with transaction.atomic():
            calls = []
            for _ in range(size):
                day = start + datetime.timedelta(days=rng.randint(0, 9000))
                calls.append(
                    Call(
                        date=day,
                        date_precision="day",
                        year=day.year,
                        month=day.month,
                        kind=rng.choice(["phone", "phone", "phone", "video", "meeting"]),
                        duration_minutes=rng.choice([None, 30, 45, 60, 90, 120]),
                        summary=" ".join(
                            [
                                *rng.choices(WORDS, k=25),
                                f"mid{rng.randint(0, 99)}",
                                f"rare{rng.randint(0, 9999)}",
                            ]
                        ),
                        slug=f"call-{made}",
                    )
                )
                made += 1
            calls = Call.objects.bulk_create(calls)
            sources = Source.objects.bulk_create(
                Source(
                    title=" ".join(rng.choices(WORDS, k=8)),
                    publisher=rng.choice(["Reuters", "AFP", "AP", "TASS", "IRNA", "Xinhua"]),
                    body=" ".join(rng.choices(WORDS, k=220)),
                    content_hash=hashlib.sha256(f"{call.pk}".encode()).hexdigest(),
                    origin=f"bench_{call.pk}.txt",
                    published=call.date,
                )
                for call in calls
            )
            participations, links, reports, statements = [], [], [], []
            for call, source in zip(calls, sources, strict=True):
                pair = set()
                while len(pair) < 2:
                    pair.add(rng.choices(range(len(leaders)), weights=leader_weights)[0])
                participations += [Participation(call=call, leader=leaders[i]) for i in pair]
                chosen = {rng.choices(range(len(topics)), weights=topic_weights)[0] for _ in "abc"}
                links += [Call.topics.through(call=call, topic=topics[i]) for i in chosen]
                reports.append(Report(call=call, source=source, role="main"))
                text = " ".join(rng.choices(WORDS, k=15))
                statements.append(Statement(call=call, speaker="the presidency", text=text))
            Participation.objects.bulk_create(participations)
            Call.topics.through.objects.bulk_create(links)
            Report.objects.bulk_create(reports)
            Statement.objects.bulk_create(statements)
        print(f"{made} calls", file=sys.stderr)


PAGES = [
    "/",
    "/calls/",
    "/calls/?leader=leader-number0",
    "/calls/?leader=leader-number0&leader=leader-number1",
    "/calls/?topic=topic-0&year=2010",
    "/calls/?kind=meeting&country=aa&sort=longest",
    "/calls/?q=nuclear",
    "/calls/?q=mid7",
    "/calls/?q=rare42",
    "/calls/?q=mid7&leader=leader-number0",
    "/calls/?q=%22grain+exports%22+-sanctions&leader=leader-number0",
    "/calls/?q=hostages+or+tariffs+ceasefire&publisher=Reuters",
    "/calls/?page=500",
    "/search/?q=nuclear+drones",
    "/leaders/",
    "/leaders/leader-number0/",
    "/leaders/leader-number1500/",
    "/topics/topic-0/",
    "/countries/aa/",
    "/sources/?q=nuclear",
    "/calls/feed/",
]


def measure(runs: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from archive.models import Call

    setup_test_environment()
    client = Client()
    call = Call.objects.order_by("id").first()
    pages = [*PAGES, call.get_absolute_url()] if call else PAGES
    print(f"{Call.objects.count()} calls, {connection.vendor}; median of {runs} runs")
    for url in pages:
        times = []
        for _ in range(runs):
            begin = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - begin) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        status = response.status_code
        print(f"{statistics.median(times):8.1f} ms  {len(queries):3d} queries  {status}  {url}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=50_000)
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup_django()
    if args.build:
        begin = time.perf_counter()
        build(args.calls)
        print(f"built in {time.perf_counter() - begin:.0f} s", file=sys.stderr)
    measure(args.runs)


if __name__ == "__main__":
    main()
