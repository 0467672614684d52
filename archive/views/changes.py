"""The public change log: what changed in the archive's calls, and when."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.shortcuts import render
from django.utils import timezone

from ..enums import ChangeKind
from ..filters import PeriodField
from ..links import link
from ..models import Call, CallChange, CallRedirect
from .common import paginate, public_page

#: The parameters the change log and its feed read.
LOG_FILTERS = frozenset({"kind", "from", "to"})
LOG_PARAMETERS = LOG_FILTERS | {"page"}
#: The changes a call's page lists, newest first.
CALL_PAGE_CHANGES = 50
PER_PAGE = 50


class ChangeFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=[("", "Every kind"), *ChangeKind.choices], required=False)
    # "from" and "to" are Python keywords: added below.


ChangeFilterForm.base_fields["from"] = PeriodField(label="From")
ChangeFilterForm.base_fields["to"] = PeriodField(label="To", end=True)


@dataclass
class ChangeFilter:
    """The change log's filters read from a query string: the changes they select, and
    why a value could not be applied (the page shows it, the feed refuses it)."""

    form: ChangeFilterForm
    problems: list[str]

    @classmethod
    def of(cls, params) -> ChangeFilter:
        form = ChangeFilterForm({name: params.get(name, "") for name in LOG_FILTERS})
        form.is_valid()
        problems = [
            f"{name}: {message}" for name, messages in form.errors.items() for message in messages
        ]
        return cls(form, problems)

    @property
    def values(self) -> dict:
        return {
            name: value
            for name, value in getattr(self.form, "cleaned_data", {}).items()
            if value and name not in self.form.errors
        }

    def changes(self) -> QuerySet[CallChange]:
        values = self.values
        changes = CallChange.objects.newest_first()
        if "kind" in values:
            changes = changes.filter(kind=values["kind"])
        # A day is the archive's day (its time zone), from its first moment to its last.
        if "from" in values:
            changes = changes.filter(at__gte=_start_of(values["from"]))
        if "to" in values:
            changes = changes.filter(at__lt=_start_of(values["to"] + datetime.timedelta(days=1)))
        return changes


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass
class ShownChange:
    """One change as the log shows it: the change, and the calls it names, linked."""

    change: CallChange
    call_title: str
    #: The call's permalink: its own, or (merged) its old one, which redirects; "" deleted.
    call_url: str
    other_url: str
    source_url: str


def shown(changes: list[CallChange]) -> list[ShownChange]:
    """``changes`` with their calls named and linked: two queries, however many."""
    ids = {c.call_id for c in changes} | {c.other_call_id for c in changes if c.other_call_id}
    calls = {call.pk: call for call in Call.objects.filter(pk__in=ids).with_related()}
    missing = ids - set(calls)
    redirected = (
        set(CallRedirect.objects.filter(old_id__in=missing).values_list("old_id", flat=True))
        if missing
        else set()
    )

    def url_of(pk: int | None) -> str:
        if pk is None:
            return ""
        if pk in calls:
            return calls[pk].get_absolute_url()
        return link("archive:call-noslug", pk=pk) if pk in redirected else ""

    return [
        ShownChange(
            change=change,
            call_title=calls[change.call_id].title if change.call_id in calls else "",
            call_url=url_of(change.call_id),
            # A merged call's log names the call it went into (the survivor's names the
            # merged one, whose old permalink leads back to the survivor: no link).
            other_url=url_of(change.other_call_id) if change.kind == ChangeKind.MERGED else "",
            source_url=link("archive:source", pk=change.source_id) if change.source_id else "",
        )
        for change in changes
    ]


def of_call(call: Call) -> list[CallChange]:
    """The changes of ``call``, newest first: one query."""
    return list(CallChange.objects.filter(call_id=call.pk).newest_first()[:CALL_PAGE_CHANGES])


@public_page
def change_log(request):
    """Every change to the archive's calls, newest first, by kind and date."""
    chosen = ChangeFilter.of(request.GET)
    notices = [f"{p} The filter was ignored." for p in chosen.problems]
    pagination = paginate(request, chosen.changes(), per_page=PER_PAGE)
    context = {
        "rows": shown(list(pagination.page.object_list)),
        "page": pagination.page,
        "notices": notices + pagination.notices,
        "form": chosen.form,
        "kinds": ChangeKind.choices,
        "kind": chosen.values.get("kind", ""),
        "date_from": request.GET.get("from", "") if "from" in chosen.values else "",
        "date_to": request.GET.get("to", "") if "to" in chosen.values else "",
        # The feed of the same changes: only the values the log could apply (the feed
        # refuses the others).
        "feed_query": urlencode(
            {name: request.GET[name] for name in sorted(LOG_FILTERS) if name in chosen.values}
        ),
    }
    return render(request, "archive/change_list.html", context)
