"""A small knowledge base for the engine's tests, and helpers to read records.

It holds a few real heads of state and government (with real terms) so that title-only
mentions resolve by date, and a few topics. The seed tests use the project's
``fixtures/knowledge`` instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from archive.extraction import ArticleRecord, ExtractedCall, KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = Path(__file__).resolve().parent / "articles"

COUNTRIES: list[dict[str, Any]] = [
    {
        "code": "FR",
        "name": "France",
        "aliases": ["French Republic"],
        "demonyms": ["French"],
        "capital": "Paris",
        "seats": ["Elysee", "Élysée", "Elysee Palace", "Élysée Palace", "French presidency"],
        "region": "Europe",
    },
    {
        "code": "IR",
        "name": "Iran",
        "aliases": ["Islamic Republic of Iran"],
        "demonyms": ["Iranian"],
        "capital": "Tehran",
        "seats": ["Iranian presidency"],
        "region": "Middle East",
    },
    {
        "code": "RU",
        "name": "Russia",
        "aliases": ["Russian Federation"],
        "demonyms": ["Russian"],
        "capital": "Moscow",
        "seats": ["Kremlin"],
        "region": "Europe",
    },
    {
        "code": "TR",
        "name": "Turkey",
        "aliases": ["Türkiye", "Turkiye"],
        "demonyms": ["Turkish"],
        "capital": "Ankara",
        "seats": ["Presidential Complex"],
        "region": "Europe",
    },
    {
        "code": "IL",
        "name": "Israel",
        "aliases": [],
        "demonyms": ["Israeli"],
        "capital": "Jerusalem",
        "seats": [],
        "region": "Middle East",
    },
    {
        "code": "DE",
        "name": "Germany",
        "aliases": [],
        "demonyms": ["German"],
        "capital": "Berlin",
        "seats": ["Chancellery"],
        "region": "Europe",
    },
    {
        "code": "US",
        "name": "United States",
        "aliases": ["U.S.", "US", "USA", "United States of America"],
        "demonyms": ["American", "U.S."],
        "capital": "Washington",
        "seats": ["White House"],
        "region": "Americas",
    },
    {
        "code": "UA",
        "name": "Ukraine",
        "aliases": [],
        "demonyms": ["Ukrainian"],
        "capital": "Kyiv",
        "seats": [],
        "region": "Europe",
    },
    {
        "code": "KE",
        "name": "Kenya",
        "aliases": [],
        "demonyms": ["Kenyan"],
        "capital": "Nairobi",
        "seats": ["State House"],
        "region": "Africa",
    },
    {
        "code": "CN",
        "name": "China",
        "aliases": ["People's Republic of China"],
        "demonyms": ["Chinese"],
        "capital": "Beijing",
        "seats": [],
        "region": "Asia",
    },
    {
        "code": "IN",
        "name": "India",
        "aliases": [],
        "demonyms": ["Indian"],
        "capital": "New Delhi",
        "seats": [],
        "region": "Asia",
    },
]


def _term(office: str, title: str, start: str | None, end: str | None) -> dict[str, Any]:
    return {"office": office, "title": title, "start": start, "end": end}


LEADERS: list[dict[str, Any]] = [
    {
        "name": "Emmanuel Macron",
        "slug": "emmanuel-macron",
        "country": "FR",
        "aliases": ["Macron"],
        "terms": [_term("President of France", "president", "2017-05-14", None)],
    },
    {
        "name": "François Bayrou",
        "slug": "francois-bayrou",
        "country": "FR",
        "aliases": ["Bayrou"],
        "terms": [_term("Prime Minister of France", "prime minister", "2024-12-13", "2025-09-09")],
    },
    {
        "name": "Ebrahim Raisi",
        "slug": "ebrahim-raisi",
        "country": "IR",
        "aliases": ["Raisi", "Raïssi", "Raeisi"],
        "terms": [_term("President of Iran", "president", "2021-08-03", "2024-05-19")],
    },
    {
        "name": "Masoud Pezeshkian",
        "slug": "masoud-pezeshkian",
        "country": "IR",
        "aliases": ["Pezeshkian"],
        "terms": [_term("President of Iran", "president", "2024-07-28", None)],
    },
    {
        "name": "Ali Khamenei",
        "slug": "ali-khamenei",
        "country": "IR",
        "aliases": ["Khamenei"],
        "terms": [_term("Supreme Leader of Iran", "supreme leader", "1989-06-04", None)],
    },
    {
        "name": "Vladimir Putin",
        "slug": "vladimir-putin",
        "country": "RU",
        "aliases": ["Putin"],
        "terms": [
            _term("President of Russia", "president", "2000-05-07", "2008-05-07"),
            _term("Prime Minister of Russia", "prime minister", "2008-05-08", "2012-05-07"),
            _term("President of Russia", "president", "2012-05-07", None),
        ],
    },
    {
        "name": "Dmitry Medvedev",
        "slug": "dmitry-medvedev",
        "country": "RU",
        "aliases": ["Medvedev"],
        "terms": [_term("President of Russia", "president", "2008-05-07", "2012-05-07")],
    },
    {
        "name": "Recep Tayyip Erdogan",
        "slug": "recep-tayyip-erdogan",
        "country": "TR",
        "aliases": ["Erdogan", "Erdoğan"],
        "terms": [
            _term("Prime Minister of Turkey", "prime minister", "2003-03-14", "2014-08-28"),
            _term("President of Turkey", "president", "2014-08-28", None),
        ],
    },
    {
        "name": "Benjamin Netanyahu",
        "slug": "benjamin-netanyahu",
        "country": "IL",
        "aliases": ["Netanyahu"],
        "terms": [_term("Prime Minister of Israel", "prime minister", "2022-12-29", None)],
    },
    {
        "name": "Isaac Herzog",
        "slug": "isaac-herzog",
        "country": "IL",
        "aliases": ["Herzog"],
        "terms": [_term("President of Israel", "president", "2021-07-07", None)],
    },
    {
        "name": "Olaf Scholz",
        "slug": "olaf-scholz",
        "country": "DE",
        "aliases": ["Scholz"],
        "terms": [_term("Chancellor of Germany", "chancellor", "2021-12-08", "2025-05-06")],
    },
    {
        "name": "Joe Biden",
        "slug": "joe-biden",
        "country": "US",
        "aliases": ["Biden"],
        "terms": [_term("President of the United States", "president", "2021-01-20", "2025-01-20")],
    },
    {
        "name": "Volodymyr Zelensky",
        "slug": "volodymyr-zelensky",
        "country": "UA",
        "aliases": ["Zelensky", "Zelenskyy", "Zelenskiy"],
        "terms": [_term("President of Ukraine", "president", "2019-05-20", None)],
    },
    {
        "name": "Xi Jinping",
        "slug": "xi-jinping",
        "country": "CN",
        "aliases": ["Xi"],
        "terms": [_term("President of China", "president", "2013-03-14", None)],
    },
    {
        "name": "Narendra Modi",
        "slug": "narendra-modi",
        "country": "IN",
        "aliases": ["Modi"],
        "terms": [_term("Prime Minister of India", "prime minister", "2014-05-26", None)],
    },
]

TOPICS: list[dict[str, Any]] = [
    {
        "slug": "nuclear-programmes",
        "name": "Nuclear programmes",
        "parent": None,
        "keywords": ["nuclear", "JCPOA", "IAEA", "enrichment", "atomic"],
    },
    {
        "slug": "zaporizhzhia-plant",
        "name": "Zaporizhzhia nuclear plant",
        "parent": "nuclear-programmes",
        "keywords": ["Zaporizhzhia", "Zaporozhye"],
    },
    {
        "slug": "war-in-ukraine",
        "name": "War in Ukraine",
        "parent": None,
        "keywords": ["Ukraine", "Donbas", "Donbass", "Kyiv"],
    },
    {"slug": "ceasefire", "name": "Ceasefire", "parent": None, "keywords": ["ceasefire", "truce"]},
    {
        "slug": "middle-east",
        "name": "Middle East",
        "parent": None,
        "keywords": ["Middle East", "Gaza", "Lebanon"],
    },
    {"slug": "drones", "name": "Drones", "parent": None, "keywords": ["drone", "UAV"]},
    {
        "slug": "detainees",
        "name": "Detainees and hostages",
        "parent": None,
        "keywords": ["detained", "detainee", "hostage", "prisoner", "arbitrary detention"],
    },
    {"slug": "trade", "name": "Trade", "parent": None, "keywords": ["trade", "tariff", "exports"]},
    {
        "slug": "grain-deal",
        "name": "Grain deal",
        "parent": None,
        "keywords": ["grain deal", "grain corridor"],
    },
    {"slug": "energy", "name": "Energy", "parent": None, "keywords": ["gas", "oil", "energy"]},
    {"slug": "climate", "name": "Climate", "parent": None, "keywords": ["climate", "COP28"]},
]


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The tests' own small knowledge base."""
    return KnowledgeBase.from_dicts(COUNTRIES, LEADERS, TOPICS)


def read_article(name: str) -> str:
    """A test article from ``tests/extraction/articles``."""
    return (ARTICLES / name).read_text(encoding="utf-8")


def call_summary(call: ExtractedCall) -> dict[str, Any]:
    """The facts of a call as plain values, for equality assertions."""
    return {
        "participants": sorted(p.slug or p.name for p in call.participants),
        "kind": call.kind,
        "date": call.date.isoformat() if call.date else None,
        "date_precision": call.date_precision,
        "duration": (call.duration_minutes, call.duration_qualifier),
        "initiator": (call.initiator.slug or call.initiator.name) if call.initiator else None,
        "role": call.role,
    }


def summaries(record: ArticleRecord) -> list[dict[str, Any]]:
    return [call_summary(call) for call in record.calls]


@pytest.fixture(scope="session")
def project_kb() -> KnowledgeBase:
    """The project's own gazetteer (fixtures/knowledge), read once per session."""
    return KnowledgeBase.from_json_dir(
        Path(__file__).resolve().parents[2] / "fixtures" / "knowledge"
    )
