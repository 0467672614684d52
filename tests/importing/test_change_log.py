"""The import writes the public change log: a call added, a source added to one, its date set.

Re-importing the same file adds nothing, and an article's changes are one insert."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.enums import ChangeKind
from archive.models import Call, CallChange

from .conftest import MACRON, PUTIN, RAISI, call, import_articles, record, write

pytestmark = pytest.mark.django_db

JUNE_10 = datetime.date(2023, 6, 10)


def log_of(pk: int) -> list[tuple[str, str]]:
    return list(
        CallChange.objects.filter(call_id=pk).order_by("id").values_list("kind", "description")
    )


def imported(tmp_path, name: str, text: str) -> None:
    run = import_articles(write(tmp_path, name, text))
    assert run.status == 0, run.output


def test_a_new_call_is_logged_as_added_from_its_source(tmp_path, knowledge, records):
    rec = records.add(record("Macron called Raisi.", call(MACRON, RAISI, date=JUNE_10)))

    imported(tmp_path, "first.txt", rec.text)

    c = Call.objects.get()
    change = CallChange.objects.get()
    assert (change.call_id, change.kind, change.source_id) == (
        c.pk,
        ChangeKind.ADDED,
        c.reports.get().source_id,
    )
    assert change.description.startswith("added from ")


def test_a_second_source_that_dates_a_call_logs_the_source_and_the_date(
    tmp_path, knowledge, records
):
    undated = records.add(
        record(
            "On Saturday Raisi and Macron had an approximately 90-minute call.",
            call(RAISI, MACRON, minutes=90, qualifier="about"),
        )
    )
    dated = records.add(
        record(
            "Macron called Raisi on Saturday for 90 minutes about drones.",
            call(MACRON, RAISI, date=JUNE_10, minutes=90, initiator=MACRON, topics=("drones",)),
            published=JUNE_10,
            title="Macron calls Raisi",
        )
    )

    imported(tmp_path, "undated.txt", undated.text)
    imported(tmp_path, "dated.txt", dated.text)

    c = Call.objects.get()
    log = log_of(c.pk)
    assert [kind for kind, _ in log] == ["added", "dated", "source"]
    assert log[1][1] == "date: date unknown → 10 June 2023"
    assert log[2][1] == (
        "source added: Macron calls Raisi; topics added: Drones; "
        "duration: about 90 minutes → 90 minutes; initiated by: none → Emmanuel Macron; "
        "summary rewritten"
    )


def test_a_corrected_date_is_logged_as_corrected(tmp_path, knowledge, records):
    june = records.add(record("In June.", call(MACRON, PUTIN, date=JUNE_10, precision="month")))
    day = records.add(record("On the 14th.", call(MACRON, PUTIN, date=datetime.date(2023, 6, 14))))

    imported(tmp_path, "june.txt", june.text)
    imported(tmp_path, "day.txt", day.text)

    log = log_of(Call.objects.get().pk)
    assert ("redated", "date: June 2023 → 14 June 2023") in log


def test_reimporting_the_same_file_adds_no_change(tmp_path, knowledge, records):
    first = records.add(record("Macron called Raisi.", call(MACRON, RAISI, date=JUNE_10)))
    second = records.add(record("Raisi and Macron spoke.", call(RAISI, MACRON, date=JUNE_10)))
    imported(tmp_path, "a.txt", first.text)
    imported(tmp_path, "b.txt", second.text)
    before = list(CallChange.objects.order_by("id").values_list("id", "kind"))

    imported(tmp_path, "a.txt", first.text)
    imported(tmp_path, "b.txt", second.text)
    run = import_articles(tmp_path, dry_run=True)

    assert run.status == 0, run.output
    assert [kind for _, kind in before] == ["added", "source"]
    assert list(CallChange.objects.order_by("id").values_list("id", "kind")) == before


def test_a_dry_run_logs_nothing(tmp_path, knowledge, records):
    rec = records.add(record("Macron called Raisi.", call(MACRON, RAISI, date=JUNE_10)))

    run = import_articles(write(tmp_path, "a.txt", rec.text), dry_run=True)

    assert run.status == 0, run.output
    assert not CallChange.objects.exists()


def test_an_articles_changes_are_written_in_one_insert(tmp_path, knowledge, records):
    three = records.add(
        record(
            "Three calls.",
            call(MACRON, RAISI, date=JUNE_10),
            call(MACRON, PUTIN, date=JUNE_10),
            call(PUTIN, RAISI, date=JUNE_10),
        )
    )

    with CaptureQueriesContext(connection) as queries:
        imported(tmp_path, "three.txt", three.text)

    inserts = [q["sql"] for q in queries if "archive_callchange" in q["sql"].split("(")[0]]
    assert len(inserts) == 1, inserts
    assert CallChange.objects.filter(kind=ChangeKind.ADDED).count() == 3
