"""sitemap.xml: every permalink (calls, leaders, pairs of leaders, topics, countries, sources)
and the lists.

Faceted list URLs are left out on purpose: their combinations are endless, and
robots.txt asks crawlers not to wander through them.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max
from django.urls import reverse

from .models import Call, Country, Leader, Participation, Source, Topic
from .pairs import pair_url


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


class PairSitemap(Sitemap):
    """Every two leaders who took part in one call, each pair once (its page's own address).

    The pairs are read by the database in one query over the participations, each joined to
    the other participations of its call by the (call, leader) index; a page of the sitemap
    (``limit`` pairs) is a slice of them in leader order.
    """

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return (
            Participation.objects.filter(call__participations__leader_id__gt=F("leader_id"))
            .values_list("leader__slug", "call__participations__leader__slug")
            .distinct()
            .order_by("leader_id", "call__participations__leader_id")
        )

    def location(self, pair):
        one, other = pair
        return pair_url(Leader(slug=one), Leader(slug=other))


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
