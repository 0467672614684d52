"""Leaders: the list, and each leader's page (timeline, counterparts, topics, calls)."""

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


@public_page
def leader_list(request):
    """Every leader with their number of calls, by calls or by name; found by name or alias
    (``q``) and kept to one country (``country``, its code).

    The counts are the ones the database keeps (no counting), only the ids and names of the
    leaders asked for are read, and only the page's leaders are fetched whole.
    """
    sort = request.GET.get("sort") if request.GET.get("sort") in LEADER_SORTS else "calls"
    find = request.GET.get("q", "").strip()[:MAX_FIND]
    code = request.GET.get("country", "").strip().upper()
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
    elif country:
        rows = rows.filter(country_id=code)
    counts = leader_calls()  # kept by the database
    ids = list(rows.values_list("id", flat=True))
    if sort == "calls":
        ids.sort(key=lambda pk: -counts.get(pk, 0))  # stable: names order ties
    pagination = paginate(request, ids, per_page=100)
    leaders = Leader.objects.select_related("country").in_bulk(pagination.page.object_list)
    pagination.page.object_list = [leaders[pk] for pk in pagination.page.object_list]
    for leader in pagination.page.object_list:
        leader.n_calls = counts.get(leader.pk, 0)
    context = {
        "page": pagination.page,
        "notices": notices + pagination.notices,
        "sort": sort,
        "find": find,
        "countries": countries,
        "country_code": code if country else "",
        "country_name": country,
    }
    return render(request, "archive/leader_list.html", context)


@public_page
def leader_detail(request, slug: str):
    leader = Leader.objects.select_related("country").filter(slug=slug).first()
    if leader is None:
        moved = get_object_or_404(LeaderRedirect.objects.select_related("leader"), old_slug=slug)
        return redirect(moved.leader, permanent=True)
    # The leader's calls are the ids of their participations, read from an index once.
    ids = Participation.objects.filter(leader=leader).values_list("call_id", flat=True)
    counted = CallSet("leader", leader.pk, ids)
    counterparts = counted.top_leaders(limit=24, exclude=leader)
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
