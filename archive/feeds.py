"""Atom feeds of newly archived calls: all of them, and per leader and per topic.

Entries come in the order calls were archived (``created_at``), not the order they
happened: a subscriber wants what is new in the archive, including old calls
found in a newly imported article.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import Call, Leader, Topic

ENTRIES = 50


class LatestCallsFeed(Feed):
    feed_type = Atom1Feed
    title = "Diplo: newly archived calls"
    subtitle = "Calls and meetings between leaders, as they are added to the archive."

    def link(self):
        return reverse("archive:calls") + "?sort=archived"

    def calls(self):
        return Call.objects.all()

    def items(self, obj=None):
        return self.calls_for(obj).with_related().order_by("-created_at", "-id")[:ENTRIES]

    def calls_for(self, obj):
        return Call.objects.all()

    def item_title(self, call):
        return call.title

    def item_description(self, call):
        topics = ", ".join(topic.name for topic in call.topics.all())
        parts = [call.summary or "No summary yet."]
        if call.duration_display:
            parts.append(f"Duration: {call.duration_display}.")
        if topics:
            parts.append(f"Topics: {topics}.")
        return " ".join(parts)

    def item_pubdate(self, call):
        return call.created_at

    def item_updateddate(self, call):
        return call.updated_at

    def item_categories(self, call):
        return [topic.name for topic in call.topics.all()]


class LeaderCallsFeed(LatestCallsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Leader, slug=slug)

    def title(self, leader):
        return f"Diplo: newly archived calls of {leader.name}"

    def subtitle(self, leader):
        return f"Calls and meetings of {leader.name}, as they are added to the archive."

    def link(self, leader):
        return leader.get_absolute_url()

    def calls_for(self, leader):
        return Call.objects.involving(leader)


class TopicCallsFeed(LatestCallsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return f"Diplo: newly archived calls about {topic.name}"

    def subtitle(self, topic):
        return f"Calls and meetings about {topic.name}, as they are added to the archive."

    def link(self, topic):
        return topic.get_absolute_url()

    def calls_for(self, topic):
        return topic.calls.all()
