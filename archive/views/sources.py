"""Sources: the list (searchable), and each source's text with its extracted facts."""

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import render

from .. import search
from ..citations import cite_source
from ..facets import QueryString
from ..models import Evidence, Participation, Report, Source
from .common import paginate, public_page, today
from .evidence import segments, sentences
from .exports import citation_response


@public_page
def source_list(request):
    query = search.parse(request.GET.get("q", "")[: search.MAX_QUERY_LENGTH * 2])
    publisher = request.GET.get("publisher", "").strip()[:200]
    # A correlated count, not GROUP BY: FTS5's bm25() cannot run in an aggregate query.
    reports = Report.objects.filter(source=OuterRef("pk")).order_by().values("source")
    sources = Source.objects.annotate(
        n_calls=Coalesce(Subquery(reports.annotate(n=Count("*")).values("n")), 0)
    ).order_by("-imported_at", "-id")
    if publisher:
        sources = sources.filter(publisher=publisher)
    if query:
        sources = search.search_sources(sources, query)
    if query.has_positive_terms:
        sources = search.rank_sources(sources, query).order_by("-search_rank", "-id")
    pagination = paginate(request, sources.defer("body"))
    snippets = (
        search.source_snippets(query, [s.pk for s in pagination.page.object_list])
        if query.has_positive_terms
        else {}
    )
    qs = QueryString(request.GET, request.path)
    context = {
        "page": pagination.page,
        "notices": pagination.notices,
        "q": request.GET.get("q", ""),
        "query": query,
        "publisher": publisher,
        "publisher_remove_url": qs.without("publisher"),
        "snippets": snippets,
    }
    return render(request, "archive/source_list.html", context)


def _source(pk: int) -> Source:
    source = Source.objects.filter(pk=pk).first()
    if source is None:
        raise Http404(f"There is no source number {pk} in the archive.")
    return source


@public_page
def source_detail(request, pk: int):
    source = _source(pk)
    reports = list(
        Report.objects.filter(source=source)
        .select_related("call")
        .prefetch_related(
            Prefetch(
                "call__participations",
                queryset=Participation.objects.select_related("leader__country").order_by(
                    "leader__name"
                ),
            ),
            "call__topics",
            Prefetch("evidence", queryset=Evidence.objects.order_by("start")),
        )
        .order_by("role", "call__date")
    )
    evidence = []
    for number, report in enumerate(reports, start=1):
        report.number = number
        names = {p.leader.slug: p.leader.name for p in report.call.participations.all()}
        names.update({topic.slug: topic.name for topic in report.call.topics.all()})
        report.sentences = sentences(report.evidence.all(), names)
        for item in report.evidence.all():
            item.report_number = number
            item.call = report.call
            # A leader's or a topic's name, not its slug.
            item.detail_shown = names.get(item.detail, item.detail)
            evidence.append(item)
    permalink = request.build_absolute_uri(source.get_absolute_url())
    context = {
        "source": source,
        "reports": reports,
        "segments": segments(source.body, evidence),
        "citation": cite_source(source, permalink, today()),
        "permalink": permalink,
    }
    return render(request, "archive/source_detail.html", context)


@public_page
def source_cite(request, pk: int, fmt: str):
    source = _source(pk)
    permalink = request.build_absolute_uri(source.get_absolute_url())
    return citation_response(cite_source(source, permalink, today()), fmt)
