"""The calls list (faceted, searchable, exportable) and each call's permalink."""

from __future__ import annotations

import itertools

from django.db.models import F, Prefetch
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render

from .. import search
from ..citations import cite_call
from ..facets import (
    QueryString,
    calls_per_month,
    chips,
    counts_of,
    facet_results,
)
from ..filters import CallFilter
from ..models import (
    NEAREST,
    Call,
    CallRedirect,
    Evidence,
    Participation,
    Report,
    Source,
    Statement,
)
from ..pairs import pair_url
from ..serialization import iter_plover_records
from .changes import of_call
from .common import PER_PAGE, paginate, public_page, requested_page, today
from .evidence import MAX_SENTENCE_ROWS, evidence_count, sentences
from .exports import (
    EXPORT_PARAMETERS,
    call_csv_response,
    call_json_response,
    citation_response,
    feed_title,
    feed_url,
    plover_json_response,
    site_of,
)
from .queries import timeline

# How many chips an empty result offers to remove, each with the count it would give.
WIDEN_LIMIT = 6
# How many sources the search page shows beside the calls.
SOURCE_HITS = 5
# How many statements a call's page shows (an import keeps at most 100 per call an article).
MAX_STATEMENTS = 300


def browse(request, *, search_page: bool = False):
    """The context of the calls list and the search page: they differ only in emphasis."""
    filterset = CallFilter(request.GET, queryset=Call.objects.all())
    qs = QueryString(request.GET, request.path)
    total = filterset.count()
    # A page of a search's results by relevance needs only the best matches up to it (a page
    # past the last shows the last, which they cover too).
    best = (requested_page(request) or 1) * PER_PAGE
    pagination = paginate(request, filterset.sorted(best=best).with_related(), count=total)
    query = filterset.query
    # A page of a search too broad to hand its ids on filters by the search itself: kept to
    # the full-text index on PostgreSQL (search.index_scan), which otherwise may test every
    # document (1.4 s for the calls without a common word).
    with search.kept_to_index(query):
        calls = list(pagination.page.object_list)
    active = chips(filterset, qs)
    context = {
        "filterset": filterset,
        "query": query,
        "q": filterset.values.get("q") or "",
        "total": total,
        "page": pagination.page,
        "calls": calls,
        "notices": filterset.notices + pagination.notices,
        "chips": active,
        "facets": facet_results(filterset, qs, total),
        "sort": filterset.sort_key,
        "sort_choices": filterset.sort_choices,
        "snippets": (
            search.call_snippets(query, [call.pk for call in calls])
            if query.has_positive_terms
            else {}
        ),
        "search_page": search_page,
        "export_query": _export_query(request.GET),
        # The feed of exactly these filters and this search (archive.feeds).
        "follow_url": feed_url(filterset),
        "follow_title": feed_title(filterset),
        # A search too broad to rank unless asked (archive.search.MAX_RANKED), listed newest
        # first: the page says so, with a link to rank it all the same.
        "unranked": filterset.unranked and not filterset.values.get("sort"),
    }
    if query.has_positive_terms:
        context.update(_did_you_mean(query))
    per_month = calls_per_month(filterset) if total else []
    counts = counts_of(filterset)
    # The picture's own title (its SVG <title>, read by screen readers) and its caption say
    # "as filtered" only when a filter or a search narrows the calls.
    title = "Calls per month, as filtered" if active else "Calls per month"
    if counts.estimated:
        context["facet_sample"] = counts.sample_size
        title += " (estimated from a sample)"
    context["timeline"] = timeline(per_month, title)
    if not total and active:
        context["widen"] = _widen(active)
    if search_page and query.has_positive_terms:
        if filterset.unranked:
            # Ranking the sources of a search this broad costs as much as ranking its calls.
            sources = _matching_sources_of(query, calls)
            context["sources_of_listed"] = True
        else:
            sources = search.rank_sources(Source.objects.all(), query, best=SOURCE_HITS)
            sources = list(sources.order_by("-search_rank", "-id")[:SOURCE_HITS])
        context["sources"] = sources
        context["source_snippets"] = search.source_snippets(query, [s.pk for s in sources])
    return context


def _did_you_mean(query: search.Query) -> dict:
    """For the words of a search that no call holds, the nearest words calls hold, each a
    link to the search with it instead, and the search with the nearest of each."""
    found = search.suggestions(query)
    if not found:
        return {}
    best = {s.word: s.nearest[0] for s in found if s.nearest}
    return {
        "suggestions": [
            {
                "word": s.word,
                "nearest": [
                    (word, search.with_words_replaced(query, {s.word: word})) for word in s.nearest
                ],
            }
            for s in found
        ],
        "corrected": search.with_words_replaced(query, best) if best else "",
    }


def _matching_sources_of(query: search.Query, calls: list[Call]) -> list[Source]:
    """The sources of ``calls`` that match ``query``: those of the first call listed first,
    the newest of each call's first (at most SOURCE_HITS)."""
    position = {call.pk: index for index, call in enumerate(calls)}
    newest = [F("source__published").desc(nulls_last=True), "-source_id"]
    reports = Report.objects.filter(call_id__in=position).order_by(*newest)
    # A stable sort: each call's sources stay newest first.
    reports = sorted(reports.values_list("call_id", "source_id"), key=lambda r: position[r[0]])
    matching = search.sources_matching(query, [source_id for _, source_id in reports])
    ids = list(dict.fromkeys(s for _, s in reports if s in matching))[:SOURCE_HITS]
    found = Source.objects.in_bulk(ids)
    return [found[pk] for pk in ids]


def _export_query(params: QueryDict) -> str:
    """The query string for the CSV and JSON twins: every filter, and nothing else (no
    page, no facet's search or page), which an export would refuse."""
    kept = QueryDict(mutable=True)
    for name, values in params.lists():
        if name in EXPORT_PARAMETERS:
            kept.setlist(name, values)
    return kept.urlencode()


def _widen(active) -> list[dict]:
    """For an empty result: each filter's removal, and how many calls it would give."""
    options = []
    for index, chip in enumerate(active):
        count = None
        if index < WIDEN_LIMIT:
            query = chip.remove_url.split("?", 1)[1] if "?" in chip.remove_url else ""
            count = CallFilter(QueryDict(query), queryset=Call.objects.all()).count()
        options.append({"chip": chip, "count": count})
    return options


@public_page
def call_list(request):
    return render(request, "archive/call_list.html", browse(request))


@public_page
def search_page(request):
    return render(request, "archive/search.html", browse(request, search_page=True))


def _merged_into(pk: int) -> Call:
    """The call that call ``pk`` was merged into; 404 if there never was such a call."""
    moved = CallRedirect.objects.select_related("call").filter(old_id=pk).first()
    if moved is None:
        raise Http404(f"There is no call number {pk} in the archive.")
    return moved.call


@public_page
def call_detail(request, pk: int, slug: str = ""):
    call = Call.objects.with_related().filter(pk=pk).first()
    if call is None:
        # A merged call's permalink leads to the call it was merged into.
        return redirect(_merged_into(pk), permanent=True)
    if slug != call.slug:
        return redirect(call, permanent=True)

    # The page names each source and links to it: its text stays in the database.
    reports = list(
        Report.objects.filter(call=call)
        .select_related("source")
        .defer("source__body")
        .annotate(n_evidence=evidence_count())
        # The first sentences of each report: an article repeating one may give thousands.
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=Evidence.objects.order_by("start", "pk")[:MAX_SENTENCE_ROWS],
                to_attr="first_evidence",
            )
        )
        .order_by("role", "source__published", "source_id")
    )
    names = {p.leader.slug: p.leader.name for p in call.participations.all()}
    names.update({topic.slug: topic.name for topic in call.topics.all()})
    # In text order within each side (the model's own order also sorts by the call's date,
    # a join for nothing here); at most MAX_STATEMENTS of them.
    statements = list(
        Statement.objects.filter(call=call)
        .select_related("side_leader__country", "side_country", "source")
        .defer("source__body", "side_leader__notes")
        .order_by("side_country__name", "start", "pk")[: MAX_STATEMENTS + 1]
    )
    # Each statement names its source by its number in the list of sources below, as a
    # note does (every statement repeating an 80-character title was most of the section).
    numbers = {report.source_id: number for number, report in enumerate(reports, start=1)}
    by_source: dict[int, list[Statement]] = {}
    for statement in statements:
        statement.source_number = numbers.get(statement.source_id)
        by_source.setdefault(statement.source_id, []).append(statement)
    for number, report in enumerate(reports, start=1):
        report.number = number
        report.sentences = sentences(
            report.first_evidence, names, by_source.get(report.source_id, [])
        )
        report.more_evidence = report.n_evidence - len(report.first_evidence)
    more_statements = 0
    if len(statements) > MAX_STATEMENTS:
        statements = statements[:MAX_STATEMENTS]
        more_statements = Statement.objects.filter(call=call).count() - MAX_STATEMENTS
    participants = list(call.participations.all())
    sides = _sides(participants, statements)
    if sides and more_statements:
        sides[-1]["more"] = more_statements
    leaders = [p.leader for p in participants]
    before, after = _neighbours(call, leaders)
    permalink = request.build_absolute_uri(call.get_absolute_url())
    context = {
        "call": call,
        "participants": participants,
        "reports": reports,
        "sides": sides,
        "before": before,
        "after": after,
        "citation": cite_call(call, permalink, today()),
        "permalink": permalink,
        "between_query": "&".join(f"leader={leader.slug}" for leader in leaders),
        # What changed in the record since it was archived: a citation can be checked.
        "changes": of_call(call),
        # Each two of its participants side by side (their page: every call between them).
        "pairs": [(a, b, pair_url(a, b)) for a, b in itertools.combinations(leaders, 2)],
    }
    return render(request, "archive/call_detail.html", context)


def _neighbours(call: Call, leaders: list) -> tuple[list[Call], list[Call]]:
    """The five calls between the same leaders just before ``call`` and the five just after
    (the page shows their date and kind only: nothing related to fetch).

    Two queries: one asking for either side (``pk IN (...) OR pk IN (...)``) made PostgreSQL
    read the whole calls table, 45 ms rather than 1.
    """
    if not call.date or not leaders:
        return [], []
    related = Call.objects.between(*leaders).exclude(pk=call.pk)
    before = list(related.filter(date__lt=call.date).order_by("-date", "-id")[:NEAREST])
    after = list(related.filter(date__gt=call.date).order_by("date", "id")[:NEAREST])
    return before, after


def _sides(participants: list[Participation], statements: list[Statement]) -> list[dict]:
    """Statements grouped by side: each participant's country, then any other side."""
    sides: list[dict] = []
    by_key: dict = {}
    for participation in participants:
        leader = participation.leader
        key = leader.country_id
        if key not in by_key:
            by_key[key] = {"title": leader.country.name, "leader": leader, "statements": []}
            sides.append(by_key[key])
    other = {"title": "Other accounts", "leader": None, "statements": []}
    for statement in statements:
        key = statement.side_country_id or (
            statement.side_leader.country_id if statement.side_leader else None
        )
        by_key.get(key, other)["statements"].append(statement)
    if other["statements"]:
        sides.append(other)
    return sides if any(side["statements"] for side in sides) else []


@public_page
def call_data(request, pk: int, fmt: str):
    """One call as JSON (the export shape plus summary and statements) or as a CSV row."""
    call = Call.objects.filter(pk=pk).first()
    if call is None:
        moved = _merged_into(pk)
        return redirect("archive:call-data", pk=moved.pk, fmt=fmt, permanent=True)
    queryset = Call.objects.filter(pk=pk)
    if fmt == "csv":
        return call_csv_response(queryset, f"diplo-call-{pk}.csv", site_of(request))
    if fmt == "json":
        return call_json_response(call, site_of(request))
    raise Http404("Calls come as .json or .csv.")


@public_page
def call_plover(request, pk: int):
    """One call as a PLOVER event record (`archive.event_codes`)."""
    if not Call.objects.filter(pk=pk).exists():
        return redirect("archive:call-plover", pk=_merged_into(pk).pk, permanent=True)
    record = next(iter_plover_records(Call.objects.filter(pk=pk), site=site_of(request)), None)
    if record is None:  # deleted between the two reads
        raise Http404(f"There is no call number {pk} in the archive.")
    return plover_json_response(record)


@public_page
def call_cite(request, pk: int, fmt: str):
    """The call's citation as a file: .bib (BibTeX), .ris or .json (CSL-JSON)."""
    call = Call.objects.with_related().filter(pk=pk).first()
    if call is None:
        moved = _merged_into(pk)
        return redirect("archive:call-cite", pk=moved.pk, fmt=fmt, permanent=True)
    citation = cite_call(call, request.build_absolute_uri(call.get_absolute_url()), today())
    return citation_response(citation, fmt)
