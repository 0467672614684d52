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
