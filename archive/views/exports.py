"""Files: the calls list as CSV and JSON (exactly as filtered), one call, citations.

An export is read away from the archive, by people who never see the notices of the HTML
list: a filter it cannot apply (an unknown leader, a bad date, a parameter it does not
know) is a 400 that says why, never a file of more calls than were asked for.
"""

from __future__ import annotations

import csv
import functools
import json
import re
from collections.abc import Iterable, Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse

from ..citations import Citation
from ..event_codes import CAMEO_CODEBOOK, PLOVER_CODEBOOK, PLOVER_VERSION
from ..filters import CallFilter
from ..models import Call
from ..serialization import (
    CSV_COLUMNS,
    call_dict,
    call_to_row,
    iter_call_dicts,
    iter_plover_records,
)
from ..untrusted import without_controls
from .common import public_page

#: The parameters an export of the calls list reads: the list's filters and its order.
EXPORT_PARAMETERS = frozenset(CallFilter.base_filters)

CITATION_FILES = {
    # extension: (Citation method, content type)
    "bib": ("bibtex", "application/x-bibtex; charset=utf-8"),
    "ris": ("ris", "application/x-research-info-systems; charset=utf-8"),
    "json": ("csl_json", "application/vnd.citationstyles.csl+json; charset=utf-8"),
}


class _Echo:
    def write(self, value):
        return value


def site_of(request: HttpRequest) -> str:
    """The scheme and host the archive is served on ("https://diplo.example.org"), which
    begins every permalink an export gives."""
    return request.build_absolute_uri("/").rstrip("/")


def unknown_parameters(names, known=EXPORT_PARAMETERS) -> list[str]:
    """Why the parameters ``names`` (those not ``known``) cannot be applied."""
    reasons = []
    for name in dict.fromkeys(names):
        if name in known:
            continue
        if not known:
            reasons.append(
                "This feed takes no parameters; the feed of the calls list"
                " (/calls/feed/?leader=...&topic=...) takes the list's filters."
            )
            break
        if name == "page":
            reasons.append("page: an export has no pages; it holds every matching call.")
        else:
            shown = name if len(name) <= 40 else name[:40] + "…"
            reasons.append(
                f"“{shown}” is not a filter; the filters are {', '.join(sorted(known))}."
            )
    return reasons


#: How the list's notices end: the list goes on without the value, an export does not.
_IGNORED = re.compile(r"[;,.]?\s*(?:it|the filter) was ignored\.?$", re.IGNORECASE)


def filter_problems(filterset: CallFilter) -> list[str]:
    """Why ``filterset`` cannot be applied as asked: every value it ignored, dropped or
    corrected (its notices, which the HTML list shows above its results)."""
    filterset.values  # noqa: B018 - reads the parameters, which fills the notices
    problems = []
    for notice in filterset.notices:
        shortened = _IGNORED.sub("", notice)
        while shortened != notice:  # "...; the filter was ignored. It was ignored."
            notice, shortened = shortened, _IGNORED.sub("", shortened)
        problems.append(notice.rstrip(" .;,") + ".")
    return problems


def feed_url(filterset: CallFilter) -> str:
    """The Atom feed of the calls ``filterset`` lists (archive.feeds.LatestCallsFeed): its
    filters and search, no order, no page."""
    query = filterset.followed_query()
    path = reverse("archive:feed")
    return f"{path}?{query}" if query else path


def feed_title(filterset: CallFilter) -> str:
    """The title of that feed: what it follows."""
    if not filterset.is_filtered:
        return "Diplo: new and changed calls"
    return without_controls(f"Diplo: {filterset.described()}")


def refused(request: HttpRequest, reasons: list[str], what: str = "these calls") -> HttpResponse:
    """A 400 listing ``reasons``: as JSON for a JSON export, as plain text otherwise."""
    if request.path.endswith(".json"):
        response = JsonResponse(
            {"error": f"The archive cannot export {what} as asked.", "reasons": reasons},
            status=400,
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
    else:
        lines = [f"The archive cannot export {what} as asked:", *(f"- {r}" for r in reasons)]
        lines.append("Correct or remove these parameters; nothing was exported.")
        response = HttpResponse(
            "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
        )
    return response


def known_parameters_only(view):
    """Refuse (400) a parameter the export does not read, before the page cache and the
    guard of `public_page` (which drops unknown parameters so a page's cached copy is
    keyed on what it read) see the request."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        reasons = unknown_parameters(request.GET)
        if reasons:
            return refused(request, reasons)
        return view(request, *args, **kwargs)

    return wrapper


def csv_lines(queryset, site: str = "") -> Iterator[str]:
    return csv_lines_of(iter_call_dicts(queryset, site=site))


#: CSV lines sent at a time: a chunk of the stream per line cost a tenth of an export's time.
LINES_A_CHUNK = 200


def csv_lines_of(calls: Iterable[dict]) -> Iterator[str]:
    """The CSV of ``calls`` (in the export shape), ``LINES_A_CHUNK`` lines at a time."""
    writer = csv.writer(_Echo())
    lines = [writer.writerow(CSV_COLUMNS)]
    for data in calls:
        row = call_to_row(data)
        lines.append(writer.writerow([row.get(column, "") for column in CSV_COLUMNS]))
        if len(lines) >= LINES_A_CHUNK:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def call_csv_response(queryset, filename: str, site: str = "") -> StreamingHttpResponse:
    return csv_response(csv_lines(queryset, site), filename)


def csv_response(lines: Iterator[str], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_lines(queryset, header: dict, site: str = "") -> Iterator[str]:
    return json_lines_of(iter_call_dicts(queryset, site=site), header)


def json_lines_of(calls: Iterable[dict], header: dict, key: str = "calls") -> Iterator[str]:
    """{"count": ..., ..., "calls": [...]} written a call at a time (``key``: the list's name)."""
    opening = json.dumps(header, cls=DjangoJSONEncoder)[:-1]
    yield opening + (", " if header else "") + json.dumps(key) + ": ["
    for index, data in enumerate(calls):
        yield ("," if index else "") + "\n" + json.dumps(data, ensure_ascii=False)
    yield "\n]}\n"


def call_json_response(call: Call, site: str = "") -> JsonResponse:
    data = call_dict(call.pk, site)
    data["summary"] = call.summary
    statements = call.statements.select_related("side_leader__country", "side_country")
    data["statements"] = [
        # "speaker" as the source wrote it ("He"); "attribution" as the call's page shows it.
        {
            "speaker": s.speaker,
            "attribution": s.attribution,
            "side": s.side_country_id,
            "text": s.text,
        }
        for s in statements
    ]
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})


@known_parameters_only
@public_page
def calls_export(request, fmt: str):
    """The calls list as CSV or JSON: the same parameters, every matching call, no pages."""
    if fmt not in ("csv", "json"):
        raise Http404("Lists come as .csv or .json.")
    filterset = CallFilter(request.GET, queryset=Call.objects.all())
    problems = filter_problems(filterset)
    if problems:
        return refused(request, problems)
    queryset = filterset.sorted()
    site = site_of(request)
    if fmt == "csv":
        return call_csv_response(queryset, "diplo-calls.csv", site)
    header = {
        "count": filterset.count(),
        "filters": {name: request.GET.getlist(name) for name in request.GET},
    }
    return StreamingHttpResponse(
        json_lines(queryset, header, site), content_type="application/json; charset=utf-8"
    )


#: What a PLOVER export says of itself, before its events.
PLOVER_HEADER = {
    "codebook": PLOVER_VERSION,
    "codebook_url": PLOVER_CODEBOOK,
    "cameo_codebook_url": CAMEO_CODEBOOK,
    "note": "Each call is a CONSULT event. The leader who initiated the contact is the "
    "source actor and the others are recipients; where no source says who initiated it, "
    'every participant is a source and "direction" is "unknown". Meetings have no mode: '
    "the archive does not record where they took place.",
}


def plover_json_response(record: dict) -> JsonResponse:
    return JsonResponse(record, json_dumps_params={"ensure_ascii": False, "indent": 2})


@known_parameters_only
@public_page
def calls_plover(request):
    """The calls list as PLOVER event records: the filters of /calls.json, the same 400s."""
    filterset = CallFilter(request.GET, queryset=Call.objects.all())
    problems = filter_problems(filterset)
    if problems:
        return refused(request, problems)
    header = {
        "count": filterset.count(),
        "filters": {name: request.GET.getlist(name) for name in request.GET},
        **PLOVER_HEADER,
    }
    records = iter_plover_records(filterset.sorted(), site=site_of(request))
    return StreamingHttpResponse(
        json_lines_of(records, header, key="events"),
        content_type="application/json; charset=utf-8",
    )


def citation_response(citation: Citation, extension: str) -> HttpResponse:
    if extension not in CITATION_FILES:
        raise Http404("Citations come as .bib (BibTeX), .ris or .json (CSL-JSON).")
    method, content_type = CITATION_FILES[extension]
    response = HttpResponse(getattr(citation, method)(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{citation.key}.{extension}"'
    return response
