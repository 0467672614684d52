from django.shortcuts import get_object_or_404, render

from ..models import Call, Country


def country_list(request):
    return render(request, "archive/country_list.html", {"countries": Country.objects.all()})


def country_detail(request, code: str):
    country = get_object_or_404(Country, code=code.upper())
    calls = Call.objects.filter(participations__leader__country=country).distinct().with_related()
    return render(request, "archive/country_detail.html", {"country": country, "calls": calls})
