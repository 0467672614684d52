"""The rules that decide whether a report is of a call the archive holds (archive.matching).

No database: facts in, a decision out. The importer's use of them is tested in
tests/importing/test_merging_across_sources.py.
"""

from __future__ import annotations

import datetime

import pytest

from archive.matching import (
    Facts,
    Known,
    after_publication,
    dates_differ,
    decide,
    durations_differ,
    kinds_differ,
    outside_window,
    passages,
    ruled_out,
    series_calls,
    weekday_differs,
)

JUNE_10 = datetime.date(2023, 6, 10)  # a Saturday
DAY = datetime.timedelta(days=1)


def facts(**values) -> Facts:
    defaults = {
        "kind": "phone",
        "date": None,
        "precision": "unknown",
        "minutes": None,
        "qualifier": "",
    }
    if values.get("date") is not None and "precision" not in values:
        values["precision"] = "day"
    return Facts(**{**defaults, **values})


def calls(*many: Facts) -> list[Known]:
    return [Known(pk, f) for pk, f in enumerate(many, start=1)]


# --- each rule ---------------------------------------------------------------------------------


def test_kinds_differ_unless_one_is_unknown():
    assert kinds_differ(facts(kind="phone"), facts(kind="meeting"))
    assert kinds_differ(facts(kind="other"), facts(kind="meeting")) is None


@pytest.mark.parametrize(
    ("other", "apart"),
    [
        (facts(date=JUNE_10), False),
        (facts(date=JUNE_10 + DAY), False),  # late in one capital, the next day in another
        (facts(date=JUNE_10 + 2 * DAY), True),
        (facts(date=datetime.date(2021, 6, 10)), True),  # the same pair, two years before
        (facts(date=datetime.date(2023, 6, 1), precision="month"), False),
        (facts(date=datetime.date(2023, 7, 1), precision="month"), True),
        (facts(date=datetime.date(2022, 1, 1), precision="year"), True),
    ],
)
def test_known_dates_more_than_a_day_apart_are_different_calls(other, apart):
    assert (dates_differ(facts(date=JUNE_10), other) is not None) is apart
    assert (dates_differ(other, facts(date=JUNE_10)) is not None) is apart


def test_a_report_cannot_be_of_a_call_after_its_publication():
    early = facts(published=datetime.date(2023, 1, 5))
    assert after_publication(early, facts(date=JUNE_10))
    assert after_publication(facts(date=JUNE_10), early)
    assert after_publication(facts(published=JUNE_10), facts(date=JUNE_10 + DAY)) is None


def test_a_named_weekday_must_fit_within_a_day():
    tuesday = facts(weekday=1)
    assert weekday_differs(tuesday, facts(date=JUNE_10))  # a Saturday
    assert weekday_differs(facts(weekday=5), facts(date=JUNE_10)) is None
    assert weekday_differs(facts(weekday=6), facts(date=JUNE_10)) is None  # Sunday in Asia


def test_durations_differ_beyond_a_fifth():
    assert durations_differ(facts(minutes=20), facts(minutes=120))
    assert durations_differ(facts(minutes=90, qualifier="about"), facts(minutes=100)) is None


def test_an_undated_main_report_is_of_a_call_in_the_week_before_it():
    report = facts(published=JUNE_10)
    assert outside_window(report, facts(date=JUNE_10 - 3 * DAY)) is None
    assert outside_window(report, facts(date=JUNE_10 - 30 * DAY))
    assert outside_window(report, facts(date=datetime.date(2021, 6, 9)))


def test_a_background_mention_has_no_window():
    mention = facts(published=JUNE_10, main=False)
    assert outside_window(mention, facts(date=datetime.date(2019, 1, 1))) is None


def test_two_undated_calls_published_months_apart_are_apart():
    old = facts(published_range=(datetime.date(2023, 1, 1), datetime.date(2023, 1, 2)))
    assert outside_window(facts(published=JUNE_10), old)
    assert ruled_out(facts(published=datetime.date(2023, 1, 3)), old) is None


# --- choosing ----------------------------------------------------------------------------------


def test_a_dated_report_goes_to_the_call_of_its_day():
    archive = calls(facts(date=JUNE_10), facts(date=JUNE_10 + 7 * DAY))
    assert decide(facts(date=JUNE_10), archive).call.pk == 1


def test_a_report_a_day_off_goes_to_that_call_when_it_is_the_only_one():
    decision = decide(facts(date=JUNE_10 + DAY), calls(facts(date=JUNE_10)))
    assert decision.call.pk == 1


def test_a_report_between_two_calls_a_day_apart_is_left_for_an_editor():
    archive = calls(facts(date=JUNE_10 - DAY), facts(date=JUNE_10 + DAY))
    decision = decide(facts(date=JUNE_10), archive)
    assert decision.call is None
    assert [k.pk for k in decision.possible] == [1, 2]


def test_calls_of_the_same_pair_years_apart_never_merge():
    decision = decide(facts(date=JUNE_10), calls(facts(date=datetime.date(2020, 3, 2))))
    assert decision.call is None
    assert decision.possible == []


def test_an_undated_report_without_anything_tying_it_stays_apart_for_an_editor():
    decision = decide(facts(), calls(facts(date=JUNE_10)))
    assert decision.call is None
    assert [k.pk for k in decision.possible] == [1]
    assert "nothing ties" in decision.reason


@pytest.mark.parametrize(
    "report",
    [
        facts(weekday=5, minutes=90, qualifier="about"),  # "on Saturday ... about 90 minutes"
        facts(published=JUNE_10 + 2 * DAY),  # a main report published two days later
    ],
)
def test_an_undated_report_joins_the_one_call_it_is_tied_to(report):
    decision = decide(report, calls(facts(date=JUNE_10, minutes=90)))
    assert decision.call.pk == 1


def test_an_undated_report_that_fits_two_calls_joins_neither():
    archive = calls(facts(date=JUNE_10), facts(date=JUNE_10 - 3 * DAY))
    decision = decide(facts(published=JUNE_10), archive)
    assert decision.call is None
    assert len(decision.possible) == 2


@pytest.mark.parametrize(
    "report",
    [
        facts(weekday=5),  # a Saturday, a call on a Saturday: one in seven calls would fit
        facts(minutes=90),  # the same duration alone
    ],
)
def test_one_coincidence_does_not_tie_a_report_that_has_no_date_at_all(report):
    assert decide(report, calls(facts(date=JUNE_10, minutes=90))).call is None


def test_a_dated_report_dates_the_one_undated_call_tied_to_it():
    undated = facts(weekday=5, minutes=45)
    assert decide(facts(date=JUNE_10, minutes=45), calls(undated)).call.pk == 1
    assert decide(facts(date=JUNE_10, month_day=None), calls(facts(month_day=(6, 10)))).call.pk == 1
    assert decide(facts(date=JUNE_10), calls(facts(published=JUNE_10))).call.pk == 1
    assert decide(facts(date=JUNE_10), calls(facts())).call is None


def test_a_month_and_day_without_a_year_ties_a_report_to_the_call_of_that_day():
    archive = calls(facts(date=JUNE_10), facts(date=datetime.date(2021, 6, 10)))
    # Two calls on 10 June, years apart: the month and day alone cannot choose.
    assert decide(facts(month_day=(6, 10)), archive).call is None
    assert decide(facts(month_day=(6, 10)), calls(facts(date=JUNE_10))).call.pk == 1
    # A day off is the same call seen from another time zone.
    assert decide(facts(month_day=(6, 11)), calls(facts(date=JUNE_10))).call.pk == 1


def test_a_month_and_day_that_do_not_fit_keep_a_report_apart():
    assert decide(facts(month_day=(7, 28)), calls(facts(date=JUNE_10))).call is None
    assert ruled_out(facts(month_day=(7, 28)), facts(date=JUNE_10))


# --- what two reports give word for word, and series told together ----------------------------


def test_passages_are_runs_of_words_that_hold_no_name():
    names = frozenset({"macron", "raisi", "france", "french"})
    found = passages(
        ["French President Macron: one two three four five six seven eight nine."], names
    )
    assert found == frozenset()  # nine words once the names are set aside
    found = passages(["Macron said one two three four five six seven eight nine ten."], names)
    assert found == {
        "said one two three four five six seven eight nine",
        "one two three four five six seven eight nine ten",
    }


def test_the_initials_and_small_words_of_names_do_not_cut_a_passage():
    # "Donald J. Trump", "United States of America": their "j", "a" and "of" are words any
    # sentence uses; only the names' own words are set aside.
    names = frozenset({"donald", "j", "trump", "united", "states", "of", "america", "a"})
    found = passages(["Trump discussed a summit in Russia's Sochi and the future of Syria"], names)
    assert "discussed a summit in russia s sochi and the future" in found


def test_accents_and_case_do_not_hide_a_shared_passage():
    a = passages(
        ["Erdoğan urged an immediate ceasefire in the region and more humanitarian aid now"],
        frozenset(),
    )
    b = passages(
        ["ERDOGAN URGED AN IMMEDIATE CEASEFIRE IN THE REGION AND MORE HUMANITARIAN AID NOW"],
        frozenset(),
    )
    assert a
    assert a == b


def test_an_undated_report_giving_eleven_of_the_calls_words_is_tied_to_it():
    words = "they agreed that the talks must resume in vienna before the end of june"
    shared = passages([words], frozenset())
    report = facts(passages=shared)
    assert decide(report, calls(facts(date=JUNE_10, passages=shared))).call.pk == 1
    # One run of ten words is a phrase readouts repeat, not a copied account.
    ten = passages(["they agreed that the talks must resume in vienna before"], frozenset())
    assert len(ten) == 1
    assert decide(facts(passages=ten), calls(facts(date=JUNE_10, passages=ten))).call is None


def test_series_calls_are_the_calls_one_source_reported_together():
    a, b, c = calls(facts(date=JUNE_10), facts(date=JUNE_10), facts(date=JUNE_10))
    other = Known(4, facts(date=JUNE_10 - 30 * DAY))
    reported_by = {1: {7}, 2: {7}, 3: {7}, 4: {8}}
    assert series_calls([[a], [b], [c, other]], reported_by) == [1, 2, 3]
    # Two contacts are not a series; a source that told only some of them ties nothing.
    assert series_calls([[a], [b]], reported_by) == []
    assert series_calls([[a], [b], [other]], reported_by) == []


def test_two_sources_that_tell_a_series_differently_tie_nothing():
    a, b, c, d = calls(*(facts(date=JUNE_10) for _ in range(4)))
    # Source 7 told calls 1, 2, 3; source 8 told 1, 2, 4 (a call of c's pair too).
    reported_by = {1: {7, 8}, 2: {7, 8}, 3: {7}, 4: {8}}
    assert series_calls([[a], [b], [c, d]], reported_by) == []


def test_a_call_of_the_series_is_the_one_an_undated_report_joins():
    archive = calls(facts(date=JUNE_10), facts(date=JUNE_10 - 7 * DAY))
    assert decide(facts(), archive).call is None
    assert decide(facts(series=frozenset({2})), archive).call.pk == 2


def test_two_undated_reports_agreeing_on_weekday_and_duration_stay_apart():
    # Two Tuesday calls of half an hour, on two subjects, weeks apart: nothing places either.
    archive = calls(facts(weekday=1, minutes=30))
    decision = decide(facts(weekday=1, minutes=30), archive)
    assert decision.call is None
    assert [k.pk for k in decision.possible] == [1]


def test_a_day_only_defaulted_to_the_articles_is_the_week_before_it():
    # "X told Y in a phone call that ...", published two days after the one call of the
    # week: that call.
    told = facts(date=JUNE_10 + 2 * DAY, defaulted=True)
    assert decide(told, calls(facts(date=JUNE_10))).call.pk == 1
    # Two calls in that week: neither.
    decision = decide(told, calls(facts(date=JUNE_10), facts(date=JUNE_10 - 3 * DAY)))
    assert decision.call is None
    assert len(decision.possible) == 2
    # The call of its very day (or a day away) still comes first.
    archive = calls(facts(date=JUNE_10 - 3 * DAY), facts(date=JUNE_10 + DAY))
    assert decide(told, archive).call.pk == 2
    # Outside the week: another call.
    assert decide(told, calls(facts(date=JUNE_10 - 9 * DAY))).call is None
    # And the other way round: an archived call dated only by its article.
    archived = calls(facts(date=JUNE_10 + 2 * DAY, defaulted=True))
    assert decide(facts(date=JUNE_10), archived).call.pk == 1
    # A day that was read, not defaulted, stays a day.
    assert decide(facts(date=JUNE_10 + 2 * DAY), calls(facts(date=JUNE_10))).call is None


def test_one_publisher_does_not_report_one_call_under_two_days():
    white = frozenset({"The White House"})
    monday = facts(date=JUNE_10, publishers=white)
    tuesday = facts(date=JUNE_10 + DAY, publishers=white)
    assert dates_differ(tuesday, monday)
    assert decide(tuesday, calls(monday)).call is None
    # Another outlet a day away: the same call seen from another time zone.
    elsewhere = facts(date=JUNE_10 + DAY, publishers=frozenset({"Agency"}))
    assert decide(elsewhere, calls(monday)).call.pk == 1
    # The same outlet on the same day: the same call.
    assert decide(facts(date=JUNE_10, publishers=white), calls(monday)).call.pk == 1


def test_a_call_told_as_another_is_not_the_call_of_the_day_before():
    thursday = facts(date=JUNE_10)
    again = facts(date=JUNE_10 + DAY, again=True)  # "held another phone conversation on Friday"
    assert dates_differ(again, thursday)
    assert decide(again, calls(thursday)).call is None
    # Nor the one call of the week before its article, when its day was only defaulted.
    defaulted = facts(date=JUNE_10 + 3 * DAY, defaulted=True, again=True)
    assert decide(defaulted, calls(thursday)).call is None
    # The same day is the same call still.
    assert decide(facts(date=JUNE_10, again=True), calls(thursday)).call.pk == 1
