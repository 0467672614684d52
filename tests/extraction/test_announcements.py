"""Contacts announced, requested or proposed: kept as announcements, never as calls."""

from __future__ import annotations

from datetime import date

import pytest

from archive.extraction import extract

from .conftest import read_article

TUESDAY = date(2024, 3, 5)


def announcements(record) -> list[tuple]:
    return [
        (
            sorted(p.slug for p in found.participants),
            found.kind,
            found.status,
            found.expected,
            found.expected_precision,
            found.requested_by.slug if found.requested_by else None,
        )
        for found in record.announcements
    ]


MS = ["emmanuel-macron", "olaf-scholz"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Macron will hold a phone call with Scholz on Thursday, the Elysee said.",
            (MS, "phone", "announced", date(2024, 3, 7), "day", None),
        ),
        (
            "Macron and Scholz will speak by phone tomorrow.",
            (MS, "phone", "announced", date(2024, 3, 6), "day", None),
        ),
        (
            "Macron will meet Scholz on March 12.",
            (MS, "meeting", "announced", date(2024, 3, 12), "day", None),
        ),
        (
            "A call between Macron and Scholz is planned for next week.",
            (MS, "phone", "announced", None, "unknown", None),
        ),
        (
            "Macron is expected to meet Scholz in Berlin.",
            (MS, "meeting", "announced", None, "unknown", None),
        ),
        (
            "Scholz requested a phone call with Macron.",
            (MS, "phone", "requested", None, "unknown", "olaf-scholz"),
        ),
        (
            "Macron asked for a call with Scholz.",
            (MS, "phone", "requested", None, "unknown", "emmanuel-macron"),
        ),
        (
            "Macron proposed a video call with Scholz.",
            (MS, "video", "proposed", None, "unknown", "emmanuel-macron"),
        ),
        (
            "Macron hopes to hold a phone call with Scholz.",
            (MS, "phone", "proposed", None, "unknown", "emmanuel-macron"),
        ),
    ],
)
def test_an_announced_requested_or_proposed_contact_is_an_announcement(kb, sentence, expected):
    record = extract(sentence, kb, published=TUESDAY)

    assert (record.calls, announcements(record)) == ([], [expected])
    assert record.announcements[0].summary == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "The Elysee denied that a call between Macron and Scholz took place.",
        "Scholz refused to take a call from Macron.",
        "Scholz rejected a request for a meeting with Macron.",
        "Macron and Scholz have not spoken since May.",
        "Macron may speak with Scholz on Friday.",
        "Macron had planned to meet Scholz on Monday.",
        "Macron has spoken to Scholz several times this year.",
        "Macron called on Scholz to send more tanks.",
        "Macron cancelled a planned call with Scholz.",
        "Macron will not speak with Scholz this week.",
    ],
)
def test_a_denied_refused_cancelled_or_speculative_contact_is_no_announcement(kb, sentence):
    record = extract(sentence, kb, published=TUESDAY)

    assert (record.calls, record.announcements) == ([], [])


def test_a_call_held_is_no_announcement_and_the_next_one_agreed_is(kb):
    record = extract(
        "Macron spoke with Scholz on Monday. They agreed to speak again on Friday.",
        kb,
        published=TUESDAY,
    )

    assert [(c.date, sorted(p.slug for p in c.participants)) for c in record.calls] == [
        (date(2024, 3, 4), MS)
    ]
    assert announcements(record) == [(MS, "phone", "announced", date(2024, 3, 8), "day", None)]


def test_the_announced_and_requested_contacts_of_an_article_are_its_announcements(kb):
    record = extract(read_article("announced_requested_denied.txt"), kb)

    assert record.calls == []
    assert announcements(record) == [
        (["emmanuel-macron", "volodymyr-zelensky"], "other", "announced", None, "unknown", None),
        (
            ["emmanuel-macron", "vladimir-putin"],
            "phone",
            "announced",
            date(2024, 2, 1),
            "month",
            None,
        ),
        (
            ["joe-biden", "volodymyr-zelensky"],
            "phone",
            "requested",
            None,
            "unknown",
            "volodymyr-zelensky",
        ),
        (
            ["emmanuel-macron", "xi-jinping"],
            "meeting",
            "proposed",
            None,
            "unknown",
            "emmanuel-macron",
        ),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Macron and Scholz were scheduled to meet on Monday, but Scholz cut his trip short.",
        "Macron wished Scholz a happy birthday in a phone call.",
    ],
)
def test_a_past_plan_or_a_wish_in_a_call_is_no_announcement(kb, sentence):
    record = extract(sentence, kb, published=TUESDAY)

    assert record.announcements == []


def test_a_contact_to_be_discussed_at_an_announced_one_is_not_announced_itself(kb):
    record = extract(
        "Macron will meet Scholz on Friday to discuss his conversation with Putin.",
        kb,
        published=TUESDAY,
    )

    assert announcements(record) == [(MS, "meeting", "announced", date(2024, 3, 8), "day", None)]
