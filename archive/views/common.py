"""What every public page shares: a guard on the query string, pagination, absolute URLs."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from ..caching import cached_page
from ..filters import CallFilter

# A longer query string is not a question; it is refused rather than parsed.
MAX_QUERY_STRING = 4096
PER_PAGE = 25
#: Every parameter a public page reads: the calls list's filters (which the search, the
#: exports, the sources and leaders lists share), a page of results, a facet's longer list
#: (``more``), the words its values are found by and the page of them (``fq``, ``fpage``), a
#: part of a source's text, the rows a page of a JSON twin holds (``size``). A page is given
#: these and no other (utm_source and the like are dropped before it runs), so that its
#: cached copy is keyed on what it read: a random parameter made every request a cache miss,
#: slower than no cache at all.
PAGE_PARAMETERS = frozenset(CallFilter.base_filters) | {
    "page",
    "more",
    "fq",
    "fpage",
    "part",
    "size",
}


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "400.html", {"message": message}, status=400)


def public_page(view):
    """A read-only page (GET and HEAD only) that refuses query strings no one could mean,
    served from the page cache while the archive is unchanged (:mod:`archive.caching`).

    NUL bytes cannot be stored or compared by PostgreSQL, so they would otherwise
    surface as a server error deep inside a lookup.
    """
    cached = cached_page(view)

    @require_safe
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
            return bad_request(request, "The address is too long to be a question.")
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return bad_request(request, "The address holds a NUL character.")
        request.GET = only_page_parameters(request.GET)
        return cached(request, *args, **kwargs)

    return wrapper


def only_page_parameters(params: QueryDict) -> QueryDict:
    """``params`` without those no page reads (in their order otherwise)."""
    if all(name in PAGE_PARAMETERS for name in params):
        return params
    kept = QueryDict(mutable=True)
    for name, values in params.lists():
        if name in PAGE_PARAMETERS:
            kept.setlist(name, values)
    kept._mutable = False
    return kept


class CountedPaginator(Paginator):
    """A paginator that can be told the count (from the full-text index) instead of asking."""

    def __init__(self, object_list, per_page, count: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count if self._known_count is not None else super().count


@dataclass
class Pagination:
    page: Page
    notices: list[str] = field(default_factory=list)


def requested_page(request: HttpRequest) -> int | None:
    """The page number asked for (1 when none); None when it is not a page number."""
    raw = request.GET.get("page", "1").strip() or "1"
    try:
        number = int(raw)
    except ValueError:
        return None
    return number if number >= 1 else None


def paginate(request: HttpRequest, queryset, count: int | None = None, per_page=PER_PAGE):
    """The requested page of ``queryset``; a page that does not exist is explained, not fatal."""
    paginator = CountedPaginator(queryset, per_page, count=count, allow_empty_first_page=True)
    notices = []
    number = requested_page(request)
    if number is None:
        raw = request.GET.get("page", "")
        notices.append(f"“{raw.strip()[:40]}” is not a page number; showing the first page.")
        number = 1
    if number > paginator.num_pages:
        notices.append(
            f"There is no page {number:,}; showing the last page, {paginator.num_pages:,}."
        )
        number = paginator.num_pages
    return Pagination(paginator.page(number), notices)


def today():
    return timezone.localdate()
