"""The seed articles against the project's knowledge base: the acceptance test.

``/work/shared/seeds/expected.json`` says what the archive must hold after importing
the three seeds; these tests hold the engine's part of it: per article, exactly these
calls with these facts, these leaders and no others.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from archive.extraction import ArticleRecord, ExtractedCall, KnowledgeBase, extract

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "fixtures" / "knowledge"
SEEDS = ROOT / "fixtures" / "articles"

MACRON, RAISI, PUTIN = "Emmanuel Macron", "Ebrahim Raisi", "Vladimir Putin"
NOT_LEADERS = ("Mohammad Jamshidi", "Cécile Kohler", "Jacques Paris", "Louis Arnaud")


@pytest.fixture(scope="module")
def seed_kb() -> KnowledgeBase:
    return KnowledgeBase.from_json_dir(KNOWLEDGE)


@pytest.fixture(scope="module")
def records(seed_kb: KnowledgeBase) -> dict[str, ArticleRecord]:
    return {
        path.name[:3]: extract(path.read_text(encoding="utf-8"), seed_kb)
        for path in sorted(SEEDS.glob("*.txt"))
    }


def facts(call: ExtractedCall) -> dict[str, object]:
    return {
        "participants": sorted(p.name for p in call.participants),
        "countries": sorted(p.country or "" for p in call.participants),
        "kind": call.kind,
        "date": call.date,
        "date_precision": call.date_precision,
        "duration_minutes": call.duration_minutes,
        "duration_qualifier": call.duration_qualifier,
        "initiator": call.initiator.name if call.initiator else None,
        "role": call.role,
    }


def covers(topic_slugs: list[str], kb: KnowledgeBase, alternatives: list[str]) -> bool:
    """Whether one of the topics has one of the words in its name or slug."""
    for slug in topic_slugs:
        topic = kb.topics[slug]
        haystack = f"{topic.slug} {topic.name}".lower()
        if any(word in haystack for word in alternatives):
            return True
    return False


def test_article_000_reports_the_june_2023_call_and_a_2022_meeting_in_its_caption(records):
    record = records["000"]

    assert [facts(call) for call in record.calls] == [
        {
            "participants": [RAISI, MACRON],
            "countries": ["FR", "IR"],
            "kind": "meeting",
            "date": date(2022, 9, 20),
            "date_precision": "day",
            "duration_minutes": None,
            "duration_qualifier": None,
            "initiator": None,
            "role": "background",
        },
        {
            "participants": [RAISI, MACRON],
            "countries": ["FR", "IR"],
            "kind": "phone",
            "date": date(2023, 6, 10),
            "date_precision": "day",
            "duration_minutes": 90,
            "duration_qualifier": None,
            "initiator": MACRON,
            "role": "main",
        },
    ]
    assert record.published == date(2023, 6, 10)


def test_article_002_reports_the_same_call_undated(records):
    record = records["002"]

    assert [facts(call) for call in record.calls] == [
        {
            "participants": [RAISI, MACRON],
            "countries": ["FR", "IR"],
            "kind": "phone",
            "date": None,
            "date_precision": "unknown",
            "duration_minutes": 90,
            "duration_qualifier": "about",
            "initiator": None,
            "role": "main",
        }
    ]
    assert record.published is None
    assert any("Saturday" in warning for warning in record.warnings)


def test_article_004_reports_the_july_2025_call_and_the_september_2022_one(records):
    record = records["004"]

    assert [facts(call) for call in record.calls] == [
        {
            "participants": [MACRON, PUTIN],
            "countries": ["FR", "RU"],
            "kind": "phone",
            "date": date(2025, 7, 1),
            "date_precision": "day",
            "duration_minutes": 120,
            "duration_qualifier": "more than",
            "initiator": None,
            "role": "main",
        },
        {
            "participants": [MACRON, PUTIN],
            "countries": ["FR", "RU"],
            "kind": "phone",
            "date": date(2022, 9, 22),
            "date_precision": "day",
            "duration_minutes": None,
            "duration_qualifier": None,
            "initiator": None,
            "role": "background",
        },
    ]
    assert (record.dateline, record.publisher, record.dateline_date) == (
        "PARIS",
        "TASS",
        date(2025, 7, 1),
    )
    assert record.calls[0].year_inferred is True


@pytest.mark.parametrize(
    ("article", "leaders"),
    [("000", [RAISI, MACRON]), ("002", [RAISI, MACRON]), ("004", [MACRON, PUTIN])],
)
def test_seed_leaders_are_exactly_the_heads_of_state(records, article, leaders):
    record = records[article]

    assert sorted(leader.name for leader in record.leaders) == leaders
    assert all(leader.known for leader in record.leaders)
    names = {leader.name for leader in record.leaders}
    assert names.isdisjoint(NOT_LEADERS)


def test_the_june_2023_call_has_its_topics_once_both_reports_are_merged(records, seed_kb):
    main_000 = records["000"].main_calls[0]
    main_002 = records["002"].main_calls[0]
    merged = list(dict.fromkeys(main_000.topics + main_002.topics))

    expected = [["nuclear", "jcpoa"], ["ukraine"], ["drone"], ["detain", "hostage", "prisoner"]]
    assert [covers(merged, seed_kb, words) for words in expected] == [True] * len(expected)


def test_the_july_2025_call_and_its_background_call_have_their_topics(records, seed_kb):
    main, background = records["004"].calls

    expected = [["ukraine", "ceasefire"], ["middle east", "middle-east"], ["nuclear"]]
    assert [covers(main.topics, seed_kb, words) for words in expected] == [True] * 3
    assert covers(background.topics, seed_kb, ["zaporizhzhia", "zaporozhye", "nuclear"]) is True


def test_the_caption_meeting_takes_no_topics_from_the_call(records, seed_kb):
    background = records["000"].background_calls[0]

    call_topics = [["nuclear", "jcpoa"], ["ukraine"], ["drone"]]
    assert [covers(background.topics, seed_kb, words) for words in call_topics] == [False] * 3


def test_every_seed_call_cites_its_sentences(records):
    for record in records.values():
        for call in record.calls:
            call_rows = [e for e in call.evidence if e.fact == "call"]
            assert call_rows
            for row in call.evidence:
                assert 0 <= row.span.start < row.span.end <= len(record.text)
            assert {e.detail for e in call.evidence if e.fact == "participant"} == {
                p.slug for p in call.participants
            }


def test_statements_of_the_seed_calls_carry_their_sides(records):
    sides_000 = {(s.speaker, s.side_country) for s in records["000"].main_calls[0].statements}
    sides_002 = {(s.speaker, s.side_country) for s in records["002"].main_calls[0].statements}
    sides_004 = {(s.speaker, s.side_country) for s in records["004"].main_calls[0].statements}

    assert {("Raisi's office", "IR"), ("Macron's office", "FR")} <= sides_000
    assert {
        ("the Elysee", "FR"),
        ("the French presidency", "FR"),
        ("the Élysée", "FR"),
        ("a Iranian official", "IR"),
    } <= sides_002
    assert {("the Elysee Palace", "FR"), ("the Elysee", "FR")} <= sides_004
