from django.shortcuts import render

from ..models import Call, Leader, Source


def home(request):
    context = {
        "counts": {
            "calls": Call.objects.count(),
            "leaders": Leader.objects.count(),
            "sources": Source.objects.count(),
        },
        "latest": Call.objects.with_related()[:10],
    }
    return render(request, "archive/home.html", context)
