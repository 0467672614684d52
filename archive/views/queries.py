"""Read-only questions the public pages ask of the archive, shaped for speed.

Counts group a link table by id, starting from the calls in question, and fetch
the names of the few winners afterwards (measured with bench/run.py): two small queries rather
than one large join grouped by name.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from .. import charts
from ..models import Call, Country, Leader, Participation, Topic


@dataclass(frozen=True)
class Counted:
    """A record and how many calls it has in the set in question."""

    obj: object
    count: int


def _named(rows: list[tuple[object, int]], queryset: QuerySet) -> list[Counted]:
    objects = queryset.in_bulk([pk for pk, _ in rows])
    return [Counted(objects[pk], n) for pk, n in rows if pk in objects]


def top_leaders(calls: QuerySet | None = None, exclude=None, limit: int = 10) -> list[Counted]:
    """Leaders by number of calls (among ``calls``, all calls when None)."""
    rows = Participation.objects.all()
    if calls is not None:
        rows = rows.filter(call_id__in=calls.order_by().values("pk"))
    if exclude is not None:
        rows = rows.exclude(leader=exclude)
    counts = list(
        rows.values_list("leader_id").annotate(n=Count("*")).order_by("-n", "leader_id")[:limit]
    )
    return _named(counts, Leader.objects.select_related("country"))


def top_topics(calls: QuerySet | None = None, limit: int = 10) -> list[Counted]:
    rows = Call.topics.through.objects.all()
    if calls is not None:
        rows = rows.filter(call_id__in=calls.order_by().values("pk"))
    counts = list(
        rows.values_list("topic_id").annotate(n=Count("*")).order_by("-n", "topic_id")[:limit]
    )
    return _named(counts, Topic.objects.all())


def top_countries(calls: QuerySet | None = None, exclude=None, limit: int = 10) -> list[Counted]:
    rows = Participation.objects.all()
    if calls is not None:
        rows = rows.filter(call_id__in=calls.order_by().values("pk"))
    if exclude is not None:
        rows = rows.exclude(leader__country=exclude)
    counts = list(
        rows.values_list("leader__country_id")
        .annotate(n=Count("call_id", distinct=True))
        .order_by("-n", "leader__country_id")[:limit]
    )
    return _named(counts, Country.objects.all())


def calls_per_month(calls: QuerySet):
    """(year, month, count) rows for a timeline, grouped on the indexed columns."""
    return calls.order_by().values_list("year", "month").annotate(n=Count("*"))


def calls_of_country(country: Country) -> QuerySet:
    return Call.objects.filter(
        pk__in=Participation.objects.filter(leader__country=country).values("call_id")
    )


def timeline(rows, title: str) -> dict:
    """A timeline's picture and its numbers (per year) for a template: ``_timeline.html``."""
    rows = list(rows)
    return {
        "svg": charts.timeline(rows, title=title),
        "years": charts.per_year(rows),
        "title": title,
    }
