"""Topics: the taxonomy, and each topic's page (timeline, leaders, calls)."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from ..models import Call, Topic
from .common import paginate, public_page
from .queries import CallSet, timeline


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
    tagged = Call.topics.through.objects.filter(topic=topic).values_list("call_id", flat=True)
    counted = CallSet("topic", topic.pk, tagged)
    calls = counted.calls.with_related().order_by("-date", "-id")
    pagination = paginate(request, calls, count=counted.count)
    context = {
        "topic": topic,
        "subtopics": list(topic.children.all()),
        "page": pagination.page,
        "notices": pagination.notices,
        "counted": counted,
        "leaders": counted.top_leaders(limit=15),
        "timeline": timeline(
            counted.per_month(),
            f"Calls about {topic.name} per month" + counted.as_estimated,
            filters={"topic": topic.slug},
        ),
    }
    return render(request, "archive/topic_detail.html", context)
