"""Countries: the list, and each country's page (its leaders, counterparts, calls)."""

import re

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from ..facet_totals import COUNTRY, kept_counts, leader_calls
from ..models import Country, Participation
from .common import paginate, public_page
from .queries import CallSet, timeline

COUNTRY_SORTS = {"name": "Name", "calls": "Most calls"}


def countries_listed(sort: str) -> list[Country]:
    """Every country with its leaders (``n_leaders``) and calls (``n_calls``), by name or
    by calls (``sort``)."""
    calls = kept_counts(COUNTRY)
    countries = list(
        Country.objects.annotate(n_leaders=Count("leaders", distinct=True)).order_by("name")
    )
    for country in countries:
        country.n_calls = calls.get(country.code, 0)
    if sort == "calls":
        countries.sort(key=lambda country: -country.n_calls)  # stable: names order ties
    return countries


def country_counted(country: Country) -> CallSet:
    """The calls one of a country's leaders took part in, as its page counts them."""
    # Each call once, though two of its leaders may be of this country.
    ids = Participation.objects.filter(leader__country=country).values_list("call_id", flat=True)
    return CallSet("country", country.code, ids.distinct())


@public_page
def country_list(request):
    """Every country with its leaders in the gazetteer and its calls in the archive (the
    calls one of its leaders took part in, as the facet counts them: kept by the database),
    by name or by calls."""
    sort = request.GET.get("sort") if request.GET.get("sort") in COUNTRY_SORTS else "name"
    countries = countries_listed(sort)
    context = {
        "countries": countries,
        "sort": sort,
        "sorts": COUNTRY_SORTS,
        "with_calls": sum(1 for country in countries if country.n_calls),
    }
    return render(request, "archive/country_list.html", context)


@public_page
def country_detail(request, code: str):
    if not re.fullmatch(r"[A-Za-z]{2}", code):
        raise Http404("Countries are named by their two-letter code, such as /countries/fr/.")
    if code != code.lower():
        return redirect("archive:country", code=code.lower(), permanent=True)
    country = get_object_or_404(Country, code=code.upper())
    counted = country_counted(country)
    calls = counted.calls.with_related().order_by("-date", "-id")
    pagination = paginate(request, calls, count=counted.count)
    leaders = list(country.leaders.order_by("name"))
    calls_of = leader_calls([leader.pk for leader in leaders])
    for leader in leaders:
        leader.n_calls = calls_of.get(leader.pk, 0)
    leaders.sort(key=lambda leader: -leader.n_calls)  # stable: names order ties
    context = {
        "country": country,
        "leaders": leaders,
        "page": pagination.page,
        "notices": pagination.notices,
        "counted": counted,
        "counterparts": counted.top_countries(limit=15, exclude=country),
        "timeline": timeline(
            counted.per_month(),
            f"Calls of leaders of {country.name} per month" + counted.as_estimated,
            filters={"country": country.code.lower()},
        ),
    }
    return render(request, "archive/country_detail.html", context)
