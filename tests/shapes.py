"""The export shape of a call, read from its model instances: what archive.serialization
must give, built the plain way (the product reads values instead, for speed)."""

from typing import Any

from archive.models import Call
from archive.untrusted import web_url


def expected_shape(call: Call, site: str = "") -> dict[str, Any]:
    call = Call.objects.get(pk=call.pk)
    participations = call.participations.select_related("leader").order_by("leader__name", "pk")
    reports = call.reports.select_related("source").order_by("role", "source_id")
    return {
        "id": call.pk,
        "url": site + call.get_absolute_url(),
        "date": call.date.isoformat() if call.date else None,
        "date_precision": call.date_precision,
        "date_inferred": call.date_inferred or None,
        "kind": call.kind,
        "duration_minutes": call.duration_minutes,
        "duration_qualifier": call.duration_qualifier or None,
        "initiator": call.initiator.name if call.initiator else None,
        "participants": [
            {"name": p.leader.name, "country": p.leader.country_id} for p in participations
        ],
        "topics": sorted(topic.name for topic in call.topics.all()),
        "sources": [
            {
                "title": str(report.source),
                "publisher": report.source.publisher or None,
                "published": (
                    report.source.published.isoformat() if report.source.published else None
                ),
                "url": web_url(report.source.url) or None,
                "permalink": site + report.source.get_absolute_url(),
                "role": report.role,
            }
            for report in reports
        ],
        "one_sided": call.one_sided,
        "status": call.status,
        # CAMEO 041 "Discuss by telephone" for remote contacts, 040 "Consult" otherwise.
        "cameo_code": "041" if call.kind in ("phone", "video") else "040",
    }
