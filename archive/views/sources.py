"""Sources: the list (searchable), and each source's text with its extracted facts."""

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce, Length, Substr
from django.http import Http404
from django.shortcuts import render

from .. import search
from ..citations import cite_source
from ..facets import QueryString
from ..models import Evidence, Participation, Report, Source, Statement
from ..untrusted import web_url
from .common import paginate, public_page, today
from .evidence import (
    MAX_MARKS,
    MAX_SENTENCE_ROWS,
    evidence_count,
    fact_detail,
    part_window,
    parts_in,
    segments,
    sentences,
)
from .exports import citation_response


def sources_listed(params) -> tuple[QuerySet, search.Query, str]:
    """The sources the list shows for ``params`` (``q``, ``publisher``), newest first or
    most relevant first, each with its number of calls (``n_calls``); the search and the
    publisher asked for."""
    query = search.parse(params.get("q", "")[: search.MAX_QUERY_LENGTH * 2])
    publisher = params.get("publisher", "").strip()[:200]
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
    return sources.defer("body"), query, publisher


@public_page
def source_list(request):
    sources, query, publisher = sources_listed(request.GET)
    pagination = paginate(request, sources)
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


@public_page
def source_detail(request, pk: int):
    """A source's text, a part at a time for the longest (``?part=``), its evidence
    highlighted, and the calls it reports with the sentences that gave their facts."""
    source = _source_with_length(pk)
    parts = parts_in(source.body_length)
    part = requested_part(request, parts)
    start, end = part_window(part)
    text = Source.objects.filter(pk=pk).values_list(Substr("body", start + 1, end - start))[0][0]
    reports = list(
        Report.objects.filter(source=source)
        .select_related("call")
        .annotate(n_evidence=evidence_count())
        .prefetch_related(
            Prefetch(
                "call__participations",
                queryset=Participation.objects.select_related("leader__country").order_by(
                    "leader__name"
                ),
            ),
            "call__topics",
            # The first sentences of each report: an article repeating one may give thousands.
            Prefetch(
                "evidence",
                queryset=Evidence.objects.order_by("start", "pk")[:MAX_SENTENCE_ROWS],
                to_attr="first_evidence",
            ),
        )
        .order_by("role", "call__date")
    )
    # Its statements, so that a "he" or "the statement" among the facts is attributed.
    statements = list(
        Statement.objects.filter(source=source)
        .select_related("side_leader__country", "side_country")
        .defer("side_leader__notes")
        .order_by("start", "pk")[:MAX_SENTENCE_ROWS]
    )
    by_report = {}
    for number, report in enumerate(reports, start=1):
        report.number = number
        names = {p.leader.slug: p.leader.name for p in report.call.participations.all()}
        names.update({topic.slug: topic.name for topic in report.call.topics.all()})
        report.statements = [s for s in statements if s.call_id == report.call_id]
        report.sentences = sentences(report.first_evidence, names, report.statements)
        report.more_evidence = report.n_evidence - len(report.first_evidence)
        by_report[report.pk] = (number, report.call, names)
    # The spans of this part of the text, however many the source has.
    marks = list(
        Evidence.objects.filter(report__source=source, start__lt=end, end__gt=start)
        .order_by("start", "pk")
        .only("pk", "report_id", "fact", "detail", "start", "end")[: MAX_MARKS + 1]
    )
    statements_of = {report.pk: report.statements for report in reports}
    for item in marks:
        number, call, names = by_report[item.report_id]
        item.report_number = number
        item.call = call
        # A leader's or a topic's name, not its slug; a duration with its unit.
        item.detail_shown = fact_detail(item, names, statements_of[item.report_id])
    permalink = request.build_absolute_uri(source.get_absolute_url())
    context = {
        "source": source,
        "original_url": web_url(source.url),
        "reports": reports,
        "segments": segments(text, marks[:MAX_MARKS], offset=start),
        "marks_left_out": len(marks) > MAX_MARKS,
        "part": part,
        "parts": parts,
        "part_start": start,
        "part_end": min(end, source.body_length),
        "citation": cite_source(source, permalink, today()),
        "permalink": permalink,
    }
    return render(request, "archive/source_detail.html", context)


def _source_with_length(pk: int) -> Source:
    """The source ``pk`` without its text (read a part at a time), but with its length."""
    source = Source.objects.filter(pk=pk).defer("body").annotate(body_length=Length("body")).first()
    if source is None:
        raise Http404(f"There is no source number {pk} in the archive.")
    return source


def requested_part(request, parts: int) -> int:
    """The part of the text asked for (``?part=``), within 1 and ``parts``."""
    try:
        part = int(request.GET.get("part", "1").strip()[:6] or "1")
    except ValueError:
        return 1
    return min(max(part, 1), parts)


@public_page
def source_cite(request, pk: int, fmt: str):
    source = _source_with_length(pk)
    permalink = request.build_absolute_uri(source.get_absolute_url())
    return citation_response(cite_source(source, permalink, today()), fmt)
