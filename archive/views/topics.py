"""Topics: the taxonomy, and each topic's page (timeline, leaders, calls)."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from ..models import Call, Topic
from .common import paginate, public_page
from .queries import calls_per_month, timeline, top_leaders


@public_page
def topic_list(request):
    # Counted on the link table by topic id, then attached (no GROUP BY over a join).
    counts = dict(
        Call.topics.through.objects.order_by().values_list("topic_id").annotate(n=Count("*"))
    )
    topics = list(Topic.objects.order_by("name"))
    for topic in topics:
        topic.n_calls = counts.get(topic.pk, 0)
    children: dict = {}
    for topic in topics:
        children.setdefault(topic.parent_id, []).append(topic)
    roots = children.get(None, [])
    tree = [(topic, children.get(topic.pk, [])) for topic in roots]
    return render(request, "archive/topic_list.html", {"tree": tree, "count": len(topics)})


@public_page
def topic_detail(request, slug: str):
    topic = get_object_or_404(Topic.objects.select_related("parent"), slug=slug)
    calls = Call.objects.filter(
        pk__in=Call.topics.through.objects.filter(topic=topic).values("call_id")
    )
    pagination = paginate(request, calls.with_related().order_by("-date", "-id"))
    context = {
        "topic": topic,
        "subtopics": list(topic.children.all()),
        "page": pagination.page,
        "notices": pagination.notices,
        "leaders": top_leaders(calls, limit=15),
        "timeline": timeline(calls_per_month(calls), f"Calls about {topic.name} per month"),
    }
    return render(request, "archive/topic_detail.html", context)
