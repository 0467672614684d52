"""The front page: what the archive holds, its latest calls, and where to start."""

from django.db.models import Count
from django.shortcuts import render

from ..models import Call, Country, Leader, Source, Topic
from .common import public_page
from .queries import timeline, top_leaders, top_topics


@public_page
def home(request):
    per_month = Call.objects.order_by().values_list("year", "month").annotate(n=Count("*"))
    context = {
        "counts": {
            "calls": Call.objects.count(),
            "leaders": Leader.objects.count(),
            "countries": Country.objects.filter(leaders__isnull=False).distinct().count(),
            "topics": Topic.objects.count(),
            "sources": Source.objects.count(),
        },
        "latest": Call.objects.with_related().order_by("-date", "-id")[:8],
        "timeline": timeline(per_month, "Calls per month in the archive"),
        "leaders": top_leaders(limit=10),
        "topics": top_topics(limit=10),
    }
    return render(request, "archive/home.html", context)
