"""Two leaders side by side: every call between them, the gaps, their topics, each side's
statements (:mod:`archive.pairs`)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render

from .. import pairs
from ..models import Leader, LeaderRedirect
from .common import paginate, public_page
from .queries import timeline

#: Calls a page of the pair's timeline lists, and undated calls the page lists at most.
PER_PAGE = 25


def _leaders(slugs: tuple[str, str]) -> dict[str, Leader]:
    """The leaders of ``slugs``, a merged leader's old slug giving the survivor."""
    found = {
        leader.slug: leader
        for leader in Leader.objects.select_related("country").filter(slug__in=slugs)
    }
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        moved = LeaderRedirect.objects.select_related("leader__country")
        for row in moved.filter(old_slug__in=missing):
            found[row.old_slug] = row.leader
    for slug in slugs:
        if slug not in found:
            raise Http404(f"There is no leader “{slug}” in the archive.")
    return found


@public_page
def leader_pair(request, slug: str, other: str):
    found = _leaders((slug, other))
    one, two = sorted((found[slug], found[other]), key=lambda leader: leader.slug)
    if one.pk == two.pk:
        raise Http404(f"{one.name} is one leader: a pair is two.")
    if (slug, other) != (one.slug, two.slug):
        # One address per pair: its slugs in alphabetical order, each the leader's own.
        return redirect(pairs.pair_url(one, two), permanent=True)
    calls = pairs.calls_of_pair(one, two)
    if not calls:
        raise Http404(f"{one.name} and {two.name} have no call in the archive.")
    dated = [call for call in calls if call.dated]
    undated = [call for call in calls if not call.dated]
    pagination = paginate(request, dated, per_page=PER_PAGE)
    listed_undated = undated[:PER_PAGE]
    pairs.fill([*pagination.page.object_list, *listed_undated])
    both = [("leader", one.slug), ("leader", two.slug)]
    context = {
        "one": one,
        "two": two,
        "total": len(calls),
        "dated": dated,
        "first": dated[0] if dated else None,
        "last": dated[-1] if dated else None,
        "with_others": sum(call.with_others for call in calls),
        "inferred": sum(bool(call.inferred) for call in dated),
        "page": pagination.page,
        "notices": pagination.notices,
        "undated": undated,
        "listed_undated": listed_undated,
        "both_query": "&".join(f"{name}={value}" for name, value in both),
        "timeline": timeline(
            pairs.per_month(calls),
            f"Calls between {one.name} and {two.name} per month",
            filters=both,
        ),
        "topics": pairs.topics_per_year(calls),
        "sides": [
            pairs.side_statements(one, two, calls),
            pairs.side_statements(two, one, calls),
        ],
        "permalink": request.build_absolute_uri(request.path),
    }
    return render(request, "archive/leader_pair.html", context)
