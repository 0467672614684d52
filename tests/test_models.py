"""The data model: what each record holds, and the constraints that protect it."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from archive.enums import DatePrecision, DurationQualifier, ReviewStatus
from archive.models import (
    Call,
    Country,
    Evidence,
    Participation,
    Report,
    Source,
    Term,
    _calls_of,
    _fewest_calls_first,
    _share_many,
)

from .factories import (
    CallFactory,
    CountryFactory,
    LeaderFactory,
    ReportFactory,
    SourceFactory,
    TermFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def test_call_derives_year_and_month_from_its_date():
    call = CallFactory(date=datetime.date(2023, 6, 10))

    assert (call.year, call.month) == (2023, 6)


def test_undated_call_has_no_year():
    call = CallFactory(date=None, date_precision=DatePrecision.UNKNOWN)

    assert (call.year, call.month) == (None, None)
    assert call.date_display == "date unknown"


def test_call_slug_names_date_participants_and_kind():
    france = CountryFactory(code="FR", name="France")
    iran = CountryFactory(code="IR", name="Iran")
    a = LeaderFactory(name="Anne Exemple", country=france)
    b = LeaderFactory(name="Bahram Namune", country=iran)

    call = CallFactory(date=datetime.date(2023, 6, 10), participants=[a, b])

    assert call.slug == "2023-06-10-anne-exemple-bahram-namune-phone"
    assert (
        call.get_absolute_url() == f"/calls/{call.pk}/2023-06-10-anne-exemple-bahram-namune-phone/"
    )


def test_call_title_reads_as_a_sentence():
    a = LeaderFactory(name="Anne Exemple")
    b = LeaderFactory(name="Bahram Namune")

    call = CallFactory(date=datetime.date(2023, 6, 10), participants=[a, b])

    assert call.title == "Phone call: Anne Exemple and Bahram Namune, 10 June 2023"


@pytest.mark.parametrize(
    ("minutes", "qualifier", "expected"),
    [
        (90, DurationQualifier.EXACT, "90 minutes"),
        (120, DurationQualifier.MORE_THAN, "more than 2 hours"),
        (60, DurationQualifier.ABOUT, "about 1 hour"),
        (None, DurationQualifier.EXACT, ""),
    ],
)
def test_duration_display(minutes, qualifier, expected):
    call = CallFactory(duration_minutes=minutes, duration_qualifier=qualifier)

    assert call.duration_display == expected


def test_a_dated_call_needs_a_known_precision_only_when_undated():
    with pytest.raises(IntegrityError), transaction.atomic():
        CallFactory(date=None, date_precision=DatePrecision.DAY)


def test_a_duration_qualifier_needs_a_duration():
    with pytest.raises(IntegrityError), transaction.atomic():
        CallFactory(duration_minutes=None, duration_qualifier=DurationQualifier.ABOUT)


def test_duration_cannot_be_negative():
    with pytest.raises(IntegrityError), transaction.atomic():
        CallFactory(duration_minutes=-5)


def test_a_leader_takes_part_in_a_call_once():
    call = CallFactory()
    leader = call.participations.first().leader

    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(call=call, leader=leader)


def test_source_content_hash_is_unique():
    source = SourceFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(body="other text", content_hash=source.content_hash)


def test_a_source_reports_a_call_once():
    report = ReportFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(call=report.call, source=report.source, role="background")


def test_evidence_span_cannot_end_before_it_starts():
    report = ReportFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.create(report=report, fact="date", start=10, end=5, text="")


def test_term_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        TermFactory(start=datetime.date(2020, 1, 1), end=datetime.date(2019, 1, 1))


def test_country_code_must_be_two_capital_letters():
    with pytest.raises(IntegrityError), transaction.atomic():
        Country.objects.create(code="fr", name="Lowercase", slug="lowercase")


def test_leader_slug_is_unique():
    LeaderFactory(name="Anne Exemple")

    with pytest.raises(IntegrityError), transaction.atomic():
        LeaderFactory._meta.model.objects.create(
            name="Anne Exemple", slug="anne-exemple", country=CountryFactory()
        )


def test_office_on_a_day_picks_the_term_that_covers_it():
    leader = LeaderFactory()
    first = TermFactory(
        leader=leader, title="prime minister", start=datetime.date(2003, 3, 14), end=None
    )
    Term.objects.filter(pk=first.pk).update(end=datetime.date(2014, 8, 28))
    second = TermFactory(leader=leader, start=datetime.date(2014, 8, 28), end=None)

    assert leader.office_on(datetime.date(2010, 1, 1)).pk == first.pk
    assert leader.office_on(datetime.date(2020, 1, 1)).pk == second.pk
    assert leader.office_on(datetime.date(1990, 1, 1)) is None


def test_between_finds_the_calls_of_exactly_those_leaders():
    a, b, c = LeaderFactory(), LeaderFactory(), LeaderFactory()
    ab = CallFactory(participants=[a, b])
    CallFactory(participants=[a, c])
    abc = CallFactory(participants=[a, b, c])

    assert set(Call.objects.between(a, b)) == {ab, abc}
    assert set(Call.objects.between(b, a)) == {ab, abc}
    assert set(Call.objects.between(c, b, a)) == {abc}


def test_leaders_are_ordered_by_their_calls_fewest_first():
    """What ``between`` gives SQLite's planner, from the counts the database keeps."""
    busy, rare, idle = LeaderFactory(), LeaderFactory(), LeaderFactory()
    for _ in range(3):
        CallFactory(participants=[busy, LeaderFactory()])
    CallFactory(participants=[busy, rare])

    assert _fewest_calls_first([busy, rare, idle]) == [idle, rare, busy]
    assert _fewest_calls_first([rare, busy]) == [rare, busy]


def test_leaders_who_share_many_calls_are_looked_up_call_by_call():
    """``between``'s plan on SQLite: walk the calls in date order when the leaders likely
    share many of them, else start from the rarest leader's calls; the same calls either way."""
    a, b, c, d = LeaderFactory(), LeaderFactory(), LeaderFactory(), LeaderFactory()
    shared = [CallFactory(participants=[a, b]) for _ in range(8)]
    cd = CallFactory(participants=[c, d])
    ac = CallFactory(participants=[a, c])
    calls = _calls_of([a, b, c, d])

    # a and b are in 9 and 8 of the 10 calls: five shared ones are near in any order.
    assert _share_many([b, a], calls)
    # c is in 2: starting from its calls is quicker.
    assert not _share_many([c, a], calls)
    assert set(Call.objects.between(a, b)) == set(shared)
    assert set(Call.objects.between(c, a)) == {ac}
    assert set(Call.objects.between(c, d)) == {cd}


def test_reviewed_and_in_year_querysets():
    old = CallFactory(date=datetime.date(2019, 5, 1), status=ReviewStatus.REVIEWED)
    CallFactory(date=datetime.date(2024, 5, 1))

    assert list(Call.objects.reviewed()) == [old]
    assert list(Call.objects.in_year(2019)) == [old]


def test_with_related_lists_calls_in_a_fixed_number_of_queries(django_assert_num_queries):
    topic = TopicFactory()
    for _ in range(3):
        CallFactory(topics=[topic])

    with django_assert_num_queries(3):
        titles = [
            (call.title, [t.name for t in call.topics.all()])
            for call in Call.objects.with_related()
        ]

    assert len(titles) == 3


def test_sources_without_calls():
    lonely = SourceFactory()
    ReportFactory()

    assert list(Source.objects.without_calls()) == [lonely]
