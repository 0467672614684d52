"""Atom feeds of new and changed calls: of any list or search (its filters), and of a
leader's, a topic's or a country's page.

Entries come in the order calls last changed (``updated_at``), not the order they
happened: a subscriber following a question wants what is new or corrected in the
archive, including old calls found in a newly imported article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from . import search
from .filters import CallFilter
from .models import Call, Country, Leader, Topic
from .untrusted import without_controls
from .views.changes import LOG_FILTERS, ChangeFilter, shown
from .views.exports import feed_title, filter_problems, site_of, unknown_parameters

ENTRIES = 50
#: Who writes the feeds: RFC 4287 asks for an author of a feed whose entries name none.
AUTHOR = "Diplo"

#: How many of the archive's most recently changed calls a feed looks among first.
PROBE = 5000
#: The newest first, as the feeds list calls (an index reads them in this order).
NEWEST_CHANGED = ("-updated_at", "-id")


def newest_changed(calls, n: int) -> list[int]:
    """The ids of the ``n`` calls of ``calls`` changed last, newest first.

    Looked for first among the calls changed since the archive's PROBE-th most recent
    change: when ``n`` of them are there, they are exactly the newest ``n`` (every other call
    changed before them), found from a range of the index rather than by sorting every call
    the filters select (a country's 35,000 calls took 180 ms to sort on PostgreSQL at
    200,000 calls, whose planner expected 2,287). Otherwise, or in an archive of fewer calls,
    the filters select few recent calls, and sorting them all is cheap."""
    since = list(
        Call.objects.order_by(*NEWEST_CHANGED).values_list("updated_at", flat=True)[
            PROBE - 1 : PROBE
        ]
    )
    newest = calls.order_by(*NEWEST_CHANGED).values_list("pk", flat=True)
    if since:
        ids = list(newest.filter(updated_at__gte=since[0])[:n])
        if len(ids) >= n:
            return ids
    return list(newest[:n])


@dataclass
class Subject:
    """What one request's feed is of: the calls list's filters (the feed of every call when
    there are none), or a leader's, a topic's or a country's calls; and the site its links
    are on."""

    site: str
    filterset: CallFilter | None = None
    leader: Leader | None = None
    topic: Topic | None = None
    country: Country | None = None
    query: str = ""
    problems: list[str] = field(default_factory=list)


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
    """New and changed calls; with the calls list's parameters (``?q=...&leader=...``),
    those of the calls it would list, filtered and searched as the list is. A parameter it
    cannot apply is a 400 saying why, never a feed of more calls than were asked for."""

    feed_type = TextAtomFeed
    author_name = AUTHOR

    def __call__(self, request, *args, **kwargs):
        subject = self.get_object(request, *args, **kwargs)
        if subject.problems:
            lines = ["The archive cannot make this feed as asked:"]
            lines += [f"- {problem}" for problem in subject.problems]
            return HttpResponse(
                "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
            )
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs) -> Subject:
        # Feed.__call__ asks again: the subject of a request is read once.
        if getattr(request, "_feed_subject", None) is None:
            request._feed_subject = self.subject(request, *args, **kwargs)
        return request._feed_subject

    def subject(self, request) -> Subject:
        subject = Subject(site=site_of(request), query=request.GET.urlencode())
        subject.problems = unknown_parameters(request.GET)
        if not subject.problems:
            subject.filterset = CallFilter(request.GET, queryset=Call.objects.all())
            subject.problems = filter_problems(subject.filterset)
        return subject

    def title(self, subject: Subject) -> str:
        return feed_title(subject.filterset)

    def subtitle(self, subject: Subject) -> str:
        return (
            "Calls and meetings between leaders as they are added to the archive or changed,"
            " the most recently changed first."
        )

    def link(self, subject: Subject) -> str:
        path = reverse("archive:calls")
        return f"{path}?{subject.query}" if subject.query else path

    def feed_url(self, subject: Subject) -> str:
        path = reverse("archive:feed")
        return f"{path}?{subject.query}" if subject.query else path

    def author_link(self, subject: Subject) -> str:
        return subject.site + reverse("archive:home")

    def items(self, subject: Subject) -> list[Call]:
        calls = self.calls_for(subject)
        query = subject.filterset.query if subject.filterset else None
        # As the list's page reads them: a search too broad to hand its ids on filters by
        # the search itself, kept to the full-text index on PostgreSQL (search.index_scan).
        with search.kept_to_index(query):
            ids = newest_changed(calls, ENTRIES)
        found = Call.objects.with_related().in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def calls_for(self, subject: Subject):
        return subject.filterset.qs

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


class RecordCallsFeed(LatestCallsFeed):
    """The calls of one record (a leader, a topic, a country): its feed takes no
    parameters."""

    def subject(self, request, **key) -> Subject:
        subject = Subject(site=site_of(request))
        subject.problems = unknown_parameters(request.GET, known=frozenset())
        self.find(subject, **key)  # the record's slug, or a country's code
        return subject

    def feed_url(self, subject: Subject) -> None:
        return None  # the request's path


class LeaderCallsFeed(RecordCallsFeed):
    def find(self, subject: Subject, slug: str) -> None:
        subject.leader = get_object_or_404(Leader, slug=slug)

    def title(self, subject: Subject) -> str:
        return without_controls(f"Diplo: calls of {subject.leader.name}")

    def subtitle(self, subject: Subject) -> str:
        return without_controls(
            f"Calls and meetings of {subject.leader.name} as they are added to the archive"
            " or changed, the most recently changed first."
        )

    def link(self, subject: Subject) -> str:
        return subject.leader.get_absolute_url()

    def calls_for(self, subject: Subject):
        # As the calls list filters by the leader (and the leader's page counts).
        return CallFilter({"leader": [subject.leader.slug]}, queryset=Call.objects.all()).qs


class TopicCallsFeed(RecordCallsFeed):
    def find(self, subject: Subject, slug: str) -> None:
        subject.topic = get_object_or_404(Topic, slug=slug)

    def title(self, subject: Subject) -> str:
        return without_controls(f"Diplo: calls about {subject.topic.name}")

    def subtitle(self, subject: Subject) -> str:
        return without_controls(
            f"Calls and meetings about {subject.topic.name} as they are added to the archive"
            " or changed, the most recently changed first."
        )

    def link(self, subject: Subject) -> str:
        return subject.topic.get_absolute_url()

    def calls_for(self, subject: Subject):
        # As the calls list filters by the topic (and the topic's page counts).
        return CallFilter({"topic": [subject.topic.slug]}, queryset=Call.objects.all()).qs


class CountryCallsFeed(RecordCallsFeed):
    def find(self, subject: Subject, code: str) -> None:
        # The country page's own address: a two-letter code, in lower case.
        if not (len(code) == 2 and code.isascii() and code.isalpha() and code.islower()):
            raise Http404("Countries are named by their two-letter code in lower case.")
        subject.country = get_object_or_404(Country, code=code.upper())

    def title(self, subject: Subject) -> str:
        return without_controls(f"Diplo: calls of leaders of {subject.country.name}")

    def subtitle(self, subject: Subject) -> str:
        return without_controls(
            f"Calls and meetings of leaders of {subject.country.name} as they are added to"
            " the archive or changed, the most recently changed first."
        )

    def link(self, subject: Subject) -> str:
        return subject.country.get_absolute_url()

    def calls_for(self, subject: Subject):
        # As the calls list filters by the country (and the country's page counts).
        code = subject.country.code.lower()
        return CallFilter({"country": [code]}, queryset=Call.objects.all()).qs


class ChangesFeed(Feed):
    """The change log as Atom: each change to a call, newest first, with the log's filters
    (``?kind=redated&from=2026-12``). A parameter it cannot apply is a 400 saying why."""

    feed_type = TextAtomFeed
    author_name = AUTHOR

    def __call__(self, request, *args, **kwargs):
        problems = unknown_parameters(request.GET, known=LOG_FILTERS)
        if not problems:
            request._changes_filter = ChangeFilter.of(request.GET)
            problems = request._changes_filter.problems
        if problems:
            lines = ["The archive cannot make this feed as asked:"]
            lines += [f"- {problem}" for problem in problems]
            return HttpResponse(
                "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
            )
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return request

    def title(self, request) -> str:
        return "Diplo: changes to the archive’s calls"

    def subtitle(self, request) -> str:
        return "Calls added, given a source, dated, corrected, merged or deleted."

    def link(self, request) -> str:
        query = request.GET.urlencode()
        return reverse("archive:changes") + (f"?{query}" if query else "")

    def feed_url(self, request) -> str:
        query = request.GET.urlencode()
        return reverse("archive:changes-feed") + (f"?{query}" if query else "")

    def author_link(self, request) -> str:
        return site_of(request) + reverse("archive:home")

    def items(self, request):
        rows = shown(list(request._changes_filter.changes()[:ENTRIES]))
        host = request.get_host().rsplit(":", 1)[0] or "localhost"
        for row in rows:
            row.host = host
        return rows

    def item_title(self, row) -> str:
        what = row.call_title or f"Call {row.change.call_id}"
        return without_controls(f"{row.change.get_kind_display()}: {what}")

    def item_description(self, row) -> str:
        return without_controls(row.change.description or row.change.get_kind_display())

    def item_link(self, row) -> str:
        # A deleted call has no page: its entry leads to the log, at the change.
        return row.call_url or f"{reverse('archive:changes')}#change-{row.change.pk}"

    def item_guid(self, row) -> str:
        # Several changes of one call share its link; each entry needs an id of its own.
        return f"tag:{row.host},2026:change-{row.change.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, row):
        return row.change.at

    def item_updateddate(self, row):
        return row.change.at
