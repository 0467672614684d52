"""Factories for the archive's models: tests build exactly the records they need."""

import datetime
import hashlib

import factory
from django.utils.text import slugify

from archive.enums import CallKind, DatePrecision, SourceRole
from archive.models import (
    Announcement,
    Call,
    Country,
    Evidence,
    Leader,
    Participation,
    Report,
    Source,
    Statement,
    Term,
    Topic,
)


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{chr(65 + (n // 26) % 26)}{chr(65 + n % 26)}")
    name = factory.Sequence(lambda n: f"Country {n}")
    slug = factory.LazyAttribute(lambda c: slugify(c.name))
    demonyms = factory.LazyAttribute(lambda c: [f"{c.name}ian"])


class LeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leader
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Leader Number{n}")
    slug = factory.LazyAttribute(lambda leader: slugify(leader.name))
    country = factory.SubFactory(CountryFactory)
    aliases = factory.LazyAttribute(lambda leader: [leader.name.split()[-1]])
    verified = True


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    leader = factory.SubFactory(LeaderFactory)
    country = factory.LazyAttribute(lambda term: term.leader.country)
    title = "president"
    office = factory.LazyAttribute(lambda term: f"President of {term.country.name}")
    start = datetime.date(2015, 1, 1)
    end = None


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda topic: slugify(topic.name))
    keywords = factory.LazyAttribute(lambda topic: [topic.name.lower()])


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Leaders speak by phone, report {n}")
    publisher = "Example Wire"
    body = factory.Sequence(lambda n: f"The two leaders spoke by phone on Monday. Report {n}.")
    content_hash = factory.LazyAttribute(lambda s: hashlib.sha256(s.body.encode()).hexdigest())
    origin = factory.Sequence(lambda n: f"article_{n}.txt")
    published = datetime.date(2024, 3, 4)


class CallFactory(factory.django.DjangoModelFactory):
    """A call; pass ``participants=[a, b]`` and ``topics=[t]`` to link them."""

    class Meta:
        model = Call
        skip_postgeneration_save = True

    date = datetime.date(2024, 3, 4)
    date_precision = DatePrecision.DAY
    kind = CallKind.PHONE
    summary = "The leaders discussed bilateral relations."

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        if not create:
            return
        leaders = extracted if extracted is not None else [LeaderFactory(), LeaderFactory()]
        for leader in leaders:
            Participation.objects.create(call=self, leader=leader)
        self.refresh_slug()

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.add(*extracted)


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    call = factory.SubFactory(CallFactory)
    source = factory.SubFactory(SourceFactory)
    role = SourceRole.MAIN


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    report = factory.SubFactory(ReportFactory)
    fact = "call"
    start = 0
    end = 40
    text = factory.LazyAttribute(lambda e: e.report.source.body[e.start : e.end])


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    call = factory.SubFactory(CallFactory)
    speaker = "the presidency"
    text = "The leaders agreed to stay in touch."


class AnnouncementFactory(factory.django.DjangoModelFactory):
    """A contact announced between two new leaders (``participants`` to choose them)."""

    class Meta:
        model = Announcement
        skip_postgeneration_save = True

    source = factory.SubFactory(SourceFactory)
    kind = CallKind.PHONE
    expected = datetime.date(2024, 3, 7)
    expected_precision = DatePrecision.DAY
    expected_basis = "stated"
    sentence = "The two leaders will speak by phone on Thursday."
    start = 0
    end = 48
    participant_key = factory.Sequence(lambda n: f"key-{n}")

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        if not create:
            return
        leaders = list(extracted) if extracted else [LeaderFactory(), LeaderFactory()]
        self.participants.set(leaders)
        key = ",".join(str(leader.pk) for leader in sorted(leaders, key=lambda x: x.pk))
        Announcement.objects.filter(pk=self.pk).update(participant_key=key)
        self.participant_key = key
