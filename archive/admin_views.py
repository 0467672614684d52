"""The editors' own pages: the article upload, the review queue, duplicates side by side.

The upload is reached from the Sources list ("Import articles") at
``admin/archive/source/import/``. It runs the same pipeline as ``manage.py import_articles``
(archive.importer) on the uploaded files and shows the same summary. Editors need the "add
source" permission.

The review queue (``admin/archive/call/review/``, its count on the admin's index) lists what
needs an editor, by the reasons of :mod:`archive.review`; a possible duplicate opens side
by side at ``admin/archive/possibleduplicate/<id>/compare/``.
"""

from __future__ import annotations

import reversion
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from . import importer, review
from .merging import MergeError, merge_leaders
from .models import Call, Country, Leader, PossibleDuplicate, Report, Source, Statement
from .readers import InputFile

IMPORT_PERMISSION = "archive.add_source"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; an empty or oversized one is the importer's to report."""

    widget = MultipleFileInput

    def to_python(self, data):
        return data

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files and self.required:
            raise forms.ValidationError("Choose at least one file.", code="required")
        return files


class ImportArticlesForm(forms.Form):
    files = MultipleFileField(
        label="Article files",
        help_text="Plain text, JSON, JSON Lines or HTML; several at once. "
        "Files already archived are skipped.",
    )
    dry_run = forms.BooleanField(
        label="Preview only (dry run: show what would happen, save nothing)", required=False
    )


def import_articles_view(request: HttpRequest, admin_site: AdminSite) -> HttpResponse:
    """Upload form (GET) and import with its summary (POST)."""
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    summary = None
    if request.method == "POST":
        form = ImportArticlesForm(request.POST, request.FILES)
        if form.is_valid():
            uploads = request.FILES.getlist("files")
            inputs = [InputFile.from_upload(f.name, f, f.size) for f in uploads]
            if reversion.is_active():  # the request's revision (RevisionMiddleware)
                names = ", ".join(item.origin for item in inputs)
                reversion.set_comment(f"Imported from an upload: {names}"[:1000])
            summary = importer.import_inputs(inputs, dry_run=form.cleaned_data["dry_run"])
            form = ImportArticlesForm()
    else:
        form = ImportArticlesForm()
    context = {
        **admin_site.each_context(request),
        "title": "Import articles",
        "opts": Source._meta,
        "form": form,
        "summary": summary,
        "max_megabytes": settings.DIPLO_MAX_ARTICLE_BYTES / (1024 * 1024),
        "has_view_permission": request.user.has_perm("archive.view_source"),
    }
    return TemplateResponse(request, "admin/archive/source/import_articles.html", context)


# --- the review queue ------------------------------------------------------------------------

#: Items a reason shows on the queue's first page; a reason chosen alone is paged by these.
QUEUE_PAGE = 25
#: The permission each kind of item needs to be resolved.
RESOLVE_PERMISSION = {
    "call": "archive.change_call",
    "duplicate": "archive.change_possibleduplicate",
    "leader": "archive.change_leader",
    "statement": "archive.change_statement",
    "announcement": "archive.change_announcement",
}


def review_queue_view(request: HttpRequest, admin_site: AdminSite) -> HttpResponse:
    """What needs an editor, reason by reason (:mod:`archive.review`), with the filters
    (reason, country, age), a one-click resolution of each item and of the selected ones.

    The queries are bounded: a count and a page of rows a reason, and what the rows show
    read for the page at once (``review.page_items``, ``review.close_leaders``).
    """
    if not request.user.has_perm("archive.view_call"):
        raise PermissionDenied
    if request.method == "POST":
        return _resolve(request)
    filters = review.Filters.of(request.GET)
    sections = []
    for reason in filters.reasons():
        queryset = review.items(reason, filters)
        paginator = Paginator(review.page_items(reason, queryset), QUEUE_PAGE)
        page = paginator.get_page(request.GET.get("page") if filters.reason else 1)
        rows = list(page.object_list)
        close = review.close_leaders(rows) if reason.item == "leader" else {}
        sections.append(
            {
                "reason": reason,
                "count": paginator.count,
                "page": page,
                "rows": [{"item": row, "close": close.get(row.pk, [])} for row in rows],
                "can_resolve": request.user.has_perm(RESOLVE_PERMISSION[reason.item]),
            }
        )
    countries = Country.objects.filter(
        code__in=Leader.objects.values("country_id").distinct()
    ).values_list("code", "name")
    context = {
        **admin_site.each_context(request),
        "title": "Review queue",
        "filters": filters,
        "reasons": review.REASONS,
        "ages": review.AGES,
        "countries": list(countries),
        "sections": sections,
        "total": sum(section["count"] for section in sections),
        "opts": Call._meta,
    }
    return TemplateResponse(request, "admin/archive/review_queue.html", context)


def _resolve(request: HttpRequest) -> HttpResponse:
    """Resolve the items posted (``one``, a row's button, or the ticked ``item`` boxes, each
    ``reason:pk``) by their reasons' one-click actions, then back to the queue."""
    merge = request.POST.get("merge_leader", "")
    if merge:
        return _merge_leader(request, merge)
    chosen: dict[str, list[int]] = {}
    # A row's own button resolves that row alone, whatever else is ticked.
    one = request.POST.get("one")
    for value in [one] if one else request.POST.getlist("item"):
        key, _, pk = value.partition(":")
        if key in review.BY_KEY and pk.isdigit():
            chosen.setdefault(key, []).append(int(pk))
    if not chosen:
        messages.warning(request, "Select at least one item.")
    for key, pks in chosen.items():
        reason = review.BY_KEY[key]
        if not request.user.has_perm(RESOLVE_PERMISSION[reason.item]):
            raise PermissionDenied
        messages.success(request, f"{reason.label}: {review.resolve(reason, pks)}")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    return HttpResponseRedirect(back or reverse("admin:archive_review"))


def _merge_leader(request: HttpRequest, value: str) -> HttpResponse:
    """Merge an unverified leader into the known leader its name is close to (``new:known``)."""
    if not request.user.has_perm("archive.change_leader"):
        raise PermissionDenied
    new, _, known = value.partition(":")
    leaders = Leader.objects.in_bulk([int(pk) for pk in (new, known) if pk.isdigit()])
    if len(leaders) != 2 or leaders[int(new)].verified:
        messages.error(request, "Choose an unverified leader and a known one.")
    else:
        survivor = merge_leaders(leaders[int(known)], leaders[int(new)])
        messages.success(
            request, f"Merged into {survivor.name}; the old permalink now redirects to it."
        )
    return HttpResponseRedirect(reverse("admin:archive_review") + "?reason=leader")


# --- possible duplicates, side by side -------------------------------------------------------


def compare_view(request: HttpRequest, pk: int, admin_site: AdminSite) -> HttpResponse:
    """Two calls an import kept apart, side by side: their facts, sources and evidence
    sentences; "merge into this one" (either way) or "not the same"."""
    if not request.user.has_perm("archive.view_possibleduplicate"):
        raise PermissionDenied
    pair = get_object_or_404(PossibleDuplicate, pk=pk)
    if request.method == "POST":
        if not (
            request.user.has_perm("archive.change_call")
            and request.user.has_perm("archive.change_possibleduplicate")
        ):
            raise PermissionDenied
        return _judge(request, pair)
    calls = {
        call.pk: call
        for call in Call.objects.filter(pk__in=[pair.call_id, pair.other_id])
        .with_related()
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=Report.objects.select_related("source").prefetch_related("evidence"),
            ),
            Prefetch("statements", queryset=Statement.objects.select_related("side_country")),
        )
    }
    sides = [calls[pair.call_id], calls[pair.other_id]]
    context = {
        **admin_site.each_context(request),
        "title": "Possibly the same call",
        "pair": pair,
        "sides": sides,
        "opts": PossibleDuplicate._meta,
    }
    return TemplateResponse(request, "admin/archive/compare_calls.html", context)


def _judge(request: HttpRequest, pair: PossibleDuplicate) -> HttpResponse:
    decision = request.POST.get("decision", "")
    if decision == "not_same":
        review.not_the_same(PossibleDuplicate.objects.filter(pk=pair.pk))
        messages.success(request, "Marked as not the same call; the queue will not ask again.")
        return HttpResponseRedirect(reverse("admin:archive_review") + "?reason=duplicate")
    survivor_pk = request.POST.get("survivor", "")
    if decision != "merge" or survivor_pk not in {str(pair.call_id), str(pair.other_id)}:
        messages.error(request, "Choose which call the other is merged into.")
        return HttpResponseRedirect(request.path)
    survivor = Call.objects.get(pk=int(survivor_pk))
    duplicate_pk = pair.other_id if survivor.pk == pair.call_id else pair.call_id
    duplicate = Call.objects.get(pk=duplicate_pk)
    try:
        merged = review.merge(survivor, duplicate)
    except MergeError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(request.path)
    messages.success(request, f"Merged into “{merged}”; the old permalink now redirects to it.")
    return HttpResponseRedirect(reverse("admin:archive_call_change", args=[merged.pk]))
