"""Files: the calls list as CSV and JSON (exactly as filtered), one call, citations."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse

from ..citations import Citation
from ..filters import CallFilter
from ..models import Call
from ..serialization import CSV_COLUMNS, call_dict, call_to_row, iter_call_dicts
from .common import public_page

CITATION_FILES = {
    # extension: (Citation method, content type)
    "bib": ("bibtex", "application/x-bibtex; charset=utf-8"),
    "ris": ("ris", "application/x-research-info-systems; charset=utf-8"),
    "json": ("csl_json", "application/vnd.citationstyles.csl+json; charset=utf-8"),
}


class _Echo:
    def write(self, value):
        return value


def csv_lines(queryset) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for data in iter_call_dicts(queryset):
        row = call_to_row(data)
        yield writer.writerow([row.get(column, "") for column in CSV_COLUMNS])


def call_csv_response(queryset, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_lines(queryset, header: dict) -> Iterator[str]:
    """{"count": ..., ..., "calls": [...]} written a call at a time."""
    opening = json.dumps(header, cls=DjangoJSONEncoder)[:-1]
    yield opening + (', "calls": [' if header else '"calls": [')
    for index, data in enumerate(iter_call_dicts(queryset)):
        yield ("," if index else "") + "\n" + json.dumps(data, ensure_ascii=False)
    yield "\n]}\n"


def call_json_response(call: Call) -> JsonResponse:
    data = call_dict(call.pk)
    data["summary"] = call.summary
    data["statements"] = [
        {"speaker": s.speaker, "side": s.side_country_id, "text": s.text}
        for s in call.statements.all()
    ]
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})


@public_page
def calls_export(request, fmt: str):
    """The calls list as CSV or JSON: the same parameters, every matching call, no pages."""
    filterset = CallFilter(request.GET, queryset=Call.objects.all())
    queryset = filterset.sorted()
    if fmt == "csv":
        return call_csv_response(queryset, "diplo-calls.csv")
    if fmt == "json":
        header = {
            "count": filterset.count(),
            "filters": {name: request.GET.getlist(name) for name in request.GET if name != "page"},
            "notices": filterset.notices,
        }
        return StreamingHttpResponse(
            json_lines(queryset, header), content_type="application/json; charset=utf-8"
        )
    raise Http404("Lists come as .csv or .json.")


def citation_response(citation: Citation, extension: str) -> HttpResponse:
    if extension not in CITATION_FILES:
        raise Http404("Citations come as .bib (BibTeX), .ris or .json (CSL-JSON).")
    method, content_type = CITATION_FILES[extension]
    response = HttpResponse(getattr(citation, method)(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{citation.key}.{extension}"'
    return response
