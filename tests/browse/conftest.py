"""The archive the browse tests read: the seed calls of Macron with Raisi and Putin."""

import datetime
from dataclasses import dataclass

import pytest

from archive.enums import CallKind, DatePrecision, DurationQualifier, Fact, SourceRole
from archive.models import Call, Leader, Source, Topic
from tests.factories import (
    CallFactory,
    CountryFactory,
    EvidenceFactory,
    LeaderFactory,
    ReportFactory,
    SourceFactory,
    StatementFactory,
    TermFactory,
    TopicFactory,
)

RAISI_ARTICLE = (
    "French President Emmanuel Macron and Iranian President Ebrahim Raisi spoke by phone "
    "on Saturday for 90 minutes, the Elysee said. Macron initiated the call. "
    "The two leaders discussed Iran's nuclear programme and the war in Ukraine, "
    "including Iran's supply of drones to Russia. Macron raised the fate of French "
    "nationals detained in Iran. The Elysee said Macron urged Iran to return to its "
    "nuclear commitments. Raisi's office said the president called on France to "
    "respect the nuclear deal and to lift sanctions. Macron and Raisi last met in New "
    "York in September 2022."
)

PUTIN_ARTICLE = (
    "PARIS, July 1. /TASS/. Emmanuel Macron and Vladimir Putin spoke by phone on Tuesday "
    "for more than two "
    "hours, their first conversation in nearly three years. The Kremlin said the call "
    "covered Ukraine and the Middle East. Their previous call took place in September "
    "2022."
)


def _span(body: str, sentence: str) -> dict:
    start = body.index(sentence)
    return {"start": start, "end": start + len(sentence), "text": sentence}


@dataclass
class Seed:
    france: object
    iran: object
    russia: object
    macron: Leader
    raisi: Leader
    putin: Leader
    nuclear: Topic
    ukraine: Topic
    drones: Topic
    detained: Topic
    raisi_call: Call
    putin_call: Call
    putin_2022: Call
    raisi_meeting: Call
    raisi_source: Source
    reuters_source: Source
    putin_source: Source


@pytest.fixture
def seed(db) -> Seed:
    """Four calls of Emmanuel Macron: two reported in full, two in the background."""
    return build_seed()


def build_seed() -> Seed:
    """The seed archive (also used to fill a development database by hand)."""
    france = CountryFactory(code="FR", name="France", slug="france")
    iran = CountryFactory(code="IR", name="Iran", slug="iran")
    russia = CountryFactory(code="RU", name="Russia", slug="russia")
    macron = LeaderFactory(
        name="Emmanuel Macron", slug="emmanuel-macron", country=france, aliases=["Macron"]
    )
    raisi = LeaderFactory(
        name="Ebrahim Raisi", slug="ebrahim-raisi", country=iran, aliases=["Raisi", "Raeisi"]
    )
    putin = LeaderFactory(
        name="Vladimir Putin", slug="vladimir-putin", country=russia, aliases=["Putin"]
    )
    TermFactory(leader=macron, office="President of France", start=datetime.date(2017, 5, 14))
    nuclear = TopicFactory(name="Nuclear programme", slug="nuclear-programme")
    ukraine = TopicFactory(name="War in Ukraine", slug="war-in-ukraine")
    drones = TopicFactory(name="Drones", slug="drones")
    detained = TopicFactory(name="Detained nationals", slug="detained-nationals")

    raisi_call = CallFactory(
        date=datetime.date(2023, 6, 10),
        kind=CallKind.PHONE,
        duration_minutes=90,
        initiator=macron,
        participants=[macron, raisi],
        topics=[nuclear, ukraine, drones, detained],
        summary=(
            "Macron and Raisi discussed Iran's nuclear programme, the war in Ukraine, "
            "Iranian drones supplied to Russia and French nationals detained in Iran."
        ),
    )
    putin_call = CallFactory(
        date=datetime.date(2025, 7, 1),
        kind=CallKind.PHONE,
        duration_minutes=120,
        duration_qualifier=DurationQualifier.MORE_THAN,
        participants=[macron, putin],
        topics=[ukraine],
        summary="Macron and Putin spoke about Ukraine and the Middle East.",
    )
    putin_2022 = CallFactory(
        date=datetime.date(2022, 9, 22),
        participants=[macron, putin],
        summary="",
    )
    raisi_meeting = CallFactory(
        date=datetime.date(2022, 9, 20),
        date_precision=DatePrecision.MONTH,
        kind=CallKind.MEETING,
        participants=[macron, raisi],
        summary="",
    )

    raisi_source = SourceFactory(
        title="Macron and Raisi discuss nuclear programme by phone",
        publisher="Agence France-Presse",
        url="https://example.org/afp/macron-raisi",
        published=datetime.date(2023, 6, 10),
        body=RAISI_ARTICLE,
        origin="afp_2023-06-10.txt",
    )
    reuters_source = SourceFactory(
        title="France's Macron presses Iran's Raisi on detained nationals",
        publisher="Reuters",
        published=datetime.date(2023, 6, 11),
        body="Macron pressed Raisi on French nationals detained in Iran, Reuters reported.",
        origin="reuters_2023-06-11.txt",
    )
    putin_source = SourceFactory(
        title="Macron and Putin speak for the first time in three years",
        publisher="Reuters",
        published=datetime.date(2025, 7, 1),
        body=PUTIN_ARTICLE,
        origin="reuters_2025-07-01.txt",
    )

    main = ReportFactory(call=raisi_call, source=raisi_source, role=SourceRole.MAIN)
    ReportFactory(call=raisi_call, source=reuters_source, role=SourceRole.MAIN)
    EvidenceFactory(
        report=main,
        fact=Fact.DURATION,
        **_span(RAISI_ARTICLE, "spoke by phone on Saturday for 90 minutes"),
    )
    EvidenceFactory(
        report=main,
        fact=Fact.INITIATOR,
        detail="Emmanuel Macron",
        **_span(RAISI_ARTICLE, "Macron initiated the call."),
    )
    background = ReportFactory(call=raisi_meeting, source=raisi_source, role=SourceRole.BACKGROUND)
    EvidenceFactory(
        report=background,
        fact=Fact.CALL,
        **_span(RAISI_ARTICLE, "Macron and Raisi last met in New York in September 2022."),
    )
    ReportFactory(call=putin_call, source=putin_source, role=SourceRole.MAIN)
    old = ReportFactory(call=putin_2022, source=putin_source, role=SourceRole.BACKGROUND)
    EvidenceFactory(
        report=old,
        fact=Fact.CALL,
        **_span(PUTIN_ARTICLE, "Their previous call took place in September 2022."),
    )

    StatementFactory(
        call=raisi_call,
        source=raisi_source,
        speaker="the Elysee",
        side_leader=macron,
        side_country=france,
        text="Macron urged Iran to return to its nuclear commitments.",
    )
    StatementFactory(
        call=raisi_call,
        source=raisi_source,
        speaker="Raisi's office",
        side_leader=raisi,
        side_country=iran,
        text="The president called on France to respect the nuclear deal and to lift sanctions.",
    )
    return Seed(
        france=france,
        iran=iran,
        russia=russia,
        macron=macron,
        raisi=raisi,
        putin=putin,
        nuclear=nuclear,
        ukraine=ukraine,
        drones=drones,
        detained=detained,
        raisi_call=Call.objects.get(pk=raisi_call.pk),
        putin_call=Call.objects.get(pk=putin_call.pk),
        putin_2022=Call.objects.get(pk=putin_2022.pk),
        raisi_meeting=Call.objects.get(pk=raisi_meeting.pk),
        raisi_source=raisi_source,
        reuters_source=reuters_source,
        putin_source=putin_source,
    )


@pytest.fixture
def many_calls(db):
    """A factory of ``n`` calls with topics and sources, for query-count tests."""

    def make(n: int) -> list[Call]:
        topic = TopicFactory()
        calls = []
        for i in range(n):
            call = CallFactory(
                date=datetime.date(2020 + i % 5, 1 + i % 12, 1 + i % 27),
                duration_minutes=30 + i,
                topics=[topic, TopicFactory()],
            )
            ReportFactory(call=call)
            StatementFactory(call=call)
            calls.append(call)
        return calls

    return make
