"""Read-only questions the public pages ask of the archive, shaped for speed.

The front page and the pages of a leader, a topic and a country rank leaders, topics and
countries among a set of calls and draw its calls per month. All of it comes from the facet
counts the calls list uses (:mod:`archive.facets`): for every call, the counts the database
keeps; for the calls of one leader, topic or country, their stored facet values counted once
(:class:`CallSet`), exactly, as the calls list counts them (archive.facet_bitmaps). Only the
few winners are then fetched by id.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from .. import charts, facet_bitmaps
from ..facet_totals import total_calls
from ..facets import ArchiveCounts, Counts, SelectionCounts, year_month
from ..idlists import Selection, listed
from ..models import Call, CallFacet, Country, Leader, Topic
from .common import PER_PAGE


@dataclass(frozen=True)
class Counted:
    """A record and how many calls it has in the set in question."""

    obj: object
    count: int


class CallSet:
    """The calls a page is about: how many they are, their facet counts, and the calls
    themselves for listing them newest first.

    A leader's, a topic's or a country's calls are those with that facet value (``facet``,
    ``value`` as :mod:`archive.facet_totals` stores them); ``ids``, a query of their ids
    (one column, each call once), is read once: a leader's calls are the ids of their
    participations, which the database reads from an index without visiting the calls.
    Without them, every call: its counts are the kept ones.
    """

    def __init__(self, facet: str = "", value: object = None, ids: QuerySet | None = None):
        if ids is None:
            self.calls = Call.objects.all()
            self.counts: Counts = ArchiveCounts()
            self.count = None
            return
        bitmaps = facet_bitmaps.for_counting(total_calls, wait=0)
        if bitmaps is not None:
            # The calls with the value, as the bitmaps hold them: no query (at 200,000
            # calls, the busiest leader's 33,000 ids took 60 ms to read from the database).
            ids = list(bitmaps.calls_with(facet, str(value)))
        else:
            ids = list(ids.order_by())
        self.count = len(ids)
        self.calls = _listable(facet, str(value), ids)
        self.counts = SelectionCounts(Selection(self.calls, ids))

    @property
    def estimated(self) -> bool:
        """Whether the counts are estimated from a sample of the calls."""
        return self.counts.estimated

    @property
    def as_estimated(self) -> str:
        """What a title adds when the counts are estimates."""
        return " (estimated from a sample)" if self.estimated else ""

    @property
    def sample_size(self) -> int | None:
        return getattr(self.counts, "sample_size", None)

    def top_leaders(self, limit: int = 10, exclude: Leader | None = None) -> list[Counted]:
        """Leaders by their calls among these (but ``exclude``)."""
        excluded = [str(exclude.pk)] if exclude is not None else []
        rows = [(int(pk), n) for pk, n in self.counts.top("leader", limit, excluded)]
        return _named(rows, Leader.objects.select_related("country"))

    def top_topics(self, limit: int = 10) -> list[Counted]:
        rows = [(int(pk), n) for pk, n in self.counts.top("topic", limit)]
        return _named(rows, Topic.objects.all())

    def top_countries(self, limit: int = 10, exclude: Country | None = None) -> list[Counted]:
        """Countries by the calls among these that one of their leaders took part in."""
        excluded = [exclude.pk] if exclude is not None else []
        return _named(self.counts.top("country", limit, excluded), Country.objects.all())

    def with_calls(self, facet: str) -> int:
        """How many leaders, countries or topics (``facet``) have calls among these."""
        return len(self.counts.counts.get(facet, {}))

    def per_month(self) -> list[tuple[int | None, int | None, int]]:
        """(year, month, count) rows for a timeline."""
        return [(*year_month(value), n) for value, n in self.counts.every("month")]


def _listable(facet: str, value: str, ids: list[int]) -> QuerySet:
    """The calls ``ids`` (those with ``facet`` ``value``), in a form their newest page is
    read from quickly.

    Many calls (some of every page of the archive's own date order) are read by walking the
    calls newest first and keeping those with the value, looked up by primary key; a few are
    looked up by id and sorted. The busiest leader's, topic's or country's newest page took
    21-85 ms otherwise (whichever plan the database chose) and takes about 1; a rare topic's
    took 40 ms on PostgreSQL, walking the archive for it (bench/README.md). The walk reads
    about ``PER_PAGE * total / len(ids)`` calls where the lookups read ``len(ids)``.
    """
    if len(ids) ** 2 > PER_PAGE * total_calls():
        tagged = CallFacet.objects.filter(call_id=OuterRef("pk"), facet=facet, value=value)
        return Call.objects.filter(Exists(tagged))
    return Call.objects.filter(pk__in=listed(ids))


def _named(rows: list[tuple[object, int]], queryset: QuerySet) -> list[Counted]:
    """The records of ``rows`` (pk, count), most calls first and by name among equals, as
    the calls list's facets show them."""
    objects = queryset.in_bulk([pk for pk, _ in rows])
    named = [Counted(objects[pk], n) for pk, n in rows if pk in objects]
    return sorted(named, key=lambda row: (-row.count, row.obj.name))


#: Parameters a timeline's links drop from the page's own: a period is chosen afresh, from
#: the first page of results, with no facet opened.
NOT_KEPT_BY_PERIODS = {"page", "more", "year", "month", "fq", "fpage"}


@dataclass
class Timeline:
    """A timeline's picture, what it says in words, and its numbers (per year), for
    ``_timeline.html``.

    Each bar links to the calls list filtered to its period: with ``filters`` (the page's
    leader, topic or country, as the calls list's parameters: a mapping, or (name, value) pairs
    where a name repeats, as two leaders' do), or when they are None with the page's own
    query (the calls list and the search page), once `linked` to its request.
    """

    rows: list[tuple[int | None, int | None, int]]
    given_title: str
    filters: dict[str, str] | list[tuple[str, str]] | None = None
    path: str = ""
    params: list[tuple[str, str]] = field(default_factory=list)

    @cached_property
    def shown(self) -> charts.Periods:
        return charts.periods(self.rows)

    @property
    def unit(self) -> str:
        return self.shown.unit

    @property
    def title(self) -> str:
        """The title it was given, saying "per year" where the bars are years."""
        if self.unit == "year":
            return self.given_title.replace("per month", "per year")
        return self.given_title

    @property
    def drawn(self) -> bool:
        return bool(self.shown.bars)

    def __bool__(self) -> bool:
        """Whether there is anything to show: a bar, or calls with no date."""
        return bool(self.shown.bars or self.shown.undated)

    @property
    def summary(self) -> str:
        """What the bars show, in words (what they do not is in `year_only`, `undated`)."""
        return charts.describe(self.shown, notes=False) if self.drawn else ""

    @property
    def years(self) -> list[tuple[int, int]]:
        return charts.per_year(self.rows)

    @property
    def undated(self) -> int:
        return self.shown.undated

    def linked(self, request) -> Timeline:
        """This timeline, its links made for ``request``'s page."""
        if self.filters is not None:
            filters = self.filters
            params = list(filters.items() if isinstance(filters, dict) else filters)
            path = reverse("archive:calls")
        else:
            path = request.path
            params = [
                (name, value)
                for name, values in request.GET.lists()
                if name not in NOT_KEPT_BY_PERIODS
                for value in values
            ]
        return replace(self, path=path, params=params)

    def url(self, year: int | str, month: int | str | None = None) -> str:
        """The calls list of the period: a year, a month of it, "unknown" for either."""
        period = [("year", str(year))] + ([("month", str(month))] if month else [])
        return f"{self.path}?{urlencode(self.params + period)}"

    @property
    def svg(self) -> str:
        link = self.url if self.path else None
        return charts.timeline(self.rows, title=self.title, link=link)

    @property
    def year_only(self) -> list[tuple[int, int, str]]:
        """(year, calls, their list) of the calls known only to their year, which the bars
        (months) do not hold."""
        return [(year, n, self.url(year, "unknown")) for year, n in self.shown.year_only]

    @property
    def undated_url(self) -> str:
        return self.url("unknown")


def timeline(
    rows, title: str, filters: dict[str, str] | list[tuple[str, str]] | None = None
) -> Timeline:
    """A timeline of ``rows`` (year, month, count), its bars linking to the calls list with
    ``filters`` (None: the page's own parameters, see `Timeline.linked`)."""
    return Timeline(list(rows), title, filters)
