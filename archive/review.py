"""What needs an editor: the review queue's reasons, what each holds, and how each is resolved.

Each :class:`Reason` is a query over the archive, not a stored list: an item enters the
queue when the archive holds what the reason describes, and leaves it when an editor
resolves it (or edits it so that the reason no longer holds). Every resolution is one
database write per item, saved the way the admin saves (so the history keeps it):

========================  ===========================================  ======================
reason                    holds                                        resolved by
========================  ===========================================  ======================
undated                   calls not reviewed, with no date             marking it reviewed
inferred                  calls not reviewed, date worked out          confirming (reviewed)
duplicate                 possible duplicates still to be judged       "not the same" / merge
leader                    leaders the import created unverified        verifying / merging
one_source                calls not reviewed, reported by one source   marking it reviewed
one_side                  calls not reviewed, one side's readouts      marking it reviewed
pronoun                   statements whose speaker is "he", "she"...   naming the speaker
announcement              announced contacts past their date, no call  marking it not held
========================  ===========================================  ======================

Nothing here renders: :mod:`archive.admin_views` shows the queue.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Lower, Trim
from django.utils import timezone
from rapidfuzz import fuzz

from .enums import DatePrecision, ReviewStatus
from .merging import merge_calls
from .models import (
    PRONOUNS,
    Announcement,
    Call,
    DistinctReports,
    Leader,
    Participation,
    PossibleDuplicate,
    Report,
    Statement,
)


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason an item needs an editor."""

    key: str
    label: str
    #: What the item is: "call", "duplicate", "leader", "statement" or "announcement".
    item: str
    #: The one-click resolution, as its button says it.
    resolve: str


UNDATED = Reason("undated", "Undated call", "call", "Keep undated (mark reviewed)")
INFERRED = Reason("inferred", "Date inferred", "call", "Confirm the date (mark reviewed)")
DUPLICATE = Reason("duplicate", "Possible duplicate", "duplicate", "Not the same call")
LEADER = Reason("leader", "Leader created unverified", "leader", "Verify")
ONE_SOURCE = Reason("one_source", "Reported by one source only", "call", "Mark reviewed")
ONE_SIDE = Reason("one_side", "Reported by one side only", "call", "Mark reviewed")
PRONOUN = Reason("pronoun", "Speaker is a bare pronoun", "statement", "Name the speaker")
ANNOUNCEMENT = Reason(
    "announcement",
    "Announced contact past its date with no call",
    "announcement",
    "Mark not held",
)

REASONS: tuple[Reason, ...] = (
    UNDATED,
    INFERRED,
    DUPLICATE,
    LEADER,
    ONE_SOURCE,
    ONE_SIDE,
    PRONOUN,
    ANNOUNCEMENT,
)
BY_KEY = {reason.key: reason for reason in REASONS}

#: Ages an editor filters by: items added within so many days, or (negative) before.
AGES = {
    "day": ("Added today", 1),
    "week": ("In the past 7 days", 7),
    "month": ("In the past 30 days", 30),
    "older": ("More than 30 days ago", -30),
}


@dataclass(frozen=True, slots=True)
class Filters:
    """The queue's filters: a reason's key, a country's code, an age's key (each optional)."""

    reason: str = ""
    country: str = ""
    age: str = ""

    @classmethod
    def of(cls, params) -> Filters:
        reason = params.get("reason", "")
        age = params.get("age", "")
        country = params.get("country", "").upper()
        return cls(
            reason if reason in BY_KEY else "",
            country if len(country) == 2 and country.isalpha() else "",
            age if age in AGES else "",
        )

    def reasons(self) -> tuple[Reason, ...]:
        return (BY_KEY[self.reason],) if self.reason else REASONS


def _extracted_calls() -> QuerySet:
    return Call.objects.filter(status=ReviewStatus.EXTRACTED)


def _pronoun_speakers() -> QuerySet:
    return Statement.objects.annotate(spoken=Lower(Trim("speaker"))).filter(
        spoken__in=sorted(PRONOUNS)
    )


def items(reason: Reason, filters: Filters = Filters()) -> QuerySet:
    """The queue's items of ``reason``, newest first, filtered by country and age."""
    if reason is UNDATED:
        queryset = _extracted_calls().filter(
            Q(date__isnull=True) | Q(date_precision=DatePrecision.UNKNOWN)
        )
    elif reason is INFERRED:
        queryset = _extracted_calls().filter(date__isnull=False).exclude(date_inferred="")
    elif reason is ONE_SOURCE:
        one = (
            Report.objects.filter(call=OuterRef("pk"))
            .values("call")
            .annotate(n=Count("pk"))
            .filter(n=1)
        )
        queryset = _extracted_calls().filter(Exists(one))
    elif reason is ONE_SIDE:
        queryset = _extracted_calls().filter(one_sided=True)
    elif reason is DUPLICATE:
        queryset = PossibleDuplicate.objects.filter(status=PossibleDuplicate.Status.OPEN)
    elif reason is LEADER:
        queryset = Leader.objects.unverified()
    elif reason is PRONOUN:
        queryset = _pronoun_speakers()
    elif reason is ANNOUNCEMENT:
        queryset = Announcement.objects.past_their_date()
    else:  # pragma: no cover - every reason is above
        raise ValueError(reason)
    if filters.country:
        queryset = _in_country(reason, queryset, filters.country)
    if filters.age:
        queryset = _of_age(reason, queryset, AGES[filters.age][1])
    return queryset.order_by(*_newest_first(reason))


def _in_country(reason: Reason, queryset: QuerySet, code: str) -> QuerySet:
    took_part = Participation.objects.filter(leader__country_id=code)
    if reason.item == "call":
        return queryset.filter(Exists(took_part.filter(call=OuterRef("pk"))))
    if reason.item == "duplicate":
        return queryset.filter(Exists(took_part.filter(call=OuterRef("call_id"))))
    if reason.item == "leader":
        return queryset.filter(country_id=code)
    if reason.item == "announcement":
        announced = Announcement.participants.through.objects.filter(
            announcement_id=OuterRef("pk"), leader__country_id=code
        )
        return queryset.filter(Exists(announced))
    return queryset.filter(
        Q(side_country_id=code) | Exists(took_part.filter(call=OuterRef("call_id")))
    )


def _of_age(reason: Reason, queryset: QuerySet, days: int) -> QuerySet:
    # Statements have no time of their own: theirs is their call's.
    field = "call__created_at" if reason.item == "statement" else "created_at"
    since = timezone.now() - datetime.timedelta(days=abs(days))
    return queryset.filter(**{f"{field}__{'gte' if days > 0 else 'lt'}": since})


def _newest_first(reason: Reason) -> list[str]:
    if reason.item == "statement":
        return ["-call__created_at", "-id"]
    return ["-created_at", "-id"]


def counts(filters: Filters = Filters()) -> dict[str, int]:
    """How many items each reason holds under ``filters``: one query a reason."""
    return {reason.key: items(reason, filters).count() for reason in filters.reasons()}


def total() -> int:
    """Everything waiting for an editor (the admin index's figure)."""
    return sum(counts().values())


# --- what a page shows beside each item ------------------------------------------------------


def page_items(reason: Reason, queryset: QuerySet) -> QuerySet:
    """``queryset`` with what its rows show read in a bounded number of queries."""
    if reason.item == "call":
        return queryset.with_related().annotate(num_sources=Count("reports", distinct=True))
    if reason.item == "duplicate":
        return queryset.prefetch_related(
            *(f"{side}__participations__leader" for side in ("call", "other"))
        ).select_related("call", "other")
    if reason.item == "leader":
        return queryset.select_related("country")
    if reason.item == "announcement":
        return queryset.select_related("source").prefetch_related(
            Prefetch("participants", queryset=Leader.objects.only("name", "slug"))
        )
    return queryset.select_related(
        "call", "side_leader", "side_country", "source"
    ).prefetch_related("call__participations__leader")


#: How close (0-100, rapidfuzz's token-set ratio) a name must be to a known leader's.
CLOSE_NAME = 80


def close_leaders(leaders: list[Leader], limit: int = 3) -> dict[int, list[Leader]]:
    """For each unverified leader, the verified leaders of its country whose name or an
    alias is close to its name, closest first: one query for the whole page."""
    countries = {leader.country_id for leader in leaders}
    known: dict[str, list[Leader]] = {}
    for candidate in (
        Leader.objects.verified()
        .filter(country_id__in=countries)
        .only("name", "slug", "aliases", "country_id")
    ):
        known.setdefault(candidate.country_id, []).append(candidate)
    close: dict[int, list[Leader]] = {}
    for leader in leaders:
        scored = []
        for candidate in known.get(leader.country_id, []):
            score = max(
                fuzz.token_set_ratio(leader.name.lower(), name.lower())
                for name in [candidate.name, *candidate.aliases]
            )
            if score >= CLOSE_NAME:
                scored.append((-score, candidate.name, candidate))
        close[leader.pk] = [candidate for *_key, candidate in sorted(scored)[:limit]]
    return close


# --- resolving -------------------------------------------------------------------------------


@transaction.atomic
def mark_reviewed(calls: QuerySet) -> int:
    """Mark ``calls`` reviewed, one save each (the history keeps each call's new state)."""
    done = 0
    for call in calls.exclude(status=ReviewStatus.REVIEWED):
        call.status = ReviewStatus.REVIEWED
        call.save(update_fields=["status", "updated_at"])
        done += 1
    return done


@transaction.atomic
def not_the_same(pairs: QuerySet) -> int:
    """Judge ``pairs`` (possible duplicates) to be different calls, and remember it by
    their sources' texts, so that an import of the same articles does not ask again."""
    pairs = list(pairs.filter(status=PossibleDuplicate.Status.OPEN))
    calls = {pair.call_id for pair in pairs} | {pair.other_id for pair in pairs}
    hashes: dict[int, set[str]] = {}
    for call_id, digest in Report.objects.filter(call_id__in=calls).values_list(
        "call_id", "source__content_hash"
    ):
        hashes.setdefault(call_id, set()).add(digest)
    for pair in pairs:
        DistinctReports.remember(hashes.get(pair.call_id, ()), hashes.get(pair.other_id, ()))
    return PossibleDuplicate.objects.filter(pk__in=[pair.pk for pair in pairs]).update(
        status=PossibleDuplicate.Status.NOT_SAME, updated_at=timezone.now()
    )


@transaction.atomic
def verify(leaders: QuerySet) -> int:
    done = 0
    for leader in leaders.filter(verified=False):
        leader.verified = True
        leader.save(update_fields=["verified", "updated_at"])
        done += 1
    return done


@transaction.atomic
def name_speakers(statements: QuerySet) -> tuple[int, int]:
    """Write, in place of a bare pronoun, the name of the leader the import tied the
    statement to. Returns how many were named and how many are left (tied to no one:
    an editor names them on the statement's page)."""
    named = left = 0
    for statement in statements.select_related("side_leader"):
        if statement.speaker.strip().lower() not in PRONOUNS:
            continue
        if statement.side_leader_id is None:
            left += 1
            continue
        statement.speaker = statement.side_leader.name
        statement.save(update_fields=["speaker"])
        named += 1
    return named, left


@transaction.atomic
def mark_not_held(announcements: QuerySet) -> int:
    """Mark pending announcements not held (an editor's word: the queue no longer lists
    them), one save each so that the history keeps it."""
    done = 0
    for announcement in announcements.pending():
        announcement.status = Announcement.Status.NOT_HELD
        announcement.save(update_fields=["status", "updated_at"])
        done += 1
    return done


def resolve(reason: Reason, pks: list[int]) -> str:
    """Resolve the items ``pks`` of ``reason`` by its one-click action; say what was done."""
    if reason.item == "call":
        done = mark_reviewed(Call.objects.filter(pk__in=pks))
        return f"{done} call(s) marked reviewed."
    if reason.item == "duplicate":
        done = not_the_same(PossibleDuplicate.objects.filter(pk__in=pks))
        return f"{done} pair(s) marked as not the same call; the queue will not ask again."
    if reason.item == "leader":
        return f"{verify(Leader.objects.filter(pk__in=pks))} leader(s) verified."
    if reason.item == "announcement":
        done = mark_not_held(Announcement.objects.filter(pk__in=pks))
        return f"{done} announced contact(s) marked not held."
    named, left = name_speakers(Statement.objects.filter(pk__in=pks))
    tail = f"; {left} tied to no leader, to be named by hand" if left else ""
    return f"{named} speaker(s) named{tail}."


#: Why an editor's merge merged, as the public change log says it.
EDITOR_MERGE = "an editor judged them reports of the same call"


@transaction.atomic
def merge(survivor: Call, duplicate: Call) -> Call:
    """Merge ``duplicate`` into ``survivor`` (:func:`archive.merging.merge_calls`) and work
    out again whether the survivor, with both calls' sources, is one-sided."""
    merged = merge_calls(survivor, duplicate, reason=EDITOR_MERGE)
    Call.objects.refresh_one_sided([merged.pk])
    return merged
