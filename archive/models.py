"""The archive's data: leaders, their contacts, and the sources that report them.

A **Call** is one contact (phone call, video call or meeting) between two or more
**Leaders**. **Sources** (articles, official readouts) report calls through
**Reports**, which say whether the call is the source's main event or a
background mention, and keep the **Evidence**: which sentence of the source
gave which fact. **Statements** are each side's account of a call. **Topics**
form a taxonomy whose keywords tag calls. Merged leaders and calls leave
**redirects**, so every permalink ever published keeps working.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

from django.db import connections, models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify

from . import event_codes
from .enums import (
    CallKind,
    ChangeKind,
    DatePrecision,
    DurationQualifier,
    Fact,
    ParticipantRole,
    ReviewStatus,
    SourceRole,
)
from .fields import ListField
from .links import link
from .untrusted import web_url


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Country(models.Model):
    """A country (or the European Union, code ``EU``), with the words articles use for it."""

    code = models.CharField(
        "ISO 3166-1 alpha-2 code", max_length=2, primary_key=True, help_text="For example FR, IR."
    )
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    aliases = ListField(help_text="Other names articles use, one a line (Britain, U.K.).")
    demonyms = ListField(help_text="Adjectives before a title, one a line (French, Iranian).")
    capital = models.CharField(max_length=100, blank=True)
    seats = ListField(
        "seats of government",
        help_text="Names that speak for the government, one a line (Kremlin, White House).",
    )
    region = models.CharField(max_length=40, blank=True)
    leader_title = models.CharField(
        "title of the effective leader",
        max_length=40,
        blank=True,
        help_text="The title of the office that holds effective power (prime minister where "
        "the president is ceremonial): whom “the German leader” means. Empty: any office.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2}$"), name="country_code_is_alpha2"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return link("archive:country", code=self.code.lower())


class LeaderQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(verified=True)

    def unverified(self):
        return self.filter(verified=False)


class Leader(TimestampedModel):
    """A head of state or government (or of an institution such as the European Commission)."""

    name = models.CharField(max_length=200, help_text="The canonical full name in English.")
    slug = models.SlugField(max_length=200, unique=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="leaders")
    aliases = ListField(
        help_text="Surnames, short forms and transliterations articles use, one a line."
    )
    verified = models.BooleanField(
        default=False,
        help_text="Checked by an editor. Imports never change a verified leader.",
    )
    notes = models.TextField(blank=True)

    objects = LeaderQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return link("archive:leader", slug=self.slug)

    def office_on(self, day: datetime.date | None) -> Term | None:
        """The term of office that covers ``day`` (the latest one when ``day`` is None)."""
        terms = sorted(self.terms.all(), key=lambda t: t.start or datetime.date.min)
        if day is None:
            return terms[-1] if terms else None
        for term in reversed(terms):
            if term.covers(day):
                return term
        return None


class Term(models.Model):
    """A leader's term in one office, such as "President of France" from 2017-05-14."""

    leader = models.ForeignKey(Leader, on_delete=models.CASCADE, related_name="terms")
    office = models.CharField(max_length=200, help_text='For example "President of France".')
    title = models.CharField(
        max_length=60, help_text='The generic title: "president", "prime minister", "king".'
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="terms")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True, help_text="Empty while in office.")

    class Meta:
        ordering = ["leader", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True)
                | Q(end__isnull=True)
                | Q(end__gte=models.F("start")),
                name="term_ends_after_it_starts",
            ),
        ]
        indexes = [
            # Title-only mentions ("the French president") are resolved by country, title and date.
            models.Index(fields=["country", "title"], name="term_country_title_idx"),
        ]

    def __str__(self) -> str:
        end = self.end.isoformat() if self.end else "present"
        start = self.start.isoformat() if self.start else "?"
        return f"{self.office} ({start} to {end})"

    def covers(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Topic(models.Model):
    """A subject of calls, in a taxonomy; its keywords tag calls during import."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    description = models.TextField(blank=True)
    keywords = ListField(
        help_text="Words or phrases that tag a call with this topic, one a line (case-insensitive)."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return link("archive:topic", slug=self.slug)


class SourceQuerySet(models.QuerySet):
    def without_calls(self):
        return self.filter(reports__isnull=True)


class Source(models.Model):
    """An article or official readout, kept whole: every fact points back into its text."""

    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=200, blank=True, db_index=True)
    url = models.URLField(max_length=2000, blank=True)
    published = models.DateField(null=True, blank=True, db_index=True)
    dateline = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    content_hash = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the normalised text: one source per text."
    )
    origin = models.CharField(
        max_length=500, blank=True, help_text="The file name it was imported from."
    )
    language = models.CharField(max_length=16, default="en")
    side = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # never looked up by side: read with its source
        help_text="Whose side the source speaks for: the government whose page it is (its "
        "address), or whose seat of government alone it quotes; empty when neither.",
    )
    imported_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-imported_at", "-id"]
        indexes = [
            # The sources list and its JSON twin, newest first: read in order, not sorted.
            models.Index(fields=["-imported_at", "-id"], name="source_imported_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return link("archive:source", pk=self.pk)

    @property
    def name(self) -> str:
        """What the source is called on every page and in every citation (`name_of`)."""
        return self.name_of(self.title, self.publisher, self.published, self.url)

    @staticmethod
    def name_of(title: str, publisher: str, published: datetime.date | None, url: str = "") -> str:
        """A source's headline (``title``: the one the import read from its text or was
        given); without one, an honest description, "Report by <publisher>, <date>".

        Never the opening words of the text: a first sentence cut at 90 characters
        ("...with the visiting President of…") was the page's heading and every citation's
        title, though no one had written it as a title. Read from values, so that lists and
        exports name a source without reading its text.
        """
        title = " ".join((title or "").split())
        if title:
            return title
        by = " ".join((publisher or "").split()) or _host_of(url)
        when = f"{published.day} {published:%B %Y}" if published else "undated"
        return f"Report by {by}, {when}" if by else f"Unattributed report, {when}"


def names_in_prose(names: list[str]) -> str:
    """Names as a sentence lists them: "A", "A and B", "A, B and C"."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def duration_text(minutes: int | None, qualifier: str = "") -> str:
    """A duration with its unit: "90 minutes", "more than 2 hours" ("" when unknown)."""
    if minutes is None:
        return ""
    if minutes % 60 == 0 and minutes >= 60:
        hours = minutes // 60
        amount = f"{hours} hour{'s' if hours != 1 else ''}"
    else:
        amount = f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{qualifier or ''} {amount}".strip()


def _host_of(url: str) -> str:
    """The site a web address is on, without "www." ("reuters.com"); empty if none."""
    host = urlsplit(web_url(url)).hostname or ""
    return host.removeprefix("www.")


def _calls_of(leaders) -> dict[int | None, int]:
    """How many calls each of ``leaders`` took part in, and (under ``None``) how many calls
    the archive holds, from the counts the database keeps: one query."""
    from .facet_totals import leader_calls  # it reads these models

    return leader_calls([leader.pk for leader in leaders], with_total=True)


def _fewest_calls_first(leaders, calls: dict[int | None, int] | None = None):
    """``leaders`` in order of how many calls they took part in, fewest first."""
    calls = _calls_of(leaders) if calls is None else calls
    return sorted(leaders, key=lambda leader: calls.get(leader.pk, 0))


def _share_many(leaders, calls: dict[int | None, int]) -> bool:
    """Whether ``leaders`` likely share so many calls that SQLite finds the nearest few
    sooner by walking the calls in date order than from the calls of the rarest of them.

    Were the leaders' calls independent, the walk would test ``5 / density`` calls to find
    five shared ones (density: the product of each leader's share of the archive), and the
    join from the rarest leader tests each of that leader's calls.
    """
    total = calls.get(None, 0)
    counts = sorted(calls.get(leader.pk, 0) for leader in leaders)
    if not total or not counts[0]:
        return False
    density = 1.0
    for n in counts:
        density *= n / total
    return NEAREST / density < counts[0]


#: How many neighbours a call's page shows on each side (``between``'s choice of plan).
NEAREST = 5


def is_one_sided(sides: set[str | None], countries: set[str]) -> bool:
    """Whether a call whose sources speak for ``sides`` (None: a source of no side) and whose
    participants are of ``countries`` is one-sided: every source speaks for one side, the
    same for all, and that side is one of its participants' countries."""
    return len(sides) == 1 and None not in sides and sides <= countries


class CallQuerySet(models.QuerySet):
    def reviewed(self):
        return self.filter(status=ReviewStatus.REVIEWED)

    def extracted(self):
        return self.filter(status=ReviewStatus.EXTRACTED)

    def involving(self, leader: Leader):
        return self.filter(participations__leader=leader)

    def between(self, *leaders: Leader):
        """Calls in which every one of ``leaders`` took part (for a call's neighbours: the
        few nearest in date order).

        One join of the participations per leader (a chained filter on a multi-valued
        relation): the database starts from the leader with the fewest calls and looks the
        others up by (call, leader), where ``pk IN`` subqueries would read every call of the
        busiest leader.

        SQLite's planner knows only how many calls a leader has on average, and joins the
        leaders in the order given: they are given fewest calls first, from the counts the
        database keeps (:class:`FacetTotal`). Starting from the busiest leader instead, the
        five calls before one of that leader's calls with a leader of 89 calls took 25 ms
        rather than 0.3. Leaders who share many calls are instead looked up call by call
        (``EXISTS``), so that SQLite walks the calls in the order asked: 4 ms rather than 29
        for the neighbours of a call of leaders of 12,876 and 33,519 calls (bench/README.md).
        PostgreSQL's statistics know each leader's count and it chooses for itself.
        """
        if len(leaders) > 1 and connections[self.db].vendor == "sqlite":
            calls = _calls_of(leaders)
            leaders = _fewest_calls_first(leaders, calls)
            if _share_many(leaders, calls):
                queryset = self
                for leader in leaders:
                    took_part = Participation.objects.filter(call=models.OuterRef("pk"))
                    queryset = queryset.filter(models.Exists(took_part.filter(leader=leader)))
                return queryset
        queryset = self
        for leader in leaders:
            queryset = queryset.filter(participations__leader=leader)
        return queryset

    def shared_by(self, *leaders: Leader):
        """Every call in which each of ``leaders`` took part, to be read in full (a pair's
        page), unordered: one join of the participations per leader, given fewest calls first
        on SQLite, as `between` gives them. Not `between`'s walk of the archive in date order
        for leaders who share many calls: that finds the nearest few, and reading every
        shared call that way reads every call of the archive.
        """
        if len(leaders) > 1 and connections[self.db].vendor == "sqlite":
            leaders = _fewest_calls_first(leaders)
        queryset = self
        for leader in leaders:
            queryset = queryset.filter(participations__leader=leader)
        return queryset

    def refresh_one_sided(self, ids) -> None:
        """Work out again whether each of the calls ``ids`` is one-sided (``Call.one_sided``):
        every source of it speaks for one side, the same for all, and that side is one of
        its participants' countries. Three queries, whatever the number of calls."""
        ids = list(ids)
        sides: dict[int, set[str | None]] = {pk: set() for pk in ids}
        for call_id, side in Report.objects.filter(call_id__in=ids).values_list(
            "call_id", "source__side_id"
        ):
            sides[call_id].add(side)
        countries: dict[int, set[str]] = {pk: set() for pk in ids}
        for call_id, country in Participation.objects.filter(call_id__in=ids).values_list(
            "call_id", "leader__country_id"
        ):
            countries[call_id].add(country)
        one_sided = {pk for pk in ids if is_one_sided(sides[pk], countries[pk])}
        self.filter(pk__in=one_sided, one_sided=False).update(one_sided=True)
        self.filter(pk__in=set(ids) - one_sided, one_sided=True).update(one_sided=False)

    def in_year(self, year: int):
        return self.filter(year=year)

    def with_related(self):
        """What a list of calls shows: participants with countries, topics, initiator."""
        # Only the columns a list shows: the leaders' aliases, notes and the countries'
        # demonyms are JSON and text a page of results would decode for nothing.
        return self.select_related("initiator").prefetch_related(
            models.Prefetch(
                "participations",
                queryset=Participation.objects.select_related("leader__country")
                .only(
                    "call_id",
                    "role",
                    "leader__name",
                    "leader__slug",
                    "leader__country__name",
                    "leader__country__slug",
                )
                .order_by("leader__name"),
            ),
            models.Prefetch("topics", queryset=Topic.objects.only("name", "slug")),
        )


class Call(TimestampedModel):
    """One contact between two or more leaders: a phone call, a video call or a meeting."""

    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    date_inferred = models.CharField(
        max_length=300,
        blank=True,
        help_text="How the date was worked out where no source states it in full "
        '("year inferred from the dateline of 3 July 2025"); empty when a source states it.',
    )
    # Derived from ``date`` in save(): the year and month facets group on plain indexed
    # integers, several times faster than extracting them from the date (measured: bench/README.md).
    year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    month = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    kind = models.CharField(max_length=8, choices=CallKind.choices, default=CallKind.PHONE)
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    duration_qualifier = models.CharField(
        max_length=10,
        choices=DurationQualifier.choices,
        blank=True,
        default=DurationQualifier.EXACT,
    )
    initiator = models.ForeignKey(
        Leader, null=True, blank=True, on_delete=models.SET_NULL, related_name="initiated_calls"
    )
    participants = models.ManyToManyField(Leader, through="Participation", related_name="calls")
    topics = models.ManyToManyField(Topic, blank=True, related_name="calls")
    summary = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.EXTRACTED
    )
    slug = models.SlugField(max_length=200, blank=True)
    one_sided = models.BooleanField(
        default=False,
        help_text="Every source of the call is one participant's side: its government's "
        "page, or a report that quotes that side's seat of government alone. Kept by the "
        "import (Call.objects.refresh_one_sided).",
    )

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date__isnull=False) | Q(date_precision=DatePrecision.UNKNOWN),
                name="call_undated_has_unknown_precision",
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__isnull=False) | Q(duration_qualifier=""),
                name="call_qualifier_needs_duration",
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__isnull=True) | Q(duration_minutes__lte=7 * 24 * 60),
                name="call_duration_at_most_a_week",
            ),
        ]
        indexes = [
            # The calls list sorts by date; the year and month facets group on these.
            models.Index(fields=["-date", "-id"], name="call_date_idx"),
            models.Index(fields=["year", "month"], name="call_year_month_idx"),
            models.Index(fields=["kind"], name="call_kind_idx"),
            models.Index(fields=["status"], name="call_status_idx"),
            # The calls list sorted by duration ("longest first").
            models.Index(fields=["-duration_minutes", "-id"], name="call_duration_idx"),
            # "Recently archived": newest records first.
            models.Index(fields=["-created_at", "-id"], name="call_created_idx"),
            # The Atom feeds: the calls that changed last first.
            models.Index(fields=["-updated_at", "-id"], name="call_updated_idx"),
            # The calls list filtered to one-sided readouts, and the review queue's reason.
            models.Index(
                fields=["-date", "-id"], condition=Q(one_sided=True), name="call_one_sided_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.year = self.date.year if self.date else None
        self.month = self.date.month if self.date and self.date_precision != "year" else None
        if not self.slug:
            self.slug = self.build_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return self.url_of(self.pk, self.slug)

    @staticmethod
    def url_of(pk: int, slug: str) -> str:
        """The permalink of call ``pk`` with ``slug``, without the call (exports read values)."""
        return link("archive:call", pk=pk, slug=slug or "call")

    @property
    def leader_names(self) -> list[str]:
        return [p.leader.name for p in self.participations.all()]

    @property
    def title(self) -> str:
        names = names_in_prose(self.leader_names) if self.pk else ""
        when = self.date_display
        kind = self.get_kind_display()
        return f"{kind}: {names or 'unknown participants'}, {when}"

    @property
    def date_display(self) -> str:
        if not self.date or self.date_precision == DatePrecision.UNKNOWN:
            return "date unknown"
        if self.date_precision == DatePrecision.YEAR:
            return str(self.date.year)
        if self.date_precision == DatePrecision.MONTH:
            return self.date.strftime("%B %Y")
        return f"{self.date.day} {self.date.strftime('%B %Y')}"

    @property
    def cameo_code(self) -> str:
        """The call's event code in the CAMEO ontology (`archive.event_codes`)."""
        return event_codes.cameo_code(self.kind)

    @property
    def cameo_name(self) -> str:
        return event_codes.cameo_name(self.kind)

    @property
    def duration_display(self) -> str:
        return duration_text(self.duration_minutes, self.duration_qualifier)

    def build_slug(self) -> str:
        """A readable slug: date, participants and kind; the id keeps the URL unique."""
        parts = [self.date.isoformat() if self.date else "undated"]
        if self.pk:
            parts += [p.leader.slug for p in self.participations.select_related("leader")]
        parts.append(self.kind)
        return slugify("-".join(parts))[:200]

    def refresh_slug(self) -> None:
        self.slug = self.build_slug()
        Call.objects.filter(pk=self.pk).update(slug=self.slug)


class CallSearchDocument(models.Model):
    """The text a call is found by, one row a call, written only by the database.

    Triggers created in migration 0002 rebuild a call's row whenever the call, its
    participants (their names, aliases and countries), topics, statements, sources
    or evidence change, so every write path (importer, admin, shell, bulk inserts)
    keeps search current. Main sources give their title and body; background
    sources give only their evidence sentences, so an article about one call does
    not make older calls it mentions match its every word. On PostgreSQL the table
    also holds a generated, weighted ``vector`` column (GIN-indexed); on SQLite the
    FTS5 table ``archive_callsearch_fts`` indexes it as external content. Neither
    is a model field: both are vendor-specific; ``archive.search`` queries them.
    """

    call = models.OneToOneField(
        Call,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_document",
    )
    names = models.TextField(default="", help_text="Participants: names, aliases, countries.")
    topics = models.TextField(default="")
    summary = models.TextField(default="")
    statements = models.TextField(default="")
    sources = models.TextField(default="")

    def __str__(self) -> str:
        return f"search document of call {self.call_id}"


class Participation(models.Model):
    """A leader's part in a call."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="participations")
    leader = models.ForeignKey(Leader, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(
        max_length=12, choices=ParticipantRole.choices, default=ParticipantRole.PARTICIPANT
    )

    class Meta:
        ordering = ["call", "leader__name"]
        constraints = [
            models.UniqueConstraint(fields=["call", "leader"], name="participation_once_per_call"),
        ]
        indexes = [
            # Leader facet and leader pages: start from the leader, reach the calls.
            models.Index(fields=["leader", "call"], name="participation_leader_call_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.leader} in call {self.call_id}"


class Report(models.Model):
    """A source's report of a call: the call is its main event or a background mention."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reports")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="reports")
    role = models.CharField(max_length=10, choices=SourceRole.choices, default=SourceRole.MAIN)

    class Meta:
        ordering = ["call", "role", "source"]
        constraints = [
            models.UniqueConstraint(fields=["call", "source"], name="report_once_per_call_source"),
        ]
        indexes = [
            # Source pages list the calls a source reports.
            models.Index(fields=["source", "call"], name="report_source_call_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.source} reports call {self.call_id} ({self.role})"


class Evidence(models.Model):
    """The sentence of a source that gave one fact of a call, by character offsets."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    fact = models.CharField(max_length=12, choices=Fact.choices)
    detail = models.CharField(
        max_length=200, blank=True, help_text="Which participant or topic, where the fact has one."
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField(help_text="The sentence, as it stands in the source.")

    class Meta:
        ordering = ["report", "start", "fact"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="evidence_span"),
        ]

    def __str__(self) -> str:
        return f"{self.get_fact_display()}: {self.text[:80]}"


class Statement(models.Model):
    """One side's attributed account of a call ("the Kremlin said ...")."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="statements")
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    speaker = models.CharField(
        max_length=300, help_text='As written: "the presidency", "his office".'
    )
    side_leader = models.ForeignKey(
        Leader, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    side_country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    text = models.TextField()
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["call", "side_country", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True)
                | Q(end__isnull=True)
                | Q(end__gte=models.F("start")),
                name="statement_span",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.speaker}: {self.text[:80]}"

    @property
    def attribution(self) -> str:
        """Who the statement is from, as a reader can follow it (`attribution_of`)."""
        side = self.side_country.name if self.side_country_id else ""
        if not side and self.side_leader_id:
            side = self.side_leader.country.name
        leader = self.side_leader.name if self.side_leader_id else ""
        return attribution_of(self.speaker, leader, side)


#: Speakers that name no one by themselves: "he" stands for whoever the text spoke of.
PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them"})
#: "his office", "her spokesperson": someone's office, whose the pronoun does not say.
_PRONOUN_OFFICE_RE = re.compile(r"(?:his|her|their|its)\s+(?P<office>.+)", re.IGNORECASE)
#: "the statement", "a readout": a document, not who issued it.
_DOCUMENT_RE = re.compile(
    r"(?:a|an|the|this|that)\s+(?:joint\s+|official\s+|written\s+|press\s+)?"
    r"(?P<document>statement|readout|communiqu[eé]|release|transcript|report|summary|post)",
    re.IGNORECASE,
)
#: "a Iranian official": the article before a vowel sound.
_ARTICLE_RE = re.compile(r"^([Aa]) (?=[AEIOaeio](?!u))")


def attribution_of(speaker: str, leader: str = "", side: str = "") -> str:
    """Who said it, for a reader: the speaker as the source wrote it, unless it names no
    one by itself. A pronoun ("He") is the leader of its side when the import tied it to
    one, else the side alone ("Iran"); "his office" is that leader's office; "the
    statement" is the side's statement ("Iran, in a statement")."""
    spoken = " ".join(speaker.split())
    lower = spoken.lower()
    if lower in PRONOUNS or not spoken:
        return leader or side or "Unattributed"
    office = _PRONOUN_OFFICE_RE.fullmatch(spoken)
    if office:
        owner = f"{leader}’s" if leader else (f"{side}’s" if side else "A leader’s")
        return f"{owner} {office.group('office')}"
    document = _DOCUMENT_RE.fullmatch(spoken)
    if document:
        kind = document.group("document").lower()
        return f"{side}, in a {kind}" if side else f"A {kind}"
    return _ARTICLE_RE.sub(r"\1n ", spoken)


class PossibleDuplicate(TimestampedModel):
    """A call an import kept apart from another it may be the same as, for an editor to judge.

    Written by the import when a report fits more than one call, or fits one that nothing
    ties it to (see :mod:`archive.matching`); ``reason`` says why it was not merged.
    """

    class Status(models.TextChoices):
        OPEN = "open", "To be judged"
        NOT_SAME = "not_same", "Not the same call"

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="possible_duplicates")
    other = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "other"], name="possible_duplicate_once"),
            models.CheckConstraint(
                condition=~Q(call=F("other")), name="possible_duplicate_of_another_call"
            ),
        ]

    def __str__(self) -> str:
        return f"call {self.call_id} may be call {self.other_id}"


class DistinctReports(models.Model):
    """Two sources an editor judged to report different calls ("not the same").

    Kept by the sources' text (their content hashes), not by call ids: a call deleted and
    imported again from the same articles is a new row, and the import does not ask an
    editor again about a pair whose sources this holds (it stores the pair as not the
    same). The two hashes are kept in order, the smaller first, so a pair is one row.
    """

    first = models.CharField(max_length=64)
    second = models.CharField(max_length=64)
    judged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "distinct reports"
        verbose_name_plural = "distinct reports"
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="distinct_reports_once"),
            models.CheckConstraint(
                condition=Q(first__lt=F("second")), name="distinct_reports_in_order"
            ),
        ]
        indexes = [
            # The import looks a source up on either side (the unique constraint serves "first").
            models.Index(fields=["second"], name="distinct_reports_second_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.first[:12]}… and {self.second[:12]}… report different calls"

    @classmethod
    def remember(cls, first_hashes, second_hashes) -> None:
        """Remember that every source of ``first_hashes`` reports another call than every
        one of ``second_hashes``."""
        pairs = {tuple(sorted((a, b))) for a in first_hashes for b in second_hashes if a != b}
        cls.objects.bulk_create(
            [cls(first=a, second=b) for a, b in sorted(pairs)], ignore_conflicts=True
        )

    @classmethod
    def judged(cls, first_hashes, second_hashes) -> bool:
        """Whether an editor said a source of each set reports a different call."""
        pairs = {tuple(sorted((a, b))) for a in first_hashes for b in second_hashes if a != b}
        if not pairs:
            return False
        condition = Q()
        for a, b in pairs:
            condition |= Q(first=a, second=b)
        return cls.objects.filter(condition).exists()


def unlink_announcements(collector, field, sub_objs, using) -> None:
    """``on_delete`` of an announcement's call: the announcement is pending again (its call
    first, then its status, so that no row is ever tied to a call without being held)."""
    collector.add_field_update(field, None, sub_objs)
    collector.add_field_update(
        field.model._meta.get_field("status"), Announcement.Status.PENDING, sub_objs
    )


class AnnouncementQuerySet(models.QuerySet):
    def pending(self) -> AnnouncementQuerySet:
        """Not yet tied to a call, and not marked by an editor as not held."""
        return self.filter(status=Announcement.Status.PENDING, call__isnull=True)

    def past_their_date(self, today: datetime.date | None = None) -> AnnouncementQuerySet:
        """Pending announcements whose expected day (or month) is over by more than the
        grace days: "not held, as far as the archive knows" (read, never stored)."""
        today = today or timezone.localdate()
        cutoff = today - datetime.timedelta(days=Announcement.GRACE_DAYS)
        month_over = cutoff.replace(day=1) - datetime.timedelta(days=1)
        return self.pending().filter(
            Q(expected_precision=DatePrecision.DAY, expected__lt=cutoff)
            | Q(expected_precision=DatePrecision.MONTH, expected__lte=month_over)
        )


class Announcement(TimestampedModel):
    """A contact between leaders announced, requested or proposed by a source, not reported
    there as held: "X will hold a phone call with Y on Thursday", "Y requested a call".

    Never a call: it enters no list, count, facet or export of calls. The import ties it
    to the call once a report of that call arrives (``call``, status held), whichever of
    the two is imported first (:mod:`archive.announcing`). One whose expected day has passed
    with no call is read as not held "as far as the archive knows" (:attr:`state`); an
    editor may mark it not held for good.
    """

    #: Days after its expected day before an announcement with no call reads as not held.
    GRACE_DAYS = 2

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        HELD = "held", "Held"
        NOT_HELD = "not_held", "Not held"

    class Wording(models.TextChoices):
        ANNOUNCED = "announced", "Announced"
        REQUESTED = "requested", "Requested"
        PROPOSED = "proposed", "Proposed"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="announcements")
    participants = models.ManyToManyField(Leader, related_name="announcements")
    #: The participants' ids in order, joined with commas: one announcement per source and
    #: set of leaders (an article imported again adds nothing).
    participant_key = models.CharField(max_length=200, editable=False)
    kind = models.CharField(max_length=8, choices=CallKind.choices, default=CallKind.OTHER)
    wording = models.CharField(
        max_length=10,
        choices=Wording.choices,
        default=Wording.ANNOUNCED,
        help_text="What the source says of the contact: announced, requested or proposed.",
    )
    requested_by = models.ForeignKey(
        Leader, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    expected = models.DateField(
        null=True, blank=True, help_text="The day (or month) the source expects it."
    )
    expected_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    expected_basis = models.CharField(
        max_length=300, blank=True, help_text="How the expected date was read from the text."
    )
    sentence = models.TextField(help_text="The sentence, as it stands in the source.")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    call = models.ForeignKey(
        Call, on_delete=unlink_announcements, null=True, blank=True, related_name="announcements"
    )

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        ordering = ["-expected", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "participant_key"], name="announcement_once_per_source"
            ),
            # Tied to a call only when held (archive.announcing writes both at once).
            models.CheckConstraint(
                condition=Q(call__isnull=True) | Q(status="held"),
                name="announcement_call_only_when_held",
            ),
        ]
        indexes = [
            # The import looks up the pending announcements a new call may fulfil.
            models.Index(
                fields=["expected"],
                name="announcement_pending_idx",
                condition=Q(status="pending"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_wording_display()} contact ({self.participant_key})"

    @property
    def state(self) -> str:
        """ "held", "not held" (an editor's word), "not held as far as the archive knows"
        (its date is over by the grace days and no call was reported) or "pending"."""
        if self.call_id is not None:
            return "held"
        if self.status == self.Status.NOT_HELD:
            return "not held"
        if self.expected is not None and self.expected_precision in (
            DatePrecision.DAY,
            DatePrecision.MONTH,
        ):
            last = self.expected
            if self.expected_precision == DatePrecision.MONTH:
                last = (last.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
                last -= datetime.timedelta(days=1)
            if last + datetime.timedelta(days=self.GRACE_DAYS) < timezone.localdate():
                return "not held as far as the archive knows"
        return "pending"


class CallRedirect(models.Model):
    """A merged call's old id, so that its permalink redirects to the call it was merged into."""

    old_id = models.BigIntegerField(unique=True)
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="redirects")
    merged_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"call {self.old_id} → {self.call_id}"


class CallChangeQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-at", "-id")


class CallChange(models.Model):
    """One public fact of a call's history: added, a source added, dated, corrected, merged
    into another call, deleted; when, and what changed (old → new), in words.

    Written by the import (one bulk insert an article), by merges and by the admin's saves
    (:mod:`archive.changes`). ``call_id`` is the call's id, not a foreign key: the row
    outlives the call it tells of, so that a merged or deleted call's permalink still has
    its history. Only public facts: never who edited, never a private note.
    """

    call_id = models.BigIntegerField()
    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=10, choices=ChangeKind.choices)
    description = models.CharField(max_length=1000, blank=True)
    #: The call a merged call went into (or, for the survivor, the call merged into it).
    other_call_id = models.BigIntegerField(null=True, blank=True)
    #: The source a report came from (the import's changes).
    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # never looked up by source: read with its change
    )

    objects = CallChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            # The change log, newest first, and its filter by date.
            models.Index(fields=["-at", "-id"], name="callchange_at_idx"),
            # The change log filtered by kind.
            models.Index(fields=["kind", "-at", "-id"], name="callchange_kind_idx"),
            # A call's own changes, on its page (and a merged call's, by its old id).
            models.Index(fields=["call_id", "-at", "-id"], name="callchange_call_idx"),
        ]

    def __str__(self) -> str:
        return f"call {self.call_id}: {self.get_kind_display()} {self.at:%Y-%m-%d}"


class LeaderRedirect(models.Model):
    """A merged (or renamed) leader's old slug, redirecting to the surviving record."""

    old_slug = models.SlugField(max_length=200, unique=True)
    leader = models.ForeignKey(Leader, on_delete=models.CASCADE, related_name="redirects")
    merged_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.leader.slug}"


class ArchiveVersion(models.Model):
    """One row whose number database triggers raise on every write to the archive's tables.

    Public pages are cached under it (see :mod:`archive.caching`); nothing else writes it.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    value = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="archive_version_is_one_row"),
        ]

    def __str__(self) -> str:
        return f"archive version {self.value}"


class WriteBatch(models.Model):
    """A row that exists only inside the transaction of a batch of writes (an import).

    While it exists, the triggers that would rebuild a call's search document on every
    row written queue the call in :class:`PendingSearchDocument` instead, and SQLite's
    version triggers stay quiet; the batch rebuilds each queued document once and raises
    the archive's version once before it commits (see :mod:`archive.batches`). Other
    connections never see the row: it is written and deleted in the same transaction.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="write_batch_is_one_row"),
        ]

    def __str__(self) -> str:
        return "write batch in progress"


class PendingSearchDocument(models.Model):
    """A call whose search document waits for the end of the current write batch."""

    call_id = models.BigIntegerField(primary_key=True)

    def __str__(self) -> str:
        return f"search document of call {self.call_id}, pending"


class PendingFacetCall(models.Model):
    """A call whose facet values wait for the end of the current write batch."""

    call_id = models.BigIntegerField(primary_key=True)

    def __str__(self) -> str:
        return f"facet values of call {self.call_id}, pending"


class CallFacet(models.Model):
    """One facet value a call counts towards, written only by the database.

    Each call's set of (facet, value) pairs (its kind, its year and month, each leader,
    country, topic and publisher once) is kept so that a change to the call can be
    subtracted from :class:`FacetTotal` before the new set is added (see
    :mod:`archive.facet_totals`).
    """

    pk = models.CompositePrimaryKey("call_id", "facet", "value")
    call_id = models.BigIntegerField()
    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=200)

    def __str__(self) -> str:
        return f"call {self.call_id}: {self.facet} {self.value}"


class CallFacetSet(models.Model):
    """A call's facet values in one row, written only by the database.

    The same pairs as its :class:`CallFacet` rows (but ``all``), each ``facet:value``, joined
    by :data:`SEPARATOR`. A filtered list counts the values of a few thousand calls by
    reading one short row each rather than a dozen index entries each and grouping them
    (:class:`archive.facets.SelectionCounts`; see :mod:`archive.facet_totals`).
    """

    #: Between the values of ``facets``: a control character that no value holds (the
    #: database replaces it by a space in a publisher's name that has one).
    SEPARATOR = "\x1f"

    call_id = models.BigIntegerField(primary_key=True)
    facets = models.TextField()

    def __str__(self) -> str:
        return f"call {self.call_id}: {self.facets.replace(self.SEPARATOR, ', ')}"


class FacetTotal(models.Model):
    """How many calls of the whole archive have each facet value, kept by the database.

    The unfiltered calls list reads its facets here instead of counting every link row
    (see :mod:`archive.facet_totals`); a filtered list counts its own calls.
    """

    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=200)
    calls = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["facet", "value"], name="facet_total_unique_value"),
        ]
        indexes = [models.Index(fields=["facet", "-calls"], name="facet_total_ranking_idx")]

    def __str__(self) -> str:
        return f"{self.facet} {self.value}: {self.calls} calls"
