"""robots.txt."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        # Facet combinations, searches and exports are endless; permalinks are not.
        "Disallow: /calls/?",
        f"Disallow: {reverse('archive:search')}",
        f"Disallow: {reverse('archive:calls-export', kwargs={'fmt': 'csv'})}",
        f"Disallow: {reverse('archive:calls-export', kwargs={'fmt': 'json'})}",
        # A visitor's selection, and the endless addresses of shared ones.
        "Disallow: /selection",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('archive:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
