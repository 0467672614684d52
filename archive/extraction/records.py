"""What the engine hands back: plain dataclasses, no behaviour beyond small helpers.

Every offset is a character offset into ``ArticleRecord.text`` (the whole input text,
header and dateline included), so a span can be shown or stored as it stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

#: Facts an Evidence row can support (the archive's ``Fact`` vocabulary).
FACTS = ("call", "participant", "date", "kind", "duration", "initiator", "topic", "statement")
#: Kinds of contact.
KINDS = ("phone", "video", "meeting", "other")
#: How much of ``ExtractedCall.date`` is known.
PRECISIONS = ("day", "month", "year", "unknown")
#: Qualifiers of a duration; None means the duration was given exactly.
QUALIFIERS = ("about", "more than", "less than")
#: The part a call plays in the article.
ROLES = ("main", "background")


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` in the article text."""

    start: int
    end: int

    def text(self, article_text: str) -> str:
        """The characters of ``article_text`` this span covers."""
        return article_text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(slots=True)
class LeaderRef:
    """A head of state or government as the article names them.

    ``known`` is False for a leader discovered from a title pattern ("Kenyan President
    William Ruto") who is not in the knowledge base; such a leader has no slug.
    """

    slug: str | None
    name: str
    country: str | None
    office: str | None
    known: bool

    @property
    def key(self) -> str:
        """A stable identity inside one article: the slug, or the name for a discovered leader."""
        return self.slug if self.slug is not None else f"new:{self.name}"


@dataclass(slots=True)
class Evidence:
    """One fact of a call and the sentence that supports it.

    ``detail`` says which participant, topic, date or speaker the row is about;
    ``match`` narrows the span to the words that gave the fact, where that is known.
    """

    fact: str
    span: Span
    detail: str | None = None
    match: Span | None = None


@dataclass(slots=True)
class ExtractedStatement:
    """An attributed account: "…, the presidency said", "according to X's office"."""

    speaker: str
    side_country: str | None
    side_leader: str | None
    text: str
    span: Span
    sentence: Span | None = None


@dataclass(slots=True)
class ExtractedCall:
    """One contact between two or more leaders that the article reports as having happened."""

    participants: list[LeaderRef]
    kind: str
    date: date | None
    date_precision: str
    duration_minutes: int | None
    duration_qualifier: str | None
    initiator: LeaderRef | None
    role: str
    topics: list[str]
    statements: list[ExtractedStatement]
    evidence: list[Evidence]
    #: The sentence that first reports the contact, as written.
    summary: str = ""
    #: Where the date came from: "explicit", "relative" (weekday, today, yesterday),
    #: "dateline", or None when there is no date.
    date_basis: str | None = None
    #: True when the year had to be worked out (from the published date or a span such
    #: as "for the first time in three years") rather than read.
    year_inferred: bool = False
    #: The weekday the text gives the contact ("Saturday"), resolved or not: an undated
    #: report "on Saturday" can still be matched with a dated one of the same day.
    weekday: str | None = None
    #: How the date was worked out when the text does not state it in full ("'on Saturday'
    #: counted from the article's date (12 June 2023)"); None when it does.
    date_inferred: str | None = None
    #: The month and day ("07-28") an undated contact is given without its year: a report
    #: of it can still be matched with a dated one of that day.
    month_day: str | None = None
    #: Told as another contact than an earlier one of the same leaders ("a new phone
    #: conversation", "a second call", "spoke again"): never the call of the day before.
    again: bool = False


#: What an announcement says of its contact.
ANNOUNCEMENT_STATUSES = ("announced", "requested", "proposed")


@dataclass(slots=True)
class ExtractedAnnouncement:
    """A contact between leaders announced, requested or proposed, not reported as held:
    "X will hold a phone call with Y on Thursday", "Y requested a call with X".

    Never a call. ``expected`` is the day (or month) the text names for it, which is
    counted forward from the article's date where the text does not state it in full
    (``expected_basis`` says how); ``requested_by`` is the leader who asked for or
    offered it, when the sentence says so; ``sentence`` is the sentence that tells it.
    """

    participants: list[LeaderRef]
    kind: str
    status: str
    expected: date | None
    expected_precision: str
    expected_basis: str | None
    sentence: Span
    summary: str
    requested_by: LeaderRef | None = None


@dataclass(slots=True)
class ArticleRecord:
    """Everything the engine read from one article."""

    text: str
    title: str | None
    publisher: str | None
    url: str | None
    published: date | None
    dateline: str | None
    language: str
    calls: list[ExtractedCall]
    leaders: list[LeaderRef]
    warnings: list[str]
    #: A wire agency named by the dateline ("(Agency) -", "/AGENCY/."), even when the
    #: caller supplied another publisher.
    agency: str | None = None
    #: The dateline's month and day with the year read or worked out, when it has both.
    dateline_date: date | None = None
    #: Every attributed statement in the article, about a call or not.
    statements: list[ExtractedStatement] = field(default_factory=list)
    #: The country whose government the page speaks for (its address, or the one seat of
    #: government it quotes), as :func:`archive.extraction.hosts.host_country` reads it.
    host_country: str | None = None
    #: Contacts announced, requested or proposed but not reported as held (never calls).
    announcements: list[ExtractedAnnouncement] = field(default_factory=list)

    @property
    def main_calls(self) -> list[ExtractedCall]:
        """The contacts the article is about."""
        return [call for call in self.calls if call.role == "main"]

    @property
    def background_calls(self) -> list[ExtractedCall]:
        """Earlier contacts the article mentions."""
        return [call for call in self.calls if call.role == "background"]
