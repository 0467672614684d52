"""The user's acceptance file: the three seed articles, imported in any order, any number of times.

``fixtures/articles/expected.json`` says what the archive must hold. Every check in it
is asserted through the models and through ``export_calls --format json``, after
importing the seeds one by one in each of the six orders, then the whole folder again.
It runs against the project's gazetteer (``fixtures/knowledge``) and against the tests'
own small one, so the importer's part is tested even before the gazetteer is written.
"""

from __future__ import annotations

import datetime
import itertools
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db.models import Count

from archive.knowledge import load_knowledge
from archive.models import Call, Evidence, Leader, Participation, Report, Source, Statement

from .conftest import PROJECT_KNOWLEDGE, SEEDS, export_json, import_articles, write_knowledge

pytestmark = pytest.mark.django_db

EXPECTED = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
SEED_FILES = sorted(path.name for path in SEEDS.glob("*.txt"))


@pytest.fixture(params=["project gazetteer", "test gazetteer"])
def gazetteer(request, tmp_path) -> Path:
    if request.param == "project gazetteer":
        return PROJECT_KNOWLEDGE
    return write_knowledge(tmp_path / "knowledge")


def assert_archive_matches_expected() -> None:
    """Every check of expected.json, through the models and through the JSON export."""
    for leader in EXPECTED["leaders"]:
        assert Leader.objects.filter(name=leader["name"], country_id=leader["country"]).exists()
    for name in EXPECTED["not_leaders"]:
        assert not Leader.objects.filter(name=name).exists(), name

    calls = list(Call.objects.all())
    exported = {item["id"]: item for item in export_json()}
    assert len(calls) == len(EXPECTED["calls"]) == len(exported)  # no other calls
    matched = set()
    for expected in EXPECTED["calls"]:
        found = [c for c in calls if _same_call(c, expected)]
        assert len(found) == 1, (expected, [str(c) for c in calls])
        call = found[0]
        matched.add(call.pk)
        _assert_call(call, expected)
        _assert_exported(exported[call.pk], expected)
    assert len(matched) == len(calls)


def _same_call(call: Call, expected: dict[str, Any]) -> bool:
    names = sorted(call.participations.values_list("leader__name", flat=True))
    date = call.date.isoformat() if call.date else None
    return names == sorted(expected["participants"]) and (date, call.kind) == (
        expected["date"],
        expected["kind"],
    )


def _assert_call(call: Call, expected: dict[str, Any]) -> None:
    assert call.duration_minutes == expected["duration_minutes"]
    if "duration_qualifier" in expected:
        assert (call.duration_qualifier or None) == expected["duration_qualifier"]
    assert (call.initiator.name if call.initiator else None) == expected["initiator"]
    assert dict(call.reports.values_list("source__origin", "role")) == expected["sources"]
    topics = [f"{t.slug} {t.name}".lower() for t in call.topics.all()]
    for alternatives in expected["topics"]:
        assert any(word in topic for topic in topics for word in alternatives), (
            alternatives,
            topics,
        )


def _assert_exported(data: dict[str, Any], expected: dict[str, Any]) -> None:
    assert sorted(p["name"] for p in data["participants"]) == sorted(expected["participants"])
    countries = {leader["name"]: leader["country"] for leader in EXPECTED["leaders"]}
    for participant in data["participants"]:
        assert participant["country"] == countries[participant["name"]]
    assert (data["date"], data["kind"]) == (expected["date"], expected["kind"])
    assert data["duration_minutes"] == expected["duration_minutes"]
    if "duration_qualifier" in expected:
        assert data["duration_qualifier"] == expected["duration_qualifier"]
    assert data["initiator"] == expected["initiator"]
    # The export names no file: each source is found by its permalink.
    origins = {
        source.get_absolute_url(): source.origin
        for source in Source.objects.filter(reports__call_id=data["id"])
    }
    exported = {origins[urlsplit(s["permalink"]).path]: s["role"] for s in data["sources"]}
    assert exported == expected["sources"]
    names = [name.lower() for name in data["topics"]]
    slugs = dict(Call.objects.get(pk=data["id"]).topics.values_list("name", "slug"))
    haystack = [
        f"{name} {slugs.get(original, '')}".lower()
        for name, original in zip(names, data["topics"], strict=True)
    ]
    for alternatives in expected["topics"]:
        assert any(word in topic for topic in haystack for word in alternatives)


def table_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Source, Call, Participation, Report, Evidence, Statement, Leader)
    }


def archive_state() -> list[dict[str, Any]]:
    """The calls without their ids: the same whatever order the seeds came in."""
    state = []
    for item in export_json():
        call = Call.objects.get(pk=item["id"])
        state.append(
            {
                **{k: v for k, v in item.items() if k not in {"id", "url", "sources"}},
                "sources": sorted((s["title"], s["role"]) for s in item["sources"]),
                "summary": call.summary,
                "roles": sorted(call.participations.values_list("leader__name", "role")),
                "evidence": sorted(
                    Evidence.objects.filter(report__call=call).values_list(
                        "report__source__origin", "fact", "detail", "start", "end"
                    )
                ),
                "statements": Statement.objects.filter(call=call).count(),
            }
        )
    return sorted(state, key=lambda c: (c["date"] or "", c["kind"]))


@pytest.mark.parametrize(
    "order",
    list(itertools.permutations(SEED_FILES)),
    ids=lambda order: "-".join(name[:3] for name in order),
)
def test_the_seeds_in_any_order_give_the_expected_calls(gazetteer, order, tmp_path):
    load_knowledge(gazetteer)
    for name in order:
        run = import_articles(SEEDS / name)
        assert run.status == 0, run.output

    assert_archive_matches_expected()

    # Twice: the whole folder again changes nothing.
    counts = table_counts()
    run = import_articles(SEEDS)
    assert run.status == 0, run.output
    assert "skipped as already archived: 3" in run.stdout
    assert table_counts() == counts
    assert_archive_matches_expected()


def test_every_order_gives_the_same_calls(gazetteer):
    load_knowledge(gazetteer)
    states = []
    for order in itertools.permutations(SEED_FILES):
        Call.objects.all().delete()
        Source.objects.all().delete()
        for name in order:
            assert import_articles(SEEDS / name).status == 0
        states.append(archive_state())

    assert all(state == states[0] for state in states[1:])


def test_the_seed_folder_imports_in_one_go_into_an_empty_archive(gazetteer):
    run = import_articles(SEEDS, knowledge_dir=gazetteer, verbosity=2)

    assert run.status == 0, run.output
    assert "loaded the knowledge base first" in run.stdout
    assert "ignored (not articles): expected.json" in run.stdout
    assert_archive_matches_expected()
    assert Leader.objects.filter(verified=False).count() == 0
    calls_per_source = dict(Source.objects.annotate(n=Count("reports")).values_list("origin", "n"))
    assert calls_per_source == {
        "000_4a83e60193c08f48.txt": 2,
        "002_a0228c27b5a27831.txt": 1,
        "004_5c21ec6209ce2a68.txt": 2,
    }


def test_a_date_the_seeds_do_not_state_in_full_is_stored_as_inferred_and_how():
    run = import_articles(SEEDS, knowledge_dir=PROJECT_KNOWLEDGE)
    assert run.status == 0, run.output

    inferred = dict(Call.objects.filter(date__isnull=False).values_list("date", "date_inferred"))

    # The dateline "PARIS, July 1" gives no year: it comes from "for the first time in near
    # three years" after the call of 22 September 2022.
    assert "year 2025 inferred from" in inferred[datetime.date(2025, 7, 1)]
    assert "2022-09-22" in inferred[datetime.date(2025, 7, 1)]
    # "on Saturday", counted from the header's date; the other seed says no more.
    assert inferred[datetime.date(2023, 6, 10)] == (
        "'Saturday' counted from the article's date (10 June 2023)"
    )
    # Stated in full: "on September 22, 2022", "Sept. 20, 2022".
    assert inferred[datetime.date(2022, 9, 22)] == ""
    assert inferred[datetime.date(2022, 9, 20)] == ""
