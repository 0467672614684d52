"""Fill a fresh database with a realistic synthetic archive, through Diplo's own models.

    .venv/bin/python bench/generate.py --calls 200000 --db sqlite|postgres [--seed 1]
    .venv/bin/python bench/generate.py --sources 1000000 --db postgres

About one call per two sources (``--calls N`` makes 2N sources; ``--sources N``
makes N // 2 calls). 2,000 leaders whose numbers of calls follow a Zipf-like law,
in about 190 countries, with terms of office; 300 topics (30 roots, the rest their
children); dates from 1990 to 2026-11-22, more of them recent, at day, month, year
or unknown precision; 1 to 4 main sources per call and background mentions of
earlier calls; Reports, Evidence (offsets into the source text) and Statements;
bodies of about 1,500 characters of English-like sentences drawn from a
vocabulary with a Zipf law, so that full-text search meets common and rare
words; 50 publishers, a few of them most of the sources. Deterministic: the same
seed gives the same archive, row for row and id for id, on either database.

Fast paths: rows carry their ids and go in with ``bulk_create`` in large batches;
on SQLite ``synchronous=OFF`` and no foreign-key checks while loading; the
triggers that rebuild a call's search document (one rebuild per inserted
participation, topic, report, evidence or statement row) are set aside while
loading and each document is then built once, by the same triggers, with a no-op
``UPDATE archive_call SET summary = summary``. ``--live-triggers`` keeps them on
throughout instead (what an import does; much slower). ANALYZE at the end.

Prints one JSON object: the counts of rows and the seconds each phase took.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import hashlib
import itertools
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

GENERATOR_VERSION = 4
TODAY = datetime.date(2026, 11, 22)
FIRST_DAY = datetime.date(1990, 1, 1)
N_LEADERS = 2000
N_COUNTRIES = 190
N_TOPICS = 300
N_ROOT_TOPICS = 30
N_PUBLISHERS = 50
CHUNK_CALLS = 2000


def _word_list(text: str) -> list[str]:
    """A list of words written as one block of text."""
    return text.split()


MONTHS = [
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
]  # fmt: skip

# Common English words, most frequent first (function words and the vocabulary of
# diplomatic reporting); a few thousand made-up words follow them as the rare tail.
COMMON = _word_list("""
    the of and to in a said that on for with was by as at is from his their he it an have
    has be which were talks had its not are but also this would after leaders two minister
    president call phone government officials both sides spoke discussed foreign prime
    statement office week relations cooperation security issues agreed country countries
    during meeting visit readout bilateral regional international support situation economic
    trade energy said told added according spokesperson press conference agency news
    ministry peace war conflict crisis talks summit agreement negotiations steps joint
    efforts stability development investment further continue strengthen partnership
    dialogue exchange views matters interest mutual future next month year earlier later
    last first new conversation expressed hope concern welcomed condemned urged called
    stressed noted underlined reaffirmed commitment importance relationship ties strategic
    political military defence defense humanitarian aid assistance sanctions nuclear
    programme program climate change migration border ceasefire troops weapons grain exports
    gas oil pipeline prices inflation markets finance debt loans banks reform elections
    parliament opposition protests rights freedom democracy law court justice investigation
    report reports sources source reporters journalists television broadcast video
    conference meeting capital city palace residence ambassador envoy delegation counterpart
    host guest invitation official state working hours minutes long lasted held hosted
    received initiated requested invited
""")

SYLLABLES = _word_list("""
    ka lo ri ven ta mor sel dan ir ul bar tek nor vis cal em oz pra lin dor gav hel mu si
    ran tol quo zer fin bas lek ar ost nu pel dro vin sar kem
""")

TOPIC_ROOTS = [
    "Trade", "Security", "Energy", "Climate", "Nuclear programme", "Sanctions",
    "Migration", "Health", "Investment", "Defence", "Ceasefire", "Elections",
    "Human rights", "Terrorism", "Cyber security", "Food security", "Debt",
    "Space", "Technology", "Water", "Maritime", "Borders", "Refugees", "Hostages",
    "Arms control", "Tourism", "Education", "Culture", "Agriculture", "Transport",
]  # fmt: skip
TOPIC_QUALIFIERS = _word_list("""
    negotiations agreement dispute cooperation financing regulation corridor summit talks
    framework tariffs exports imports quotas inspections guarantees funds partnership
    roadmap treaty monitoring reform crisis pipeline programme
""")
KINDS = [("phone", 55), ("video", 15), ("meeting", 25), ("other", 5)]
PRECISIONS = [("day", 80), ("month", 10), ("year", 3), ("unknown", 7)]
CALL_VERBS = {
    "phone": ["held a phone call with", "spoke by phone with", "had a telephone conversation with"],
    "video": ["held a video call with", "spoke by video link with"],
    "meeting": ["met", "held talks with", "received"],
    "other": ["exchanged messages with", "was in contact with"],
}
TITLES = [("President", "president"), ("Prime Minister", "prime minister"),
          ("Chancellor", "chancellor"), ("King", "king")]  # fmt: skip


class Archive:
    """The fixed parts (countries, leaders, topics, publishers) and the word tables."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.vocabulary = self._vocabulary()
        # Zipf over the vocabulary: word r has weight 1/r (common words first).
        self.word_weights = list(
            itertools.accumulate(1 / (r + 1) ** 1.05 for r in range(len(self.vocabulary)))
        )
        self.countries = self._countries()
        self.leaders = self._leaders()
        self.leader_weights = list(
            itertools.accumulate(1 / (r + 1) ** 0.9 for r in range(len(self.leaders)))
        )
        self.topics = self._topics()
        self.topic_weights = list(
            itertools.accumulate(1 / (r + 1) ** 0.8 for r in range(len(self.topics)))
        )
        self.publishers = [f"{self._word(2, 3).title()} {s}" for s in self._publisher_suffixes()]
        self.publisher_weights = list(
            itertools.accumulate(1 / (r + 1) ** 1.2 for r in range(len(self.publishers)))
        )

    def _word(self, low: int, high: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(low, high)))

    def _vocabulary(self) -> list[str]:
        words = list(dict.fromkeys(COMMON))
        seen = set(words)
        rare = []
        while len(rare) < 6000:
            word = self._word(2, 4)
            if word not in seen:
                seen.add(word)
                rare.append(word)
        return words + rare

    def _publisher_suffixes(self) -> list[str]:
        kinds = ["News", "Times", "Post", "Press", "Herald", "Agency", "Wire", "Tribune"]
        return [self.rng.choice(kinds) for _ in range(N_PUBLISHERS)]

    def _countries(self) -> list[dict]:
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        codes = [a + b for a in letters for b in letters]
        self.rng.shuffle(codes)
        countries, names = [], set()
        for code in codes[:N_COUNTRIES]:
            name = self._word(2, 3).title() + self.rng.choice(["ia", "land", "stan", "a", "or", ""])
            while name in names:
                name = self._word(2, 3).title() + "ia"
            names.add(name)
            countries.append({"code": code, "name": name, "capital": self._word(2, 3).title()})
        return countries

    def _leaders(self) -> list[dict]:
        leaders, slugs = [], set()
        for index in range(N_LEADERS):
            country = self.countries[index % len(self.countries)]
            first, last = self._word(2, 3).title(), self._word(2, 4).title()
            name = f"{first} {last}"
            slug = f"{first}-{last}".lower()
            if slug in slugs:
                slug = f"{slug}-{index}"
            slugs.add(slug)
            title = self.rng.choice(TITLES)
            leaders.append(
                {"id": index + 1, "name": name, "last": last, "slug": slug,
                 "country": country, "title": title}
            )  # fmt: skip
        # The first leaders have the most calls; shuffle so that they are not all in
        # the first countries.
        self.rng.shuffle(leaders)
        return leaders

    def _topics(self) -> list[dict]:
        topics, names = [], set()
        for index, root in enumerate(TOPIC_ROOTS[:N_ROOT_TOPICS]):
            topics.append({"id": index + 1, "name": root, "parent": None})
            names.add(root)
        while len(topics) < N_TOPICS:
            parent = self.rng.choice(topics[:N_ROOT_TOPICS])
            name = f"{parent['name']} {self.rng.choice(TOPIC_QUALIFIERS)}"
            if name in names:
                name = f"{name} {self._word(2, 3)}"
            if name in names:
                continue
            names.add(name)
            topics.append({"id": len(topics) + 1, "name": name, "parent": parent["id"]})
        order = topics[:]
        self.rng.shuffle(order)
        return order

    # -- drawing -------------------------------------------------------------------

    def words(self, k: int) -> list[str]:
        return self.rng.choices(self.vocabulary, cum_weights=self.word_weights, k=k)

    def pick(self, items: list, weights: list[float]):
        return items[bisect.bisect(weights, self.rng.random() * weights[-1])]

    def sentence(self, low: int = 7, high: int = 18) -> str:
        words = self.words(self.rng.randint(low, high))
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def weighted(rng: random.Random, options: list[tuple[str, int]]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def draw_date(rng: random.Random) -> tuple[datetime.date | None, str]:
    precision = weighted(rng, PRECISIONS)
    if precision == "unknown":
        return None, precision
    # Density rising with time: more calls are reported in recent years.
    span = (TODAY - FIRST_DAY).days
    day = FIRST_DAY + datetime.timedelta(days=int(span * rng.random() ** 0.6))
    if precision == "month":
        day = day.replace(day=1)
    elif precision == "year":
        day = day.replace(month=1, day=1)
    return day, precision


def date_words(day: datetime.date | None, precision: str) -> str:
    if day is None or precision == "unknown":
        return "recently"
    if precision == "year":
        return f"in {day.year}"
    if precision == "month":
        return f"in {MONTHS[day.month - 1]} {day.year}"
    return f"on {MONTHS[day.month - 1]} {day.day}, {day.year}"


class Body:
    """A source text built sentence by sentence, remembering where each sentence is."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0

    def add(self, sentence: str) -> tuple[int, int, str]:
        if self.parts:
            self.length += 1
        start = self.length
        self.parts.append(sentence)
        self.length += len(sentence)
        return start, self.length, sentence

    def text(self) -> str:
        return " ".join(self.parts)


def generate(args) -> dict:
    from django.db import connection, transaction

    from archive.models import (
        Call,
        CallChange,
        Country,
        Evidence,
        Leader,
        Participation,
        Report,
        Source,
        Statement,
        Term,
        Topic,
    )

    CallTopic = Call.topics.through
    writer = Writer(connection)
    tables = [
        ("calls", Call), ("participations", Participation), ("call_topics", CallTopic),
        ("sources", Source), ("reports", Report), ("evidence", Evidence),
        ("statements", Statement), ("changes", CallChange),
    ]  # fmt: skip
    rng = random.Random(args.seed)
    archive = Archive(rng)
    # The facts added in version 4 (one-sided readouts, when each call was archived, its
    # change log) from a generator of their own: the rest is drawn as in version 3.
    archive.later = random.Random(args.seed + 1_000_003)
    archive.n_calls = args.calls
    n_calls = args.calls
    n_sources = args.sources
    timings: dict[str, float] = {}
    counts = dict.fromkeys(
        [
            "calls", "participations", "call_topics", "sources", "reports", "evidence",
            "statements", "changes",
        ],
        0,
    )  # fmt: skip

    started = time.perf_counter()
    with transaction.atomic():
        Country.objects.bulk_create(
            Country(
                code=c["code"], name=c["name"], slug=c["name"].lower() + "-" + c["code"].lower(),
                capital=c["capital"], aliases=[], demonyms=[], seats=[f"{c['capital']} Palace"],
            )
            for c in archive.countries
        )  # fmt: skip
        Leader.objects.bulk_create(
            (
                Leader(
                    id=leader["id"], name=leader["name"], slug=leader["slug"],
                    country_id=leader["country"]["code"], aliases=[leader["last"]],
                    verified=rng.random() < 0.3,
                )
                for leader in archive.leaders
            ),
            batch_size=1000,
        )  # fmt: skip
        terms = []
        for leader in archive.leaders:
            start = FIRST_DAY + datetime.timedelta(days=rng.randrange(0, 12000))
            for _ in range(rng.randint(1, 2)):
                end = start + datetime.timedelta(days=rng.randrange(400, 3000))
                current = end > TODAY
                title, generic = leader["title"]
                terms.append(
                    Term(
                        leader_id=leader["id"], office=f"{title} of {leader['country']['name']}",
                        title=generic, country_id=leader["country"]["code"], start=start,
                        end=None if current else end,
                    )
                )  # fmt: skip
                if current:
                    break
                start = end + datetime.timedelta(days=rng.randrange(100, 2000))
                if start > TODAY:
                    break
        Term.objects.bulk_create(terms, batch_size=2000)
        roots = [t for t in archive.topics if t["parent"] is None]
        children = [t for t in archive.topics if t["parent"] is not None]
        for group in (roots, children):
            Topic.objects.bulk_create(
                Topic(
                    id=t["id"], name=t["name"], slug=slug_of(t["name"]), parent_id=t["parent"],
                    keywords=[t["name"].lower()], description=f"Calls about {t['name'].lower()}.",
                )
                for t in group
            )  # fmt: skip
    timings["reference_rows_s"] = time.perf_counter() - started

    # Calls and everything hanging from them, a chunk at a time, ids assigned here.
    ids = {
        name: itertools.count(1)
        for name in ("report", "evidence", "statement", "ct", "p", "change")
    }
    source_counts = [1] * n_calls
    for _ in range(max(0, n_sources - n_calls)):
        source_counts[rng.randrange(n_calls)] += 1
    next_source = itertools.count(1)
    calls_meta: list[tuple[str, str, str]] = []  # (date words, names, kind) of calls so far
    started = time.perf_counter()
    last_report = started
    for chunk_start in range(0, n_calls, CHUNK_CALLS):
        rows = {name: [] for name in counts}
        for index in range(chunk_start, min(n_calls, chunk_start + CHUNK_CALLS)):
            build_call(
                index + 1, archive, rng, source_counts[index], next_source, ids, calls_meta,
                rows,
            )  # fmt: skip
        with transaction.atomic():
            for name, model in tables:
                writer.write(model, rows[name])
        for name, objs in rows.items():
            counts[name] += len(objs)
        if time.perf_counter() - last_report > 15:
            last_report = time.perf_counter()
            rate = counts["calls"] / (last_report - started)
            common.log(f"generate: {counts['calls']:,} calls ({rate:,.0f}/s)")
    timings["calls_and_sources_s"] = time.perf_counter() - started
    return {"counts": counts, "timings": timings}


class Writer:
    """Rows (dicts keyed by attribute name) into a model's table, the fastest way each
    database offers: ``executemany`` on SQLite, ``COPY`` on PostgreSQL.

    Columns come from the model's own fields, so the tables are exactly Django's;
    fields a row leaves out get the field's default (now, for auto_now fields).
    """

    def __init__(self, connection):
        from django.utils import timezone

        self.connection = connection
        self.vendor = connection.vendor
        self.now = timezone.now()
        self.plans: dict = {}

    def plan(self, model):
        if model in self.plans:
            return self.plans[model]
        from django.db import models

        fields = model._meta.concrete_fields
        defaults, adapters = [], []
        for field in fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                default = self.now
            elif field.primary_key:
                default = None
            else:
                default = field.get_default()
            adapt = None
            if isinstance(field, models.JSONField):
                adapt = json.dumps
            elif self.vendor == "sqlite" and isinstance(field, models.DateTimeField):
                adapt = self.connection.ops.adapt_datetimefield_value
            elif self.vendor == "sqlite" and isinstance(field, models.DateField):
                adapt = self.connection.ops.adapt_datefield_value
            defaults.append(adapt(default) if adapt and default is not None else default)
            adapters.append(adapt)
        plan = (
            model._meta.db_table,
            [f.column for f in fields],
            [f.attname for f in fields],
            defaults,
            [(i, a) for i, a in enumerate(adapters) if a],
        )
        self.plans[model] = plan
        return plan

    def write(self, model, rows: list[dict]) -> None:
        if not rows:
            return
        table, columns, attnames, defaults, adapters = self.plan(model)
        tuples = []
        for row in rows:
            values = [row.get(a, d) for a, d in zip(attnames, defaults, strict=True)]
            for i, adapt in adapters:
                if values[i] is not None and attnames[i] in row:
                    values[i] = adapt(values[i])
            tuples.append(values)
        self.connection.ensure_connection()
        raw = self.connection.connection
        names = ", ".join(f'"{c}"' for c in columns)
        if self.vendor == "sqlite":
            marks = ", ".join("?" * len(columns))
            raw.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', tuples)
        else:
            with (
                raw.cursor() as cursor,
                cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy,
            ):
                for values in tuples:
                    copy.write_row(values)


def slug_of(text: str) -> str:
    from django.utils.text import slugify

    return slugify(text)[:120]


def build_call(call_id, archive, rng, n_sources, next_source, ids, calls_meta, rows):
    """One call with its participants, topics, sources, reports, evidence and statements.

    Rows are dicts keyed by the models' attribute names (``writer`` turns them into
    the tables' columns).
    """
    Call = Participation = Source = Report = Evidence = Statement = CallTopic = CallChange = dict

    # Archived over the two years before TODAY, in the order of the calls' ids.
    archived = datetime.datetime.combine(
        TODAY - datetime.timedelta(days=730), datetime.time(), datetime.UTC
    ) + datetime.timedelta(minutes=call_id * 730 * 24 * 60 // max(1, archive.n_calls))

    day, precision = draw_date(rng)
    kind = weighted(rng, KINDS)
    size = 3 if rng.random() < 0.08 else 2
    people: list[dict] = []
    while len(people) < size:
        leader = archive.pick(archive.leaders, archive.leader_weights)
        if leader not in people:
            people.append(leader)
    initiator = people[0] if rng.random() < 0.5 else None
    minutes = rng.choice([10, 15, 20, 30, 40, 45, 50, 60, 75, 90, 120, 180])
    has_duration = rng.random() < 0.35
    topics: list[dict] = []
    for _ in range(rng.choice([1, 1, 2, 2, 2, 3, 4])):
        topic = archive.pick(archive.topics, archive.topic_weights)
        if topic not in topics:
            topics.append(topic)
    names = " and ".join(p["name"] for p in people)
    when = date_words(day, precision)
    verb = rng.choice(CALL_VERBS[kind])
    topic_words = ", ".join(t["name"].lower() for t in topics)
    summary = f"{people[0]['name']} {verb} {' and '.join(p['name'] for p in people[1:])} {when}"
    summary += f"; they discussed {topic_words}."
    slug_parts = [day.isoformat() if day else "undated", *(p["slug"] for p in people), kind]
    rows["calls"].append(
        Call(
            id=call_id, date=day, date_precision=precision,
            year=day.year if day else None,
            month=day.month if day and precision != "year" else None,
            kind=kind, duration_minutes=minutes if has_duration else None,
            duration_qualifier=rng.choice(["", "", "about", "more than", "less than"])
            if has_duration else "",
            initiator_id=initiator["id"] if initiator else None, summary=summary,
            status="reviewed" if rng.random() < 0.15 else "extracted",
            slug="-".join(slug_parts).lower()[:200],
            # One source, a government's own page, about four times in ten.
            one_sided=n_sources == 1 and archive.later.random() < 0.4,
            created_at=archived, updated_at=archived + datetime.timedelta(
                hours=archive.later.randrange(0, 24 * 30) if n_sources > 1 else 0),
        )
    )  # fmt: skip
    rows["changes"].append(
        CallChange(id=next(ids["change"]), call_id=call_id, at=archived, kind="added",
                   description=f"added from source {call_id}")
    )  # fmt: skip
    for extra in range(1, n_sources):
        rows["changes"].append(
            CallChange(id=next(ids["change"]), call_id=call_id, kind="source",
                       at=archived + datetime.timedelta(hours=extra * 7),
                       description=f"source added: source {call_id}-{extra}")
        )  # fmt: skip
    for person in people:
        role = "participant"
        if initiator is not None:
            role = "initiator" if person is initiator else "recipient"
        rows["participations"].append(
            Participation(id=next(ids["p"]), call_id=call_id, leader_id=person["id"], role=role)
        )
    for topic in topics:
        rows["call_topics"].append(
            CallTopic(id=next(ids["ct"]), call_id=call_id, topic_id=topic["id"])
        )

    statements_wanted = rng.choice([0, 0, 1, 1, 1, 2, 3])
    first_source = None
    for position in range(n_sources):
        source_id = next(next_source)
        publisher = archive.pick(archive.publishers, archive.publisher_weights)
        body = Body()
        a, b = people[0], people[1]
        attribution = rng.choice(
            [
                "officials said",
                f"the {a['country']['capital']} Palace said",
                "according to a readout",
                "the two governments said",
            ]
        )
        lead = body.add(
            f"{a['title'][0]} {a['name']} of {a['country']['name']} {verb} "
            f"{' and '.join(p['name'] for p in people[1:])} {when}, {attribution}."
        )
        topic_sentence = body.add(
            f"The leaders discussed {topic_words} and {' '.join(archive.words(3))}."
        )
        evidence = [("call", "", lead), ("participant", b["name"], lead)]
        if day and rng.random() < 0.5:
            evidence.append(("date", "", lead))
        if rng.random() < 0.3:
            evidence.append(("topic", topics[0]["name"][:200], topic_sentence))
        quotes = []
        if position == 0:
            for _ in range(statements_wanted):
                side = rng.choice(people)
                text = f"“{archive.sentence(8, 16)}”"
                quotes.append((side, body.add(
                    f"{text} the office of {side['name']} said in a statement."
                ), text))  # fmt: skip
        background = None
        if calls_meta and rng.random() < 0.15:
            earlier = rng.randrange(len(calls_meta))
            old_when, old_names, _old_kind = calls_meta[earlier]
            background = (earlier + 1, body.add(f"Earlier, {old_names} had spoken {old_when}."))
        target = rng.randint(1200, 1900)
        # About 7 characters a word: draw the filler's words at once, then cut sentences.
        filler = archive.words(max(8, (target - body.length) // 7))
        at = 0
        while at < len(filler):
            n = rng.randint(7, 18)
            words = filler[at : at + n]
            at += n
            body.add(words[0].capitalize() + " " + " ".join(words[1:]) + ".")
        text = body.text()
        headline_verb = rng.choice(["discuss", "hold talks on", "speak about"])
        title = f"{a['name']} and {b['name']} {headline_verb} {topics[0]['name'].lower()}"
        published = (day or draw_date(rng)[0] or TODAY) + datetime.timedelta(days=rng.randint(0, 2))
        rows["sources"].append(
            Source(
                id=source_id, title=title[:500], publisher=publisher,
                url=f"https://news.invalid/{publisher.split()[0].lower()}/{source_id}",
                published=min(published, TODAY), dateline=f"{a['country']['capital'].upper()}",
                body=text,
                content_hash=hashlib.sha256(f"{source_id}\n{text}".encode()).hexdigest(),
                origin=f"bench/{source_id}.txt",
            )
        )  # fmt: skip
        report_id = next(ids["report"])
        rows["reports"].append(
            Report(id=report_id, call_id=call_id, source_id=source_id, role="main")
        )
        for fact, detail, (start, end, sentence) in evidence:
            rows["evidence"].append(
                Evidence(id=next(ids["evidence"]), report_id=report_id, fact=fact,
                         detail=detail, start=start, end=end, text=sentence)
            )  # fmt: skip
        if background is not None and background[0] != call_id:
            old_call, (start, end, sentence) = background
            old_report = next(ids["report"])
            rows["reports"].append(
                Report(id=old_report, call_id=old_call, source_id=source_id, role="background")
            )
            rows["evidence"].append(
                Evidence(id=next(ids["evidence"]), report_id=old_report, fact="call",
                         detail="", start=start, end=end, text=sentence)
            )  # fmt: skip
        for side, (start, end, _sentence), quote in quotes:
            rows["statements"].append(
                Statement(
                    id=next(ids["statement"]), call_id=call_id, source_id=source_id,
                    speaker=f"the office of {side['name']}", side_leader_id=side["id"],
                    side_country_id=side["country"]["code"], text=quote.strip("“”"),
                    start=start, end=end,
                )
            )  # fmt: skip
        first_source = first_source or source_id
    calls_meta.append((when, names, kind))


# -- databases ---------------------------------------------------------------------


def fresh_database(db: str, calls: int) -> None:
    """An empty database for the data set: a new SQLite file, or diplo_bench recreated."""
    if db == "sqlite":
        path = common.sqlite_path(calls)
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", ".json"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{common.PG_SERVER}/postgres", autocommit=True) as conn:
        busy = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [common.PG_DATABASE]
        ).fetchone()[0]
        if busy:
            raise SystemExit(
                f"{busy} other connection(s) use the database {common.PG_DATABASE}: another"
                " session's work, not dropped. Name another database with BENCH_PG_DATABASE"
                " (run.py --pg-database)."
            )
        conn.execute(f"DROP DATABASE IF EXISTS {common.PG_DATABASE}")
        conn.execute(f"CREATE DATABASE {common.PG_DATABASE}")
    common.meta_path(db, calls).unlink(missing_ok=True)


SEARCH_TABLES = [
    "archive_call", "archive_participation", "archive_call_topics", "archive_report",
    "archive_evidence", "archive_statement", "archive_source",
]  # fmt: skip


def set_aside_search_triggers(connection) -> list[str]:
    """Remove (SQLite) or disable (PostgreSQL) the triggers that rebuild call documents
    and facet counts (rebuilt once after the load).

    Found by what they touch rather than by name, so that a changed migration is
    still handled. Returns what `restore_search_triggers` needs.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                " AND (sql LIKE '%archive_callsearchdocument%' OR sql LIKE '%archive_callfacet%')"
                " AND tbl_name <> 'archive_callsearchdocument'"
            )
            saved = cursor.fetchall()
            for name, _sql in saved:
                cursor.execute(f'DROP TRIGGER "{name}"')
            return [sql for _name, sql in saved]
        for table in SEARCH_TABLES:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        return SEARCH_TABLES


def restore_search_triggers(connection, saved: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in saved:
            if connection.vendor == "sqlite":
                cursor.execute(statement)
            else:
                cursor.execute(f"ALTER TABLE {statement} ENABLE TRIGGER USER")


def set_aside_text_indexes(connection) -> list[str]:
    """Drop the PostgreSQL text-search indexes (GIN, RUM) while loading; returns their
    definitions for `restore_text_indexes`.

    A RUM index kept up row by row made the load about five times slower (95 calls a second
    against 514, at 1,000,000 calls); built once afterwards, it is what a migrated archive
    holds.
    """
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
            " AND (indexdef LIKE '%USING gin %' OR indexdef LIKE '%USING rum %')"
        )
        saved = cursor.fetchall()
        for name, _definition in saved:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in saved]


def restore_text_indexes(connection, saved: list[str]) -> None:
    with connection.cursor() as cursor:
        for definition in saved:
            cursor.execute(definition)


def build_search_documents(connection, n_calls: int) -> None:
    """Have the triggers build every call's document once: a no-op update of each call
    (on PostgreSQL, the function the triggers call, over a range of calls at once)."""
    from django.db import transaction

    step = 20000
    started = time.perf_counter()
    refresh = None
    if connection.vendor == "postgresql":
        # The triggers' own function, set-based: twice as fast as a trigger per row.
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regprocedure('archive_refresh_call_search(bigint[])')")
            if cursor.fetchone()[0]:
                refresh = (
                    "SELECT archive_refresh_call_search(ARRAY("
                    "SELECT id FROM archive_call WHERE id >= %s AND id < %s))"
                )
    for low in range(1, n_calls + 1, step):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                refresh or "UPDATE archive_call SET summary = summary WHERE id >= %s AND id < %s",
                [low, low + step],
            )
        done = min(n_calls, low + step - 1)
        rate = done / (time.perf_counter() - started)
        common.log(f"generate: search documents of {done:,} calls ({rate:,.0f}/s)")


WHERE = (
    "Where it writes: a new SQLite file bench/data/diplo-<calls>.sqlite3 (--db sqlite), or the"
    " PostgreSQL database BENCH_PG_DATABASE (default diplo_bench) on 127.0.0.1:5432, dropped"
    " and created again (--db postgres). DATABASE_URL is not read: the data set is"
    " recreated from nothing, so it never goes into a database the environment names for"
    " other work."
)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=WHERE)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--calls", type=int, help="number of calls (sources: twice as many)")
    size.add_argument("--sources", type=int, help="number of sources (calls: half as many)")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=2000, help="rows per INSERT")
    parser.add_argument(
        "--live-triggers", action="store_true",
        help="keep the search triggers on while loading (as an import does; slow)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.calls is None and args.sources is None:
        args.calls = 20000
    if args.calls is None:
        args.calls = args.sources // 2
    if args.sources is None:
        args.sources = args.calls * 2

    if os.environ.get("DATABASE_URL"):
        target = common.database_url(args.db, args.calls)
        common.log(f"generate: DATABASE_URL is not read; the data set goes to {target}")
    os.environ.update(common.django_env(args.db, args.calls))
    fresh_database(args.db, args.calls)
    common.setup_django()
    from django.core.management import call_command
    from django.db import connection, transaction

    total_started = time.perf_counter()
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrate_s = time.perf_counter() - started
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for pragma in ("synchronous=OFF", "foreign_keys=OFF", "cache_size=-1000000",
                           "temp_store=MEMORY"):  # fmt: skip
                cursor.execute(f"PRAGMA {pragma}")
    saved = [] if args.live_triggers else set_aside_search_triggers(connection)
    text_indexes = [] if args.live_triggers else set_aside_text_indexes(connection)
    common.log(
        f"generate: {args.calls:,} calls, {args.sources:,} sources into {connection.vendor}"
        + ("" if args.live_triggers else f" ({len(saved)} search triggers set aside)")
    )
    result = generate(args)
    started = time.perf_counter()
    if not args.live_triggers:
        with connection.cursor() as cursor:
            # Statistics first, so that the triggers' lookups use the indexes.
            cursor.execute("ANALYZE")
        restore_search_triggers(connection, saved)
        build_search_documents(connection, args.calls)
    result["timings"]["search_documents_s"] = time.perf_counter() - started
    if text_indexes:
        started = time.perf_counter()
        restore_text_indexes(connection, text_indexes)
        result["timings"]["text_indexes_s"] = time.perf_counter() - started
        common.log(
            f"generate: {len(text_indexes)} text-search indexes built in"
            f" {result['timings']['text_indexes_s']:.0f} s"
        )
    if not args.live_triggers:
        from archive import facet_totals

        started = time.perf_counter()
        with transaction.atomic():
            facet_totals.rebuild(connection)
        result["timings"]["facet_totals_s"] = time.perf_counter() - started
        common.log(f"generate: facet counts in {result['timings']['facet_totals_s']:.0f} s")

    started = time.perf_counter()
    from django.core.management.color import no_style

    from archive.models import CallSearchDocument

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from django.apps import apps

            models = list(apps.get_app_config("archive").get_models())
            models.append(apps.get_model("archive", "Call").topics.through)
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
            cursor.execute("VACUUM ANALYZE")
        else:
            # Merge the FTS5 segments the inserts left, as a long-lived index would be.
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%fts5%'"
            )
            for (table,) in cursor.fetchall():
                cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    result["timings"]["analyze_s"] = time.perf_counter() - started
    documents = CallSearchDocument.objects.count()
    if documents != args.calls:
        common.log(f"generate: WARNING {documents:,} search documents for {args.calls:,} calls")
    result["counts"]["search_documents"] = documents
    result["timings"]["migrate_s"] = migrate_s
    result["timings"] = {k: round(v, 2) for k, v in result["timings"].items()}
    result.update(
        db=args.db, calls=args.calls, sources=args.sources, seed=args.seed,
        live_triggers=args.live_triggers, version=GENERATOR_VERSION,
        total_s=round(time.perf_counter() - total_started, 2),
        url=common.database_url(args.db, args.calls),
    )  # fmt: skip
    if args.db == "sqlite":
        result["file_mb"] = round(common.sqlite_path(args.calls).stat().st_size / 2**20, 1)
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            result["database_mb"] = round(cursor.fetchone()[0] / 2**20, 1)
    common.meta_path(args.db, args.calls).write_text(json.dumps(result, indent=2))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
