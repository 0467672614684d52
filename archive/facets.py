"""Facets of the calls list, on Datasette's contract.

Each facet counts its values over the *current* filtered calls, fetches one more
row than it shows to know whether it is truncated, and gives every value its
``value``, ``label``, ``count``, ``selected`` flag and a ``toggle_url`` that keeps
every other parameter. A facet that runs out of time is reported, not fatal.

Where the counts come from:

- without a filter, from the counts the database keeps for the whole archive
  (:mod:`archive.facet_totals`);
- with a filter selecting up to ``idlists.MAX_LISTED`` calls, counted exactly, shaped as
  measured fastest (bench/README.md): group the link table (participations, call topics,
  reports) by id, starting from the filtered calls' ids, and fetch the names of the few
  winners afterwards; years and months group on indexed integer columns;
- with a filter selecting more, estimated from an even sample of them (:class:`Estimates`),
  and marked as estimates on the page.
"""

from __future__ import annotations

import calendar
import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import Count, QuerySet
from django.http import QueryDict

from . import facet_totals
from .enums import CallKind
from .filters import CallFilter
from .idlists import Selection, listed
from .models import Call, CallFacet, Country, Leader, Participation, Report, Topic

# How long one facet's query may take before it is given up (milliseconds).
TIME_LIMIT_MS = getattr(settings, "DIPLO_FACET_TIME_LIMIT_MS", 800)


class QueryString:
    """The current query string, and links that change one parameter of it.

    Every link drops ``page``: a changed filter starts again from the first page.
    """

    def __init__(self, params: QueryDict, path: str = ""):
        self.params = params
        self.path = path

    def _url(self, params: QueryDict) -> str:
        params = params.copy()
        params.pop("page", None)
        encoded = params.urlencode()
        return f"{self.path}?{encoded}" if encoded else (self.path or "?")

    def without(self, name: str, value: str | None = None) -> str:
        """The URL without parameter ``name`` (or only without that one ``value`` of it)."""
        params = self.params.copy()
        if value is None:
            params.pop(name, None)
        else:
            # Country codes are read in either case (fr, FR).
            same = (
                (lambda v: v.strip().lower() == value.lower())
                if name == "country"
                else (lambda v: v.strip() == value)
            )
            params.setlist(name, [v for v in params.getlist(name) if not same(v)])
        if name == "year":
            params.pop("month", None)
        return self._url(params)

    def adding(self, name: str, value: str, multi: bool) -> str:
        params = self.params.copy()
        if multi:
            params.setlist(name, [*params.getlist(name), value])
        else:
            params.setlist(name, [value])
        if name == "year":
            params.pop("month", None)
        return self._url(params)

    def toggle(self, name: str, value: str, selected: bool, multi: bool) -> str:
        return (
            self.without(name, value if multi else None)
            if selected
            else self.adding(name, value, multi)
        )

    def replacing(self, **values: str) -> str:
        params = self.params.copy()
        for name, value in values.items():
            params.setlist(name, [value])
        return self._url(params)


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


@contextlib.contextmanager
def statement_time_limit(milliseconds: int | None) -> Iterator[None]:
    """On PostgreSQL, cancel any statement run inside that takes longer than ``milliseconds``
    (None: no limit).

    One savepoint for all the facets: a cancelled statement aborts it, and the
    facets still to come are reported as out of time rather than run.
    """
    if milliseconds is not None and connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = %s", [int(milliseconds)])
            yield
    else:
        yield


@contextlib.contextmanager
def sqlite_time_limit(milliseconds: int) -> Iterator[None]:
    """On SQLite, interrupt the queries run inside after ``milliseconds`` (OperationalError)."""
    if connection.vendor != "sqlite":
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


class FacetTimeout(Exception):
    """A facet's query ran out of time."""


class Estimates:
    """Facet counts estimated from an even sample of many selected calls.

    One query reads the sample's facet values (:class:`~archive.models.CallFacet`: each
    country and publisher already once a call), and each count is scaled by how many calls
    the sample stands for. Selected values are not estimated: their count is the total.
    """

    def __init__(self, selection: Selection):
        self.total = selection.count
        self.sample_size = len(selection.sample)
        scale = self.total / self.sample_size
        self.counts: dict[str, dict[str, int]] = {}
        rows = (
            CallFacet.objects.filter(call_id__in=listed(selection.sample))
            .values_list("facet", "value")
            .annotate(n=Count("*"))
        )
        for facet, value, n in rows:
            self.counts.setdefault(facet, {})[value] = max(1, round(n * scale))

    def top(self, facet: str, limit: int, exclude: list[str] = ()) -> list[tuple[str, int]]:
        rows = [(v, n) for v, n in self.counts.get(facet, {}).items() if v not in exclude]
        return sorted(rows, key=lambda row: (-row[1], row[0]))[:limit]

    def every(self, facet: str) -> list[tuple[str, int]]:
        return list(self.counts.get(facet, {}).items())


def counted_source(filterset: CallFilter):
    """Where the facets of ``filterset`` read their counts: the archive's totals
    (:mod:`archive.facet_totals`), :class:`Estimates`, or None (count the calls)."""
    if not hasattr(filterset, "_counted_source"):
        selection = filterset.selection
        if selection is None:
            filterset._counted_source = facet_totals.ArchiveTotals()
        elif selection.estimated:
            filterset._counted_source = Estimates(selection)
        else:
            filterset._counted_source = None
    return filterset._counted_source


class Facet:
    """One facet: a parameter of `CallFilter` and how to count its values."""

    name = ""
    label = ""
    multi = True  # repeated values all apply (AND), rather than replace each other
    size = 10
    max_size = 100

    def __init__(self, filterset: CallFilter, qs: QueryString, total: int, expanded: bool):
        self.filterset = filterset
        self.qs = qs
        self.total = total
        self.expanded = expanded
        self.limit = self.max_size if expanded else self.size

    @property
    def selected(self) -> dict[str, str]:
        """Selected values (as in the query string) and their labels."""
        return {s.value: s.label for s in self.filterset.active if s.name == self.name}

    @property
    def calls(self) -> QuerySet:
        return self.filterset.qs.order_by()

    @property
    def counted(self):
        """The counts to read instead of counting (see `counted_source`), or None."""
        return counted_source(self.filterset)

    def call_ids(self) -> QuerySet:
        """The filtered calls as a subquery (of their listed ids: archive.idlists)."""
        return self.calls.values("pk")

    def rows(self, exclude: list[str]) -> list[tuple[str, str, int]]:
        """(value, label, count) of the ``limit + 1`` most frequent values not excluded."""
        raise NotImplementedError

    def result(self, timed_out: bool = False) -> FacetResult:
        """The facet's values; raises FacetTimeout when its query runs out of time."""
        result = FacetResult(self.name, self.label)
        result.estimated = isinstance(self.counted, Estimates)
        selected = self.selected
        rows = []
        if timed_out:
            result.timed_out = True
        else:
            try:
                with sqlite_time_limit(TIME_LIMIT_MS):
                    rows = self.rows(list(selected))
            except OperationalError as exc:  # interrupted (SQLite) or cancelled (PostgreSQL)
                raise FacetTimeout(self.name) from exc
        result.truncated = len(rows) > self.limit
        rows = rows[: self.limit]
        # Every current call has each selected value, so its count is the total.
        values = [(value, label, self.total, True) for value, label in selected.items()]
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
        if result.truncated:
            result.more_url = self.qs.adding("more", self.name, multi=True)
        if self.expanded:
            result.less_url = self.qs.without("more", self.name)
        return result


class LinkFacet(Facet):
    """Counts over a link table grouped by the linked id, names fetched afterwards."""

    pk_type: type = int  # the linked table's key, as the stored facet values spell it

    def grouped(self, ids: QuerySet, exclude_pks: list) -> list[tuple[object, int]]:
        raise NotImplementedError

    def names(self, pks: list) -> dict[object, tuple[str, str]]:
        """{pk: (value, label)}"""
        raise NotImplementedError

    def excluded_pks(self, exclude: list[str]) -> list:
        return [obj.pk for obj in self.filterset.objects.get(self.name, [])]

    def rows(self, exclude):
        excluded = self.excluded_pks(exclude)
        if self.counted is not None:
            kept = self.counted.top(self.name, self.limit + 1, [str(pk) for pk in excluded])
            counts = [(self.pk_type(value), n) for value, n in kept]
        else:
            counts = self.grouped(self.call_ids(), excluded)[: self.limit + 1]
        names = self.names([pk for pk, _ in counts])
        rows = [(*names[pk], count) for pk, count in counts if pk in names]
        return sorted(rows, key=lambda row: (-row[2], row[1]))


class LeaderFacet(LinkFacet):
    name, label = "leader", "Leader"

    def grouped(self, ids, exclude_pks):
        rows = Participation.objects.filter(call_id__in=ids)
        return list(
            rows.exclude(leader_id__in=exclude_pks)
            .values_list("leader_id")
            .annotate(n=Count("*"))
            .order_by("-n", "leader_id")[: self.limit + 1]
        )

    def names(self, pks):
        return {
            leader.pk: (leader.slug, leader.name)
            for leader in Leader.objects.filter(pk__in=pks).only("slug", "name")
        }


class CountryFacet(LinkFacet):
    name, label = "country", "Country"
    pk_type = str

    def grouped(self, ids, exclude_pks):
        rows = Participation.objects.filter(call_id__in=ids)
        return list(
            rows.exclude(leader__country_id__in=exclude_pks)
            .values_list("leader__country_id")
            .annotate(n=Count("call_id", distinct=True))
            .order_by("-n", "leader__country_id")[: self.limit + 1]
        )

    def names(self, pks):
        return {
            country.pk: (country.code.lower(), country.name)
            for country in Country.objects.filter(pk__in=pks).only("name")
        }


class TopicFacet(LinkFacet):
    name, label = "topic", "Topic"

    def grouped(self, ids, exclude_pks):
        rows = Call.topics.through.objects.filter(call_id__in=ids)
        return list(
            rows.exclude(topic_id__in=exclude_pks)
            .values_list("topic_id")
            .annotate(n=Count("*"))
            .order_by("-n", "topic_id")[: self.limit + 1]
        )

    def names(self, pks):
        return {
            topic.pk: (topic.slug, topic.name)
            for topic in Topic.objects.filter(pk__in=pks).only("slug", "name")
        }


class PublisherFacet(Facet):
    name, label = "publisher", "Publisher"

    def rows(self, exclude):
        if self.counted is not None:
            kept = self.counted.top("publisher", self.limit + 1, exclude)
            return [(publisher, publisher, n) for publisher, n in kept]
        rows = Report.objects.filter(call_id__in=self.call_ids())
        counts = (
            rows.exclude(source__publisher="")
            .exclude(source__publisher__in=exclude)
            .values_list("source__publisher")
            .annotate(n=Count("call_id", distinct=True))
            .order_by("-n", "source__publisher")[: self.limit + 1]
        )
        return [(publisher, publisher, n) for publisher, n in counts]


class KindFacet(Facet):
    name, label, multi = "kind", "Kind", False

    def rows(self, exclude):
        if exclude:
            return []  # one kind a call: the selected kind is the only one left
        if self.counted is not None:
            counts = sorted(self.counted.every("kind"), key=lambda row: (-row[1], row[0]))
        else:
            counts = self.calls.values_list("kind").annotate(n=Count("*")).order_by("-n", "kind")
        labels = dict(CallKind.choices)
        return [(kind, labels.get(kind, kind), n) for kind, n in counts]


def calls_per_month(filterset: CallFilter) -> list[tuple[int | None, int | None, int]]:
    """(year, month, count) of the filtered calls: one query for the year and month
    facets and the timeline together, grouped on the indexed integer columns."""
    if not hasattr(filterset, "_per_month"):
        counted = counted_source(filterset)
        if counted is not None:
            filterset._per_month = [(*_year_month(value), n) for value, n in counted.every("month")]
        else:
            filterset._per_month = list(
                filterset.qs.order_by().values_list("year", "month").annotate(n=Count("*"))
            )
    return filterset._per_month


def _year_month(value: str) -> tuple[int | None, int | None]:
    """``"2023-6"`` as (2023, 6), ``"2023-"`` as (2023, None), ``"-"`` as (None, None)."""
    year, _, month = value.partition("-")
    return (int(year) if year else None, int(month) if month else None)


class YearFacet(Facet):
    """Years, newest first (a timeline rather than a ranking); drills down to months."""

    name, label, multi = "year", "Year", False
    size = 30

    def rows(self, exclude):
        if exclude:
            return []
        years: dict[int, int] = {}
        for year, _, n in calls_per_month(self.filterset):
            if year is not None:
                years[year] = years.get(year, 0) + n
        return [(year, str(year), years[year]) for year in sorted(years, reverse=True)]


class MonthFacet(Facet):
    name, label, multi = "month", "Month", False
    size = 12

    def rows(self, exclude):
        if exclude:
            return []
        year = self.filterset.values.get("year")
        months = sorted(
            (month, n) for y, month, n in calls_per_month(self.filterset) if y == year and month
        )
        return [(month, calendar.month_name[month], n) for month, n in months]


FACETS: list[type[Facet]] = [
    LeaderFacet,
    CountryFacet,
    TopicFacet,
    KindFacet,
    YearFacet,
    MonthFacet,
    PublisherFacet,
]


def facet_results(
    filterset: CallFilter,
    qs: QueryString,
    total: int,
    facets: list[type[Facet]] | None = None,
) -> list[FacetResult]:
    """The facets of the calls ``filterset`` selects; ``total`` is how many it selects."""
    expanded = set(qs.params.getlist("more"))
    facets_to_run = [
        facet_class(filterset, qs, total, expanded=facet_class.name in expanded)
        for facet_class in facets or FACETS
        if facet_class is not MonthFacet or filterset.values.get("year")
    ]
    results: list[FacetResult] = []
    # Kept counts are read at once; counting the calls may run out of time.
    counting = not isinstance(counted_source(filterset), facet_totals.ArchiveTotals)
    try:
        with statement_time_limit(TIME_LIMIT_MS if counting else None):
            for facet in facets_to_run:
                try:
                    results.append(facet.result())
                except FacetTimeout:
                    results.append(facet.result(timed_out=True))
                    if connection.vendor == "postgresql":
                        raise  # the transaction is aborted: the rest cannot run
    except FacetTimeout:
        pass
    # Facets that could not run after a timeout are reported as out of time too.
    for facet in facets_to_run[len(results) :]:
        results.append(facet.result(timed_out=True))
    return results


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
