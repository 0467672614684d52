"""Contacts announced, requested or proposed, but not (yet) reported as held.

:mod:`.contacts` rejects a trigger whose clause puts the contact in the future, a wish or
a request ("will hold a phone call on Thursday", "requested a call with Y"): such a contact
is no call. This module reads the same rejected triggers again and keeps those that
announce, ask for or offer a contact between two or more leaders, with the day they name
for it, so that the archive can later tie the announcement to the call once it is reported.

What it never keeps: a contact denied, refused, cancelled, postponed or only speculated
about ("denied that a call took place", "rejected a call", "a call may follow", "if they
speak"), a contact in the past ("had planned to meet"), and repeated contacts ("will speak
regularly"). It only reads: the contacts :func:`.contacts.find_contacts` found stay as they
are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .contacts import (
    _CLAUSE_REACH,
    _CONTACT_WORDS,
    _LATER_IN_CLAUSE_RE,
    Contact,
    ContactContext,
    Trigger,
    _clause_end,
    _clause_start,
    _date_for,
    _modal_for_contact,
    _presumed_kind,
    _took_place,
    _without_names,
)
from .dates import DateExpr
from .sentences import Sentence
from .vocabulary import DENIAL_RE, HABITUAL_RE, MODE_RE

#: What an announcement says of its contact.
STATUSES = ("announced", "requested", "proposed")

#: Words that keep a rejected contact from being an announcement: denied, refused,
#: cancelled, only possible, conditional, or a plan of the past.
_NOT_ANNOUNCED_RE = re.compile(
    r"\b(?:den(?:y|ies|ied)|denial|refus(?:e|es|ed|al)|reject(?:s|ed|ion)?|"
    r"declin(?:e|es|ed)|cancel(?:s|led|ed|lation)?|postpone(?:s|d)?|called\s+off|halted|"
    r"suspended|no|not|never|without|rumou?r(?:s|ed)?|speculation|if|unless|whether|"
    r"didn|doesn|hasn|haven|hadn|wasn|weren|won|wouldn|isn|aren|had|may|might|could|"
    r"should|possible|possibility|possibly|potential|potentially|likely|unlikely|"
    r"try(?:ing)?\s+to|tried\s+to|attempt(?:s|ed)?\s+to|failed|"
    # a plan of the past ("were scheduled to meet ... but"): held or not, it is no news
    r"(?:was|were)\s+(?:\w+\s+)?(?:scheduled|expected|supposed|due|set|planned|planning))\b"
)
#: Words that ask for a contact ("requested a call", "urged X to hold talks").
_REQUESTED_RE = re.compile(
    r"\b(?:ask(?:s|ed|ing)?|requests?|requested|requesting|seeks?|sought|seeking|"
    r"call(?:s|ed|ing)?\s+for|urged?|urges|urging|push(?:ed|es|ing)?\s+for|"
    r"demand(?:s|ed|ing)?)\b"
)
#: Words that offer or wish for one ("proposed a call", "is ready to talk").
_PROPOSED_RE = re.compile(
    r"\b(?:propos(?:e|es|ed|ing|al)|offer(?:s|ed|ing)?|invit(?:e|es|ed|ing|ation)|"
    r"hopes?|hoped|hoping|wants?|wanted|ready\s+to|willing\s+to|"
    r"prepared\s+to|looks?\s+forward|looking\s+forward)\b"
)
#: Words that put it in the future ("will hold a call", "a call is scheduled for Friday").
_ANNOUNCED_RE = re.compile(
    r"\b(?:will|would|shall|is\s+to|are\s+to|plans?|planned|planning|intends?|intended|"
    r"intending|expects?|expected|scheduled|set\s+to|set\s+for|due\s+to|due\s+on|upcoming|"
    r"next|forthcoming|agreed\s+to|agrees\s+to|agree\s+to|prepar(?:es|ing)\s+for|"
    r"gearing\s+up|envisaged|to\s+take\s+place)\b"
)
#: "tomorrow": a day the engine's dates do not read (they look back from the article).
_TOMORROW_RE = re.compile(r"\btomorrow\b")


@dataclass(slots=True)
class FoundAnnouncement:
    """One sentence's announcement of a contact, before its leaders are looked up."""

    participants: list[str]
    subject: str | None
    kind: str
    status: str
    sentence: Sentence
    trigger: Trigger
    expected: date | None
    precision: str
    basis: str | None


def find_announcements(ctx: ContactContext, contacts: list[Contact]) -> list[FoundAnnouncement]:
    """Announced, requested or proposed contacts among the triggers that did not take place.

    Takes the context :func:`.contacts.find_contacts` filled (its triggers by sentence) and
    the contacts it returned; returns one announcement per set of leaders and expected day,
    in text order (the first sentence that tells it, the day from the first that names one).
    """
    found: list[FoundAnnouncement] = []
    held_in: dict[int, list[set[str]]] = {}
    for contact in contacts:
        for candidate in contact.candidates:
            held_in.setdefault(candidate.sentence.index, []).append(set(candidate.participants))
    for sentence in ctx.sentences:
        cues = _cues(ctx, sentence)
        for position, trigger in enumerate(cues):
            status = _status(ctx, sentence, trigger)
            if status is None:
                continue
            limit = cues[position + 1].start if position + 1 < len(cues) else sentence.end
            keys, subject = _parties(ctx, sentence, trigger, limit, contacts)
            if len(keys) < 2:
                continue
            if any(set(keys) == held for held in held_in.get(sentence.index, ())):
                continue  # the same sentence reports the contact as held
            expected, precision, basis = _expected(ctx, sentence, trigger)
            one = FoundAnnouncement(
                participants=keys,
                subject=subject,
                kind=trigger.kind or "other",
                status=status,
                sentence=sentence,
                trigger=trigger,
                expected=expected,
                precision=precision,
                basis=basis,
            )
            _add(found, one)
    return found


#: A contact's verb in its bare form, which the contacts never take as one held ("will
#: speak with", "to meet", "will call").
_BARE_VERB_RE = re.compile(
    r"\b(?:(?P<speak>speak|talk|confer)|(?P<meet>meet)|"
    r"(?:will|to|would|shall)\s+(?:also\s+|again\s+|soon\s+)?(?P<call>call|phone))\b"
)


def _cues(ctx: ContactContext, sentence: Sentence) -> list[Trigger]:
    """The sentence's contacts that did not take place: the contacts' own triggers, and
    bare verbs ("will speak with", "is expected to meet") they do not read."""
    lower = ctx.view.lower
    cues = [
        trigger
        for trigger in ctx.triggers_by_sentence.get(sentence.index, ())
        if not _took_place(ctx, sentence, trigger)
    ]
    taken = [
        (trigger.start, trigger.end) for trigger in ctx.triggers_by_sentence.get(sentence.index, ())
    ]
    for match in _BARE_VERB_RE.finditer(lower, sentence.start, sentence.end):
        name = next(group for group in ("speak", "meet", "call") if match.group(group))
        start, end = match.start(name), match.end(name)
        if any(a < end and start < b for a, b in taken):
            continue
        if name == "meet":
            kind = "meeting"
        else:
            clause_end = _clause_end(lower, end, sentence.end)
            mode = MODE_RE.search(lower, end, min(clause_end, end + 60))
            if mode:
                kind = (
                    "phone"
                    if mode.group("phone")
                    else "video"
                    if mode.group("video")
                    else "meeting"
                )
            else:
                kind = "phone" if name == "call" else _presumed_kind(ctx, sentence)[0]
        cues.append(
            Trigger(
                start=start,
                end=end,
                construct="meet" if name == "meet" else "speak",
                sentence=sentence.index,
                kind=kind,
                verb=match.group(name),
                verb_start=start,
                verb_end=end,
            )
        )
    return sorted(cues, key=lambda t: t.start)


#: Words that make a sentence's leaders the parties of its contact ("the two leaders").
_BOTH_RE = re.compile(r"\b(?:they|both|the\s+two|the\s+pair|each\s+other)\b")


def _parties(
    ctx: ContactContext,
    sentence: Sentence,
    trigger: Trigger,
    limit: int,
    contacts: list[Contact],
) -> tuple[list[str], str | None]:
    """The leaders of an announced contact, and the one who announces or asks for it.

    The leaders of the cue's clause before it (else the sentence's first leader before it),
    and those after it up to the end of its clause or the next cue.
    """
    lower = ctx.view.lower
    mentions = [
        mention
        for mention in ctx.leaders.by_sentence.get(sentence.index, ())
        if mention.keys and not (mention.possessive and mention.possessed not in _CONTACT_WORDS)
    ]
    clause_start = _clause_start(lower, sentence.start, trigger.start)
    before = [m for m in mentions if clause_start <= m.start and m.end <= trigger.start]
    if not before:
        before = [m for m in mentions if m.end <= trigger.start][:1]
    end = _clause_end(lower, trigger.end, limit)
    after = [m for m in mentions if trigger.end <= m.start < end]
    keys: list[str] = []
    for mention in before + after:
        keys.extend(mention.keys)
    keys = list(dict.fromkeys(keys))
    if len(keys) < 2 and _BOTH_RE.search(lower, sentence.start, trigger.start):
        current = _context_contact(contacts, sentence)
        if current is not None and len(current.participants) >= 2:
            keys = list(current.participants)
    subject = before[-1].key if before and before[-1].key in keys else None
    return keys, subject


def _add(found: list[FoundAnnouncement], one: FoundAnnouncement) -> None:
    """Keep ``one``, or let it complete an announcement of the same leaders already kept.

    A second contact the same sentence tells with some of the same leaders is the first
    one's subject ("will meet Y on Friday to discuss his conversation with Z"): left out.
    """
    for kept in found:
        if set(kept.participants) != set(one.participants):
            shared = set(kept.participants) & set(one.participants)
            if kept.sentence.index == one.sentence.index and len(shared) >= 2:
                return
            continue
        if one.expected is None or kept.expected in (None, one.expected):
            if kept.expected is None and one.expected is not None:
                kept.expected, kept.precision, kept.basis = one.expected, one.precision, one.basis
            if kept.kind == "other":
                kept.kind = one.kind
            return
    found.append(one)


def _status(ctx: ContactContext, sentence: Sentence, trigger: Trigger) -> str | None:
    """ "requested", "proposed" or "announced" for a contact the clause asks for, offers or
    puts in the future; None for one denied, refused, cancelled, conditional or past."""
    lower = ctx.view.lower
    before = _without_names(
        ctx, sentence, _clause_start(lower, sentence.start, trigger.start), trigger.start
    )
    after = lower[trigger.end : _clause_end(lower, trigger.end, sentence.end)]
    if _NOT_ANNOUNCED_RE.search(before) or _NOT_ANNOUNCED_RE.search(after):
        return None
    if DENIAL_RE.search(lower, max(sentence.start, trigger.start - 2 * _CLAUSE_REACH), trigger.end):
        return None
    if HABITUAL_RE.search(lower, sentence.start, sentence.end):
        return None
    if _REQUESTED_RE.search(before) or re.match(
        r"[\s,]*(?:(?:was|is|has\s+been)\s+)?requested\b", after
    ):
        return "requested"
    if _PROPOSED_RE.search(before) or re.match(
        r"[\s,]*(?:(?:was|is|has\s+been)\s+)?proposed\b", after
    ):
        return "proposed"
    modal = any(_modal_for_contact(m, before, trigger) for m in _ANNOUNCED_RE.finditer(before))
    if modal or _ANNOUNCED_RE.match(after.lstrip(" ,")) or _LATER_IN_CLAUSE_RE.search(after):
        return "announced"
    if re.match(r"[\s,]*(?:is|are)\s+(?:expected|planned|scheduled|set|due)\b", after):
        return "announced"
    return None


def _context_contact(contacts: list[Contact], sentence: Sentence) -> Contact | None:
    """The last contact told before the sentence ("They agreed to speak again")."""
    before = [c for c in contacts if c.first_sentence.index <= sentence.index]
    return before[-1] if before else None


def _expected(
    ctx: ContactContext, sentence: Sentence, trigger: Trigger
) -> tuple[date | None, str, str | None]:
    """The day the announcement names for its contact, counted forward from the article's
    date: (day or None, precision, how it was read)."""
    reference = ctx.reference
    lower = ctx.view.lower
    expr = _date_for(ctx, sentence, trigger, held=False)
    if expr is None:
        tomorrow = _TOMORROW_RE.search(lower, sentence.start, sentence.end)
        if tomorrow and reference is not None:
            return (
                reference + timedelta(days=1),
                "day",
                f"'tomorrow' counted from the article's date ({_day(reference)})",
            )
        return None, "unknown", None
    return _forward(expr, reference, ctx.view.text[expr.start : expr.end])


def _forward(
    expr: DateExpr, reference: date | None, words: str
) -> tuple[date | None, str, str | None]:
    if expr.form == "full" and expr.year and expr.month and expr.day:
        return date(expr.year, expr.month, expr.day), "day", "stated"
    if expr.form == "month_year" and expr.year and expr.month:
        return date(expr.year, expr.month, 1), "month", "stated"
    if reference is None:
        return None, "unknown", None
    counted = f"'{words}' counted forward from the article's date ({_day(reference)})"
    if expr.form == "month_day" and expr.month and expr.day:
        for year in (reference.year, reference.year + 1):
            try:
                value = date(year, expr.month, expr.day)
            except ValueError:
                continue
            if value >= reference - timedelta(days=1):
                return value, "day", counted
        return None, "unknown", None
    if expr.form == "weekday" and expr.weekday is not None:
        ahead = (expr.weekday - reference.weekday()) % 7
        return reference + timedelta(days=ahead), "day", counted
    if expr.form == "relative" and expr.days_back == 0:
        return reference, "day", counted
    if expr.form == "month" and expr.month:
        year = reference.year + (1 if expr.month < reference.month else 0)
        return date(year, expr.month, 1), "month", counted
    if expr.form == "period" and (expr.relation or "") == "this-month":
        return reference.replace(day=1), "month", counted
    return None, "unknown", None


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"
