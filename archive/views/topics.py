"""Topics: the taxonomy, and each topic's page (timeline, leaders, calls).

A broader topic's calls are its own and those of its narrower topics, as everywhere in the
archive (the facet, the filter, the counts: :data:`archive.facet_totals.TOPIC_DEPTH`).
"""

from django.shortcuts import get_object_or_404, render

from ..facet_totals import TOPIC, kept_counts, with_narrower
from ..models import Call, Topic
from .common import paginate, public_page
from .queries import CallSet, timeline


def topics_listed() -> list[Topic]:
    """Every topic by name, with its calls (``n_calls``): the counts the database keeps,
    each topic's including its narrower topics'."""
    counts = kept_counts(TOPIC)
    topics = list(Topic.objects.select_related("parent").order_by("name"))
    for topic in topics:
        topic.n_calls = counts.get(str(topic.pk), 0)
    return topics


def topic_counted(topic: Topic) -> CallSet:
    """A topic's calls (its narrower topics' included), as its page counts them."""
    narrower = with_narrower([topic.pk])[topic.pk]
    tagged = Call.topics.through.objects.filter(topic__in=narrower).values_list(
        "call_id", flat=True
    )
    # Each call once, though it may have two of these topics.
    return CallSet("topic", topic.pk, tagged.distinct() if len(narrower) > 1 else tagged)


@public_page
def topic_list(request):
    topics = topics_listed()
    children: dict = {}
    for topic in topics:
        children.setdefault(topic.parent_id, []).append(topic)
    roots = children.get(None, [])
    tree = [(topic, children.get(topic.pk, [])) for topic in roots]
    return render(request, "archive/topic_list.html", {"tree": tree, "count": len(topics)})


@public_page
def topic_detail(request, slug: str):
    topic = get_object_or_404(Topic.objects.select_related("parent"), slug=slug)
    counted = topic_counted(topic)
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
