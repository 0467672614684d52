"""sitemap.xml: every permalink (calls, leaders, pairs of leaders, topics, countries, sources)
and the lists.

Faceted list URLs are left out on purpose: their combinations are endless, and
robots.txt asks crawlers not to wander through them.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max
from django.urls import reverse

from .models import Call, Country, Leader, Participation, Source, Topic
from .pairs import pair_path


class CallSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Call.objects.only("id", "slug", "updated_at").order_by("id")

    def lastmod(self, call):
        return call.updated_at


class LeaderSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Leader.objects.only("id", "slug", "updated_at").order_by("id")

    def lastmod(self, leader):
        return leader.updated_at


#: The pairs sitemap lists the pairs of this many of the most recently archived calls.
PAIR_SITEMAP_CALLS = 10_000


class PairSitemap(Sitemap):
    """Two leaders side by side: each pair of the most recently archived calls' participants,
    once (its page's own address).

    Bounded: every pair of the archive is a self-join of all its participations, which ran
    past the 10 s statement timeout at 200,000 calls (a 503; on two busy cores); the pairs of
    the newest ``PAIR_SITEMAP_CALLS`` calls are read from a range of their participations.
    Every pair is linked from its calls' pages and its leaders' pages, which the sitemap
    lists.
    """

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        # The id the newest calls start from: a range of the participations' (call, leader)
        # index, where a list of the newest ids was looked up participation by participation.
        newest = Call.objects.order_by("-id").values_list("id", flat=True)
        first = newest[PAIR_SITEMAP_CALLS - 1 : PAIR_SITEMAP_CALLS].first() or 0
        return (
            Participation.objects.filter(
                call_id__gte=first, call__participations__leader_id__gt=F("leader_id")
            )
            .values_list("leader__slug", "call__participations__leader__slug")
            .distinct()
            .order_by("leader__slug", "call__participations__leader__slug")
        )

    def location(self, pair):
        return pair_path(*pair)


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Topic.objects.only("id", "slug").order_by("id")


class CountrySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Country.objects.only("code").order_by("code")


class SourceSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.4

    def items(self):
        return Source.objects.only("id", "imported_at").order_by("id")

    def lastmod(self, source):
        return source.imported_at


class PageSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.7

    def items(self):
        return [
            "archive:home",
            "archive:calls",
            "archive:leaders",
            "archive:topics",
            "archive:countries",
            "archive:sources",
        ]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return Call.objects.aggregate(last=Max("updated_at"))["last"]


SITEMAPS = {
    "pages": PageSitemap,
    "calls": CallSitemap,
    "leaders": LeaderSitemap,
    "pairs": PairSitemap,
    "topics": TopicSitemap,
    "countries": CountrySitemap,
    "sources": SourceSitemap,
}
