"""The JSON API: a paged JSON twin of every list and a JSON permalink of every record.

Datasette's ``.json`` is the model. Each list's twin takes the page's own parameters, plus
``size`` (rows a page, at most :data:`MAX_SIZE`) and ``page``, and answers one envelope::

    {"total": 2, "page": 1, "size": 100, "pages": 1,
     "url": "https://.../search.json?leader=x", "next": null, "previous": null,
     "html_url": "https://.../calls/?leader=x",
     "facets": [{"name": "country", "values": [{"value": "fr", "label": "France",
                 "count": 2, "selected": false, "toggle_url": "https://..."}], ...}],
     "rows": [...]}

The calls list's twin is ``/search.json`` (the calls list and the search page are one list,
and take the same parameters); ``/calls.json`` and ``/calls.csv`` stay the exports of every
matching call, unpaged (:mod:`archive.views.exports`). The twins of the leaders, topics,
countries and sources lists are ``/leaders.json`` and so on; a record's JSON permalink is
its page's address with ``.json`` (``/leaders/<slug>.json``, ``/countries/fr.json``,
``/calls/12.json``). Every link is absolute. A parameter the list does not read, or a value
it cannot apply, is a 400 that says why (the HTML pages show notices and go on instead).
The facet counts are the HTML page's own (:func:`archive.facets.facet_results`). Field
names are documented on ``/api/`` and in the OpenAPI document (:mod:`archive.openapi`).
"""

from __future__ import annotations

import dataclasses
import functools
import math
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from .. import charts, search
from ..facet_totals import leader_calls
from ..facets import FACETS, MAX_FIND, QueryString, chips, counts_of, facet_results
from ..filters import CallFilter
from ..models import Call, Country, Leader, LeaderRedirect, Report, Source, Topic
from ..openapi import openapi_document
from ..serialization import call_dicts
from ..untrusted import web_url
from .common import MAX_QUERY_STRING, public_page
from .exports import filter_problems, site_of
from .leaders import LEADER_SORTS, leader_counted, leaders_listed
from .leaders import MAX_FIND as MAX_LEADER_FIND
from .places import COUNTRY_SORTS, countries_listed, country_counted
from .queries import CallSet
from .sources import sources_listed
from .topics import topic_counted, topics_listed

#: Rows a page when ``size`` is not given, and the most a page may hold.
DEFAULT_SIZE = 100
MAX_SIZE = 1000
PAGING = frozenset({"page", "size"})
#: What each list's twin reads: the page's own parameters and the paging.
CALL_PARAMETERS = frozenset(CallFilter.base_filters) | PAGING | {"more", "fq", "fpage"}
LEADER_PARAMETERS = frozenset({"q", "country", "sort"}) | PAGING
TOPIC_PARAMETERS = PAGING
COUNTRY_PARAMETERS = frozenset({"sort"}) | PAGING
SOURCE_PARAMETERS = frozenset({"q", "publisher"}) | PAGING
#: How many counterparts and topics a record's JSON gives, as its page shows them.
TOP_COUNTERPARTS = 24
TOP_TOPICS = 15
TOP_LEADERS = 15
TOP_COUNTRIES = 15


def json_response(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False, "indent": 2})


def api_error(reasons: list[str], status: int = 400) -> JsonResponse:
    """A 400 (or ``status``) listing why the request cannot be answered as asked."""
    return json_response(
        {"error": "The archive cannot answer this request as asked.", "reasons": reasons},
        status,
    )


def not_found(message: str) -> JsonResponse:
    return json_response({"error": message, "reasons": [message]}, status=404)


def _shown(name: str) -> str:
    return name if len(name) <= 40 else name[:40] + "…"


def api_view(known: frozenset[str]):
    """A JSON view reading the parameters ``known`` only: any other is refused (400) before
    the guard of `public_page` drops it (so that a cached copy is keyed on what was read),
    as are a NUL character and an address too long to be a question."""

    def decorate(view):
        guarded = public_page(view)

        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
                return api_error(["The address is too long to be a question."])
            reasons = []
            for name, values in request.GET.lists():
                if "\x00" in name or any("\x00" in value for value in values):
                    return api_error(["The address holds a NUL character."])
                if name not in known:
                    if known:
                        reasons.append(
                            f"“{_shown(name)}” is not a parameter of this list; it reads"
                            f" {', '.join(sorted(known))}."
                        )
                    else:
                        reasons.append(
                            f"“{_shown(name)}”: this address takes no parameters (a record's"
                            " calls are listed by its calls_url)."
                        )
                elif len(values) > 1 and name not in _REPEATABLE:
                    reasons.append(f"{name}: give one value, not {len(values)}.")
            if reasons:
                return api_error(reasons)
            return guarded(request, *args, **kwargs)

        return wrapper

    return decorate


#: Parameters that may repeat (each value stands): the calls list's multi-valued filters.
_REPEATABLE = frozenset({"leader", "country", "topic", "publisher", "more"})


@dataclasses.dataclass(frozen=True)
class Paging:
    page: int
    size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


def _number(params, name: str, default: int, low: int, high: int | None) -> tuple[int, list[str]]:
    raw = params.get(name, "").strip()
    if not raw:
        return default, []
    if not raw.isdigit() or len(raw) > 9:
        return default, [f"{name}: “{_shown(raw)}” is not a whole number."]
    value = int(raw)
    if value < low or (high is not None and value > high):
        bound = f"from {low} to {high:,}" if high is not None else f"{low} or more"
        return default, [f"{name}: {value:,} is out of range; it is {bound}."]
    return value, []


def paging_of(params) -> tuple[Paging, list[str]]:
    """The page and size asked for, and why they cannot be (when they cannot)."""
    size, size_problems = _number(params, "size", DEFAULT_SIZE, 1, MAX_SIZE)
    page, page_problems = _number(params, "page", 1, 1, None)
    return Paging(page, size), size_problems + page_problems


def past_the_last(paging: Paging, total: int) -> list[str]:
    pages = max(1, math.ceil(total / paging.size))
    if paging.page > pages:
        return [
            f"page: there is no page {paging.page:,}; the last is {pages:,} (size {paging.size})."
        ]
    return []


def envelope(
    request: HttpRequest,
    paging: Paging,
    total: int,
    rows: list[dict],
    html_name: str,
    facets: list[dict] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The envelope every list's twin answers (see the module docstring)."""
    site = site_of(request)
    qs = QueryString(request.GET, site + request.path)
    pages = max(1, math.ceil(total / paging.size))
    html = QueryString(request.GET, site + reverse(html_name))
    return {
        "total": total,
        "page": paging.page,
        "size": paging.size,
        "pages": pages,
        "url": site + request.get_full_path(),
        "next": qs.setting(page=str(paging.page + 1)) if paging.page < pages else None,
        "previous": (
            qs.setting(page=str(paging.page - 1) if paging.page > 2 else None)
            if paging.page > 1
            else None
        ),
        "html_url": html.setting(size=None, more=None, fq=None, fpage=None),
        **extra,
        "facets": facets or [],
        "rows": rows,
    }


def _absolute(url: str, site: str) -> str | None:
    if not url:
        return None
    return url if url.startswith(("http://", "https://")) else site + url


def facet_dict(result, site: str) -> dict[str, Any]:
    """A facet as JSON: Datasette's ``facet_results`` (name, values with ``value``, ``label``,
    ``count``, ``selected``, ``toggle_url``; ``truncated``), with the page's links."""
    data = dataclasses.asdict(result)
    for key in ("more_url", "less_url", "previous_url", "next_url"):
        data[key] = _absolute(data[key], site)
    for key in ("plural", "findable", "first", "last"):
        data.pop(key)
    data["find"] = data["find"] or None
    return data


def _json_url(name: str, site: str, **kwargs) -> str:
    return site + reverse(name, kwargs=kwargs)


# -- the calls list ---------------------------------------------------------------------


def _facet_problems(params) -> list[str]:
    names = {facet.name for facet in FACETS}
    problems = [
        f"more: “{_shown(value)}” is not a facet; the facets are {', '.join(sorted(names))}."
        for value in params.getlist("more")
        if value not in names
    ]
    _, fpage = _number(params, "fpage", 1, 1, None)
    if len(params.get("fq", "")) > MAX_FIND:
        problems.append(f"fq: at most {MAX_FIND} characters.")
    return problems + fpage


@api_view(CALL_PARAMETERS)
def calls_api(request):
    """The calls list (and the search page) as JSON: a page of calls in the export shape,
    the facets as the page counts them, and the filters in force."""
    filterset = CallFilter(request.GET, queryset=Call.objects.all())
    paging, problems = paging_of(request.GET)
    problems = filter_problems(filterset) + problems + _facet_problems(request.GET)
    if problems:
        return api_error(problems)
    total = filterset.count()
    problems = past_the_last(paging, total)
    if problems:
        return api_error(problems)
    site = site_of(request)
    query = filterset.query
    # Ranked among every match, not among the best up to this page (`best`) as the HTML
    # page is: the index picks its best by rank then id, and the list orders equal ranks by
    # date, so among equal ranks the pages of ever larger `best` took calls twice or never.
    best = None if filterset.sort_key == "relevance" else paging.page * paging.size
    ordered = filterset.sorted(best=best)
    # As the HTML list reads its page (archive.views.calls.browse).
    with search.kept_to_index(query):
        ids = list(
            ordered.values_list("pk", flat=True)[paging.offset : paging.offset + paging.size]
        )
    found = call_dicts(ids, site)
    rows = [found[pk] for pk in ids if pk in found]
    json_of = reverse("archive:call-data", kwargs={"pk": 10**15, "fmt": "json"})
    for row in rows:
        row["json"] = site + json_of.replace(str(10**15), str(row["id"]))
    if query.has_positive_terms:
        snippets = search.call_snippets(query, ids)
        for row in rows:
            row["snippet"] = str(snippets[row["id"]]) if row["id"] in snippets else None
    qs = QueryString(request.GET, site + request.path)
    counts = counts_of(filterset)
    data = envelope(
        request,
        paging,
        total,
        rows,
        "archive:calls",
        facets=[facet_dict(f, site) for f in facet_results(filterset, qs, total)],
        sort=filterset.sort_key,
        filters=[
            {
                "name": chip.name,
                "value": chip.value,
                "title": chip.title,
                "label": chip.label,
                "remove_url": chip.remove_url,
            }
            for chip in chips(filterset, qs)
        ],
        facets_estimated=counts.estimated,
        facets_sample_size=getattr(counts, "sample_size", None) if counts.estimated else None,
        export_urls={
            fmt: site
            + reverse("archive:calls-export", kwargs={"fmt": fmt})
            + _query(request.GET, CallFilter.base_filters)
            for fmt in ("csv", "json")
        },
    )
    return json_response(data)


def _query(params, kept) -> str:
    """``?`` and the parameters of ``params`` that are ``kept`` ("" when none are)."""
    encoded = urlencode(
        [(name, v) for name, values in params.lists() if name in kept for v in values]
    )
    return f"?{encoded}" if encoded else ""


# -- the leaders, topics, countries and sources lists ----------------------------------------


def _leader_row(leader: Leader, calls: int, site: str) -> dict[str, Any]:
    return {
        "slug": leader.slug,
        "name": leader.name,
        "country": leader.country_id,
        "country_name": leader.country.name,
        "calls": calls,
        "url": site + leader.get_absolute_url(),
        "json": _json_url("archive:leader-json", site, slug=leader.slug),
    }


@api_view(LEADER_PARAMETERS)
def leaders_api(request):
    """The leaders list as JSON, with the leaders found by name counted by country (the
    page's country filter) as a facet."""
    paging, problems = paging_of(request.GET)
    sort = request.GET.get("sort")
    if sort is not None and sort not in LEADER_SORTS:
        problems.append(f"sort: “{_shown(sort)}” is not an order; the orders are calls, name.")
    if len(request.GET.get("q", "").strip()) > MAX_LEADER_FIND:
        problems.append(f"q: at most {MAX_LEADER_FIND} characters.")
    listing = leaders_listed(request.GET)
    problems += [notice.replace("; all are shown.", ".") for notice in listing.notices]
    problems = problems or past_the_last(paging, len(listing.ids))
    if problems:
        return api_error(problems)
    site = site_of(request)
    page_ids = listing.ids[paging.offset : paging.offset + paging.size]
    leaders = Leader.objects.select_related("country").in_bulk(page_ids)
    rows = [_leader_row(leaders[pk], listing.counts.get(pk, 0), site) for pk in page_ids]
    qs = QueryString(request.GET, site + request.path)
    names = dict(listing.countries)
    counted = sorted(listing.per_country.items(), key=lambda row: (-row[1], names.get(row[0])))
    facet = {
        "name": "country",
        "label": "Country",
        "hint": "Leaders found by name, by their country.",
        "values": [
            {
                "value": code.lower(),
                "label": names.get(code, code),
                "count": n,
                "selected": code == listing.code,
                "toggle_url": qs.toggle("country", code.lower(), code == listing.code, False),
            }
            for code, n in counted
        ],
        "truncated": False,
    }
    data = envelope(
        request, paging, len(listing.ids), rows, "archive:leaders", [facet], sort=listing.sort
    )
    return json_response(data)


def _topic_row(topic: Topic, site: str) -> dict[str, Any]:
    return {
        "slug": topic.slug,
        "name": topic.name,
        "parent": topic.parent.slug if topic.parent_id else None,
        "calls": topic.n_calls,
        "url": site + topic.get_absolute_url(),
        "json": _json_url("archive:topic-json", site, slug=topic.slug),
    }


@api_view(TOPIC_PARAMETERS)
def topics_api(request):
    """Every topic by name with its calls (a broader topic's including its narrower ones')."""
    paging, problems = paging_of(request.GET)
    topics = topics_listed()
    problems = problems or past_the_last(paging, len(topics))
    if problems:
        return api_error(problems)
    site = site_of(request)
    rows = [_topic_row(t, site) for t in topics[paging.offset : paging.offset + paging.size]]
    return json_response(envelope(request, paging, len(topics), rows, "archive:topics"))


def _country_row(country: Country, site: str) -> dict[str, Any]:
    return {
        "code": country.code,
        "name": country.name,
        "leaders": country.n_leaders,
        "calls": country.n_calls,
        "url": site + country.get_absolute_url(),
        "json": _json_url("archive:country-json", site, code=country.code.lower()),
    }


@api_view(COUNTRY_PARAMETERS)
def countries_api(request):
    """Every country with its leaders and calls, by name or by calls."""
    paging, problems = paging_of(request.GET)
    sort = request.GET.get("sort")
    if sort is not None and sort not in COUNTRY_SORTS:
        problems.append(f"sort: “{_shown(sort)}” is not an order; the orders are calls, name.")
    sort = sort if sort in COUNTRY_SORTS else "name"
    countries = countries_listed(sort)
    problems = problems or past_the_last(paging, len(countries))
    if problems:
        return api_error(problems)
    site = site_of(request)
    shown = countries[paging.offset : paging.offset + paging.size]
    rows = [_country_row(country, site) for country in shown]
    data = envelope(request, paging, len(countries), rows, "archive:countries", sort=sort)
    return json_response(data)


def _source_row(source: Source, site: str) -> dict[str, Any]:
    return {
        "id": source.pk,
        "title": Source.name_of(source.title, source.publisher, source.published, source.url),
        "publisher": source.publisher or None,
        "published": source.published.isoformat() if source.published else None,
        # As in the calls' export shape: the original's web address, and the archive's page.
        "url": web_url(source.url) or None,
        "permalink": site + source.get_absolute_url(),
        "json": _json_url("archive:source-json", site, pk=source.pk),
    }


@api_view(SOURCE_PARAMETERS)
def sources_api(request):
    """The sources list as JSON: newest first, or most relevant first for a search."""
    paging, problems = paging_of(request.GET)
    if problems:
        return api_error(problems)
    sources, query, _ = sources_listed(request.GET)
    total = sources.count()
    problems = past_the_last(paging, total)
    if problems:
        return api_error(problems)
    site = site_of(request)
    page = list(sources[paging.offset : paging.offset + paging.size])
    snippets = (
        search.source_snippets(query, [s.pk for s in page]) if query.has_positive_terms else {}
    )
    rows = []
    for source in page:
        row = {**_source_row(source, site), "calls": source.n_calls}
        if query.has_positive_terms:
            row["snippet"] = str(snippets[source.pk]) if source.pk in snippets else None
        rows.append(row)
    return json_response(envelope(request, paging, total, rows, "archive:sources"))


# -- each record's JSON permalink ------------------------------------------------------------


def _calls_of(site: str, name: str, value: str, counted: CallSet) -> dict[str, Any]:
    """How many calls a record has, as its page counts them, and where they are listed."""
    search_url = site + reverse("archive:search-json") + f"?{name}={value}"
    return {
        "calls": counted.count,
        "calls_estimated": counted.estimated,
        "calls_per_year": [
            {"year": year, "calls": n} for year, n in charts.per_year(counted.per_month())
        ],
        "calls_url": search_url,
        "calls_export_url": site
        + reverse("archive:calls-export", kwargs={"fmt": "json"})
        + f"?{name}={value}",
    }


def _counted_leader(item, site: str) -> dict[str, Any]:
    leader = item.obj
    return {
        "slug": leader.slug,
        "name": leader.name,
        "country": leader.country_id,
        "calls": item.count,
        "url": site + leader.get_absolute_url(),
        "json": _json_url("archive:leader-json", site, slug=leader.slug),
    }


def _counted_topic(item, site: str) -> dict[str, Any]:
    topic = item.obj
    return {
        "slug": topic.slug,
        "name": topic.name,
        "calls": item.count,
        "url": site + topic.get_absolute_url(),
        "json": _json_url("archive:topic-json", site, slug=topic.slug),
    }


@api_view(frozenset())
def leader_json(request, slug: str):
    leader = Leader.objects.select_related("country").filter(slug=slug).first()
    if leader is None:
        moved = LeaderRedirect.objects.select_related("leader").filter(old_slug=slug).first()
        if moved is None:
            return not_found(f"There is no leader “{_shown(slug)}” in the archive.")
        return redirect("archive:leader-json", slug=moved.leader.slug, permanent=True)
    site = site_of(request)
    counted, counterparts = leader_counted(leader)
    terms = leader.terms.select_related("country").order_by("-start")
    data = {
        "slug": leader.slug,
        "name": leader.name,
        "aliases": list(leader.aliases),
        "verified": leader.verified,
        "country": leader.country_id,
        "country_name": leader.country.name,
        "country_url": site + leader.country.get_absolute_url(),
        "url": site + leader.get_absolute_url(),
        "json": site + request.path,
        "terms": [
            {
                "office": term.office,
                "title": term.title,
                "country": term.country_id,
                "start": term.start.isoformat() if term.start else None,
                "end": term.end.isoformat() if term.end else None,
            }
            for term in terms
        ],
        **_calls_of(site, "leader", leader.slug, counted),
        "counterparts": [_counted_leader(item, site) for item in counterparts],
        "topics": [_counted_topic(item, site) for item in counted.top_topics(limit=TOP_TOPICS)],
        "feed_url": site + reverse("archive:leader-feed", kwargs={"slug": leader.slug}),
    }
    return json_response(data)


@api_view(frozenset())
def topic_json(request, slug: str):
    topic = Topic.objects.select_related("parent").filter(slug=slug).first()
    if topic is None:
        return not_found(f"There is no topic “{_shown(slug)}” in the archive.")
    site = site_of(request)
    counted = topic_counted(topic)
    parent = topic.parent

    def named(t: Topic) -> dict[str, str]:
        return {
            "slug": t.slug,
            "name": t.name,
            "url": site + t.get_absolute_url(),
            "json": _json_url("archive:topic-json", site, slug=t.slug),
        }

    data = {
        "slug": topic.slug,
        "name": topic.name,
        "description": topic.description,
        "url": site + topic.get_absolute_url(),
        "json": site + request.path,
        "parent": named(parent) if parent else None,
        "subtopics": [named(t) for t in topic.children.order_by("name")],
        **_calls_of(site, "topic", topic.slug, counted),
        "leaders": [_counted_leader(i, site) for i in counted.top_leaders(limit=TOP_LEADERS)],
        "feed_url": site + reverse("archive:topic-feed", kwargs={"slug": topic.slug}),
    }
    return json_response(data)


@api_view(frozenset())
def country_json(request, code: str):
    if code != code.lower():
        return redirect("archive:country-json", code=code.lower(), permanent=True)
    country = Country.objects.filter(code=code.upper()).first()
    if country is None:
        return not_found(f"There is no country “{_shown(code)}” in the archive.")
    site = site_of(request)
    counted = country_counted(country)
    leaders = list(country.leaders.select_related("country").order_by("name"))
    calls_of = leader_calls([leader.pk for leader in leaders])
    leaders.sort(key=lambda leader: -calls_of.get(leader.pk, 0))  # stable: names order ties
    counterparts = counted.top_countries(limit=TOP_COUNTRIES, exclude=country)
    data = {
        "code": country.code,
        "name": country.name,
        "url": site + country.get_absolute_url(),
        "json": site + request.path,
        "leaders": [
            {
                "slug": leader.slug,
                "name": leader.name,
                "calls": calls_of.get(leader.pk, 0),
                "url": site + leader.get_absolute_url(),
                "json": _json_url("archive:leader-json", site, slug=leader.slug),
            }
            for leader in leaders
        ],
        **_calls_of(site, "country", country.code.lower(), counted),
        "counterparts": [
            {
                "code": item.obj.code,
                "name": item.obj.name,
                "calls": item.count,
                "url": site + item.obj.get_absolute_url(),
                "json": _json_url("archive:country-json", site, code=item.obj.code.lower()),
            }
            for item in counterparts
        ],
    }
    return json_response(data)


@api_view(frozenset())
def source_json(request, pk: int):
    source = Source.objects.filter(pk=pk).defer("body").first()
    if source is None:
        return not_found(f"There is no source number {pk} in the archive.")
    site = site_of(request)
    reports = Report.objects.filter(source=source).order_by("role", "call__date", "call_id")
    call_ids = list(reports.values_list("call_id", "role"))
    shapes = call_dicts([call_id for call_id, _ in call_ids], site)
    data = {
        **_source_row(source, site),
        "json": site + request.path,
        "dateline": source.dateline or None,
        "language": source.language,
        "calls": [
            {
                "id": call_id,
                "role": role,
                "url": shapes[call_id]["url"],
                "json": _json_url("archive:call-data", site, pk=call_id, fmt="json"),
            }
            for call_id, role in call_ids
            if call_id in shapes
        ],
    }
    return json_response(data)


# -- the documentation ------------------------------------------------------------------------


@public_page
def api_page(request):
    """The API's documentation, with examples run against this archive."""
    site = site_of(request)
    return render(request, "archive/api.html", {"site": site, "max_size": MAX_SIZE})


@api_view(frozenset())
def openapi_json(request):
    return json_response(openapi_document(site_of(request)))


#: The JSON twin of each page (by URL name), with the parameters it reads.
_TWINS = {
    "calls": ("archive:search-json", CALL_PARAMETERS - PAGING),
    "search": ("archive:search-json", CALL_PARAMETERS - PAGING),
    "leaders": ("archive:leaders-json", LEADER_PARAMETERS - PAGING),
    "topics": ("archive:topics-json", TOPIC_PARAMETERS - PAGING),
    "countries": ("archive:countries-json", COUNTRY_PARAMETERS - PAGING),
    "sources": ("archive:sources-json", SOURCE_PARAMETERS - PAGING),
    "leader": ("archive:leader-json", frozenset()),
    "topic": ("archive:topic-json", frozenset()),
    "country": ("archive:country-json", frozenset()),
    "source": ("archive:source-json", frozenset()),
}


def json_twin(request: HttpRequest) -> str:
    """The address of the JSON twin of ``request``'s page, with the parameters of the page
    that the twin reads ("" for a page without one)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != "archive" or match.url_name not in _TWINS:
        return ""
    name, known = _TWINS[match.url_name]
    try:
        return reverse(name, kwargs=match.kwargs or None) + _query(request.GET, known)
    except NoReverseMatch:  # a page's address its twin's does not take ("/countries/xyz/")
        return ""
