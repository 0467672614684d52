"""Countries: the list, and each country's page (its leaders, counterparts, calls)."""

import re

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from ..models import Country
from .common import paginate, public_page
from .queries import calls_of_country, calls_per_month, timeline, top_countries


@public_page
def country_list(request):
    countries = Country.objects.annotate(
        n_leaders=Count("leaders", distinct=True),
    ).order_by("name")
    return render(request, "archive/country_list.html", {"countries": countries})


@public_page
def country_detail(request, code: str):
    if not re.fullmatch(r"[A-Za-z]{2}", code):
        raise Http404("Countries are named by their two-letter code, such as /countries/fr/.")
    if code != code.lower():
        return redirect("archive:country", code=code.lower(), permanent=True)
    country = get_object_or_404(Country, code=code.upper())
    calls = calls_of_country(country)
    pagination = paginate(request, calls.with_related().order_by("-date", "-id"))
    leaders = country.leaders.annotate(n_calls=Count("participations")).order_by("-n_calls", "name")
    context = {
        "country": country,
        "leaders": leaders,
        "page": pagination.page,
        "notices": pagination.notices,
        "counterparts": top_countries(calls, exclude=country, limit=15),
        "timeline": timeline(
            calls_per_month(calls), f"Calls of leaders of {country.name} per month"
        ),
    }
    return render(request, "archive/country_detail.html", context)
