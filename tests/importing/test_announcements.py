"""Announced contacts: kept apart from the calls, tied to the call once it is reported
(whichever is imported first), and read as not held once their day has passed.

The articles are written for these tests; the engine reads them as it reads any other.
"""

from __future__ import annotations

import datetime

import pytest

from archive.models import Announcement, Call, Source

from .conftest import export_json, import_articles, write

pytestmark = pytest.mark.django_db


def article(day: str, title: str, *paragraphs: str) -> str:
    """An article as the import reads one: a date line, a title, its paragraphs."""
    return "\n\n".join([f"date {day}\n{title}", *paragraphs]) + "\n"


ANNOUNCED = article(
    "2024-03-05",
    "Macron to speak with Scholz",
    (
        "French President Emmanuel Macron will hold a phone call with German Chancellor "
        "Olaf Scholz on Thursday, the Elysee said on Tuesday. The two leaders are "
        "expected to discuss energy."
    ),
)

HELD = article(
    "2024-03-07",
    "Macron and Scholz discuss energy",
    (
        "French President Emmanuel Macron spoke by phone with German Chancellor Olaf "
        "Scholz on Thursday, the Elysee said. They discussed energy prices for about an "
        "hour."
    ),
)

REQUESTED = article(
    "2024-03-05",
    "Zelensky seeks a call",
    (
        "Ukrainian President Volodymyr Zelensky requested a phone call with Russian "
        "President Vladimir Putin, his office said on Tuesday."
    ),
)

DENIED = article(
    "2024-03-05",
    "No call, says the Kremlin",
    (
        "The Kremlin denied that Russian President Vladimir Putin and Ukrainian President "
        "Volodymyr Zelensky had spoken by phone. Putin refused to take a call from "
        "Zelensky."
    ),
)

MUCH_LATER = article(
    "2024-05-20",
    "Macron and Scholz speak again",
    (
        "French President Emmanuel Macron spoke by phone with German Chancellor Olaf "
        "Scholz on Monday, the Elysee said."
    ),
)


def imported(folder, name: str, text: str) -> None:
    write(folder, name, text)
    run = import_articles(folder / name, verbosity=2)
    assert run.status == 0, run.output


def slugs(announcement: Announcement) -> list[str]:
    return sorted(leader.slug for leader in announcement.participants.all())


def test_an_announced_call_is_kept_as_an_announcement_and_not_as_a_call(tmp_path, knowledge):
    imported(tmp_path, "announced.txt", ANNOUNCED)

    announcement = Announcement.objects.get()
    assert Call.objects.count() == 0
    assert export_json() == []
    assert (
        slugs(announcement),
        announcement.kind,
        announcement.wording,
        announcement.expected,
        announcement.expected_precision,
        announcement.status,
        announcement.call_id,
        announcement.source.title,
    ) == (
        ["emmanuel-macron", "olaf-scholz"],
        "phone",
        "announced",
        datetime.date(2024, 3, 7),
        "day",
        "pending",
        None,
        "Macron to speak with Scholz",
    )
    assert announcement.sentence.startswith("French President Emmanuel Macron will hold")
    assert "Thursday" in announcement.expected_basis


@pytest.mark.parametrize("order", [("announced", "held"), ("held", "announced")])
def test_the_announcement_is_tied_to_the_call_whichever_is_imported_first(
    tmp_path, knowledge, order
):
    texts = {"announced": ANNOUNCED, "held": HELD}
    for name in order:
        imported(tmp_path, f"{name}.txt", texts[name])

    call = Call.objects.get()
    announcement = Announcement.objects.get()
    assert (announcement.status, announcement.call_id, announcement.state) == (
        "held",
        call.pk,
        "held",
    )
    assert call.date == datetime.date(2024, 3, 7)
    # The announcing article is no report of the call.
    assert list(call.reports.values_list("source__title", flat=True)) == [
        "Macron and Scholz discuss energy"
    ]


@pytest.mark.parametrize("order", [("announced", "later"), ("later", "announced")])
def test_a_call_outside_the_announced_day_does_not_fulfil_it(tmp_path, knowledge, order):
    texts = {"announced": ANNOUNCED, "later": MUCH_LATER}
    for name in order:
        imported(tmp_path, f"{name}.txt", texts[name])

    announcement = Announcement.objects.get()
    assert (announcement.status, announcement.call_id) == ("pending", None)
    assert announcement.state == "not held as far as the archive knows"
    assert Call.objects.count() == 1


def test_importing_the_same_articles_again_changes_nothing(tmp_path, knowledge):
    imported(tmp_path, "announced.txt", ANNOUNCED)
    imported(tmp_path, "held.txt", HELD)
    before = list(Announcement.objects.values_list("pk", "status", "call_id", "expected"))

    run = import_articles(tmp_path)

    assert run.status == 0, run.output
    assert list(Announcement.objects.values_list("pk", "status", "call_id", "expected")) == before
    assert Source.objects.count() == 2
    assert Call.objects.count() == 1


def test_a_requested_call_is_kept_with_who_asked_for_it(tmp_path, knowledge):
    imported(tmp_path, "requested.txt", REQUESTED)

    announcement = Announcement.objects.get()
    assert (
        slugs(announcement),
        announcement.wording,
        announcement.requested_by.slug,
        announcement.expected,
        announcement.state,
    ) == (
        ["vladimir-putin", "volodymyr-zelensky"],
        "requested",
        "volodymyr-zelensky",
        None,
        "pending",
    )
    assert Call.objects.count() == 0


def test_a_denied_or_refused_call_is_neither_a_call_nor_an_announcement(tmp_path, knowledge):
    imported(tmp_path, "denied.txt", DENIED)

    assert (Call.objects.count(), Announcement.objects.count()) == (0, 0)


def test_an_announcement_is_pending_again_when_its_call_is_deleted(tmp_path, knowledge):
    imported(tmp_path, "announced.txt", ANNOUNCED)
    imported(tmp_path, "held.txt", HELD)

    Call.objects.get().delete()

    announcement = Announcement.objects.get()
    assert (announcement.status, announcement.call_id) == ("pending", None)


def test_an_announcement_follows_its_call_into_a_merge(tmp_path, knowledge):
    from archive.merging import merge_calls

    imported(tmp_path, "announced.txt", ANNOUNCED)
    imported(tmp_path, "held.txt", HELD)
    held = Call.objects.get()
    other = Call.objects.create(date=held.date, date_precision="day", kind="phone")

    merge_calls(other, held)

    announcement = Announcement.objects.get()
    assert (announcement.status, announcement.call_id) == ("held", other.pk)


def test_a_leaders_announcements_follow_them_into_a_merge(tmp_path, knowledge):
    from archive.merging import merge_leaders
    from archive.models import Leader

    imported(tmp_path, "requested.txt", REQUESTED)
    zelensky = Leader.objects.get(slug="volodymyr-zelensky")
    twin = Leader.objects.create(name="V. Zelensky", slug="v-zelensky", country_id="UA")

    merge_leaders(twin, zelensky)

    announcement = Announcement.objects.get()
    assert slugs(announcement) == ["v-zelensky", "vladimir-putin"]
    assert announcement.requested_by == twin
    assert announcement.participant_key == ",".join(
        str(pk) for pk in sorted([twin.pk, Leader.objects.get(slug="vladimir-putin").pk])
    )
