"""Lists of ids read once and handed to later queries as one parameter.

A page of the calls list runs several queries over the same calls (the count, the page, each
facet). When the filter that selects them is costly (a search, calls of a busy leader in a
year) and the calls are not too many, their ids are read once and every later query starts
from the list instead of filtering again.
"""

from __future__ import annotations

import json

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

#: Up to this many ids are read and handed on; past it, each query filters for itself.
MAX_LISTED = 20_000


def listed(ids: list[int]) -> RawSQL:
    """A subquery yielding ``ids``, bound as one parameter (never one per id)."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])


def materialised(queryset: QuerySet) -> tuple[QuerySet, int | None]:
    """``queryset`` as a list of its ids and their number, or itself and None when it has
    more than MAX_LISTED rows."""
    ids = list(queryset.order_by().values_list("pk", flat=True)[: MAX_LISTED + 1])
    if len(ids) > MAX_LISTED:
        return queryset, None
    return queryset.model._default_manager.filter(pk__in=listed(ids)), len(ids)
