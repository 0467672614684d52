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
from .untrusted import without_controls

ENTRIES = 50


class TextAtomFeed(Atom1Feed):
    """Atom whose entries' summaries are plain text (``type="text"``), as they are written.

    Django marks a summary ``type="html"``: a reader then renders as markup the text of a
    record or a topic's name (``<script>``, ``<img onerror>``) escaped only once for XML.
    """

    def add_item_elements(self, handler, item):
        description, item["description"] = item["description"], None
        try:
            super().add_item_elements(handler, item)
        finally:
            item["description"] = description
        if description:
            handler.addQuickElement("summary", description, {"type": "text"})


class LatestCallsFeed(Feed):
    feed_type = TextAtomFeed
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
        return without_controls(call.title)

    def item_description(self, call):
        # XML 1.0 has no control characters: Django refuses them (a server error).
        topics = ", ".join(topic.name for topic in call.topics.all())
        parts = [call.summary or "No summary yet."]
        if call.duration_display:
            parts.append(f"Duration: {call.duration_display}.")
        if topics:
            parts.append(f"Topics: {topics}.")
        return without_controls(" ".join(parts))

    def item_pubdate(self, call):
        return call.created_at

    def item_updateddate(self, call):
        return call.updated_at

    def item_categories(self, call):
        return [without_controls(topic.name) for topic in call.topics.all()]


class LeaderCallsFeed(LatestCallsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Leader, slug=slug)

    def title(self, leader):
        return without_controls(f"Diplo: newly archived calls of {leader.name}")

    def subtitle(self, leader):
        return without_controls(
            f"Calls and meetings of {leader.name}, as they are added to the archive."
        )

    def link(self, leader):
        return leader.get_absolute_url()

    def calls_for(self, leader):
        return Call.objects.involving(leader)


class TopicCallsFeed(LatestCallsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return without_controls(f"Diplo: newly archived calls about {topic.name}")

    def subtitle(self, topic):
        return without_controls(
            f"Calls and meetings about {topic.name}, as they are added to the archive."
        )

    def link(self, topic):
        return topic.get_absolute_url()

    def calls_for(self, topic):
        return topic.calls.all()
