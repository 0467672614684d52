from django.shortcuts import get_object_or_404, render

from ..models import Topic


def topic_list(request):
    return render(request, "archive/topic_list.html", {"topics": Topic.objects.all()})


def topic_detail(request, slug: str):
    topic = get_object_or_404(Topic, slug=slug)
    calls = topic.calls.with_related()
    return render(request, "archive/topic_detail.html", {"topic": topic, "calls": calls})
