"""The public history of each call: what changed, and when (the change log, ``/changes/``).

django-reversion keeps the editors' versions, to read and revert in the admin; but an import
writes no version of what it creates (a version of everything costs as much as the import),
and a version says what a record was, not what changed. So each change is also written here
in words, as it happens, as a :class:`~archive.models.CallChange`:

=================  ===========================================  =============================
kind               written by                                   says
=================  ===========================================  =============================
added              the import, creating a call                  from which source
source             the import, adding a report to a call        which source; facts it changed
dated, redated     the import, a merge, an editor               the date, old → new
corrected          an editor's save in the admin                the facts changed, old → new
merged, absorbed   a merge (admin, review queue, import)        into which call, and why
deleted            an editor's deletion                         that it was deleted
=================  ===========================================  =============================

Only public facts: the date, kind, duration, initiator, participants and topics as the call's
page shows them, and whether the summary was rewritten. Never who edited it or a note.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from .enums import ChangeKind
from .models import Call, CallChange, Leader, Source

#: The facts a change names, as its description calls them.
LABELS = {
    "date": "date",
    "kind": "kind",
    "duration": "duration",
    "initiator": "initiated by",
    "participants": "participants",
    "topics": "topics",
    "summary": "summary",
}
UNDATED = "date unknown"
#: The longest description kept (a change of many names is cut, saying so).
MAX_DESCRIPTION = 1000


def facts(
    call: Call,
    *,
    initiator: str | None = None,
    participants: Iterable[str] | None = None,
    topics: Iterable[str] | None = None,
) -> dict[str, str]:
    """The public facts of ``call`` that a change names, as text.

    ``initiator`` is the initiator's name when the caller knows it (else it is read);
    ``participants`` and ``topics`` are compared only when given.
    """
    if initiator is None:
        initiator = (
            Leader.objects.filter(pk=call.initiator_id).values_list("name", flat=True).first()
            if call.initiator_id
            else ""
        )
    known = {
        "date": call.date_display,
        "kind": call.get_kind_display(),
        "duration": call.duration_display,
        "initiator": initiator or "",
        "summary": call.summary,
    }
    if participants is not None:
        known["participants"] = ", ".join(sorted(participants))
    if topics is not None:
        known["topics"] = ", ".join(sorted(topics))
    return known


def all_facts(call: Call) -> dict[str, str]:
    """:func:`facts` with the participants and topics, read from the database (the admin)."""
    return facts(
        call,
        participants=call.participations.values_list("leader__name", flat=True),
        topics=call.topics.values_list("name", flat=True),
    )


def differences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Each fact but the date that differs, in words: "duration: none → about 90 minutes"."""
    said = []
    for key, label in LABELS.items():
        if key == "date" or key not in before or key not in after:
            continue
        old, new = before[key], after[key]
        if old == new:
            continue
        if key == "summary":
            said.append("summary written" if not old else "summary rewritten")
        else:
            said.append(f"{label}: {old or 'none'} → {new or 'none'}")
    return said


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 1] + "…"


def changes_between(
    call_id: int,
    before: dict[str, str],
    after: dict[str, str],
    *,
    kind: ChangeKind = ChangeKind.CORRECTED,
    lead: str = "",
    at=None,
    source: Source | None = None,
    other_call_id: int | None = None,
) -> list[CallChange]:
    """The rows that say how ``call_id`` went from ``before`` to ``after`` (unsaved).

    A new date is a row of its own (set or corrected); the other facts are one row of
    ``kind``, after ``lead`` (which alone makes a row, such as "source added: ...").
    """
    at = at or timezone.now()
    rows = []
    if before["date"] != after["date"]:
        dated = before["date"] == UNDATED
        rows.append(
            CallChange(
                call_id=call_id,
                at=at,
                kind=ChangeKind.DATED if dated else ChangeKind.REDATED,
                description=_clip(f"date: {before['date']} → {after['date']}"),
                source=source,
            )
        )
    said = differences(before, after)
    if lead or said:
        rows.append(
            CallChange(
                call_id=call_id,
                at=at,
                kind=kind,
                description=_clip("; ".join([lead, *said] if lead else said)),
                source=source,
                other_call_id=other_call_id,
            )
        )
    return rows


def added(call: Call, source: Source, at=None) -> CallChange:
    """The row that says an import created ``call`` from ``source`` (unsaved)."""
    return CallChange(
        call_id=call.pk,
        at=at or timezone.now(),
        kind=ChangeKind.ADDED,
        description=_clip(f"added from {source.name}"),
        source=source,
    )


def source_lead(source: Source) -> str:
    return f"source added: {source.name}"


def merged(
    survivor_id: int,
    duplicate_id: int,
    reason: str,
    before: dict[str, str],
    after: dict[str, str],
) -> list[CallChange]:
    """The rows of a merge (unsaved): the merged call's (into which call, why), and the
    survivor's (which call it took in, and the facts it took from it)."""
    at = timezone.now()
    why = f": {reason}" if reason else ""
    gone = CallChange(
        call_id=duplicate_id,
        at=at,
        kind=ChangeKind.MERGED,
        description=_clip(f"merged into call {survivor_id}{why}"),
        other_call_id=survivor_id,
    )
    kept = changes_between(
        survivor_id,
        before,
        after,
        kind=ChangeKind.ABSORBED,
        lead=f"call {duplicate_id} merged into it{why}",
        at=at,
        other_call_id=duplicate_id,
    )
    return [gone, *kept]


def deleted(call_ids: Iterable[int]) -> list[CallChange]:
    """The rows that say the calls ``call_ids`` were deleted (unsaved)."""
    at = timezone.now()
    return [
        CallChange(call_id=pk, at=at, kind=ChangeKind.DELETED, description="deleted by an editor")
        for pk in call_ids
    ]
