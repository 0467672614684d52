"""The knowledge base: loading, name matching and office holders."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from archive.extraction import CountryEntry, KnowledgeBase, LeaderEntry, Term, TopicEntry

from .conftest import COUNTRIES, LEADERS, TOPICS


def test_it_loads_the_three_json_files_of_a_directory(tmp_path):
    for name, rows in (("countries", COUNTRIES), ("leaders", LEADERS), ("topics", TOPICS)):
        (tmp_path / f"{name}.json").write_text(json.dumps(rows), encoding="utf-8")

    kb = KnowledgeBase.from_json_dir(tmp_path)

    assert (len(kb.countries), len(kb.leaders), len(kb.topics)) == (
        len(COUNTRIES),
        len(LEADERS),
        len(TOPICS),
    )
    assert kb.leaders["emmanuel-macron"] == LeaderEntry(
        slug="emmanuel-macron",
        name="Emmanuel Macron",
        country="FR",
        aliases=("Macron",),
        terms=(Term("President of France", "president", "FR", date(2017, 5, 14), None),),
    )


def test_it_accepts_django_fixture_rows_and_wrapped_lists(tmp_path):
    country = {"model": "archive.country", "fields": {"code": "FR", "name": "France"}}
    (tmp_path / "countries.json").write_text(json.dumps({"countries": [country]}))
    (tmp_path / "leaders.json").write_text("[]")
    (tmp_path / "topics.json").write_text("[]")

    kb = KnowledgeBase.from_json_dir(tmp_path)

    assert kb.countries["FR"] == CountryEntry("FR", "France", (), (), None, ())


def test_it_can_be_built_from_entries():
    kb = KnowledgeBase(
        [CountryEntry("FR", "France", (), ("French",), "Paris", ("Elysee",))],
        [LeaderEntry("a-b", "Ann Bee", "FR", ("Bee",), ())],
        [TopicEntry("trade", "Trade", ("trade",), None)],
    )

    assert (list(kb.countries), list(kb.leaders), list(kb.topics)) == (["FR"], ["a-b"], ["trade"])


def test_entries_are_immutable():
    term = Term("President of France", "president", "FR", None, None)

    with pytest.raises(dataclasses.FrozenInstanceError):
        term.title = "king"  # type: ignore[misc]


def test_office_holders_by_country_title_and_date(kb):
    def holders(country: str, title: str, day: date | None) -> list[str]:
        return [leader.slug for leader, _ in kb.leaders_with_title(country, title, day)]

    assert holders("RU", "president", date(2010, 1, 1)) == ["dmitry-medvedev"]
    assert holders("RU", "prime minister", date(2010, 1, 1)) == ["vladimir-putin"]
    assert holders("IR", "president", date(2023, 6, 10)) == ["ebrahim-raisi"]
    assert holders("IR", "leader", date(2023, 6, 10)) == ["ebrahim-raisi", "ali-khamenei"]
    assert holders("IR", "head of state", date(2023, 6, 10)) == ["ebrahim-raisi", "ali-khamenei"]
    assert holders("FR", "head of state", date(2025, 1, 1)) == ["emmanuel-macron"]
    assert holders("TR", "prime minister", None) == ["recep-tayyip-erdogan"]


def test_names_are_indexed_by_their_first_word_once(kb):
    first_words = kb.entities.index

    assert [tokens for tokens, _, _ in first_words["Vladimir"]] == [("Vladimir", "Putin")]
    assert kb.name_tokens["ebrahim-raisi"] == frozenset({"Ebrahim", "Raisi", "Raissi", "Raeisi"})


def test_the_knowledge_base_cannot_be_changed_through_its_mappings(kb):
    with pytest.raises(TypeError):
        kb.leaders["someone"] = kb.leaders["emmanuel-macron"]  # type: ignore[index]
