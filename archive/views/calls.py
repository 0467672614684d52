from django.shortcuts import get_object_or_404, redirect, render

from ..models import Call, CallRedirect


def call_list(request):
    calls = Call.objects.with_related()[:50]
    return render(request, "archive/call_list.html", {"calls": calls})


def call_detail(request, pk: int, slug: str = ""):
    call = Call.objects.with_related().filter(pk=pk).first()
    if call is None:
        # A merged call's permalink leads to the call it was merged into.
        moved = get_object_or_404(CallRedirect.objects.select_related("call"), old_id=pk)
        return redirect(moved.call, permanent=True)
    if slug != call.slug:
        return redirect(call, permanent=True)
    return render(request, "archive/call_detail.html", {"call": call})
