from django.shortcuts import get_object_or_404, redirect, render

from ..models import Leader, LeaderRedirect


def leader_list(request):
    return render(request, "archive/leader_list.html", {"leaders": Leader.objects.all()[:500]})


def leader_detail(request, slug: str):
    leader = Leader.objects.select_related("country").filter(slug=slug).first()
    if leader is None:
        moved = get_object_or_404(LeaderRedirect.objects.select_related("leader"), old_slug=slug)
        return redirect(moved.leader, permanent=True)
    calls = leader.calls.with_related()
    return render(request, "archive/leader_detail.html", {"leader": leader, "calls": calls})
