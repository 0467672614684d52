"""Two leaders side by side (``/leaders/<a>/and/<b>/``): every call both took part in, the gap
before each in words, their topics per year, and what each side said.

A call of three or more leaders that both took part in is one of the pair's calls. Calls
with no date are listed apart and take no part in the gaps; a call known only to its month or
year gives gaps at that precision ("about 4 months after the previous call").

The wording of gaps (`gap_words`) is plain Python over dates; the rest reads the database in
a bounded number of queries whatever the number of calls: the pair's calls once (a few
columns each), then only what one page shows.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse

from .enums import DatePrecision
from .idlists import listed
from .models import Call, Leader, Participation, Statement

#: How many statements of each side the page shows.
MAX_STATEMENTS = 25
#: How many topics a year's row names (the rest are counted).
TOPICS_PER_YEAR = 8

_COARSER = {DatePrecision.DAY: 0, DatePrecision.MONTH: 1, DatePrecision.YEAR: 2}


def pair_url(one: Leader, other: Leader) -> str:
    """The one address of the pair's page: the two slugs in alphabetical order."""
    return pair_path(one.slug, other.slug)


def pair_path(slug: str, other: str) -> str:
    """`pair_url` from the two leaders' slugs (the sitemap reads slugs, not leaders)."""
    first, second = sorted((slug, other))
    return reverse("archive:leader-pair", kwargs={"slug": first, "other": second})


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (1 March to 31 March: 0; to
    1 April: 1)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def span_words(months: int) -> str:
    """A span of whole months in words: "5 months", "1 year", "2 years and 9 months"."""
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'' if years == 1 else 's'}")
    if months or not years:
        parts.append(f"{months} month{'' if months == 1 else 's'}")
    return " and ".join(parts)


def gap_words(
    previous: datetime.date,
    previous_precision: str,
    current: datetime.date,
    current_precision: str,
) -> str:
    """How long after the previous call a call came, in words, at the coarser of the two
    dates' precisions: "3 days after the previous call", "the day after the previous call",
    "5 months after the previous call", "first call in 2 years and 9 months"; "about" when a
    date is known only to its month or year. A year or more apart is "first call in ...".
    Both dates are dated (precision day, month or year), ``current`` not before ``previous``.
    """
    precision = max(_COARSER[previous_precision], _COARSER[current_precision])
    if precision == _COARSER[DatePrecision.YEAR]:
        years = current.year - previous.year
        if years == 0:
            return "in the same year as the previous call"
        if years == 1:
            return "the year after the previous call"
        return f"first call in about {years} years"
    if precision == _COARSER[DatePrecision.MONTH]:
        months = (current.year - previous.year) * 12 + current.month - previous.month
        if months == 0:
            return "in the same month as the previous call"
        if months == 1:
            return "the month after the previous call"
        if months < 12:
            return f"about {months} months after the previous call"
        return f"first call in about {span_words(months)}"
    days = (current - previous).days
    if days == 0:
        return "the same day as the previous call"
    if days == 1:
        return "the day after the previous call"
    months = months_between(previous, current)
    if months < 2:
        return f"{days} days after the previous call"
    if months < 12:
        return f"{months} months after the previous call"
    return f"first call in {span_words(months)}"


@dataclass
class PairCall:
    """One of the pair's calls, as read for every call of the pair: enough to order it, place
    it in the timeline and word the gap before it."""

    pk: int
    date: datetime.date | None
    precision: str
    inferred: str
    year: int | None
    month: int | None
    with_others: bool
    gap: str = ""
    call: Call | None = None  # the whole call, for the calls one page shows

    @property
    def dated(self) -> bool:
        return self.date is not None and self.precision != DatePrecision.UNKNOWN

    @property
    def date_display(self) -> str:
        """The date as a call's page gives it ("June 2023" when known to the month)."""
        return Call(date=self.date, date_precision=self.precision).date_display


def calls_of_pair(one: Leader, other: Leader) -> list[PairCall]:
    """Every call both leaders took part in, oldest first (undated last), each dated one with
    the gap since the dated call before it; one query (two on SQLite, which joins the
    leaders' participations from the one with fewer calls: ``Call.objects.shared_by``).

    Sorted here rather than by the database: asked for an order, SQLite may walk the whole
    archive in date order.
    """
    others = Participation.objects.filter(call=OuterRef("pk")).exclude(
        leader_id__in=[one.pk, other.pk]
    )
    rows = (
        Call.objects.shared_by(one, other)
        .annotate(with_others=Exists(others))
        .order_by()
        .values_list(
            "pk", "date", "date_precision", "date_inferred", "year", "month", "with_others"
        )
    )
    calls = [PairCall(*row) for row in rows]
    dated = sorted((call for call in calls if call.dated), key=lambda c: (c.date, c.pk))
    for before, call in zip([None, *dated], dated, strict=False):
        if before is None:
            call.gap = "their first call in the archive"
        else:
            call.gap = gap_words(before.date, before.precision, call.date, call.precision)
    undated = sorted((call for call in calls if not call.dated), key=lambda c: c.pk)
    return dated + undated


def fill(calls: list[PairCall]) -> None:
    """Read the whole of ``calls`` (what a list of calls shows), in three queries."""
    found = Call.objects.with_related().in_bulk([call.pk for call in calls])
    for call in calls:
        call.call = found.get(call.pk)


def per_month(calls: list[PairCall]) -> list[tuple[int | None, int | None, int]]:
    """(year, month, count) rows of ``calls`` for a timeline, as the facets count them."""
    return [(y, m, n) for (y, m), n in Counter((c.year, c.month) for c in calls).items()]


@dataclass
class YearTopics:
    year: int | None  # None: the calls with no date
    calls: int
    topics: list[tuple[str, str, int]]  # (name, slug, calls), most calls first
    more: int = 0  # topics not named


def topics_per_year(calls: list[PairCall]) -> list[YearTopics]:
    """For each year of the pair's calls (oldest first, the undated last), how many of them
    there were and their topics with the number of calls of each; one query."""
    per_year = Counter(call.year for call in calls)
    rows = (
        Call.topics.through.objects.filter(call_id__in=listed([call.pk for call in calls]))
        .values_list("call__year", "topic__name", "topic__slug")
        .annotate(n=Count("id"))
        .order_by()
    )
    topics: dict[int | None, list[tuple[str, str, int]]] = {}
    for year, name, slug, n in rows:
        topics.setdefault(year, []).append((name, slug, n))
    years = sorted(per_year, key=lambda year: (year is None, year or 0))
    result = []
    for year in years:
        named = sorted(topics.get(year, []), key=lambda row: (-row[2], row[0]))
        result.append(
            YearTopics(
                year,
                per_year[year],
                named[:TOPICS_PER_YEAR],
                max(0, len(named) - TOPICS_PER_YEAR),
            )
        )
    return result


@dataclass
class Side:
    """What one leader's side said in the pair's calls: their statements, oldest call first."""

    leader: Leader
    statements: list[Statement] = field(default_factory=list)
    more: int = 0  # statements past the first MAX_STATEMENTS


def side_statements(leader: Leader, other: Leader, calls: list[PairCall]) -> Side:
    """The statements of ``leader``'s side in ``calls``: those tied to the leader, and those
    tied to their country alone (unless both leaders are of one country). One query, and one
    more to count them when there are more than MAX_STATEMENTS."""
    mine = Q(side_leader=leader)
    if leader.country_id != other.country_id:
        mine |= Q(side_leader__isnull=True, side_country_id=leader.country_id)
    statements = Statement.objects.filter(mine, call_id__in=listed([call.pk for call in calls]))
    shown = list(
        statements.select_related("call", "source", "side_leader__country", "side_country")
        .defer("source__body", "side_leader__notes", "call__summary")
        .order_by(F("call__date").asc(nulls_last=True), "call_id", "start", "pk")[
            : MAX_STATEMENTS + 1
        ]
    )
    side = Side(leader, shown[:MAX_STATEMENTS])
    if len(shown) > MAX_STATEMENTS:
        side.more = statements.count() - MAX_STATEMENTS
    return side
