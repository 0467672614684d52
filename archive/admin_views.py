"""The editors' upload page: import article files from the browser, see the summary.

Reached from the Sources list ("Import articles") at ``admin/archive/source/import/``.
It runs the same pipeline as ``manage.py import_articles`` (archive.importer) on the
uploaded files and shows the same summary. Editors need the "add source" permission.
"""

from __future__ import annotations

import reversion
from django import forms
from django.conf import settings
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from . import importer
from .models import Source
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
