"""Durations and their qualifiers."""

from __future__ import annotations

import pytest

from archive.extraction.durations import find_durations


def durations(text: str) -> list[tuple[int, str | None]]:
    lower = text.lower()
    return [(d.minutes, d.qualifier) for d in find_durations(lower, 0, len(lower))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a 90-minute call", (90, None)),
        ("this approximately 90-minute telephone conversation", (90, "about")),
        ("a conversation that lasted 90 minutes", (90, None)),
        ("they spoke for more than two hours", (120, "more than")),
        ("an hour-long call", (60, None)),
        ("they talked for over an hour", (60, "more than")),
        ("the talks lasted nearly two hours", (120, "about")),
        ("for around 45 minutes", (45, "about")),
        ("for some 40 minutes", (40, "about")),
        ("in less than half an hour", (30, "less than")),
        ("for under 20 minutes", (20, "less than")),
        ("for an hour and a half", (90, None)),
        ("for two and a half hours", (150, None)),
        ("a two-hour meeting", (120, None)),
        ("for one hour and 15 minutes", (75, None)),
        ("for almost an hour", (60, "about")),
    ],
)
def test_duration_forms(text, expected):
    assert durations(text) == [expected]


def test_a_time_distance_is_not_a_duration():
    assert durations("two hours after the call, within an hour, every 30 minutes") == []


def test_years_and_days_are_not_call_durations():
    assert durations("for the first time in near three years, for two days") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The conversation, which lasted from 9:15 p.m. to 10:30 p.m. (Seoul time).", 75),
        ("The call lasted from 11:50 a.m. to 12:10 p.m.", 20),
        ("Their talks went on from 23:40 until 00:25.", 45),
        ("The talks lasted between 9.15 and 10.30 a.m.", 75),
    ],
)
def test_a_call_timed_from_one_hour_to_another_lasted_the_time_between(text, expected):
    assert durations(text) == [(expected, None)]


@pytest.mark.parametrize(
    "text",
    [
        "The summit runs from 9:00 to 17:00.",  # no call's length: nothing says it lasted
        "It lasted from 25:10 to 26:00.",  # no time of day
    ],
)
def test_times_of_day_that_time_no_contact_are_no_duration(text):
    assert durations(text) == []
