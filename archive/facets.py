"""Facets of the calls list, on Datasette's contract.

Each facet counts its values over the *current* filtered calls, fetches one more
row than it shows to know whether it is truncated, and gives every value its
``value``, ``label``, ``count``, ``selected`` flag and a ``toggle_url`` that keeps
every other parameter. Counts that run out of time are reported, not fatal.

Every facet, the timeline and the year and month drill-down read one set of counts
(:func:`counts_of`), made with at most one query a page:

- without a filter, the counts the database keeps for the whole archive
  (:class:`ArchiveCounts`, :mod:`archive.facet_totals`);
- with one, the filtered calls' stored facet values grouped in one query, or past
  ``idlists.SAMPLE_SIZE`` calls their ids intersected with each value's calls held as
  bitmaps (:class:`SelectionCounts`, :mod:`archive.facet_bitmaps`): exact, but estimated
  from a sample, and marked so, while a large archive's bitmaps are read after a change.

Only the few values shown are then named (leaders, countries, topics).
"""

from __future__ import annotations

import calendar
import contextlib
import heapq
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import Q
from django.http import QueryDict
from pyroaring import BitMap

from . import facet_bitmaps, facet_totals
from .enums import CallKind
from .filters import UNKNOWN, CallFilter
from .idlists import Selection
from .models import Country, Leader, Topic

# The longest words a facet's values are found by.
MAX_FIND = 100
# How long one facet's query may take before it is given up (milliseconds).
TIME_LIMIT_MS = getattr(settings, "DIPLO_FACET_TIME_LIMIT_MS", 800)
# How long a page waits for the facet bitmaps to be read before it estimates its counts
# (milliseconds): at 200,000 calls they take about a second (archive.facet_bitmaps).
BITMAPS_WAIT_MS = getattr(settings, "DIPLO_FACET_BITMAPS_WAIT_MS", 2000)


class QueryString:
    """The current query string, and links that change one parameter of it.

    Every link drops ``page``: a changed filter starts again from the first page. A page of
    results builds a hundred such links, so they are made from a plain dict of lists (a
    parameter keeps its place, a new one goes last, as in QueryDict) rather than by deep-
    copying the request's QueryDict each time.
    """

    def __init__(self, params: QueryDict, path: str = ""):
        self.params = params
        self.path = path
        self._lists = {k: values for k, values in params.lists() if k != "page"}

    def _url(self, lists: dict[str, list[str]]) -> str:
        encoded = urlencode([(k, v) for k, values in lists.items() for v in values])
        return f"{self.path}?{encoded}" if encoded else (self.path or "?")

    def _changed(self, name: str, values: list[str] | None) -> str:
        """The URL with ``name``'s values replaced (None: without it)."""
        lists = dict(self._lists)
        if values:
            lists[name] = values
        else:
            lists.pop(name, None)
        if name == "year":
            lists.pop("month", None)  # another year (or none) leaves no month behind
        return self._url(lists)

    def without(self, name: str, value: str | None = None) -> str:
        """The URL without parameter ``name`` (or only without that one ``value`` of it)."""
        if value is None:
            return self._changed(name, None)
        if name == "country":  # country codes are read in either case (fr, FR)
            kept = [v for v in self._lists.get(name, []) if v.strip().lower() != value.lower()]
        else:
            kept = [v for v in self._lists.get(name, []) if v.strip() != value]
        return self._changed(name, kept)

    def adding(self, name: str, value: str, multi: bool) -> str:
        return self._changed(name, [*self._lists.get(name, []), value] if multi else [value])

    def toggle(self, name: str, value: str, selected: bool, multi: bool) -> str:
        return (
            self.without(name, value if multi else None)
            if selected
            else self.adding(name, value, multi)
        )

    def replacing(self, **values: str) -> str:
        lists = dict(self._lists)
        for name, value in values.items():
            lists[name] = [value]
        return self._url(lists)

    def setting(self, **values: str | None) -> str:
        """The URL with each of ``values`` set to that one value, or removed (None)."""
        lists = dict(self._lists)
        for name, value in values.items():
            if value is None:
                lists.pop(name, None)
            else:
                lists[name] = [value]
        return self._url(lists)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    toggle_url: str


@dataclass
class FacetResult:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)
    truncated: bool = False
    timed_out: bool = False
    estimated: bool = False  # counts estimated from a sample of the calls
    more_url: str = ""
    less_url: str = ""
    hint: str = ""  # how its values count and combine, said under its name
    plural: str = ""  # "countries": what "More countries…" says
    findable: bool = False  # whether it has a box to find its values by name
    find: str = ""  # the words its values were found by
    value_count: int = 0  # how many values (found ones, when found) besides the chosen ones
    first: int = 0  # the place of the first value shown among them, from 1
    last: int = 0
    previous_url: str = ""
    next_url: str = ""


@contextlib.contextmanager
def time_limit(milliseconds: int) -> Iterator[None]:
    """Give up the queries run inside after ``milliseconds`` (OperationalError).

    PostgreSQL cancels the statement (``statement_timeout``, in a savepoint so that the
    page's transaction goes on); SQLite's progress handler interrupts it.
    """
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = %s", [int(milliseconds)])
            yield
        return
    connection.ensure_connection()
    deadline = time.monotonic() + milliseconds / 1000
    raw = connection.connection
    raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 2000)
    try:
        yield
    finally:
        raw.set_progress_handler(None, 0)


class Counts:
    """Facet counts read from somewhere: ``{facet: {stored value: count}}``."""

    estimated = False  # counted over a sample of the calls
    timed_out = False  # not counted: it took too long

    def __init__(self) -> None:
        self.counts: dict[str, dict[str, int]] = {}

    def top(self, facet: str, limit: int, exclude: list[str] = ()) -> list[tuple[str, int]]:
        """(value, count) of the ``limit`` values of ``facet`` with the most calls."""
        rows = ((v, n) for v, n in self.counts.get(facet, {}).items() if v not in exclude)
        # The few largest of thousands (a search's leaders), without sorting them all.
        return heapq.nsmallest(limit, rows, key=lambda row: (-row[1], row[0]))

    def every(self, facet: str) -> list[tuple[str, int]]:
        """(value, count) of every value of ``facet``."""
        return list(self.counts.get(facet, {}).items())

    def ranked(
        self, facet: str, exclude: list[str] = (), among: set[str] | None = None
    ) -> list[tuple[str, int]]:
        """(value, count) of every value of ``facet`` (but ``exclude``; only those
        ``among``, when given), most calls first: the pages of a long facet."""
        values = self.counts.get(facet, {})
        if among is not None:
            values = {v: n for v, n in values.items() if v in among}
        rows = [(v, n) for v, n in values.items() if v not in exclude]
        return sorted(rows, key=lambda row: (-row[1], row[0]))


class ArchiveCounts(Counts):
    """The whole archive's counts, kept by the database (:mod:`archive.facet_totals`)."""

    def __init__(self) -> None:
        super().__init__()
        self.counts = facet_totals.kept_counts()


class SelectionCounts(Counts):
    """The selected calls' counts, exact.

    Up to ``idlists.SAMPLE_SIZE`` calls, their stored facet values in one query:
    :class:`~archive.models.CallFacetSet` holds each call's values in one row (each country
    and publisher already once a call), so one query over the calls' ids reads them all, and
    they are counted here (:func:`archive.facet_totals.count_values`). More calls are
    counted against every facet value's calls held in memory as bitmaps
    (:mod:`archive.facet_bitmaps`). Only where those are not read yet and could not be in
    time (a large archive just changed) are the counts estimated from an even sample of the
    calls, each scaled by how many calls the sample stands for, and marked so. Selected
    values are never estimated: their count is the total.
    """

    def __init__(self, selection: Selection) -> None:
        super().__init__()
        if selection.estimated:
            bitmaps = facet_bitmaps.for_counting(facet_totals.total_calls, BITMAPS_WAIT_MS / 1000)
            if bitmaps is not None:
                self.counts = bitmaps.counts(BitMap(selection.every))
                return
        self.estimated = selection.estimated
        self.sample_size = len(selection.sample)
        scale = selection.count / self.sample_size if self.sample_size else 1
        try:
            with time_limit(TIME_LIMIT_MS):
                counted = facet_totals.count_values(selection.sample)
        except OperationalError:  # interrupted (SQLite) or cancelled (PostgreSQL)
            self.timed_out = True
            return
        for (facet, value), n in counted.items():
            self.counts.setdefault(facet, {})[value] = max(1, round(n * scale))


def counts_of(filterset: CallFilter) -> Counts:
    """The facet counts of the calls ``filterset`` selects (read once a request)."""
    if not hasattr(filterset, "_facet_counts"):
        selection = filterset.selection
        filterset._facet_counts = (
            ArchiveCounts() if selection is None else SelectionCounts(selection)
        )
    return filterset._facet_counts


def counts_without(filterset: CallFilter, name: str) -> Counts:
    """The facet counts of the calls ``filterset`` selects but for its ``name`` filter: what
    a facet whose values widen the choice counts (each value's calls among the other
    filters). Read once a request and facet, and only when that facet has a value chosen:
    two queries more (the calls' ids, their values)."""
    cache = filterset.__dict__.setdefault("_facet_counts_without", {})
    if name not in cache:
        cache[name] = counts_of(filterset.without(name))
    return cache[name]


class Facet:
    """One facet: a parameter of `CallFilter`, and its values among the counts.

    A facet whose values all apply together (``widens = False``: leaders, the calls between
    them) counts its values over the current calls, each chosen value's count being their
    number; one whose values each widen the choice (countries, topics, publishers: calls of
    any of them) counts its values over the calls of the *other* filters, so that each
    count, chosen or not, is that value's calls among them (Blacklight's and Algolia's
    disjunctive facets).
    """

    name = ""
    label = ""
    plural = ""
    hint = ""
    multi = True  # repeated values all stand (rather than replace each other)
    widens = True  # several values: calls with any of them (False: with all of them)
    findable = False  # its values can be found by name (a box, ``fq``)
    pages_itself = False  # ``rows`` gives a page from ``offset`` (else every row: sliced here)
    size = 10
    max_size = 100  # values a page when expanded (``more``), paged by ``fpage``

    def __init__(
        self,
        filterset: CallFilter,
        qs: QueryString,
        total: int,
        expanded: bool,
        find: str = "",
        page: int = 1,
    ):
        self.filterset = filterset
        self.qs = qs
        self.total = total
        self.expanded = expanded
        self.limit = self.max_size if expanded else self.size
        self.find = find if self.findable else ""
        self.offset = (page - 1) * self.limit
        self.value_count = 0  # how many values besides the chosen, set by ``rows``

    @property
    def selected(self) -> dict[str, str]:
        """Selected values (as in the query string) and their labels."""
        return {s.value: s.label for s in self.filterset.active if s.name == self.name}

    @property
    def counts(self) -> Counts:
        if self.multi and self.widens and self.selected:
            return counts_without(self.filterset, self.name)
        return counts_of(self.filterset)

    def selected_counts(self, counts: Counts) -> dict[str, int]:
        """The count of each chosen value: every current call has it, unless the facet's
        values widen the choice (then its own calls among the other filters)."""
        return dict.fromkeys(self.selected, self.total)

    def rows(self, exclude: list[str]) -> list[tuple[str, str, int]]:
        """(value, label, count) of the ``limit + 1`` most frequent values not excluded,
        from ``offset`` on; sets ``value_count``."""
        raise NotImplementedError

    def page_of(self, facet: str, exclude: list[str], among: set[str] | None):
        """(stored value, count) of the values of this page, ``limit + 1`` of them at most;
        sets ``value_count``. The first page of all values is found without sorting them."""
        counts = self.counts
        if among is None and not self.offset:
            values = counts.counts.get(facet, {})
            self.value_count = len(values) - sum(1 for v in exclude if v in values)
            return counts.top(facet, self.limit + 1, exclude)
        ranked = counts.ranked(facet, exclude, among)
        self.value_count = len(ranked)
        if self.offset >= len(ranked):  # past the last page: the last
            self.offset = max(0, (len(ranked) - 1) // self.limit * self.limit)
        return ranked[self.offset : self.offset + self.limit + 1]

    def matching(self, words: str) -> set[str] | None:
        """The stored values whose names hold ``words`` (None: every value)."""
        return None

    def result(self) -> FacetResult:
        """The facet's values, with a link that toggles each."""
        counts = self.counts
        result = FacetResult(
            self.name,
            self.label,
            estimated=counts.estimated,
            timed_out=counts.timed_out,
            hint=self.hint,
        )
        selected = self.selected
        rows = self.rows(list(selected))
        if not self.pages_itself:
            self.value_count = len(rows)
            if self.offset >= len(rows):
                self.offset = max(0, (len(rows) - 1) // self.limit * self.limit)
            rows = rows[self.offset : self.offset + self.limit + 1]
        result.truncated = len(rows) > self.limit
        rows = rows[: self.limit]
        chosen = self.selected_counts(counts) if selected else {}
        values = [(value, label, chosen[value], True) for value, label in selected.items()]
        values += [(value, label, count, False) for value, label, count in rows]
        result.values = [
            FacetValue(
                str(value),
                label,
                count,
                is_selected,
                self.qs.toggle(self.name, str(value), is_selected, self.multi),
            )
            for value, label, count, is_selected in values
        ]
        result.plural = self.plural
        result.findable = self.findable
        result.find = self.find
        result.value_count = self.value_count
        if rows:
            result.first, result.last = self.offset + 1, self.offset + len(rows)
        if result.truncated:
            if self.expanded:
                page = self.offset // self.limit + 2
                result.next_url = self.qs.setting(fpage=str(page))
            else:
                result.more_url = self.qs.setting(more=self.name, fq=None, fpage=None)
        if self.expanded and self.offset:
            page = self.offset // self.limit
            result.previous_url = self.qs.setting(fpage=str(page) if page > 1 else None)
        if self.expanded:
            result.less_url = self.qs.setting(more=None, fq=None, fpage=None)
        return result


class LinkFacet(Facet):
    """Values that are other records (leaders, countries, topics): named after counting."""

    pk_type: type = int  # the record's key, as the stored facet values spell it

    def names(self, pks: list) -> dict[object, tuple[str, str]]:
        """{pk: (value, label)}"""
        raise NotImplementedError

    def selected_counts(self, counts):
        if not self.widens:
            return super().selected_counts(counts)
        stored = counts.counts.get(self.name, {})
        return {
            self.query_value(obj): stored.get(str(obj.pk), 0)
            for obj in self.filterset.objects.get(self.name, [])
        }

    def query_value(self, obj) -> str:
        """How the query string names ``obj``."""
        return obj.slug

    findable = pages_itself = True

    def rows(self, exclude):
        excluded = [str(obj.pk) for obj in self.filterset.objects.get(self.name, [])]
        among = self.matching(self.find) if self.find else None
        counts = [(self.pk_type(value), n) for value, n in self.page_of(self.name, excluded, among)]
        names = self.names([pk for pk, _ in counts])
        rows = [(*names[pk], count) for pk, count in counts if pk in names]
        # Most calls first, and by name among equals (the page's values were chosen by their
        # key among equals, so that each value is on one page).
        return sorted(rows, key=lambda row: (-row[2], row[1]))

    #: The model whose names ``matching`` reads, and the fields it reads them in.
    model = None
    name_fields = ("name",)

    def matching(self, words):
        found = Q()
        for field_name in self.name_fields:
            found |= Q(**{f"{field_name}__icontains": words})
        return {str(pk) for pk in self.model.objects.filter(found).values_list("pk", flat=True)}


class LeaderFacet(LinkFacet):
    name, label, plural = "leader", "Leader", "leaders"
    model = Leader
    widens = False
    hint = "Several leaders: the calls between them."

    def names(self, pks):
        return {
            leader.pk: (leader.slug, leader.name)
            for leader in Leader.objects.filter(pk__in=pks).only("slug", "name")
        }


class CountryFacet(LinkFacet):
    name, label, plural = "country", "Country", "countries"
    model = Country
    name_fields = ("name", "code")
    hint = "Several countries: the calls of any of them."
    pk_type = str

    def query_value(self, obj):
        return obj.code.lower()

    def names(self, pks):
        return {
            country.pk: (country.code.lower(), country.name)
            for country in Country.objects.filter(pk__in=pks).only("name")
        }


class TopicFacet(LinkFacet):
    name, label, plural = "topic", "Topic", "topics"
    model = Topic
    hint = (
        "Several topics: the calls of any of them. A broader topic counts the calls of its"
        " narrower topics."
    )

    def names(self, pks):
        return {
            topic.pk: (topic.slug, topic.name)
            for topic in Topic.objects.filter(pk__in=pks).only("slug", "name")
        }


class PublisherFacet(Facet):
    name, label, plural = "publisher", "Publisher", "publishers"
    findable = pages_itself = True
    hint = "Several publishers: the calls any of them reported."

    def selected_counts(self, counts):
        stored = counts.counts.get(self.name, {})
        return {publisher: stored.get(publisher, 0) for publisher in self.selected}

    def matching(self, words):
        # Publishers are named by their value: found among the counted ones.
        words = words.casefold()
        return {p for p in self.counts.counts.get(self.name, {}) if words in p.casefold()}

    def rows(self, exclude):
        among = self.matching(self.find) if self.find else None
        kept = self.page_of("publisher", exclude, among)
        return [(publisher, publisher, n) for publisher, n in kept]


class KindFacet(Facet):
    name, label, plural, multi = "kind", "Kind", "kinds", False

    def rows(self, exclude):
        if exclude:
            return []  # one kind a call: the selected kind is the only one left
        labels = dict(CallKind.choices)
        counts = sorted(self.counts.every("kind"), key=lambda row: (-row[1], row[0]))
        return [(kind, labels.get(kind, kind), n) for kind, n in counts]


class ReadoutFacet(Facet):
    """The calls every source of which is one side's own account (``Call.one_sided``)."""

    name, label, plural, multi = "readout", "Readout", "readouts", False
    hint = "Calls reported by one side’s government or media only."

    def rows(self, exclude):
        if exclude:
            return []  # one value: chosen, it is the only one left
        n = self.counts.counts.get(facet_totals.READOUT, {}).get(facet_totals.ONE_SIDED, 0)
        return [(facet_totals.ONE_SIDED, "One-sided", n)] if n else []


def calls_per_month(filterset: CallFilter) -> list[tuple[int | None, int | None, int]]:
    """(year, month, count) of the filtered calls: the year and month facets and the
    timeline, from the same counts."""
    return [(*year_month(value), n) for value, n in counts_of(filterset).every("month")]


def year_month(value: str) -> tuple[int | None, int | None]:
    """``"2023-6"`` as (2023, 6), ``"2023-"`` as (2023, None), ``"-"`` as (None, None)."""
    year, _, month = value.partition("-")
    return (int(year) if year else None, int(month) if month else None)


class YearFacet(Facet):
    """Years, newest first (a timeline rather than a ranking), then the calls with no date
    ("Date unknown", ``year=unknown``); drills down to months."""

    name, label, plural, multi = "year", "Year", "years", False
    size = 30

    def rows(self, exclude):
        if exclude:
            return []
        years: dict[int, int] = {}
        undated = 0
        for year, _, n in calls_per_month(self.filterset):
            if year is None:
                undated += n
            else:
                years[year] = years.get(year, 0) + n
        rows = [(year, str(year), years[year]) for year in sorted(years, reverse=True)]
        if undated:
            # Last, but never cut off: the years past the limit are then left out instead.
            at = min(len(rows), self.limit - 1)
            rows.insert(at, (UNKNOWN, "Date unknown", undated))
        return rows


class MonthFacet(Facet):
    """The months of the chosen year, then its calls known only to the year ("Month
    unknown", ``month=unknown``)."""

    name, label, plural, multi = "month", "Month", "months", False
    size = 13

    def rows(self, exclude):
        if exclude:
            return []
        year = self.filterset.values.get("year")
        counts = [(month, n) for y, month, n in calls_per_month(self.filterset) if y == year]
        rows = [
            (month, calendar.month_name[month], n)
            for month, n in sorted((month, n) for month, n in counts if month)
        ]
        year_only = sum(n for month, n in counts if not month)
        if year_only:
            rows.append((UNKNOWN, "Month unknown", year_only))
        return rows


FACETS: list[type[Facet]] = [
    LeaderFacet,
    CountryFacet,
    TopicFacet,
    KindFacet,
    YearFacet,
    MonthFacet,
    PublisherFacet,
    ReadoutFacet,
]


def facet_results(
    filterset: CallFilter,
    qs: QueryString,
    total: int,
    facets: list[type[Facet]] | None = None,
) -> list[FacetResult]:
    """The facets of the calls ``filterset`` selects; ``total`` is how many it selects."""
    expanded = qs.params.getlist("more")
    # The words to find and the page of values are those of the facet opened last.
    opened = expanded[-1] if expanded else None
    find = qs.params.get("fq", "").strip()[:MAX_FIND]
    try:
        page = max(1, int(qs.params.get("fpage", "1")))
    except ValueError:
        page = 1
    return [
        facet_class(
            filterset,
            qs,
            total,
            expanded=facet_class.name in expanded,
            find=find if facet_class.name == opened else "",
            page=page if facet_class.name == opened else 1,
        ).result()
        for facet_class in facets or FACETS
        if facet_class is not MonthFacet or filterset.values.get("year") not in (None, UNKNOWN)
    ]


@dataclass
class Chip:
    title: str
    label: str
    remove_url: str
    name: str
    value: str


def chips(filterset: CallFilter, qs: QueryString) -> list[Chip]:
    """One chip per active filter value, each with the URL that removes just it."""
    result = []
    for selected in filterset.active:
        multi = selected.name in {"leader", "country", "topic", "publisher"}
        result.append(
            Chip(
                selected.title,
                selected.label,
                qs.without(selected.name, selected.value if multi else None),
                selected.name,
                selected.value,
            )
        )
    return result
