from django.shortcuts import get_object_or_404, render

from ..models import Source


def source_list(request):
    return render(request, "archive/source_list.html", {"sources": Source.objects.all()[:100]})


def source_detail(request, pk: int):
    source = get_object_or_404(Source, pk=pk)
    return render(request, "archive/source_detail.html", {"source": source})
