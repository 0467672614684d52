"""Shared pieces of the import tests: a small gazetteer, hand-built records, command runners.

The gazetteer holds real leaders with real terms, enough for the seed articles and for
the hand-written ones; ``fixtures/knowledge`` (the project's) is used by the seed
acceptance tests only.
"""

from __future__ import annotations

import datetime
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive import importer
from archive.extraction import (
    ArticleRecord,
    Evidence,
    ExtractedCall,
    ExtractedStatement,
    LeaderRef,
    Span,
)
from archive.knowledge import load_knowledge
from archive.readers import content_hash

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "articles"
PROJECT_KNOWLEDGE = ROOT / "fixtures" / "knowledge"


def _country(code, name, demonym, capital, seats=(), aliases=(), region="Europe"):
    return {
        "code": code,
        "name": name,
        "aliases": list(aliases),
        "demonyms": [demonym],
        "capital": capital,
        "seats": list(seats),
        "region": region,
    }


COUNTRIES = [
    _country("FR", "France", "French", "Paris", ["Elysee", "Élysée", "Elysee Palace"]),
    _country("IR", "Iran", "Iranian", "Tehran", ["Iranian presidency"], region="Middle East"),
    _country("RU", "Russia", "Russian", "Moscow", ["Kremlin"], ["Russian Federation"]),
    _country("TR", "Turkey", "Turkish", "Ankara", aliases=["Türkiye"]),
    _country("DE", "Germany", "German", "Berlin", ["Chancellery"]),
    _country("US", "United States", "American", "Washington", ["White House"], ["U.S."]),
    _country("UA", "Ukraine", "Ukrainian", "Kyiv"),
    _country("KE", "Kenya", "Kenyan", "Nairobi", ["State House"], region="Africa"),
]


def _leader(name, slug, country, aliases, *terms):
    return {
        "name": name,
        "slug": slug,
        "country": country,
        "aliases": list(aliases),
        "terms": [
            {"office": office, "title": title, "start": start, "end": end}
            for office, title, start, end in terms
        ],
    }


LEADERS = [
    _leader(
        "Emmanuel Macron",
        "emmanuel-macron",
        "FR",
        ["Macron"],
        ("President of France", "president", "2017-05-14", None),
    ),
    _leader(
        "Ebrahim Raisi",
        "ebrahim-raisi",
        "IR",
        ["Raisi", "Raïssi"],
        ("President of Iran", "president", "2021-08-03", "2024-05-19"),
    ),
    _leader(
        "Vladimir Putin",
        "vladimir-putin",
        "RU",
        ["Putin"],
        ("President of Russia", "president", "2012-05-07", None),
    ),
    _leader(
        "Recep Tayyip Erdogan",
        "recep-tayyip-erdogan",
        "TR",
        ["Erdogan", "Erdoğan"],
        ("President of Turkey", "president", "2014-08-28", None),
    ),
    _leader(
        "Olaf Scholz",
        "olaf-scholz",
        "DE",
        ["Scholz"],
        ("Chancellor of Germany", "chancellor", "2021-12-08", "2025-05-06"),
    ),
    _leader(
        "Volodymyr Zelensky",
        "volodymyr-zelensky",
        "UA",
        ["Zelensky", "Zelenskyy"],
        ("President of Ukraine", "president", "2019-05-20", None),
    ),
]

TOPICS = [
    {
        "slug": "nuclear-programmes",
        "name": "Nuclear programmes",
        "parent": None,
        "description": "",
        "keywords": ["nuclear", "JCPOA", "enrichment"],
    },
    {
        "slug": "zaporizhzhia-plant",
        "name": "Zaporizhzhia nuclear plant",
        "parent": "nuclear-programmes",
        "description": "",
        "keywords": ["Zaporizhzhia", "Zaporozhye"],
    },
    {
        "slug": "war-in-ukraine",
        "name": "War in Ukraine",
        "parent": None,
        "description": "",
        "keywords": ["Ukraine", "Kyiv"],
    },
    {
        "slug": "ceasefire",
        "name": "Ceasefire",
        "parent": "war-in-ukraine",
        "description": "",
        "keywords": ["ceasefire", "truce"],
    },
    {
        "slug": "middle-east",
        "name": "Middle East",
        "parent": None,
        "description": "",
        "keywords": ["Middle East", "Gaza"],
    },
    {"slug": "drones", "name": "Drones", "parent": None, "description": "", "keywords": ["drone"]},
    {
        "slug": "detainees",
        "name": "Detainees and hostages",
        "parent": None,
        "description": "",
        "keywords": ["detained", "hostage", "prisoner"],
    },
    {"slug": "trade", "name": "Trade", "parent": None, "description": "", "keywords": ["trade"]},
]


def write_knowledge(folder: Path, countries=None, leaders=None, topics=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (
        ("countries", COUNTRIES if countries is None else countries),
        ("leaders", LEADERS if leaders is None else leaders),
        ("topics", TOPICS if topics is None else topics),
    ):
        (folder / f"{name}.json").write_text(json.dumps(rows, ensure_ascii=False), "utf-8")
    return folder


@pytest.fixture
def knowledge_dir(tmp_path) -> Path:
    """The tests' gazetteer as fixture files."""
    return write_knowledge(tmp_path / "knowledge")


@pytest.fixture
def knowledge(db, knowledge_dir):
    """The tests' gazetteer loaded into the database."""
    return load_knowledge(knowledge_dir)


@pytest.fixture(autouse=True)
def _small_article_limit(settings):
    settings.DIPLO_MAX_ARTICLE_BYTES = 5 * 1024 * 1024


# --- running the commands -----------------------------------------------------------------


class Run:
    """What a command printed, and its exit status (1 when it raised CommandError)."""

    def __init__(self, stdout: str, stderr: str, status: int, error: str = "") -> None:
        self.stdout, self.stderr, self.status, self.error = stdout, stderr, status, error

    @property
    def output(self) -> str:
        return self.stdout + self.stderr + self.error


def run_command(name: str, *args: Any, **options: Any) -> Run:
    out, err = StringIO(), StringIO()
    try:
        call_command(name, *[str(a) for a in args], stdout=out, stderr=err, **options)
    except CommandError as error:
        return Run(out.getvalue(), err.getvalue(), 1, str(error))
    return Run(out.getvalue(), err.getvalue(), 0)


def import_articles(*paths: Any, knowledge_dir: Path | None = None, **options: Any) -> Run:
    if knowledge_dir is not None:
        options["knowledge_dir"] = str(knowledge_dir)
    return run_command("import_articles", *paths, **options)


def export_json() -> list[dict[str, Any]]:
    run = run_command("export_calls", format="json")
    assert run.status == 0, run.output
    return json.loads(run.stdout)


# --- hand-built records -----------------------------------------------------------------------


MACRON = LeaderRef("emmanuel-macron", "Emmanuel Macron", "FR", "President of France", True)
RAISI = LeaderRef("ebrahim-raisi", "Ebrahim Raisi", "IR", "President of Iran", True)
PUTIN = LeaderRef("vladimir-putin", "Vladimir Putin", "RU", "President of Russia", True)
ERDOGAN = LeaderRef("recep-tayyip-erdogan", "Recep Tayyip Erdogan", "TR", None, True)


def call(
    *participants: LeaderRef,
    kind: str = "phone",
    date: datetime.date | None = None,
    precision: str | None = None,
    minutes: int | None = None,
    qualifier: str | None = None,
    initiator: LeaderRef | None = None,
    role: str = "main",
    topics: tuple[str, ...] = (),
    statements: tuple[ExtractedStatement, ...] = (),
    span: tuple[int, int] | None = None,
    summary: str = "",
) -> ExtractedCall:
    """An ExtractedCall as the engine would hand it over, with one 'call' evidence row.

    Without ``span``, the evidence covers the whole text of the record it goes into.
    """
    evidence = [Evidence("call", Span(*(span or WHOLE)))]
    where = Span(*(span or WHOLE))
    evidence += [Evidence("participant", where, p.slug or p.name) for p in participants]
    if date is not None:
        evidence.append(Evidence("date", where, date.isoformat()))
    return ExtractedCall(
        participants=list(participants),
        kind=kind,
        date=date,
        date_precision=precision or ("day" if date else "unknown"),
        duration_minutes=minutes,
        duration_qualifier=qualifier,
        initiator=initiator,
        role=role,
        topics=list(topics),
        statements=list(statements),
        evidence=evidence,
        summary=summary,
    )


WHOLE = (-1, -1)


def record(text: str, *calls: ExtractedCall, published=None, **fields) -> ArticleRecord:
    for extracted in calls:
        for evidence in extracted.evidence:
            if evidence.span == Span(*WHOLE):
                evidence.span = Span(0, len(text))
    leaders = {p.key: p for c in calls for p in c.participants}
    return ArticleRecord(
        text=text,
        title=fields.get("title"),
        publisher=fields.get("publisher"),
        url=fields.get("url"),
        published=published,
        dateline=fields.get("dateline"),
        language="en",
        calls=list(calls),
        leaders=list(leaders.values()),
        warnings=[],
    )


class Records:
    """Stands in for the engine: each text is read as the record registered for it."""

    def __init__(self) -> None:
        self.by_hash: dict[str, ArticleRecord] = {}

    def add(self, rec: ArticleRecord) -> ArticleRecord:
        self.by_hash[content_hash(rec.text)] = rec
        return rec

    def extract(self, text, kb, **metadata):
        return self.by_hash[content_hash(text)]


@pytest.fixture
def records(monkeypatch) -> Records:
    """Hand-built records instead of the engine, for the importer's own logic."""
    fake = Records()
    monkeypatch.setattr(importer, "extract", fake.extract)
    return fake


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
