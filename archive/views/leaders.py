"""Leaders: the list, and each leader's page (timeline, counterparts, topics, calls)."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render

from .. import charts
from ..models import Call, Leader, LeaderRedirect, Participation
from .common import paginate, public_page
from .queries import calls_per_month, timeline, top_leaders, top_topics

LEADER_SORTS = {"calls": "Most calls", "name": "Name"}


@public_page
def leader_list(request):
    """Every leader with their number of calls, by calls or by name.

    The counts group the participations by leader id alone (no join), and only the
    page's leaders are fetched whole: the ORM's ``annotate(Count(...))`` would group
    the joined tables by every leader column (measured: bench/README.md).
    """
    sort = request.GET.get("sort") if request.GET.get("sort") in LEADER_SORTS else "calls"
    counts = dict(Participation.objects.order_by().values_list("leader_id").annotate(n=Count("*")))
    rows = Leader.objects.order_by("name").values_list("id", "name")
    ids = [pk for pk, _ in rows]
    if sort == "calls":
        ids.sort(key=lambda pk: -counts.get(pk, 0))  # stable: names order ties
    pagination = paginate(request, ids, per_page=100)
    leaders = Leader.objects.select_related("country").in_bulk(pagination.page.object_list)
    pagination.page.object_list = [leaders[pk] for pk in pagination.page.object_list]
    for leader in pagination.page.object_list:
        leader.n_calls = counts.get(leader.pk, 0)
    context = {"page": pagination.page, "notices": pagination.notices, "sort": sort}
    return render(request, "archive/leader_list.html", context)


@public_page
def leader_detail(request, slug: str):
    leader = Leader.objects.select_related("country").filter(slug=slug).first()
    if leader is None:
        moved = get_object_or_404(LeaderRedirect.objects.select_related("leader"), old_slug=slug)
        return redirect(moved.leader, permanent=True)
    calls = Call.objects.involving(leader)
    counterparts = top_leaders(calls, exclude=leader, limit=24)
    pagination = paginate(request, calls.with_related().order_by("-date", "-id"))
    context = {
        "leader": leader,
        "terms": list(leader.terms.select_related("country").order_by("-start")),
        "page": pagination.page,
        "notices": pagination.notices,
        "counterparts": counterparts,
        "topics": top_topics(calls, limit=15),
        "timeline": timeline(calls_per_month(calls), f"Calls of {leader.name} per month"),
        "network": charts.network(
            leader.name,
            [charts.Node(c.obj.name, c.count, c.obj.get_absolute_url()) for c in counterparts[:12]],
        ),
    }
    return render(request, "archive/leader_detail.html", context)
