"""Calls as plain data: the one shape shared by `export_calls`, the JSON/CSV exports and the API.

{"id": 12, "url": "/calls/12/...", "date": "2023-06-10" | None,
 "date_precision": "day|month|year|unknown", "kind": "phone|video|meeting|other",
 "duration_minutes": 90 | None, "duration_qualifier": "about|more than|less than" | None,
 "initiator": "Full Name" | None, "participants": [{"name": ..., "country": "FR"}],
 "topics": ["Topic name"], "sources": [{"origin": ..., "publisher": ... | None,
 "title": ..., "role": "main|background"}], "status": "extracted|reviewed"}
"""

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet

from .models import Call, Participation, Report

CSV_COLUMNS = [
    "id",
    "url",
    "date",
    "date_precision",
    "kind",
    "duration_minutes",
    "duration_qualifier",
    "initiator",
    "participants",
    "countries",
    "topics",
    "sources",
    "status",
]


def calls_for_export(queryset: QuerySet[Call]) -> QuerySet[Call]:
    """``queryset`` with everything `call_to_dict` reads fetched in a fixed number of queries."""
    return queryset.select_related("initiator").prefetch_related(
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("leader").order_by("leader__name"),
        ),
        Prefetch(
            "reports",
            queryset=Report.objects.select_related("source").order_by("role", "source_id"),
        ),
        "topics",
    )


def call_to_dict(call: Call) -> dict[str, Any]:
    """One call in the export shape (see the module docstring)."""
    return {
        "id": call.pk,
        "url": call.get_absolute_url(),
        "date": call.date.isoformat() if call.date else None,
        "date_precision": call.date_precision,
        "kind": call.kind,
        "duration_minutes": call.duration_minutes,
        "duration_qualifier": call.duration_qualifier or None,
        "initiator": call.initiator.name if call.initiator else None,
        "participants": [
            {"name": p.leader.name, "country": p.leader.country_id}
            for p in call.participations.all()
        ],
        "topics": sorted(topic.name for topic in call.topics.all()),
        "sources": [
            {
                "origin": report.source.origin,
                "publisher": report.source.publisher or None,
                "title": report.source.title,
                "role": report.role,
            }
            for report in call.reports.all()
        ],
        "status": call.status,
    }


def call_to_row(call: Call) -> dict[str, Any]:
    """One call flattened for CSV: lists joined with "; "."""
    data = call_to_dict(call)
    return {
        **{key: data[key] for key in CSV_COLUMNS if key in data},
        "participants": "; ".join(p["name"] for p in data["participants"]),
        "countries": "; ".join(p["country"] for p in data["participants"]),
        "topics": "; ".join(data["topics"]),
        "sources": "; ".join(s["origin"] or s["title"] for s in data["sources"]),
    }


def iter_call_dicts(queryset: QuerySet[Call], chunk_size: int = 1000) -> Iterator[dict[str, Any]]:
    """Every call of ``queryset`` as a dict, in chunks so memory stays flat on large archives."""
    ids = list(queryset.values_list("pk", flat=True))
    for offset in range(0, len(ids), chunk_size):
        chunk: Iterable[Call] = calls_for_export(
            Call.objects.filter(pk__in=ids[offset : offset + chunk_size])
        ).order_by(*(queryset.query.order_by or Call._meta.ordering))
        yield from (call_to_dict(call) for call in chunk)
