"""The archive's fixed vocabularies.

A leaf module (no imports from the rest of the app), so that models, filters,
the importer and the views can share these without import cycles.
"""

from django.db import models


class CallKind(models.TextChoices):
    PHONE = "phone", "Phone call"
    VIDEO = "video", "Video call"
    MEETING = "meeting", "Meeting"
    OTHER = "other", "Other contact"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNKNOWN = "unknown", "Unknown"


class DurationQualifier(models.TextChoices):
    EXACT = "", "Exactly"
    ABOUT = "about", "About"
    MORE_THAN = "more than", "More than"
    LESS_THAN = "less than", "Less than"


class ReviewStatus(models.TextChoices):
    EXTRACTED = "extracted", "Extracted"
    REVIEWED = "reviewed", "Reviewed"


class ParticipantRole(models.TextChoices):
    INITIATOR = "initiator", "Initiated the contact"
    RECIPIENT = "recipient", "Received the contact"
    PARTICIPANT = "participant", "Took part"


class SourceRole(models.TextChoices):
    MAIN = "main", "Main event"
    BACKGROUND = "background", "Background mention"


class Fact(models.TextChoices):
    """Which fact of a call a sentence of a source supports."""

    CALL = "call", "The contact took place"
    PARTICIPANT = "participant", "A participant"
    DATE = "date", "The date"
    KIND = "kind", "The kind"
    DURATION = "duration", "The duration"
    INITIATOR = "initiator", "Who initiated it"
    TOPIC = "topic", "A topic"
    STATEMENT = "statement", "A statement"


class ChangeKind(models.TextChoices):
    """What happened to a call, as the public change log says it (:mod:`archive.changes`)."""

    ADDED = "added", "Added"
    SOURCE = "source", "Source added"
    DATED = "dated", "Date set"
    REDATED = "redated", "Date corrected"
    CORRECTED = "corrected", "Corrected by an editor"
    MERGED = "merged", "Merged into another call"
    ABSORBED = "absorbed", "Another call merged into it"
    DELETED = "deleted", "Deleted"
