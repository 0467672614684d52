"""The archive's public URLs; every record has a permalink here."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from . import views
from .feeds import (
    ChangesFeed,
    CountryCallsFeed,
    LatestCallsFeed,
    LeaderCallsFeed,
    TopicCallsFeed,
)
from .sitemaps import SITEMAPS

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    # The JSON API (archive/views/api.py): each list's paged twin, each record's permalink.
    path("search.json", views.calls_api, name="search-json"),
    path("leaders.json", views.leaders_api, name="leaders-json"),
    path("topics.json", views.topics_api, name="topics-json"),
    path("countries.json", views.countries_api, name="countries-json"),
    path("sources.json", views.sources_api, name="sources-json"),
    path("leaders/<slug:slug>.json", views.leader_json, name="leader-json"),
    path("topics/<slug:slug>.json", views.topic_json, name="topic-json"),
    re_path(r"^countries/(?P<code>[A-Za-z]{2})\.json$", views.country_json, name="country-json"),
    re_path(r"^sources/(?P<pk>[0-9]{1,19})\.json$", views.source_json, name="source-json"),
    path("api/", views.api_page, name="api"),
    path("api/openapi.json", views.openapi_json, name="openapi"),
    path("calls/", views.call_list, name="calls"),
    # PLOVER event records (archive/event_codes.py), before the .json exports they extend.
    path("calls.plover.json", views.calls_plover, name="calls-plover"),
    re_path(r"^calls\.(?P<fmt>csv|json)$", views.calls_export, name="calls-export"),
    path("calls/feed/", LatestCallsFeed(), name="feed"),
    path("calls/<int:pk>/", views.call_detail, name="call-noslug"),
    # An id has at most 19 digits (a bigint); a longer one matches nothing (404), rather than
    # reaching int(), which refuses numbers of more than 4,300 digits.
    re_path(r"^calls/(?P<pk>[0-9]{1,19})\.(?P<fmt>csv|json)$", views.call_data, name="call-data"),
    re_path(r"^calls/(?P<pk>[0-9]{1,19})\.plover\.json$", views.call_plover, name="call-plover"),
    re_path(
        r"^calls/(?P<pk>[0-9]{1,19})/cite\.(?P<fmt>bib|ris|json)$",
        views.call_cite,
        name="call-cite",
    ),
    path("calls/<int:pk>/<slug:slug>/", views.call_detail, name="call"),
    path("selection/", views.selection_page, name="selection"),
    path("selection/add/", views.selection_add, name="selection-add"),
    path("selection/remove/", views.selection_remove, name="selection-remove"),
    path("selection/clear/", views.selection_clear, name="selection-clear"),
    path("selection/adopt/", views.selection_adopt, name="selection-adopt"),
    re_path(
        r"^selection/cite\.(?P<fmt>bib|ris|json)$", views.selection_cite, name="selection-cite"
    ),
    re_path(r"^selection\.(?P<fmt>csv|json)$", views.selection_export, name="selection-export"),
    path("leaders/", views.leader_list, name="leaders"),
    path("leaders/<slug:slug>/", views.leader_detail, name="leader"),
    path("leaders/<slug:slug>/feed/", LeaderCallsFeed(), name="leader-feed"),
    path("leaders/<slug:slug>/and/<slug:other>/", views.leader_pair, name="leader-pair"),
    path("topics/", views.topic_list, name="topics"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("topics/<slug:slug>/feed/", TopicCallsFeed(), name="topic-feed"),
    path("countries/", views.country_list, name="countries"),
    path("countries/<str:code>/", views.country_detail, name="country"),
    path("countries/<str:code>/feed/", CountryCallsFeed(), name="country-feed"),
    path("sources/", views.source_list, name="sources"),
    path("sources/<int:pk>/", views.source_detail, name="source"),
    re_path(
        r"^sources/(?P<pk>[0-9]{1,19})/cite\.(?P<fmt>bib|ris|json)$",
        views.source_cite,
        name="source-cite",
    ),
    path("changes/", views.change_log, name="changes"),
    path("changes/feed/", ChangesFeed(), name="changes-feed"),
    path("releases/", views.release_list, name="releases"),
    re_path(
        r"^releases/(?P<version>[0-9][0-9A-Za-z.-]{0,80})/$", views.release_detail, name="release"
    ),
    re_path(
        r"^releases/(?P<version>[0-9][0-9A-Za-z.-]{0,80})/(?P<name>[A-Za-z0-9][A-Za-z0-9._-]{0,100})$",
        views.release_file,
        name="release-file",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "archive:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]
