"""The front page: what the archive holds, its latest calls, and where to start."""

from django.shortcuts import render

from ..facet_totals import total_calls
from ..models import Call, Source
from .common import public_page
from .queries import CallSet, timeline


@public_page
def home(request):
    counted = CallSet()  # every call: the counts the database keeps
    context = {
        # What the archive holds: the leaders, countries and topics with at least one call
        # (the gazetteer's reference lists are longer), read from the kept facet counts.
        "counts": {
            "calls": total_calls(),  # kept by the database, as the facet counts are
            "leaders": counted.with_calls("leader"),
            "countries": counted.with_calls("country"),
            "topics": counted.with_calls("topic"),
            "sources": Source.objects.count(),
        },
        "latest": Call.objects.with_related().order_by("-date", "-id")[:8],
        "timeline": timeline(counted.per_month(), "Calls per month in the archive", filters={}),
        "leaders": counted.top_leaders(limit=10),
        "topics": counted.top_topics(limit=10),
    }
    return render(request, "archive/home.html", context)
