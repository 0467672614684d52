"""Leaders: the list, and each leader's page (timeline, counterparts, topics, calls)."""

from dataclasses import dataclass, field

from django.db.models import F, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from .. import charts
from ..facet_totals import leader_calls
from ..models import Announcement, Country, Leader, LeaderRedirect, Participation
from .common import paginate, public_page
from .queries import CallSet, timeline

LEADER_SORTS = {"calls": "Most calls", "name": "Name"}


# The longest words the leaders list is searched by.
MAX_FIND = 100
#: Announced contacts shown on a leader's page, the latest expected first.
ANNOUNCEMENTS_SHOWN = 20


@dataclass
class LeaderListing:
    """The leaders list as asked by its parameters: the ids of the leaders it lists, in
    order, and what it was asked (shared by the page and its JSON twin)."""

    ids: list[int]
    sort: str
    find: str
    code: str  # the country asked for, when the archive has it
    country: str | None  # its name
    countries: list[tuple[str, str]]  # (code, name) of every country, by name
    counts: dict[int, int]  # each leader's calls, as the database keeps them
    per_country: dict[str, int]  # leaders found by name, by country (whatever the country)
    notices: list[str] = field(default_factory=list)


def leaders_listed(params) -> LeaderListing:
    """The leaders list for ``params`` (``q``, ``country``, ``sort``), in three queries.

    The counts are the ones the database keeps (no counting), and only the ids and
    countries of the leaders asked for are read.
    """
    sort = params.get("sort") if params.get("sort") in LEADER_SORTS else "calls"
    find = params.get("q", "").strip()[:MAX_FIND]
    code = params.get("country", "").strip().upper()
    countries = list(Country.objects.order_by("name").values_list("code", "name"))
    notices = []
    rows = Leader.objects.order_by("name")
    if find:
        found = Q(name__icontains=find) | Q(aliases__icontains=find)
        if slugify(find):  # a name written without its accents ("Erdogan")
            found |= Q(slug__icontains=slugify(find))
        rows = rows.filter(found)
    country = dict(countries).get(code) if code else None
    if code and country is None:
        notices.append(
            f"Country: nothing in the archive has the code “{code[:10]}”; all are shown."
        )
    # The leaders found by name with their country, read once: the list keeps those of the
    # country asked for, the JSON twin counts them by country for its facet.
    found_rows = list(rows.values_list("id", "country_id"))
    per_country: dict[str, int] = {}
    for _, country_id in found_rows:
        per_country[country_id] = per_country.get(country_id, 0) + 1
    ids = [pk for pk, country_id in found_rows if not country or country_id == code]
    counts = leader_calls()  # kept by the database
    if sort == "calls":
        ids.sort(key=lambda pk: -counts.get(pk, 0))  # stable: names order ties
    return LeaderListing(
        ids, sort, find, code if country else "", country, countries, counts, per_country, notices
    )


def with_leaders(pagination, counts: dict[int, int]):
    """``pagination`` with its page's leader ids replaced by the leaders (and their calls)."""
    leaders = Leader.objects.select_related("country").in_bulk(pagination.page.object_list)
    pagination.page.object_list = [leaders[pk] for pk in pagination.page.object_list]
    for leader in pagination.page.object_list:
        leader.n_calls = counts.get(leader.pk, 0)
    return pagination


@public_page
def leader_list(request):
    """Every leader with their number of calls, by calls or by name; found by name or alias
    (``q``) and kept to one country (``country``, its code). Only the page's leaders are
    fetched whole."""
    listing = leaders_listed(request.GET)
    pagination = with_leaders(paginate(request, listing.ids, per_page=100), listing.counts)
    context = {
        "page": pagination.page,
        "notices": listing.notices + pagination.notices,
        "sort": listing.sort,
        "find": listing.find,
        "countries": listing.countries,
        "country_code": listing.code,
        "country_name": listing.country,
    }
    return render(request, "archive/leader_list.html", context)


def leader_counted(leader: Leader) -> tuple[CallSet, list]:
    """A leader's calls as their page counts them, and their counterparts."""
    # The leader's calls are the ids of their participations, read from an index once.
    ids = Participation.objects.filter(leader=leader).values_list("call_id", flat=True)
    counted = CallSet("leader", leader.pk, ids)
    return counted, counted.top_leaders(limit=24, exclude=leader)


@public_page
def leader_detail(request, slug: str):
    leader = Leader.objects.select_related("country").filter(slug=slug).first()
    if leader is None:
        moved = get_object_or_404(LeaderRedirect.objects.select_related("leader"), old_slug=slug)
        return redirect(moved.leader, permanent=True)
    counted, counterparts = leader_counted(leader)
    calls = counted.calls.with_related().order_by("-date", "-id")
    pagination = paginate(request, calls, count=counted.count)
    context = {
        "leader": leader,
        "terms": list(leader.terms.select_related("country").order_by("-start")),
        "page": pagination.page,
        "notices": pagination.notices,
        "counted": counted,
        "counterparts": counterparts,
        "topics": counted.top_topics(limit=15),
        "timeline": timeline(
            counted.per_month(),
            f"Calls of {leader.name} per month" + counted.as_estimated,
            filters={"leader": leader.slug},
        ),
        "network": charts.network(
            leader.name,
            [charts.Node(c.obj.name, c.count, c.obj.get_absolute_url()) for c in counterparts[:12]],
        ),
        "announcements": announced_contacts(leader),
    }
    return render(request, "archive/leader_detail.html", context)


def announced_contacts(leader: Leader) -> list[Announcement]:
    """The contacts announced, requested or proposed with ``leader`` (never calls), the
    latest expected first, each with ``others``: the leaders it was to be held with. Two
    queries, whatever their number."""
    others = Leader.objects.exclude(pk=leader.pk).only("name", "slug").order_by("name")
    rows = list(
        Announcement.objects.filter(participants=leader)
        .select_related("source", "call")
        .only(
            "kind",
            "wording",
            "expected",
            "expected_precision",
            "sentence",
            "status",
            "source__title",
            "source__publisher",
            "source__published",
            "source__url",
            "call__slug",
            "call__date",
        )
        .prefetch_related(Prefetch("participants", queryset=others, to_attr="others"))
        .order_by(F("expected").desc(nulls_last=True), "-source__published", "-id")[
            :ANNOUNCEMENTS_SHOWN
        ]
    )
    return rows
