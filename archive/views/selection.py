"""The visitor's selection of calls: its page, the buttons that change it, its downloads.

The buttons are POST forms on the lists and the call pages, which the page cache serves
whole to every visitor without a session: such a page cannot carry a per-visitor CSRF
token (the token of the visitor it was rendered for would be everyone's). So the
selection's forms are protected as OWASP's "verifying origin with standard headers" does,
which is also the first check of Django's own CSRF middleware: a change is accepted only
from a page of the archive itself (its ``Origin``, or failing that its ``Referer``, is
this site or one of ``CSRF_TRUSTED_ORIGINS``). The session cookie is ``SameSite=Lax``
besides, so a form posted from another site arrives without it. A selection holds ids of
calls and nothing else: the worst a forged request could do is add a call to one.

The downloads take the session's selection or the ids of a shared address
(``?ids=12,40,7``); anything else, and ids that are not calls, are a 400 that says why.
"""

from __future__ import annotations

import functools
import json
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from .. import selection
from ..citations import cite_call
from ..links import link
from ..models import Call
from ..serialization import call_dicts
from .common import MAX_QUERY_STRING, bad_request, paginate, today
from .exports import CITATION_FILES, csv_lines_of, csv_response, json_lines_of, refused, site_of

#: The one parameter a selection's page and downloads read.
IDS = "ids"
#: Calls a page of the selection shows.
PER_PAGE = 100
#: A shared selection's address holds up to MAX_CALLS ids, each up to MAX_ID_DIGITS digits
#: and a comma, which a client may have written "%2C": longer than other questions may be.
MAX_SHARED_QUERY = max(
    MAX_QUERY_STRING, len(IDS) + 1 + selection.MAX_CALLS * (selection.MAX_ID_DIGITS + 3)
)


def _from_this_site(request: HttpRequest) -> bool:
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        # A browser that sends no Origin sends the Referer (same-origin, by our policy).
        referer = urlsplit(request.META.get("HTTP_REFERER", ""))
        if not referer.scheme or not referer.netloc:
            return False
        origin = f"{referer.scheme}://{referer.netloc}"
    return (
        origin == f"{request.scheme}://{request.get_host()}"
        or origin in settings.CSRF_TRUSTED_ORIGINS
    )


def selection_change(view):
    """A POST that changes the session's selection, accepted from the archive's own pages
    only (the module's docstring says why not by token), never cached."""

    @csrf_exempt
    @require_POST
    @never_cache
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _from_this_site(request):
            return HttpResponseForbidden(
                "A selection is changed from the archive's own pages only.",
                content_type="text/plain; charset=utf-8",
            )
        return view(request, *args, **kwargs)

    return wrapper


def _back(request: HttpRequest) -> HttpResponse:
    """To the page the button was on (``next``, one of the archive's own), else the
    selection's page."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not target.startswith("/"):
        target = link("archive:selection")
    return redirect(target)


def _posted_ids(request: HttpRequest, name: str) -> list[int] | HttpResponse:
    """The ids a form posted, read against the archive (a merged call's id followed), or
    the 400 page saying why they cannot be."""
    try:
        ids = selection.parse_ids(",".join(request.POST.getlist(name)))
    except selection.SelectionError as error:
        return bad_request(request, " ".join(error.reasons))
    if not ids:
        return bad_request(request, "No call was given.")
    resolved = selection.resolve(ids)
    if resolved.unknown:
        return bad_request(request, _unknown(resolved.unknown))
    return resolved.ids


def _unknown(ids: list[int]) -> str:
    numbers = ", ".join(str(pk) for pk in ids[:10]) + ("…" if len(ids) > 10 else "")
    return f"There is no call number {numbers} in the archive."


def _full(request: HttpRequest, left_out: list[int]) -> HttpResponse:
    return bad_request(
        request,
        f"Your selection holds {selection.MAX_CALLS} calls, the most it can; "
        f"{len(left_out)} more could not be added. Download it, or remove some calls, "
        "then add these again.",
    )


@selection_change
def selection_add(request):
    ids = _posted_ids(request, "id")
    if isinstance(ids, HttpResponse):
        return ids
    _, left_out = selection.add(request, ids)
    if left_out:
        return _full(request, left_out)
    return _back(request)


@selection_change
def selection_remove(request):
    try:
        ids = selection.parse_ids(",".join(request.POST.getlist("id")))
    except selection.SelectionError as error:
        return bad_request(request, " ".join(error.reasons))
    for pk in ids:
        selection.remove(request, pk)
    return _back(request)


@selection_change
def selection_clear(request):
    selection.clear(request)
    return _back(request)


@selection_change
def selection_adopt(request):
    """A shared selection's calls, added to the visitor's own (after those it holds)."""
    ids = _posted_ids(request, IDS)
    if isinstance(ids, HttpResponse):
        return ids
    _, left_out = selection.add(request, ids)
    if left_out:
        return _full(request, left_out)
    return redirect("archive:selection")


# -- reading a selection ----------------------------------------------------------------


class Refusal(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def _asked(request: HttpRequest, *, strict: bool) -> tuple[list[int], bool, list[str]]:
    """The ids a request is about, whether they were shared (``?ids=``) rather than the
    session's, and notices for the page. ``strict`` (downloads): anything unknown or
    unreadable is a :class:`Refusal`; the page notes what it leaves out instead."""
    if len(request.META.get("QUERY_STRING", "")) > MAX_SHARED_QUERY:
        raise Refusal(["The address is too long to be a question."])
    others = [name for name in request.GET if name != IDS]
    if others and strict:
        shown = ", ".join(f"“{name[:40]}”" for name in others[:5])
        raise Refusal(
            [f"{shown}: a selection's download takes only {IDS}=12,40,7 (or none: yours)."]
        )
    notices = []
    shared = IDS in request.GET
    if shared:
        values = request.GET.getlist(IDS)
        if any("\x00" in value for value in values):
            raise Refusal(["The address holds a NUL character."])
        try:
            ids = selection.parse_ids(",".join(values))
        except selection.SelectionError as error:
            raise Refusal(error.reasons) from None
    else:
        ids = selection.session_ids(request)
    resolved = selection.resolve(ids)
    for old, new in resolved.moved.items():
        notices.append(f"Call {old} was merged into call {new}, which is listed instead.")
    if resolved.unknown:
        if strict and shared:
            raise Refusal([_unknown(resolved.unknown)])
        notices.append(_unknown(resolved.unknown) + " It is left out.")
    if not shared and resolved.ids != ids:
        selection.store(request, resolved.ids)
    return resolved.ids, shared, notices


def _calls_in_order(ids: list[int]) -> list[Call]:
    found = Call.objects.with_related().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


@require_safe
@never_cache
def selection_page(request):
    try:
        ids, shared, notices = _asked(request, strict=False)
    except Refusal as refusal:
        return bad_request(request, " ".join(refusal.reasons))
    query = selection.share_query(ids) if ids else ""
    # A page at a time (the downloads take the whole selection): 500 calls on one page took
    # 166 ms to show at 200,000 calls (bench/README.md).
    pagination = paginate(request, ids, per_page=PER_PAGE)
    context = {
        "calls": _calls_in_order(list(pagination.page.object_list)),
        "total": len(ids),
        "page": pagination.page,
        "shared": shared,
        "notices": notices + pagination.notices,
        "ids_value": ",".join(str(pk) for pk in ids),
        "download_query": ("?" + query) if shared and ids else "",
        "share_url": request.build_absolute_uri(link("archive:selection") + "?" + query)
        if ids
        else "",
        "max_calls": selection.MAX_CALLS,
    }
    return render(request, "archive/selection.html", context)


def _download(view):
    @require_safe
    @never_cache
    @functools.wraps(view)
    def wrapper(request, fmt: str):
        try:
            ids, _, _ = _asked(request, strict=True)
        except Refusal as refusal:
            return refused(request, refusal.reasons, what="this selection")
        response = view(request, fmt, ids)
        response["Cache-Control"] = "private, no-store"
        return response

    return wrapper


@_download
def selection_cite(request, fmt: str, ids: list[int]):
    """Every selected call's citation in one file: .bib, .ris or .json (CSL-JSON), each
    exactly as the call's own citation file gives it."""
    method, content_type = CITATION_FILES[fmt]
    accessed = today()
    citations = [
        cite_call(call, request.build_absolute_uri(call.get_absolute_url()), accessed)
        for call in _calls_in_order(ids)
    ]
    if fmt == "json":
        content = json.dumps(
            [item for citation in citations for item in citation.csl()],
            ensure_ascii=False,
            indent=2,
        )
    else:
        separator = "\n" if fmt == "bib" else ""
        content = separator.join(getattr(citation, method)() for citation in citations)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="diplo-selection.{fmt}"'
    return response


@_download
def selection_export(request, fmt: str, ids: list[int]):
    """The selected calls as CSV or JSON, in the order added, in the calls list's export
    shape."""
    found = call_dicts(ids, site_of(request))
    calls = [found[pk] for pk in ids if pk in found]
    if fmt == "csv":
        return csv_response(csv_lines_of(calls), "diplo-selection.csv")
    header = {"count": len(calls), IDS: [data["id"] for data in calls]}
    response = HttpResponse(
        "".join(json_lines_of(calls, header)), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="diplo-selection.json"'
    return response
