"""The citable releases of the data: their list, each release's page, and its files.

Read from the releases folder (archive/releases.py), not the database, and not through the
page cache: a release written adds no row, so a page cached under the archive's version
would not show it.
"""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from .. import releases


@require_safe
def release_list(request):
    found = releases.list_releases()
    for release in found:
        release.citation_text = release.citation(
            request.build_absolute_uri(release_url(release.version))
        )
    return render(request, "archive/release_list.html", {"releases": found})


def release_url(version: str) -> str:
    return reverse("archive:release", kwargs={"version": version})


@require_safe
def release_detail(request, version: str):
    release = releases.find_release(version)
    if release is None:
        raise Http404("No such release.")
    permalink = request.build_absolute_uri(release_url(release.version))
    context = {"release": release, "permalink": permalink, "citation": release.citation(permalink)}
    return render(request, "archive/release_detail.html", context)


@require_safe
def release_file(request, version: str, name: str):
    """One file of a release: only one its manifest lists, only from inside its folder."""
    release = releases.find_release(version)
    path = releases.file_path(release, name) if release is not None else None
    if path is None:
        raise Http404("No such file in this release.")
    content_type = {
        ".csv": "text/csv; charset=utf-8",
        ".json": "application/json; charset=utf-8",
        ".md": "text/markdown; charset=utf-8",
        ".cff": "text/plain; charset=utf-8",
        ".zip": "application/zip",
    }.get(path.suffix, "text/plain; charset=utf-8")
    response = FileResponse(path.open("rb"), as_attachment=True, filename=name)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response
