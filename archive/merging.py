"""Merging duplicate records into one, keeping every permalink of the merged one working."""

from django.db import transaction

from . import changes
from .enums import ReviewStatus
from .models import (
    Announcement,
    Call,
    CallChange,
    CallRedirect,
    Evidence,
    Leader,
    LeaderRedirect,
    Participation,
    Report,
    Statement,
)


class MergeError(ValueError):
    """The records cannot be merged (for example a record merged into itself)."""


@transaction.atomic
def merge_calls(survivor: Call, duplicate: Call, reason: str = "") -> Call:
    """Move everything ``duplicate`` holds onto ``survivor``, delete it, and redirect its URL.

    The survivor keeps its own facts; a fact it lacks (date, duration, initiator,
    summary) is taken from the duplicate. Sources, evidence, statements, topics and
    participants are united. A reviewed duplicate makes the survivor reviewed. The change
    log says, for both calls, which went into which and why (``reason``), and which facts
    the survivor took (:mod:`archive.changes`).
    """
    if survivor.pk == duplicate.pk:
        raise MergeError("A call cannot be merged into itself.")
    before = changes.all_facts(survivor)
    if survivor.date is None and duplicate.date is not None:
        survivor.date, survivor.date_precision = duplicate.date, duplicate.date_precision
    if survivor.duration_minutes is None and duplicate.duration_minutes is not None:
        survivor.duration_minutes = duplicate.duration_minutes
        survivor.duration_qualifier = duplicate.duration_qualifier
    survivor.initiator = survivor.initiator or duplicate.initiator
    survivor.summary = survivor.summary or duplicate.summary
    if duplicate.status == ReviewStatus.REVIEWED:
        survivor.status = ReviewStatus.REVIEWED

    have = set(survivor.participations.values_list("leader_id", flat=True))
    for participation in duplicate.participations.exclude(leader_id__in=have):
        Participation.objects.create(
            call=survivor, leader_id=participation.leader_id, role=participation.role
        )
    survivor.topics.add(*duplicate.topics.all())

    for report in duplicate.reports.all():
        kept, _ = Report.objects.get_or_create(
            call=survivor, source_id=report.source_id, defaults={"role": report.role}
        )
        Evidence.objects.filter(report=report).update(report=kept)
    Statement.objects.filter(call=duplicate).update(call=survivor)
    Announcement.objects.filter(call=duplicate).update(call=survivor)

    # Redirects that pointed at the duplicate now point at the survivor: no chains.
    CallRedirect.objects.filter(call=duplicate).update(call=survivor)
    old_id = duplicate.pk
    duplicate.delete()
    CallRedirect.objects.create(old_id=old_id, call=survivor)
    survivor.slug = ""
    survivor.save()
    survivor.refresh_slug()
    CallChange.objects.bulk_create(
        changes.merged(survivor.pk, old_id, reason, before, changes.all_facts(survivor))
    )
    return survivor


@transaction.atomic
def merge_leaders(survivor: Leader, duplicate: Leader) -> Leader:
    """Move every call, statement and alias of ``duplicate`` onto ``survivor``; redirect its URL.

    Calls in which both took part keep one participation, the survivor's.
    """
    if survivor.pk == duplicate.pk:
        raise MergeError("A leader cannot be merged into themself.")
    for participation in Participation.objects.filter(leader=duplicate):
        if Participation.objects.filter(call_id=participation.call_id, leader=survivor).exists():
            participation.delete()
        else:
            participation.leader = survivor
            participation.save(update_fields=["leader"])
    Call.objects.filter(initiator=duplicate).update(initiator=survivor)
    Statement.objects.filter(side_leader=duplicate).update(side_leader=survivor)
    _move_announcements(survivor, duplicate)
    duplicate.terms.update(leader=survivor)

    aliases = list(survivor.aliases)
    for alias in [duplicate.name, *duplicate.aliases]:
        if alias not in aliases and alias != survivor.name:
            aliases.append(alias)
    survivor.aliases = aliases
    survivor.verified = survivor.verified or duplicate.verified
    survivor.save()

    LeaderRedirect.objects.filter(leader=duplicate).update(leader=survivor)
    old_slug = duplicate.slug
    duplicate.delete()
    LeaderRedirect.objects.create(old_slug=old_slug, leader=survivor)
    for call in Call.objects.involving(survivor):
        call.refresh_slug()
    return survivor


def _move_announcements(survivor: Leader, duplicate: Leader) -> None:
    """The duplicate's announced contacts become the survivor's. One its source already
    holds with the survivor's leaders is the same announcement: it is dropped."""
    Announcement.objects.filter(requested_by=duplicate).update(requested_by=survivor)
    for announcement in Announcement.objects.filter(participants=duplicate).prefetch_related(
        "participants"
    ):
        ids = {leader.pk for leader in announcement.participants.all()} - {duplicate.pk}
        ids.add(survivor.pk)
        key = ",".join(map(str, sorted(ids)))
        taken = Announcement.objects.filter(source_id=announcement.source_id, participant_key=key)
        if taken.exclude(pk=announcement.pk).exists():
            announcement.delete()
            continue
        announcement.participants.remove(duplicate)
        announcement.participants.add(survivor)
        Announcement.objects.filter(pk=announcement.pk).update(participant_key=key)
