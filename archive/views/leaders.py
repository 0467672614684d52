"""Leaders: the list, and each leader's page (timeline, counterparts, topics, calls)."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render

from .. import charts
from ..models import Call, Leader, LeaderRedirect
from .common import paginate, public_page
from .queries import calls_per_month, top_leaders, top_topics

LEADER_SORTS = {"calls": ("-n_calls", "name"), "name": ("name",)}


@public_page
def leader_list(request):
    sort = request.GET.get("sort") if request.GET.get("sort") in LEADER_SORTS else "calls"
    leaders = (
        Leader.objects.select_related("country")
        .annotate(n_calls=Count("participations"))
        .order_by(*LEADER_SORTS[sort])
    )
    pagination = paginate(request, leaders, per_page=100)
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
        "timeline": charts.timeline(
            calls_per_month(calls), title=f"Calls of {leader.name} per month"
        ),
        "network": charts.network(
            leader.name,
            [charts.Node(c.obj.name, c.count, c.obj.get_absolute_url()) for c in counterparts[:12]],
        ),
    }
    return render(request, "archive/leader_detail.html", context)
