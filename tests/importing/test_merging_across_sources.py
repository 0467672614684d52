"""Records onto models: one call per contact, whatever the number and order of its reports.

These tests hand the importer records built by hand (the ``records`` fixture stands in
for the engine), so each one says exactly which facts two reports share.
"""

from __future__ import annotations

import datetime

import pytest

from archive.enums import ParticipantRole, ReviewStatus
from archive.extraction import ExtractedStatement, LeaderRef, Span
from archive.matching import Facts, compatible, dates_compatible, durations_compatible
from archive.models import (
    Call,
    CallRedirect,
    Evidence,
    Leader,
    Participation,
    Report,
    Source,
    Statement,
)

from .conftest import ERDOGAN, MACRON, PUTIN, RAISI, call, import_articles, record, write

pytestmark = pytest.mark.django_db

JUNE_10 = datetime.date(2023, 6, 10)  # a Saturday


def only_call() -> Call:
    calls = list(Call.objects.all())
    assert len(calls) == 1, calls
    return calls[0]


def participants(c: Call) -> set[str]:
    return set(c.participations.values_list("leader__slug", flat=True))


def sources_of(c: Call) -> dict[str, str]:
    return dict(c.reports.values_list("source__origin", "role"))


@pytest.fixture
def dated(records):
    """A dated, timed report of a call Macron initiated with Raisi."""
    return records.add(
        record(
            "Macron called Raisi on Saturday; they spoke for 90 minutes about drones.",
            call(
                MACRON,
                RAISI,
                date=JUNE_10,
                minutes=90,
                initiator=MACRON,
                topics=("drones",),
                summary="Macron called Raisi on Saturday.",
            ),
            published=JUNE_10,
        )
    )


@pytest.fixture
def undated(records):
    """Another source's report of the same call: a weekday only, 'about 90 minutes'."""
    return records.add(
        record(
            "On Saturday Raisi and Macron had an approximately 90-minute call on nuclear talks.",
            call(
                RAISI,
                MACRON,
                minutes=90,
                qualifier="about",
                topics=("nuclear-programmes",),
                summary="On Saturday Raisi and Macron had a call.",
            ),
        )
    )


def import_in_order(tmp_path, *texts_by_name: tuple[str, str]):
    for name, text in texts_by_name:
        write(tmp_path, name, text)
        run = import_articles(tmp_path / name)
        assert run.status == 0, run.output


def final_state(c: Call) -> dict:
    return {
        "participants": participants(c),
        "date": c.date,
        "precision": c.date_precision,
        "kind": c.kind,
        "duration": (c.duration_minutes, c.duration_qualifier),
        "initiator": c.initiator.slug if c.initiator else None,
        "topics": set(c.topics.values_list("slug", flat=True)),
        "summary": c.summary,
        "sources": sources_of(c),
        "roles": dict(c.participations.values_list("leader__slug", "role")),
    }


@pytest.mark.parametrize("order", ["dated first", "undated first"])
def test_an_undated_report_and_a_dated_one_make_one_call_in_either_order(
    tmp_path, knowledge, dated, undated, order
):
    files = [("a-dated.txt", dated.text), ("b-undated.txt", undated.text)]
    import_in_order(tmp_path, *(files if order == "dated first" else reversed(files)))

    assert final_state(only_call()) == {
        "participants": {"emmanuel-macron", "ebrahim-raisi"},
        "date": JUNE_10,
        "precision": "day",
        "kind": "phone",
        "duration": (90, ""),
        "initiator": "emmanuel-macron",
        "topics": {"drones", "nuclear-programmes"},
        "summary": "Macron called Raisi on Saturday.",
        "sources": {"a-dated.txt": "main", "b-undated.txt": "main"},
        "roles": {"emmanuel-macron": "initiator", "ebrahim-raisi": "recipient"},
    }


def test_the_undated_call_keeps_its_id_when_a_dated_report_dates_it(
    tmp_path, knowledge, dated, undated
):
    import_in_order(tmp_path, ("undated.txt", undated.text))
    first = only_call()
    assert (first.date, first.date_precision, first.slug) == (
        None,
        "unknown",
        "undated-ebrahim-raisi-emmanuel-macron-phone",
    )

    import_in_order(tmp_path, ("dated.txt", dated.text))

    call_ = only_call()
    assert call_.pk == first.pk
    assert call_.date == JUNE_10
    assert call_.slug == "2023-06-10-ebrahim-raisi-emmanuel-macron-phone"
    assert (call_.year, call_.month) == (2023, 6)


def test_the_same_participants_on_another_day_are_another_call(tmp_path, knowledge, records):
    first = records.add(record("A call on June 10.", call(MACRON, RAISI, date=JUNE_10)))
    second = records.add(
        record("A call on June 12.", call(MACRON, RAISI, date=datetime.date(2023, 6, 12)))
    )

    import_in_order(tmp_path, ("1.txt", first.text), ("2.txt", second.text))

    assert sorted(Call.objects.values_list("date", flat=True)) == [
        JUNE_10,
        datetime.date(2023, 6, 12),
    ]


def test_a_third_leader_makes_another_call(tmp_path, knowledge, records):
    pair = records.add(record("Pair.", call(MACRON, PUTIN, date=JUNE_10)))
    trio = records.add(record("Trio.", call(MACRON, PUTIN, ERDOGAN, date=JUNE_10)))

    import_in_order(tmp_path, ("pair.txt", pair.text), ("trio.txt", trio.text))

    assert sorted(len(participants(c)) for c in Call.objects.all()) == [2, 3]


def test_a_meeting_is_not_a_phone_call_of_the_same_day(tmp_path, knowledge, records):
    phone = records.add(record("Phone.", call(MACRON, PUTIN, date=JUNE_10)))
    meeting = records.add(record("Meeting.", call(MACRON, PUTIN, kind="meeting", date=JUNE_10)))

    import_in_order(tmp_path, ("phone.txt", phone.text), ("meeting.txt", meeting.text))

    assert sorted(Call.objects.values_list("kind", flat=True)) == ["meeting", "phone"]


def test_a_contact_of_unknown_kind_merges_and_takes_the_known_kind(tmp_path, knowledge, records):
    vague = records.add(record("Talks.", call(MACRON, PUTIN, kind="other", date=JUNE_10)))
    phone = records.add(record("Phone.", call(MACRON, PUTIN, date=JUNE_10)))

    import_in_order(tmp_path, ("vague.txt", vague.text), ("phone.txt", phone.text))

    assert only_call().kind == "phone"


def test_a_month_precision_report_merges_into_a_day_and_is_refined(tmp_path, knowledge, records):
    june = records.add(record("In June.", call(MACRON, PUTIN, date=JUNE_10, precision="month")))
    day = records.add(record("On the 14th.", call(MACRON, PUTIN, date=datetime.date(2023, 6, 14))))

    import_in_order(tmp_path, ("june.txt", june.text), ("day.txt", day.text))

    c = only_call()
    assert (c.date, c.date_precision) == (datetime.date(2023, 6, 14), "day")


def test_very_different_durations_are_different_calls(tmp_path, knowledge, records):
    short = records.add(record("Short.", call(MACRON, PUTIN, minutes=20)))
    long = records.add(record("Long.", call(MACRON, PUTIN, minutes=120)))

    import_in_order(tmp_path, ("short.txt", short.text), ("long.txt", long.text))

    assert Call.objects.count() == 2


def test_an_undated_report_that_fits_several_calls_is_left_for_review(tmp_path, knowledge, records):
    first = records.add(record("June 10.", call(MACRON, PUTIN, date=JUNE_10)))
    second = records.add(record("June 20.", call(MACRON, PUTIN, date=datetime.date(2023, 6, 20))))
    vague = records.add(record("They spoke.", call(MACRON, PUTIN)))

    import_in_order(tmp_path, ("1.txt", first.text), ("2.txt", second.text))
    write(tmp_path, "vague.txt", vague.text)
    run = import_articles(tmp_path / "vague.txt", verbosity=2)

    assert Call.objects.count() == 3
    new = Call.objects.get(date__isnull=True)
    assert sources_of(new) == {"vague.txt": "main"}
    assert "1 created" in run.stdout
    assert "0 merged" in run.stdout
    assert "1 left for review" in run.stdout
    assert f"call #{new.pk} may be the same as calls" in run.stdout


def test_a_weekday_that_does_not_fit_keeps_an_undated_report_apart(tmp_path, knowledge, records):
    saturday = records.add(record("Saturday's call.", call(MACRON, PUTIN, date=JUNE_10)))
    tuesday = records.add(record("They spoke on Tuesday.", call(MACRON, PUTIN, span=(0, 22))))

    import_in_order(tmp_path, ("sat.txt", saturday.text), ("tue.txt", tuesday.text))

    assert Call.objects.count() == 2


def test_a_report_published_before_a_call_is_not_of_that_call(tmp_path, knowledge, records):
    later = records.add(record("Later call.", call(MACRON, PUTIN, date=JUNE_10)))
    earlier = records.add(
        record("They spoke.", call(MACRON, PUTIN), published=datetime.date(2023, 1, 5))
    )

    import_in_order(tmp_path, ("later.txt", later.text), ("earlier.txt", earlier.text))

    assert Call.objects.count() == 2


def test_main_and_background_calls_of_one_article_stay_apart(tmp_path, knowledge, records):
    both = records.add(
        record(
            "Macron and Putin spoke today; they last spoke in June.",
            call(MACRON, PUTIN, date=datetime.date(2023, 6, 28)),
            call(MACRON, PUTIN, date=JUNE_10, precision="month", role="background"),
        )
    )

    import_in_order(tmp_path, ("both.txt", both.text))

    assert Call.objects.count() == 2
    assert sorted(Report.objects.values_list("role", flat=True)) == ["background", "main"]


def test_evidence_rows_keep_the_sentence_and_offsets(tmp_path, knowledge, records):
    text = "Macron called Raisi on Saturday. They spoke of drones."
    records.add(record(text, call(MACRON, RAISI, date=JUNE_10, span=(0, 32))))

    import_in_order(tmp_path, ("a.txt", text))

    rows = list(Evidence.objects.order_by("fact", "detail").values_list("fact", "detail", "text"))
    assert rows == [
        ("call", "", "Macron called Raisi on Saturday."),
        ("date", "2023-06-10", "Macron called Raisi on Saturday."),
        ("participant", "ebrahim-raisi", "Macron called Raisi on Saturday."),
        ("participant", "emmanuel-macron", "Macron called Raisi on Saturday."),
    ]
    evidence = Evidence.objects.first()
    assert Source.objects.get().body[evidence.start : evidence.end] == evidence.text


def test_statements_are_linked_to_the_call_source_side_and_leader(tmp_path, knowledge, records):
    text = "Macron urged restraint, the Elysee said."
    said = ExtractedStatement(
        "the Elysee", "FR", "emmanuel-macron", "Macron urged restraint", Span(0, 22)
    )
    records.add(record(text, call(MACRON, PUTIN, date=JUNE_10, statements=(said,))))

    import_in_order(tmp_path, ("a.txt", text))

    statement = Statement.objects.get()
    assert (statement.speaker, statement.side_country_id, statement.side_leader.slug) == (
        "the Elysee",
        "FR",
        "emmanuel-macron",
    )
    assert (statement.call, statement.source) == (only_call(), Source.objects.get())
    assert (statement.start, statement.end) == (0, 22)


def test_an_editors_reviewed_call_survives_a_new_sources_import(tmp_path, knowledge, records):
    first = records.add(record("First report.", call(MACRON, PUTIN, minutes=60), published=JUNE_10))
    import_in_order(tmp_path, ("first.txt", first.text))
    c = only_call()
    c.summary = "The editor's summary."
    c.duration_minutes, c.duration_qualifier = 65, "about"
    c.status = ReviewStatus.REVIEWED
    c.save()
    before = Call.objects.values().get(pk=c.pk)
    second = records.add(
        record(
            "Second report.",
            call(MACRON, PUTIN, date=JUNE_10, minutes=60, initiator=PUTIN, topics=("trade",)),
        )
    )

    import_in_order(tmp_path, ("second.txt", second.text))

    assert Call.objects.values().get(pk=c.pk) == before
    assert list(c.topics.all()) == []
    assert sources_of(c) == {"first.txt": "main", "second.txt": "main"}
    assert Evidence.objects.filter(report__source__origin="second.txt").count() > 0


def test_discovered_leaders_are_created_unverified_once(tmp_path, knowledge, records):
    ruto = LeaderRef(None, "William Ruto", "KE", "President of Kenya", False)
    one = records.add(record("Ruto called Macron.", call(ruto, MACRON, date=JUNE_10)))
    two = records.add(record("Ruto met Macron.", call(ruto, MACRON, kind="meeting", date=JUNE_10)))

    import_in_order(tmp_path, ("one.txt", one.text), ("two.txt", two.text))

    leader = Leader.objects.get(name="William Ruto")
    assert (leader.verified, leader.country_id, leader.slug) == (False, "KE", "william-ruto")
    assert "one.txt" in leader.notes
    assert "President of Kenya" in leader.notes
    assert Participation.objects.filter(leader=leader).count() == 2


def test_a_discovered_leader_matches_an_existing_one_by_alias(tmp_path, knowledge, records):
    zelensky = LeaderRef(None, "Zelenskyy", "UA", None, False)
    rec = records.add(record("Zelenskyy called Macron.", call(zelensky, MACRON, date=JUNE_10)))

    import_in_order(tmp_path, ("z.txt", rec.text))

    assert participants(only_call()) == {"volodymyr-zelensky", "emmanuel-macron"}
    assert not Leader.objects.unverified().exists()


def test_a_discovered_leaders_slug_never_takes_a_used_one(tmp_path, knowledge, records):
    namesake = LeaderRef(None, "Olaf Scholz", "KE", None, False)  # not the German chancellor
    rec = records.add(record("Kenya's Scholz called Macron.", call(namesake, MACRON)))

    import_in_order(tmp_path, ("k.txt", rec.text))

    assert Leader.objects.get(country_id="KE").slug == "olaf-scholz-2"


def test_a_leader_without_a_country_is_left_out_with_a_note(tmp_path, knowledge, records):
    nobody = LeaderRef(None, "Jane Doe", None, None, False)
    rec = records.add(record("Jane Doe called Macron.", call(nobody, MACRON)))
    write(tmp_path, "n.txt", rec.text)

    run = import_articles(tmp_path / "n.txt", verbosity=3)

    assert Call.objects.count() == 0
    assert "“Jane Doe” was left out: no known country" in run.stdout
    assert "no call found in 1 source(s): n.txt" in run.stdout


def test_merged_undated_calls_leave_a_redirect(tmp_path, knowledge, records):
    # Two Saturday calls of 40 minutes make an undated report of one ambiguous; once the
    # editor removes one, the next report of the other dates it and absorbs the undated one.
    first = records.add(
        record("June 10.", call(MACRON, PUTIN, date=JUNE_10, kind="other", minutes=40))
    )
    second = records.add(
        record("June 17.", call(MACRON, PUTIN, date=datetime.date(2023, 6, 17), minutes=40))
    )
    vague = records.add(record("They spoke on Saturday.", call(MACRON, PUTIN, minutes=40)))
    import_in_order(tmp_path, ("1.txt", first.text), ("2.txt", second.text), ("v.txt", vague.text))
    assert Call.objects.count() == 3
    Call.objects.get(date=datetime.date(2023, 6, 17)).delete()
    undated = Call.objects.get(date__isnull=True)
    third = records.add(record("June 10 again.", call(MACRON, PUTIN, date=JUNE_10, minutes=40)))

    import_in_order(tmp_path, ("3.txt", third.text))

    survivor = only_call()
    assert set(sources_of(survivor)) == {"1.txt", "v.txt", "3.txt"}
    assert CallRedirect.objects.get(old_id=undated.pk).call == survivor


# --- the rules, one by one ----------------------------------------------------------------


def facts(**values) -> Facts:
    defaults = {"kind": "phone", "date": None, "precision": "unknown", "minutes": None}
    return Facts(**{**defaults, "qualifier": "", **values})


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((JUNE_10, "day"), (JUNE_10, "day"), True),
        ((JUNE_10, "day"), (datetime.date(2023, 6, 11), "day"), True),  # time zones
        ((JUNE_10, "day"), (datetime.date(2023, 6, 12), "day"), False),
        ((JUNE_10, "day"), (None, "unknown"), True),
        ((JUNE_10, "day"), (datetime.date(2023, 6, 1), "month"), True),
        ((JUNE_10, "day"), (datetime.date(2023, 7, 1), "month"), False),
        ((JUNE_10, "day"), (datetime.date(2023, 1, 1), "year"), True),
        ((JUNE_10, "month"), (datetime.date(2022, 6, 10), "year"), False),
    ],
)
def test_dates_are_compatible_when_equal_unknown_or_contained(a, b, expected):
    assert dates_compatible(*a, *b) is expected
    assert dates_compatible(*b, *a) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((90, ""), (90, "about"), True),
        ((90, ""), (100, ""), True),
        ((60, ""), (90, ""), False),
        ((120, "more than"), (180, ""), True),
        ((120, "more than"), (60, ""), False),
        ((30, "less than"), (20, ""), True),
        ((None, ""), (20, ""), True),
    ],
)
def test_durations_are_compatible_within_a_fifth_or_their_qualifier(a, b, expected):
    assert durations_compatible(*a, *b) is expected
    assert durations_compatible(*b, *a) is expected


def test_an_unknown_kind_is_compatible_with_any():
    assert compatible(facts(kind="other"), facts(kind="meeting"))
    assert not compatible(facts(kind="video"), facts(kind="meeting"))


def test_participation_roles_follow_the_initiator(tmp_path, knowledge, dated):
    import_in_order(tmp_path, ("a.txt", dated.text))

    roles = dict(only_call().participations.values_list("leader__slug", "role"))
    assert roles == {
        "emmanuel-macron": ParticipantRole.INITIATOR,
        "ebrahim-raisi": ParticipantRole.RECIPIENT,
    }


THREE_REPORTS = {
    "undated.txt": (
        "French President Emmanuel Macron and German Chancellor Olaf Scholz spoke by phone on "
        "Tuesday for 45 minutes, discussing the war in Ukraine."
    ),
    "wire.txt": (
        "date 2024-03-14\nBERLIN (Reuters) - German Chancellor Olaf Scholz held a 45-minute "
        "phone call with French President Emmanuel Macron on Tuesday, a spokesman said."
    ),
    "readout.txt": (
        "date 2024-03-13\nMacron spoke with Scholz by phone on Tuesday about Ukraine, the "
        "Elysee said. The French president had called the German chancellor."
    ),
}


@pytest.mark.parametrize(
    "order",
    [
        ("undated.txt", "wire.txt", "readout.txt"),
        ("readout.txt", "wire.txt", "undated.txt"),
        ("wire.txt", "undated.txt", "readout.txt"),
    ],
)
def test_three_reports_of_one_call_make_one_call_in_any_order(tmp_path, knowledge, order):
    for name in order:
        import_articles(write(tmp_path, name, THREE_REPORTS[name]))

    merged = only_call()
    assert merged.date == datetime.date(2024, 3, 12)
    assert merged.duration_minutes == 45
    assert merged.initiator.name == "Emmanuel Macron"
    assert merged.reports.count() == 3


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_day_the_words_count_wins_over_the_day_the_article_was_filed(
    tmp_path, knowledge, records, order
):
    # One outlet counts "on Wednesday" back from its date; another, filed the next morning
    # from another time zone, says no day, so its dateline's day stands in.
    counted = call(MACRON, RAISI, date=datetime.date(2023, 6, 7))
    counted.date_inferred = "'Wednesday' counted from the article's date (7 June 2023)"
    filed = call(MACRON, RAISI, date=datetime.date(2023, 6, 8))
    filed.date_inferred = "the dateline's day, its year from the article's date (8 June 2023)"
    reports = [
        records.add(record("They spoke on Wednesday.", counted)),
        records.add(record("They spoke by phone.", filed)),
    ]

    import_in_order(tmp_path, *((f"{i}.txt", reports[i].text) for i in order))

    merged = only_call()
    assert merged.date == datetime.date(2023, 6, 7)
    assert merged.date_inferred.startswith("'Wednesday' counted")


# --- what ties an undated report with no publication date --------------------------------------

DATED_READOUT = (
    "Macron and Raisi spoke by telephone on 10 June 2023. The presidents agreed that the talks "
    "on the future of the nuclear agreement must resume in Vienna before the end of the month."
)
SAME_WORDS = (
    "Macron and Raisi held a phone call. According to the readout, they agreed that the talks "
    "on the future of the nuclear agreement must resume in Vienna before the end of the month."
)
FORMULA_ONLY = (
    "French President Emmanuel Macron and Iranian President Ebrahim Raisi held a phone call. "
    "They agreed that the talks must resume."
)


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_an_undated_report_giving_the_readouts_words_joins_its_call(
    tmp_path, knowledge, records, order
):
    reports = [
        records.add(record(DATED_READOUT, call(MACRON, RAISI, date=JUNE_10))),
        records.add(record(SAME_WORDS, call(RAISI, MACRON))),
    ]
    import_in_order(tmp_path, *((f"{i}.txt", reports[i].text) for i in order))

    assert only_call().date == JUNE_10


def test_words_shared_only_in_names_and_short_phrases_tie_nothing(tmp_path, knowledge, records):
    # Both name the leaders in full and both say "agreed that the talks": that is every
    # report's wording, not one readout copied.
    dated = records.add(
        record(
            "French President Emmanuel Macron and Iranian President Ebrahim Raisi spoke on "
            "10 June 2023. They agreed that the talks must resume.",
            call(MACRON, RAISI, date=JUNE_10),
        )
    )
    undated = records.add(record(FORMULA_ONLY, call(MACRON, RAISI)))
    import_in_order(tmp_path, ("a.txt", dated.text), ("b.txt", undated.text))

    assert Call.objects.count() == 2
    kept_apart = Call.objects.get(date__isnull=True)
    assert kept_apart.possible_duplicates.exists()


SCHOLZ = LeaderRef("olaf-scholz", "Olaf Scholz", "DE", "Chancellor of Germany", True)
ZELENSKY = LeaderRef("volodymyr-zelensky", "Volodymyr Zelensky", "UA", "President of Ukraine", True)
OCT_14 = datetime.date(2023, 10, 14)


def series(text: str, *counterparts: LeaderRef, date: datetime.date | None = None):
    return record(text, *(call(ERDOGAN, other, date=date) for other in counterparts))


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_series_of_calls_told_undated_joins_the_same_series_told_with_its_day(
    tmp_path, knowledge, records, order
):
    reports = [
        records.add(
            series(
                "Erdogan called four leaders on 14 October.",
                MACRON,
                PUTIN,
                SCHOLZ,
                ZELENSKY,
                date=OCT_14,
            )
        ),
        records.add(
            series(
                "Erdogan held a series of calls with four leaders.", MACRON, PUTIN, SCHOLZ, ZELENSKY
            )
        ),
    ]
    import_in_order(tmp_path, *((f"{i}.txt", reports[i].text) for i in order))

    calls = list(Call.objects.all())
    assert len(calls) == 4
    assert {c.date for c in calls} == {OCT_14}
    assert all(c.reports.count() == 2 for c in calls)


def test_two_calls_of_a_series_tie_nothing(tmp_path, knowledge, records):
    # The same two counterparts called on the same day is common; a third is not.
    dated = records.add(series("Erdogan called two leaders.", MACRON, PUTIN, date=OCT_14))
    undated = records.add(series("Erdogan called three leaders.", MACRON, PUTIN, SCHOLZ))
    import_in_order(tmp_path, ("a.txt", dated.text), ("b.txt", undated.text))

    assert Call.objects.filter(date__isnull=True).count() == 3


# --- days defaulted to the article's, and one publisher's days -----------------------------


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_report_dated_only_by_its_article_joins_the_one_call_of_the_week_before(
    tmp_path, knowledge, records, order
):
    # A readout of Saturday's call; an outlet two days later tells of it ("told Raisi in a
    # phone call that ...") and names no day, so its article's day stands in.
    readout = call(MACRON, RAISI, date=JUNE_10)
    told = call(MACRON, RAISI, date=JUNE_10 + datetime.timedelta(days=2))
    told.date_inferred = "the article's date (12 June 2023); the text names no other day"
    reports = [
        records.add(record("Macron and Raisi spoke on 10 June 2023.", readout)),
        records.add(record("Macron told Raisi in a phone call that talks must go on.", told)),
    ]

    import_in_order(tmp_path, *((f"{i}.txt", reports[i].text) for i in order))

    assert only_call().date == JUNE_10


def test_a_report_dated_only_by_its_article_stays_apart_when_the_week_holds_two_calls(
    tmp_path, knowledge, records
):
    told = call(MACRON, RAISI, date=JUNE_10 + datetime.timedelta(days=2))
    told.date_inferred = "the article's date (12 June 2023); the text names no other day"
    records.add(record("They spoke on 10 June 2023.", call(MACRON, RAISI, date=JUNE_10)))
    records.add(
        record(
            "They spoke on 7 June 2023.",
            call(MACRON, RAISI, date=JUNE_10 - datetime.timedelta(days=3)),
        )
    )
    records.add(record("Macron told Raisi in a phone call that talks must go on.", told))

    import_in_order(
        tmp_path,
        ("a.txt", "They spoke on 10 June 2023."),
        ("b.txt", "They spoke on 7 June 2023."),
        ("c.txt", "Macron told Raisi in a phone call that talks must go on."),
    )

    assert Call.objects.count() == 3


def test_one_publisher_reporting_two_days_in_a_row_reports_two_calls(tmp_path, knowledge, records):
    records.add(
        record(
            "The President spoke today with Prime Minister Raisi.",
            call(MACRON, RAISI, date=JUNE_10),
            publisher="Office of the President",
        )
    )
    records.add(
        record(
            "The President spoke again today with Prime Minister Raisi.",
            call(MACRON, RAISI, date=JUNE_10 + datetime.timedelta(days=1)),
            publisher="Office of the President",
        )
    )

    import_in_order(
        tmp_path,
        ("a.txt", "The President spoke today with Prime Minister Raisi."),
        ("b.txt", "The President spoke again today with Prime Minister Raisi."),
    )

    assert sorted(Call.objects.values_list("date", flat=True)) == [
        JUNE_10,
        JUNE_10 + datetime.timedelta(days=1),
    ]


def test_two_undated_reports_naming_the_same_weekday_and_length_stay_apart(
    tmp_path, knowledge, records
):
    records.add(
        record(
            "They spoke on Tuesday, for 45 minutes, about grain.", call(MACRON, RAISI, minutes=45)
        )
    )
    records.add(
        record(
            "They spoke on Tuesday, for 45 minutes, about the border.",
            call(MACRON, RAISI, minutes=45),
        )
    )

    import_in_order(
        tmp_path,
        ("a.txt", "They spoke on Tuesday, for 45 minutes, about grain."),
        ("b.txt", "They spoke on Tuesday, for 45 minutes, about the border."),
    )

    assert Call.objects.count() == 2


def test_a_wires_dateline_ties_its_undated_call_in_a_later_run(tmp_path, knowledge):
    # The real engine: a wire gives only its dateline's month and day; the readout of that
    # day comes in a later run, when the wire's call is read back from the archive.
    wire = (
        "MOSCOW, June 10. /AGENCY/. Russian President Vladimir Putin and Turkish President "
        "Recep Tayyip Erdogan held a telephone conversation, the Kremlin press service said.\n"
    )
    readout = (
        "date 2023-06-10 Vladimir Putin had a telephone conversation with President of Turkey "
        "Recep Tayyip Erdogan today.\n"
    )

    import_in_order(tmp_path, ("wire.txt", wire), ("readout.txt", readout))

    merged = only_call()
    assert merged.date == JUNE_10
    assert merged.reports.count() == 2


def test_one_governments_pages_a_day_apart_report_two_calls(tmp_path, knowledge):
    # The real engine: two readouts of one government's own pages (its seat quoted), days
    # in a row, no publisher given.
    monday = (
        "date 2023-06-12 The Elysee said President Emmanuel Macron spoke by phone with "
        "Iranian President Ebrahim Raisi today.\n"
    )
    tuesday = (
        "date 2023-06-13 The Elysee said President Emmanuel Macron spoke by phone with "
        "Iranian President Ebrahim Raisi today.\n"
    )

    import_in_order(tmp_path, ("a.txt", monday), ("b.txt", tuesday))

    assert sorted(Call.objects.values_list("date", flat=True)) == [
        datetime.date(2023, 6, 12),
        datetime.date(2023, 6, 13),
    ]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_of_two_days_as_firm_a_day_apart_the_earlier_stands(tmp_path, knowledge, records, order):
    one = call(MACRON, RAISI, date=JUNE_10)
    one.date_inferred = "'today' counted from the article's date (10 June 2023)"
    other = call(MACRON, RAISI, date=JUNE_10 + datetime.timedelta(days=1))
    other.date_inferred = "'today' counted from the article's date (11 June 2023)"
    reports = [
        records.add(record("They spoke today, Paris said.", one, publisher="Paris")),
        records.add(record("They spoke today, Tehran said.", other, publisher="Tehran")),
    ]

    import_in_order(tmp_path, *((f"{i}.txt", reports[i].text) for i in order))

    assert only_call().date == JUNE_10
