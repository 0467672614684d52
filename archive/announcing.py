"""Announced contacts: kept from the engine's records, and tied to the calls they announce.

An announcement ("X will hold a phone call with Y on Thursday", "Y requested a call") is
never a call. Whichever arrives first, the announcement or a report of the call, the
import ties the two when the call is between the announcement's leaders (all of them, and
maybe more), of a compatible kind, and dated to the day within its window:

* the expected day, a day either side (time zones), when the text names one;
* the expected month, when it names only that;
* otherwise the fortnight after the announcing source's date.

A call never fulfils an announcement before the announcing source's date, nor one that the
same source reports (an article that tells a call and "agreed to speak again" announces
the next one). An announcement whose expected day has passed, by
:attr:`archive.models.Announcement.GRACE_DAYS`, with no call reads as not held as far as
the archive knows: read when shown, never stored (a later report may still arrive).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Q

from .enums import CallKind, DatePrecision
from .extraction import ArticleRecord
from .models import Announcement, Call, Participation, Report, Source

#: A day either side of the expected day.
DAY_SLACK = 1
#: With no expected day, a call this many days after the announcement fulfils it.
OPEN_DAYS = 14


def window(
    expected: date | None, precision: str, announced_on: date | None
) -> tuple[date, date] | None:
    """The days a call fulfilling the announcement may fall on (inclusive), or None."""
    if expected is not None and precision == DatePrecision.DAY:
        first, last = expected - timedelta(days=DAY_SLACK), expected + timedelta(days=DAY_SLACK)
    elif expected is not None and precision == DatePrecision.MONTH:
        days = calendar.monthrange(expected.year, expected.month)[1]
        first, last = expected.replace(day=1), expected.replace(day=days)
    elif announced_on is not None:
        first, last = announced_on, announced_on + timedelta(days=OPEN_DAYS)
    else:
        return None
    if announced_on is not None:
        first = max(first, announced_on)
    return (first, last) if first <= last else None


def kinds_agree(announced: str, held: str) -> bool:
    """Whether a call of kind ``held`` can be the contact announced as ``announced``: the
    same kind, a phone and a video call (often told apart loosely), or any kind for a
    contact announced without one ("will hold talks")."""
    remote = {CallKind.PHONE, CallKind.VIDEO}
    return CallKind.OTHER in (announced, held) or announced == held or {announced, held} <= remote


def store(
    source: Source, record: ArticleRecord, leader_of, announced_on: date | None
) -> list[Announcement]:
    """Keep the record's announcements of ``source`` and tie each to a call already held.

    ``leader_of`` maps a :class:`~archive.extraction.LeaderRef` to a leader's id or None
    (an announcement never creates a leader); one with fewer than two leaders the archive
    knows is left out. Returns the announcements created.
    """
    created = []
    for found in record.announcements:
        ids = list(dict.fromkeys(pk for pk in map(leader_of, found.participants) if pk))
        if len(ids) < 2:
            continue
        requested_by = leader_of(found.requested_by) if found.requested_by else None
        announcement, made = Announcement.objects.get_or_create(
            source=source,
            participant_key=",".join(map(str, sorted(ids))),
            defaults={
                "kind": found.kind if found.kind in CallKind.values else CallKind.OTHER,
                "wording": found.status,
                "requested_by_id": requested_by if requested_by in ids else None,
                "expected": found.expected,
                "expected_precision": found.expected_precision,
                "expected_basis": (found.expected_basis or "")[:300],
                "sentence": found.sentence.text(record.text),
                "start": found.sentence.start,
                "end": found.sentence.end,
            },
        )
        if not made:
            continue
        announcement.participants.set(ids)
        created.append(announcement)
        call = _call_for(announcement, ids, announced_on)
        if call is not None:
            _tie(Announcement.objects.filter(pk=announcement.pk), call)
    return created


def fulfil(call_ids: Iterable[int]) -> int:
    """Tie the pending announcements that the given calls fulfil; return how many.

    The candidates of every call are read in one query (by their dates and leaders), and
    matched to each call here: an import asks this after every article, and most find no
    announcement pending at all."""
    if not Announcement.objects.pending().exists():
        return 0
    calls = list(
        Call.objects.filter(
            pk__in=list(call_ids), date__isnull=False, date_precision=DatePrecision.DAY
        ).values_list("pk", "date", "kind")
    )
    if not calls:
        return 0
    leaders: dict[int, set[int]] = {}
    for call_id, leader_id in Participation.objects.filter(
        call_id__in=[pk for pk, _, _ in calls]
    ).values_list("call_id", "leader_id"):
        leaders.setdefault(call_id, set()).add(leader_id)
    calls = [(pk, day, kind) for pk, day, kind in calls if pk in leaders]
    if not calls:
        return 0
    near = Q()
    for _, day, _ in calls:
        near |= _near(day)
    # An announcement's leaders are all among its call's: it names the call's first leader.
    firsts = {min(leaders[pk]) for pk, _, _ in calls}
    candidates = list(
        Announcement.objects.pending()
        .filter(near, participants__in=firsts)
        .distinct()
        .select_related("source")
        .prefetch_related("participants")
    )
    if not candidates:
        return 0
    sources: dict[int, set[int]] = {}
    for call_id, source_id in Report.objects.filter(
        call_id__in=[pk for pk, _, _ in calls]
    ).values_list("call_id", "source_id"):
        sources.setdefault(call_id, set()).add(source_id)
    tied = 0
    taken: set[int] = set()
    for pk, day, kind in calls:
        chosen = [
            announcement.pk
            for announcement in candidates
            if announcement.pk not in taken
            and announcement.source_id not in sources.get(pk, ())
            and min(leaders[pk]) in (ids := {p.pk for p in announcement.participants.all()})
            and ids <= leaders[pk]
            and kinds_agree(announcement.kind, kind)
            and _within(day, announcement)
        ]
        if chosen:
            taken.update(chosen)
            tied += _tie(Announcement.objects.filter(pk__in=chosen), Call(pk=pk))
    return tied


def _near(day: date) -> Q:
    """The announcements a call on ``day`` may fulfil, by their dates alone (the database's
    part of :func:`_within`)."""
    return (
        Q(
            expected_precision=DatePrecision.DAY,
            expected__range=(day - timedelta(days=DAY_SLACK), day + timedelta(days=DAY_SLACK)),
        )
        | Q(expected_precision=DatePrecision.MONTH, expected=day.replace(day=1))
        | Q(expected__isnull=True, source__published__range=(day - timedelta(OPEN_DAYS), day))
    )


def _within(day: date, announcement: Announcement) -> bool:
    span = window(
        announcement.expected, announcement.expected_precision, announcement.source.published
    )
    return span is not None and span[0] <= day <= span[1]


def _call_for(announcement: Announcement, ids: list[int], announced_on: date | None) -> Call | None:
    """The call already held that fulfils a new announcement: the nearest to its day."""
    span = window(announcement.expected, announcement.expected_precision, announced_on)
    if span is None:
        return None
    calls = Call.objects.filter(date__range=span, date_precision=DatePrecision.DAY)
    for leader in ids:
        calls = calls.filter(participations__leader_id=leader)
    calls = calls.exclude(reports__source_id=announcement.source_id)
    aim = announcement.expected or span[0]
    fitting = [
        (abs((day - aim).days), day, pk)
        for pk, day, kind in calls.values_list("pk", "date", "kind").distinct()
        if kinds_agree(announcement.kind, kind)
    ]
    return Call(pk=min(fitting)[2]) if fitting else None


def _tie(announcements, call: Call) -> int:
    return announcements.update(call=call, status=Announcement.Status.HELD)
