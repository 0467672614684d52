"""Date expressions and their resolution against the article's date."""

from __future__ import annotations

from datetime import date

import pytest

from archive.extraction.dates import find_dates, infer_year, resolve
from archive.extraction.text import TextView

SATURDAY = date(2023, 6, 10)


def resolved(text: str, reference: date | None = SATURDAY) -> list[tuple[str, object, str]]:
    view = TextView.build(text)
    out = []
    for expr in find_dates(view):
        value = resolve(expr, reference)
        out.append((text[expr.start : expr.end], value.value, value.precision))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on September 22, 2022", [("September 22, 2022", date(2022, 9, 22), "day")]),
        ("Sept. 20, 2022.", [("Sept. 20, 2022", date(2022, 9, 20), "day")]),
        ("on 10 June 2023", [("10 June 2023", date(2023, 6, 10), "day")]),
        ("on the 10th of June, 2023", [("10th of June, 2023", date(2023, 6, 10), "day")]),
        ("dated 2023-06-10", [("2023-06-10", date(2023, 6, 10), "day")]),
        ("in June 2023", [("June 2023", date(2023, 6, 1), "month")]),
        ("in 2021", [("2021", date(2021, 1, 1), "year")]),
    ],
)
def test_explicit_dates_are_read_whatever_the_article_date(text, expected):
    assert resolved(text, None) == expected


def test_a_day_without_a_year_is_the_latest_one_on_or_before_the_article_date():
    assert resolved("on June 10 and on December 24") == [
        ("June 10", date(2023, 6, 10), "day"),
        ("December 24", date(2022, 12, 24), "day"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Saturday", date(2023, 6, 10)),
        ("on Friday", date(2023, 6, 9)),
        ("on Sunday", date(2023, 6, 4)),
        ("yesterday", date(2023, 6, 9)),
        ("today", date(2023, 6, 10)),
        ("late last night", date(2023, 6, 9)),
    ],
)
def test_relative_days_count_back_from_the_article_date_the_same_day_included(text, expected):
    (found,) = resolved(text)

    assert (found[1], found[2]) == (expected, "day")


def test_relative_days_without_an_article_date_stay_unknown_with_a_reason():
    view = TextView.build("on Saturday")
    (expr,) = find_dates(view)

    value = resolve(expr, None)

    assert (value.value, value.precision, value.warning) == (
        None,
        "unknown",
        "cannot be placed in time: the article has no date",
    )


def test_months_relative_to_the_article():
    assert resolved("since last August, in May, earlier this month") == [
        ("last August", date(2022, 8, 1), "month"),
        ("in May", date(2023, 5, 1), "month"),
        ("earlier this month", date(2023, 6, 1), "month"),
    ]


def test_may_the_verb_and_a_bare_number_are_not_dates():
    assert resolved("Talks may resume; 77 delegates came for 3 days.") == []


def test_a_weekday_before_a_full_date_gives_way_to_the_date():
    assert resolved("on Saturday, June 10, 2023") == [("June 10, 2023", date(2023, 6, 10), "day")]


def year_of(text: str, month: int, day: int) -> int | None:
    view = TextView.build(text)
    full = [
        (e.start, date(e.year, e.month, e.day))
        for e in find_dates(view)
        if e.form == "full" and e.year and e.month and e.day
    ]
    found = infer_year(month, day, view.lower, full)
    return found.year if found else None


def test_the_year_of_a_dateline_comes_from_a_stated_gap_after_a_dated_call():
    text = (
        "The leaders spoke for the first time in nearly three years. "
        "Their previous call took place on September 22, 2022."
    )

    assert year_of(text, 7, 1) == 2025


@pytest.mark.parametrize(
    ("phrase", "month", "day", "expected"),
    [
        ("for the first time in almost two years", 3, 1, 2024),
        ("for the first time in more than a year", 3, 1, 2023),
        ("for the first time in 18 months", 9, 1, 2023),
        ("for the first time in six months", 9, 20, 2022),
        ("after a break of nearly four years", 2, 10, 2026),
        ("for the first time in six months", 3, 1, None),
    ],
)
def test_the_gap_picks_the_year_that_fits_best(phrase, month, day, expected):
    text = f"They spoke {phrase}. They had last spoken on March 15, 2022."

    assert year_of(text, month, day) == expected


def test_no_year_is_inferred_without_a_gap_or_without_a_dated_event():
    assert year_of("They spoke on Monday. Their last call was on May 2, 2021.", 7, 1) is None
    assert year_of("They spoke for the first time in three years.", 7, 1) is None


# SATURDAY is 10 June 2023; THURSDAY below is 15 June 2023.
THURSDAY = date(2023, 6, 15)


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # A span of days within one month: that month, never one day of it.
        ("last week", THURSDAY, (date(2023, 6, 1), "month")),
        ("earlier this week", THURSDAY, (date(2023, 6, 1), "month")),
        ("over the weekend", date(2023, 6, 12), (date(2023, 6, 1), "month")),
        ("a week ago", THURSDAY, (date(2023, 6, 1), "month")),
        # Across two months it says no month either.
        ("last week", date(2023, 6, 5), (None, "unknown")),
        ("recently", THURSDAY, (None, "unknown")),
        ("in recent days", THURSDAY, (None, "unknown")),
        # Written on the Monday of the week, "earlier this week" can only be that day.
        ("earlier this week", date(2023, 6, 12), (date(2023, 6, 12), "day")),
    ],
)
def test_a_span_of_days_is_its_month_or_unknown_never_the_article_day(text, reference, expected):
    ((said, value, precision),) = resolved(text, reference)

    assert said == text
    assert (value, precision) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two days ago", date(2023, 6, 13)),
        ("a day ago", date(2023, 6, 14)),
        # Written on a Thursday, "last Thursday" is the week before.
        ("last Thursday", date(2023, 6, 8)),
        ("last Tuesday", date(2023, 6, 13)),
        ("on Tuesday last week", date(2023, 6, 6)),
        ("on Thursday of last week", date(2023, 6, 8)),
        ("from 9:00 pm on the 14th.", date(2023, 6, 14)),
        # A day after the article's own in its month is of the month before.
        ("on the 28th, the two leaders spoke", date(2023, 5, 28)),
        ("on 18/05/2023", date(2023, 5, 18)),
        ("on 18.05.2023", date(2023, 5, 18)),
        ("on 05/18/2023", date(2023, 5, 18)),
    ],
)
def test_days_counted_back_or_numbered_from_the_article_date(text, expected):
    days = [(value, precision) for _said, value, precision in resolved(text, THURSDAY)]

    assert days == [(expected, "day")]


@pytest.mark.parametrize(
    "text",
    [
        "the recently elected president",
        "their 18th meeting",
        "on 3/4/2023",  # 3 April or March 4: as the page's country writes, unknown here
    ],
)
def test_words_that_name_no_day_of_a_contact(text):
    assert resolved(text, THURSDAY) == []


def test_a_month_of_last_year():
    assert resolved("in August last year", THURSDAY) == [
        ("in August last year", date(2022, 8, 1), "month")
    ]
