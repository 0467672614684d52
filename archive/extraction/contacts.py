"""Contacts between leaders: which the article reports as having taken place, and their facts.

A contact is found from a *trigger* in a sentence, one of:

* a verb with a contact noun: "held a rare phone call", "had a conversation";
* a preposition with one: "during a telephone interview", "in a video call";
* a noun phrase that presupposes one: "the phone call between", "their previous phone
  call took place";
* a verb of its own: "spoke over the phone", "called the Iranian president", "met".

A trigger counts only when its clause does not put it in the future, a wish, a request,
a denial or a refusal ("will hold talks", "asked for a call", "denied that a call took
place"), and when at least two distinct leaders take part: the subject and objects of a
verb, or the leaders of the sentence for a noun ("the two presidents" and "his
counterpart" resolved). A definite reference with fewer leaders ("the call lasted an
hour") adds its facts to the contact in context.

Candidates from all sentences are then merged into contacts: same participants,
compatible kind and date, and the same standing (background or not).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from .dates import UNKNOWN, DateExpr, ResolvedDate, resolve
from .durations import Duration, find_durations
from .knowledge import CAPITAL, COUNTRY, DEMONYM, SEAT, EntityMatch
from .leaders import LeaderAnalysis, Mention
from .sentences import Sentence
from .statements import attribution
from .text import TextView, positions_in
from .vocabulary import (
    AFTER_MODALITY_RE,
    AFTER_RE,
    APPOSITIVE_RE,
    BACKGROUND_MODIFIERS,
    BACKGROUND_RE,
    BARE_HOLD_VERBS,
    CALL_VERB_RE,
    DENIAL_RE,
    HABITUAL_RE,
    HEADS_NEEDING_KIND,
    HOLD_RE,
    HOLD_VERBS,
    INITIATOR_BEFORE_RE,
    KIND_BY_HEAD,
    KIND_BY_WORD,
    LIST_GAP_RE,
    MEET_VERB_RE,
    MODALITY_RE,
    MODE_RE,
    MONTHS,
    NON_LEADER_ROLE_RE,
    NUMBER_PATTERN,
    PLUPERFECT_RE,
    PLURAL_HEADS,
    POSSESSIVE_INITIATIVE_RE,
    PREP_RE,
    RECEIVED_CALL_RE,
    REPORTING_RE,
    REPORTING_VERBS,
    REQUEST_RE,
    SERIES_DETERMINERS,
    SIDE_RE,
    SPEAK_BLOCKERS,
    SPEAK_RE,
    SUBJECT_SKIP,
    THANKED_FOR_CALL_RE,
    VAGUE_PAST_RE,
    WEEKDAYS,
    WITH_RE,
    number_value,
    word_set,
)

#: Words without which a sentence names no initiator ("at the request of", "initiated by",
#: "at Russia's initiative", "sought by", "placed by", "made by", "arranged by").
_INITIATIVE_WORDS = (
    "initiat",
    "request",
    "invitation",
    "behest",
    "sought",
    " by ",
    "asked",
    "proposed",
    "call to",
    "conversation to",
    "made the",
    "placed the",
    "whose",
)
_INITIATIVE_WORDS_RE = re.compile("|".join(re.escape(word) for word in _INITIATIVE_WORDS))
#: Finds the sentence holding an offset, if any.
SentenceAt = Callable[[int], Sentence | None]
_VERBAL = frozenset({"hold", "speak", "call", "meet", "received"})
_NOUN_CONSTRUCTS = (
    ("hold", HOLD_RE),
    ("prep", PREP_RE),
    ("with", WITH_RE),
    ("after", AFTER_RE),
    ("appos", APPOSITIVE_RE),
)
_NOUN_NAMES = frozenset(name for name, _ in _NOUN_CONSTRUCTS)
_DEFINITE = frozenset({"the", "this", "that", "their", "his", "her", "its", "'s"})
#: Nouns a leader's possessive may own while the leader still takes part ("X's call with Y").
_CONTACT_WORDS = frozenset(
    {
        "call",
        "calls",
        "phone",
        "telephone",
        "conversation",
        "conversations",
        "talks",
        "meeting",
        "meetings",
        "video",
        "summit",
    }
)
_CLAUSE_BREAK_RE = re.compile(r"[,;:()\"]| - ")
#: Asides set off by commas between a subject and its verb (a title, a blessing).
_APPOSITION_BEFORE_VERB_RE = re.compile(
    # "X (PT), conversed with": a party or a country in brackets after the name.
    r"(?:\s*\([^()\n]{1,40}\))?"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'.-]*(?:\s+(?:of\s+)?[A-Z][\w'.-]*){0,5})?"
    r"(?:\s*,(?:\s*[^,;:()]{1,90}?,[\"']?)+)?"
    # Honours in initials after the name: "X, C.G.H. held", "X, GCON, held".
    r"(?:\s*,\s*(?:[A-Z]\.){2,5}|\s*,\s*[A-Z]{2,5}\b)?,?\s*"
)
#: A relative clause between a subject and its verb, ending right before the verb.
_RELATIVE_CLAUSE_RE = re.compile(r",\s+(?:who|which)\b[^,;:()\"]*,\s*\Z")
_DATE_BLOCKERS_RE = re.compile(
    r"\b(?:since|until|till|before|after|by|from|ahead\s+of|following|between|through|"
    r"throughout|as\s+of)\s+(?:the\s+)?(?:on\s+)?$"
)
_MEET_OBJECT_REQUIRED = frozenset(
    {"hosted", "hosts", "received", "receives", "welcomed", "welcomes"}
)
_INITIATOR_AFTER_NAME_RE = re.compile(
    r"\s+(?:had\s+|has\s+)?(?:initiated|requested|sought)\s+(?:the|a|this)\b|"
    # "X made the call", "X placed the phone call".
    r"\s+(?:had\s+|has\s+)?(?:made|placed)\s+the\s+(?:(?:tele)?phone\s+)?call\b|"
    # "Y, at whose initiative the call took place".
    r",\s+at\s+whose\s+(?:initiative|request|invitation)\b"
)
_POSSESSIVE_REQUEST_RE = re.compile(r"'s?\s+(?:request|initiative|invitation)\b")
_POSSESSIVE_LEAD_RE = re.compile(
    r"\b(?:at|on|upon|following|followed|after|in\s+response\s+to)\s+(?:the\s+)?$"
)
#: "at the latter's invitation", "on the former's request".
_LATTER_INITIATIVE_RE = re.compile(
    r"\b(?:at|on|upon|following)\s+the\s+(latter|former)'s?\s+(?:request|initiative|invitation)\b"
)
#: "It was France that asked for the call", "it was the French side that requested it".
_SIDE_ASKED_RE = re.compile(
    r"\bit\s+was\s+(?:the\s+)?(?P<side>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:side\s+)?"
    r"(?:that|which|who)\s+(?:had\s+)?(?:asked|requested|initiated|proposed|sought)\b"
)
#: "Trump's call to the Chinese President": a leader's call to another is the leader's.
_POSSESSIVE_CALL_TO_RE = re.compile(
    r"'s?\s+(?:(?:tele)?phone\s+)?(?:call|conversation)\s+(?:on\s+\w+\s+)?to\b"
)
#: "held talks with Y at request" (an official style): at the request of the other party.
_BARE_REQUEST_RE = re.compile(r"\b(?:at|on|upon)\s+(?:the\s+)?request\b(?!\s+(?:of|from|by)\b)")
_CALL_FOR_RE = re.compile(r"\s+(?:for|to\s+(?!(?:the|his|her)\b)[a-z]+\b)")
_LATER_IN_CLAUSE_RE = re.compile(
    r"\b(?:is|are)\s+(?:(?:now|also|still)\s+)?(?:expected|planned|scheduled|set|due|"
    r"likely|possible|envisaged|being\s+prepared)\b|"
    # "said a phone call with Y was planned for next week": still to come when told.
    r"\b(?:was|were)\s+(?:(?:now|also|still)\s+)?(?:planned|scheduled|set|due|expected)\s+"
    r"(?:for|to|on|next|later|tomorrow)\b|"
    r"\b(?:will|would|may|might|could|should|is\s+to|are\s+to)\s+(?:(?:also|still|now|not)\s+)?"
    r"(?:take\s+place|be\s+held|happen|occur)\b|"
    # "a conversation between X and Y is not on the agenda", "... would not happen until".
    r"\b(?:won't|wouldn't|can't|cannot|couldn't)\s+(?:take\s+place|be\s+held|happen|occur)\b|"
    r"\bnot\s+(?:on|in)\s+the\s+(?:agenda|cards|works)\b|\boff\s+the\s+table\b|"
    # "the conversation between X and Y will be a continuation of ...": the contact's own verb
    # is in the future.
    r"\b(?:will|is\s+going\s+to)\s+(?:(?:also|likely)\s+)?(?:be(?!\s+followed)|focus|cover|"
    r"address|include|discuss|touch|cent(?:re|er)|involve)\b"
)
_JOINT_RE = re.compile(
    r"\b(?:joint|jointly|trilateral|three-way|four-way|quadrilateral|together|conference\s+call|"
    r"group\s+call|a\s+summit|virtual\s+(?:summit|meeting)|video\s+summit|videoconference|"
    r"video\s+conference)\b"
)
_OBJECT_PRONOUN_RE = re.compile(r"(?:\s+(?:with|up))?\s+(?:him|her)\b")
_TITLE_BARE_OK = frozenset({"hold", "speak", "talk", "meet"})
#: Hosting or chairing verbs among the "hold" verbs.
_HOST_VERB_STEMS = ("host", "chair", "convene", "co-chair")
_BACKGROUND_GAP = timedelta(days=7)
#: How far (in characters) a clause reaches from a contact word, at most.
_CLAUSE_REACH = 200


@dataclass(slots=True)
class Trigger:
    start: int
    end: int
    construct: str
    sentence: int
    kind: str | None
    #: False when the kind is only presumed ("a call" between leaders is by phone).
    kind_certain: bool = True
    head: str = ""
    det: str | None = None
    mods: str = ""
    verb: str = ""
    verb_start: int | None = None
    verb_end: int | None = None
    obj: Mention | None = None
    #: "held phone calls with A, B and C": one contact with each of several leaders.
    series: bool = False


@dataclass(slots=True)
class Candidate:
    """One sentence's report of one contact."""

    sentence: Sentence
    trigger: Trigger
    participants: list[str]
    full: bool
    kind: str | None
    date: ResolvedDate | None
    date_expr: DateExpr | None
    duration: Duration | None
    initiator: str | None
    initiator_span: tuple[int, int] | None
    background: bool
    #: The leader doing the verb, when there is exactly one.
    subject: str | None = None
    #: Background only by its tense ("had called"): no date, no "previous", no "last".
    backshifted: bool = False
    #: "also spoke on January 6": another occasion of leaders told before, on its own day.
    again: bool = False
    #: Told after "following" or "after" behind another contact of the sentence ("spoke with
    #: Y, following their meeting"): an earlier contact, never the sentence's own.
    earlier: bool = False


@dataclass(slots=True)
class Contact:
    """Candidates merged into one contact."""

    participants: list[str]
    kind: str | None
    date: ResolvedDate | None
    background: bool
    kind_certain: bool = True
    candidates: list[Candidate] = field(default_factory=list)
    touched: int = 0
    date_span: tuple[int, int] | None = None
    date_from_dateline: bool = False
    #: Who asked for it, from a sentence near the contact's own ("The call was initiated
    #: by Finland."), when none of its own sentences says so.
    nearby_initiator: tuple[str, Candidate] | None = None
    #: How long it lasted, from a sentence near its own ("Discussions lasted about 75
    #: minutes."), when none of its own sentences says so.
    nearby_duration: tuple[Duration, Sentence] | None = None

    @property
    def first_sentence(self) -> Sentence:
        return self.candidates[0].sentence

    def sentences(self) -> list[Sentence]:
        seen: dict[int, Sentence] = {}
        for candidate in self.candidates:
            seen.setdefault(candidate.sentence.index, candidate.sentence)
        return [seen[i] for i in sorted(seen)]

    @property
    def duration(self) -> tuple[Duration, Sentence] | None:
        # An exact figure ("lasted 2 hours and 17 minutes") over a rounded one ("for more
        # than two hours"), else the first told.
        told = [(c.duration, c.sentence) for c in self.candidates if c.duration is not None]
        exact = [pair for pair in told if pair[0].qualifier is None]
        if exact or told:
            return (exact or told)[0]
        return self.nearby_duration

    @property
    def initiator(self) -> tuple[str, Candidate] | None:
        for candidate in self.candidates:
            if candidate.initiator and candidate.initiator in self.participants:
                return candidate.initiator, candidate
        return self.nearby_initiator

    @property
    def kind_source(self) -> Candidate | None:
        for candidate in self.candidates:
            if candidate.kind == self.kind and self.kind is not None:
                return candidate
        return None


@dataclass(slots=True)
class ContactContext:
    """What contact finding needs from the rest of the analysis."""

    view: TextView
    sentences: list[Sentence]
    leaders: LeaderAnalysis
    dates_by_sentence: dict[int, list[DateExpr]]
    reference: date | None
    entities_by_start: dict[int, EntityMatch]
    country_of: dict[str, str | None]
    warnings: list[str]
    _durations: dict[int, list[Duration]] = field(default_factory=dict)
    #: Every trigger of each sentence, those of contacts that did not take place too.
    triggers_by_sentence: dict[int, list[Trigger]] = field(default_factory=dict)
    #: The stamps of a page's list of items, after the article (``metadata.item_stamps``).
    item_stamps: list[tuple[int, date]] = field(default_factory=list)

    #: The items of a page's list closed by their own date line (``metadata.closing_stamps``).
    closing_stamps: list[tuple[int, int, int, date]] = field(default_factory=list)
    #: The leader of the government whose page this is, when known (``hosts``).
    host_leader: str | None = None
    #: Lists of links to other stories around the article (``metadata.furniture_spans``).
    furniture: list[tuple[int, int]] = field(default_factory=list)

    def author(self) -> Mention | None:
        """The leader who signs the page: a line that is only a leader's name, with or
        without a title after a comma ("A. Leader, Prime Minister"), among its first and
        last lines, or a headline "Statement by <leader>"; None when none does, or several."""
        text = self.view.folded
        lines = [m for m in _LINE_RE.finditer(text) if m.group().strip()]
        found: dict[str, Mention] = {}
        for line in (*lines[:2], *lines[-3:]):
            mentions = [
                m
                for m in self.leaders.by_start.values()
                if line.start() <= m.start < line.end() and m.key and m.kind != "group"
            ]
            if len(mentions) != 1:
                continue
            (mention,) = mentions
            before = text[line.start() : mention.start]
            after = text[mention.end : line.end()]
            signed = _SIGNED_BEFORE_RE.fullmatch(before)
            # "Address by President X on the occasion of ...": a headline naming its author.
            if signed and (signed.group("piece") or _SIGNED_AFTER_RE.fullmatch(after)):
                found[mention.key] = mention
        return next(iter(found.values())) if len(found) == 1 else None

    def item_closed_at(self, offset: int) -> tuple[date, tuple[int, int]] | None:
        """The date (and the span of its line) that closes the list item ``offset`` stands
        in, if any."""
        for start, stamp, end, day in self.closing_stamps:
            if start <= offset < stamp:
                return day, (stamp, end)
        return None

    def item_stamp_at(self, offset: int) -> date | None:
        """The date of the line that stamps the list item ``offset`` stands in, if any."""
        stamped = [day for end, day in self.item_stamps if end <= offset]
        return stamped[-1] if stamped else None

    def reference_at(self, offset: int) -> date | None:
        """The day a relative date at ``offset`` counts from: the date of the list item it
        stands in (its stamp above it, or the date line that closes it), else the article's
        date."""
        closed = self.item_closed_at(offset)
        if closed is not None:
            return closed[0]
        stamped = self.item_stamp_at(offset)
        return stamped if stamped is not None else self.reference

    def reference_for(self, expr: DateExpr) -> date | None:
        """The day ``expr`` counts from: for "the day before" or "the next day", the last
        day named before it, in its own sentence or the one before ("turns 75 on Wednesday
        (September 17). The day before, he received a call"); never the article's date,
        which the text did not name. For any other expression, :meth:`reference_at`."""
        if expr.form != "anchored":
            return self.reference_at(expr.start)
        starts = [s.start for s in self.sentences]
        at = bisect_right(starts, expr.start) - 1
        if at < 0:
            return None
        own = self.sentences[at].index
        nearest_first = [
            e for e in reversed(self.dates_by_sentence.get(own, ())) if e.end <= expr.start
        ]
        if at > 0:
            nearest_first += reversed(self.dates_by_sentence.get(self.sentences[at - 1].index, ()))
        for named in nearest_first:
            if named.form == "anchored":
                continue
            resolved = resolve(named, self.reference_at(named.start))
            if resolved.value is not None and resolved.precision == "day":
                return resolved.value
        return None

    _initiators: dict[int, list[tuple[str | None, frozenset[str], tuple[int, int]]]] = field(
        default_factory=dict
    )

    def initiator_hints(
        self, sentence: Sentence
    ) -> list[tuple[str | None, frozenset[str], tuple[int, int]]]:
        """Who the sentence says asked for a contact (read once per sentence)."""
        found = self._initiators.get(sentence.index)
        if found is None:
            # Most sentences name no initiative: a cheap look for its words first.
            if _INITIATIVE_WORDS_RE.search(self.view.lower, sentence.start, sentence.end):
                found = _initiator_hints(self, sentence)
            else:
                found = []
            self._initiators[sentence.index] = found
        return found

    def durations(self, sentence: Sentence) -> list[Duration]:
        """The durations a sentence states (read once per sentence)."""
        found = self._durations.get(sentence.index)
        if found is None:
            found = find_durations(self.view.lower, sentence.start, sentence.end)
            self._durations[sentence.index] = found
        return found


def find_contacts(ctx: ContactContext) -> list[Contact]:
    """Contacts reported as having taken place, merged across sentences, in text order."""
    triggers = _triggers(ctx)
    if ctx.furniture:
        # Another story's headline in a list of links is not this article's contact.
        triggers = [
            t for t in triggers if not any(start <= t.start < end for start, end in ctx.furniture)
        ]
    by_sentence: dict[int, list[Trigger]] = {}
    for trigger in triggers:
        by_sentence.setdefault(trigger.sentence, []).append(trigger)
    ctx.triggers_by_sentence = by_sentence
    contacts: list[Contact] = []
    clock = 0
    warned: set[int] = set()
    for sentence in ctx.sentences:
        sentence_triggers = sorted(by_sentence.get(sentence.index, ()), key=lambda t: t.start)
        in_sentence: list[Candidate] = []
        for position, trigger in enumerate(sentence_triggers):
            if any(
                other.start == trigger.start and other.end > trigger.end
                for other in sentence_triggers
            ):
                continue  # "held a summit" inside "held a summit meeting": the longer one
            limit = next(
                (t.start for t in sentence_triggers[position + 1 :] if t.start > trigger.start),
                sentence.end,
            )
            current = max(contacts, key=lambda c: c.touched) if contacts else None
            candidate = _candidate(ctx, sentence, trigger, limit, current, warned)
            if candidate is None:
                continue
            for one in _bilateral(ctx, sentence, candidate, contacts):
                # An undated mention of the same leaders in the same sentence is the same
                # contact: "X, who called Y last week, said the talks were useful."
                same = next(
                    (
                        c
                        for c in reversed(in_sentence)
                        if set(c.participants) == set(one.participants)
                    ),
                    None,
                )
                if (
                    same is not None
                    and (
                        one.date is None
                        or one.date.value is None
                        # "In their phone call last week, X and Y discussed ...": that call.
                        or one.trigger.verb in _DISCUSS_TOKENS
                    )
                    and not one.earlier
                ):
                    one.background = same.background
                in_sentence.append(one)
                clock += 1
                _merge(contacts, one, clock)
    contacts = [c for c in contacts if not _unanswered(ctx, c)]
    _settle_roles(ctx, contacts)
    _nearby_initiators(ctx, contacts)
    _nearby_durations(ctx, contacts)
    return contacts


#: A call placed that no one took: "the latter did not respond", "The result: silence".
_UNANSWERED_RE = re.compile(
    r"\b(?:did\s+not|didn't|does\s+not|never)\s+(?:respond|answer|reply|pick\s+up|"
    r"take\s+(?:the|his|her)\s+call)\b|\bno\s+(?:answer|response|reply)\b|"
    r"\bwent\s+unanswered\b|\bresult\s*:\s*silence\b|\bwas\s+met\s+with\s+silence\b"
)


def _unanswered(ctx: ContactContext, contact: Contact) -> bool:
    """Whether a main phone contact went unanswered: said in its own sentences or the one
    after ("Today I initiated a telephone conversation with X. The result: silence.")."""
    if contact.background or contact.kind not in ("phone", None):
        return False
    own = contact.sentences()
    following = ctx.sentences[own[-1].index + 1 : own[-1].index + 2]
    lower = ctx.view.lower
    return any(
        _UNANSWERED_RE.search(lower, sentence.start, sentence.end) for sentence in own + following
    )


#: A sentence that says how long "it" lasted: a contact word, or "lasted", near a duration.
_DURATION_SUBJECT_RE = re.compile(
    r"\b(?:call|conversation|talks?|discussions?|meeting|summit|exchange|lasted|lasting|long)\b"
)


def _nearby_durations(ctx: ContactContext, contacts: list[Contact]) -> None:
    """How long a main contact lasted, from the sentences that follow it ("The meeting was
    about 50 minutes long."), until another contact's sentences begin."""
    for contact, following in _followers(ctx, contacts, _DURATION_REACH):
        if contact.duration is not None:
            continue
        for sentence in following:
            found = [d for d in ctx.durations(sentence) if d.minutes >= 5]
            if len(found) == 1 and _DURATION_SUBJECT_RE.search(
                ctx.view.lower, sentence.start, sentence.end
            ):
                contact.nearby_duration = (found[0], sentence)
                break


#: How many sentences after its last one a contact's initiator may be told (a readout often
#: ends with it: "The discussion was held on Finland's initiative.").
_INITIATOR_REACH = 10
#: How many sentences after its last one a contact's duration may be told.
_DURATION_REACH = 3
#: What follows "called X" when X is called something: "his great friend", "a dictator".
_NAMING_RE = re.compile(r"\s+(?:(?:his|her|their|its|our|my|a|an)\s+[\"']?\w|[\"']\w)")
#: Words between "called" and the leader called: "called newly elected US President X".
#: "his brother, President X", "her friend Y": how Gulf and Arab readouts name a peer.
_KIN = r"(?:(?:his|her)\s+(?:(?:dear|close|good)\s+)?(?:brother|sister|friend)(?:,\s*|\s+))?"
_KIN_RE = re.compile(_KIN)
_EPITHET_RE = re.compile(
    # Honorifics a name may carry: "phoned Sheikh X", "called His Majesty King X" (before
    # "his" alone, which would stop short of them).
    r"(?:(?:his|her)\s+(?:highness|majesty|excellency)(?:\s+sheikh)?|sheikh|sheikha|h\.\s?e\.|"
    # "his brother, HE President X": His Excellency in initials (lowered), after a kinship.
    r"(?<=,\s)he|(?<=,)he|"
    r"mr\.?|mrs\.?|ms\.?|dr\.?|"
    r"(?:newly|freshly|recently)[\s-]+(?:elected|appointed|re-elected|sworn[\s-]+in)|"
    r"re-elected|new|his|her|their|the)\s+"
)


def _followers(
    ctx: ContactContext, contacts: list[Contact], reach: int
) -> list[tuple[Contact, list[Sentence]]]:
    """Each main contact with the sentences that follow it (a few, until another contact's
    sentences begin): where a readout tells its duration or who asked for it."""
    taken = {s.index: c for c in contacts for s in c.sentences()}
    found: list[tuple[Contact, list[Sentence]]] = []
    for contact in contacts:
        if contact.background:
            continue
        # After each of its sentences: a readout may tell the call again ("The bulk of the
        # call focused on ...") after the sentence that gives its length.
        following: dict[int, Sentence] = {}
        for own in contact.sentences():
            for sentence in ctx.sentences[own.index + 1 : own.index + 1 + reach]:
                holder = taken.get(sentence.index)
                if holder is contact:
                    continue
                if holder is not None:
                    break
                following.setdefault(sentence.index, sentence)
        found.append((contact, [following[i] for i in sorted(following)]))
    return found


def _nearby_initiators(ctx: ContactContext, contacts: list[Contact]) -> None:
    """Who asked for a main contact, from the sentences that follow it ("The discussion was
    held on Finland's initiative."), until another contact's sentences begin."""
    for contact, following in _followers(ctx, contacts, _INITIATOR_REACH):
        if contact.initiator is not None:
            continue
        for sentence in following:
            picked = _initiator_from_hints(ctx, sentence, contact.participants)
            if picked is not None:
                key, span = picked
                first = contact.candidates[0]
                nearby = dataclasses.replace(
                    first, sentence=sentence, initiator=key, initiator_span=span
                )
                contact.nearby_initiator = (key, nearby)
                break


# --- triggers ----------------------------------------------------------------------------


_HEAD_TOKENS = word_set(
    """
    call calls conversation conversations talk talks meeting meetings summit discussion
    discussions exchange exchanges interview conference videoconference videocall
    consultations link tete contact contacts chat telecon dialogue dialog
    """
)
_SPEAK_TOKENS = frozenset(
    ["spoke", "talked", "conversed", "conferred", "chatted", "speaks", "spoken", "speak", "talk"]
)
_CALL_TOKENS = frozenset(
    [
        "called",
        "phoned",
        "telephoned",
        "rang",
        "dialled",
        "dialed",
        "calls",
        "phones",
        "rings",
        "rung",
        "contacted",
        "calling",
        "phoning",
        "telephoning",
    ]
)
#: Verbs of talking that make a contact when said to be done by phone or video ("X wished Y
#: a happy birthday by phone"); "discussed" also without ("X and Y discussed Z").
_DISCUSS_TOKENS = frozenset(
    {
        "discussed",
        "discusses",
        "wished",
        "congratulated",
        "greeted",
        "thanked",
        "briefed",
        "informed",
        "assured",
        "conveyed",
        "exchanged",
        "reviewed",
        "consulted",
        "interacted",
    }
)
#: "the initiative (to hold the call) came from <side>", "the request came from <side>".
_INITIATIVE_CAME_RE = re.compile(r"\b(?:initiative|request)\b[^.;]{0,50}?\bcame\s+from\s+")
#: Verbs of wishing well: their subject placed the call.
_GREETING_VERBS = frozenset({"wished", "congratulated", "greeted"})
#: Words that may stand between "and" and a leader's name in a subject.
_SUBJECT_EPITHETS = frozenset(
    {"visiting", "his", "her", "their", "the", "counterpart", "incoming", "new", "host"}
)
#: Forms of address before a name in a list of subjects ("X and Cde Y", "X and Mr Y").
_ADDRESS_WORDS = frozenset({"mr", "mrs", "ms", "dr", "cde", "comrade", "sheikh", "sheikha"})
_NP_FIRST = word_set(
    """
    a an the their his her its this that another these our no phone telephone video
    videophone virtual online in face separate several multiple
    """
)
_APPOSITIVE_FIRST = frozenset(["their", "the", "a", "an"])
_CONSTRUCT_STARTS = {
    # The first word of each of the vocabulary's holding verbs ("has had", "wrapped up").
    "hold": frozenset(verb.split("\\s+")[0] for verb in HOLD_VERBS.split("|")),
    "prep": word_set("during in after following at over on throughout"),
    "with": _NP_FIRST,
    "after": _NP_FIRST,
}


def _by_first_word(starts: dict[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    inverted: dict[str, tuple[str, ...]] = {}
    for construct, words in starts.items():
        for word in words:
            inverted[word] = (*inverted.get(word, ()), construct)
    return inverted


#: For each word, the constructs that may start with it.
_STARTED_BY = _by_first_word({**_CONSTRUCT_STARTS, "appos": _APPOSITIVE_FIRST})
#: "by phone", "over the phone", "via an encrypted video channel", "through a video link".
_MEANS = (
    r"(?:by|over|on|via|through)\s+(?:(?:the|a|an|secure|encrypted|special|closed|dedicated)\s+)"
    r"{0,2}(?:(?P<phone>(?:tele)?phone)|(?P<video>video(?:\s*(?:link|conference|channel))?|"
    r"videoconference|zoom|(?:microsoft\s+)?teams|webex|skype))"
)
_BY_MODE_RE = re.compile(rf"\b{_MEANS}\b")
_HOW_RE = re.compile(
    rf"(?:\s+[a-z]+){{0,3}}?\s+(?:{_MEANS}|(?P<meeting>in\s+person|face-to-face))\b"
)
#: "talks in <city>", "talks at the <palace>": a place right after the contact noun.
_VENUE_RE = re.compile(r",?\s+(?:held\s+)?(?:in|at)\s+(?:the\s+)?(?P<place>[A-Z][\w'’-]*)")
#: "took place in <city>": where the contact was held.
_HELD_RE = re.compile(r"\b(?:took\s+place|was\s+held|were\s+held)\b")


def _at_a_place(ctx: ContactContext, head_end: int) -> bool:
    """Whether a named place follows the contact noun: the leaders were together there.

    Not a month or weekday ("talks in March"), a leader ("talks at <leader>'s invitation"),
    nor a nationality alone, which is also a language ("a conversation in <language>").
    """
    venue = _VENUE_RE.match(ctx.view.text, head_end)
    if venue is None:
        return False
    place = venue.group("place").lower().rstrip("'’")
    if place in MONTHS or place in WEEKDAYS:
        return False
    start = venue.start("place")
    if ctx.leaders.by_start.get(start) is not None:
        return False
    entity = ctx.entities_by_start.get(start)
    return not (
        entity is not None and entity.has(DEMONYM) and not entity.has(COUNTRY, CAPITAL, SEAT)
    )


_MEET_TOKENS = word_set("met meets hosted hosts received receives welcomed welcomes")
#: "took a phone call from X": X called.
_TOOK_TOKENS = word_set("took accepted answered")


#: The first words of the phrasal verbs of a contact ("reached out to", "sat down with").
_PHRASAL_TOKENS = frozenset({"reached", "got", "sat"})
#: Only words that can end a contact noun or be a contact verb are looked at closely.
_TRIGGER_TOKENS = (
    _HEAD_TOKENS
    | _SPEAK_TOKENS
    | _CALL_TOKENS
    | _MEET_TOKENS
    | _DISCUSS_TOKENS
    | _TOOK_TOKENS
    | {"thanked", "returned"}
    | _PHRASAL_TOKENS
)


def _triggers(ctx: ContactContext) -> list[Trigger]:
    view = ctx.view
    lower = view.lower
    words, starts, ends = view.lower_words, view.starts, view.ends
    sentence_starts = [s.start for s in ctx.sentences]
    leaders = ctx.leaders

    def sentence_at(offset: int) -> Sentence | None:
        index = bisect_right(sentence_starts, offset) - 1
        if index < 0:
            return None
        sentence = ctx.sentences[index]
        return sentence if offset < sentence.end else None

    found: list[Trigger] = []
    heads: set[int] = set()
    for i in positions_in(words, _TRIGGER_TOKENS):
        word = words[i]
        if word in _HEAD_TOKENS:
            # Try each construct only where it can start (a verb, a preposition, a
            # determiner or kind word, the head itself), earliest start first.
            reach = min(len(lower), ends[i] + 40)
            starts_of: dict[str, list[int]] = {}
            for j in range(max(0, i - 10), i + 1):
                for construct in _STARTED_BY.get(words[j], ()):
                    if construct == "appos":
                        # ", their first phone call": the comma before a determiner.
                        if lower[starts[j] - 2 : starts[j]] != ", ":
                            continue
                        starts_of.setdefault(construct, []).append(starts[j] - 2)
                    else:
                        starts_of.setdefault(construct, []).append(starts[j])
            for construct in ("with", "after"):
                starts_of.setdefault(construct, []).append(starts[i])
            for construct, pattern in _NOUN_CONSTRUCTS:
                endpos = ends[i] if construct in ("hold", "prep") else reach
                for at in starts_of.get(construct, ()):
                    match = pattern.match(lower, at, endpos)
                    if match is None or match.end("head") != ends[i]:
                        continue
                    trigger = _noun_trigger(ctx, construct, match, sentence_at, heads)
                    if trigger is not None:
                        found.append(trigger)
                    break
                if ends[i] in heads:
                    break
        if word in _DISCUSS_TOKENS:
            trigger = _discuss_trigger(ctx, i, sentence_at)
            if trigger is not None:
                found.append(trigger)
        # Two words back: "had spoken", "had last spoken".
        if word in _SPEAK_TOKENS:
            for match in SPEAK_RE.finditer(lower, starts[max(0, i - 2)], ends[i]):
                if match.end() == ends[i]:
                    trigger = _speak_trigger(ctx, match, sentence_at)
                    if trigger is not None:
                        found.append(trigger)
                    break
        if word in _CALL_TOKENS:
            for match in CALL_VERB_RE.finditer(lower, starts[max(0, i - 2)], ends[i] + 6):
                if match.end("verb") == ends[i]:
                    sentence = sentence_at(match.start())
                    # "called newly elected US President X": the object after its epithet.
                    obj = _leader_at(ctx, match.end(), allow_groups=True)
                    if obj is not None and _NAMING_RE.match(lower, obj.end):
                        obj = None  # "called X his great friend": named, not telephoned
                    if obj is None and sentence and _ME_RE.match(lower, match.end()):
                        # '"President X called me this morning," Y said': the quote's speaker.
                        obj = _quote_speaker(ctx, sentence, match.start())
                    if obj is None and sentence and _HIM_RE.match(lower, match.end()):
                        # "Y said that X had called him": the leader who says so.
                        obj = _reporter(ctx, sentence, match.start())
                    if obj is None and sentence is not None:
                        other = _passive_or_visit(ctx, match, sentence)
                        if other is not None:
                            found.append(other)
                            break
                    if sentence and obj and obj.kind != "group" and not obj.possessive:
                        trigger = _phone_trigger("call", match, match.group("verb"), sentence, obj)
                        if not trigger.kind_certain:
                            # "contacted Y by video link": how, when the text says it.
                            how = MODE_RE.search(lower, obj.end, min(obj.end + 40, sentence.end))
                            if how is not None:
                                trigger.kind = how.lastgroup
                                trigger.kind_certain = True
                        found.append(trigger)
                    break
        if word in _MEET_TOKENS:
            for match in MEET_VERB_RE.finditer(lower, starts[max(0, i - 2)], ends[i] + 7):
                if match.end("verb") == ends[i]:
                    trigger = _meet_trigger(ctx, match, sentence_at)
                    if trigger is not None:
                        found.append(trigger)
                    break
        if word == "received" or word in _TOOK_TOKENS:
            # "received a telephone call on Tuesday evening from His Highness Sheikh X"
            match = RECEIVED_CALL_RE.match(lower, starts[i], ends[i] + 110)
            if match:
                sentence = sentence_at(match.start())
                # The name may begin after the forms of address or with one ("Sheikh X").
                address = starts[
                    view.first_token_from(match.start("address")) : view.first_token_from(
                        match.end("address")
                    )
                ]
                obj = next(
                    (leaders.by_start[at] for at in address if at in leaders.by_start),
                    None,
                ) or _leader_at(ctx, match.end(), allow_groups=True)
                if sentence is not None and obj is not None:
                    trigger = _phone_trigger("received", match, "received", sentence, obj)
                    if "courtesy" in match.group():
                        trigger.kind = "meeting"  # "received a courtesy call from Y": a visit
                    elif "phon" not in match.group():
                        # "received a call from Y. The two leaders talked by videoconference":
                        # a call, by phone unless the text says otherwise.
                        trigger.kind_certain = False
                    found.append(trigger)
        if word in _PHRASAL_TOKENS:
            # "reached out to Y", "got on the phone with Y", "sat down with Y".
            match = _PHRASAL_RE.match(lower, starts[i])
            sentence = sentence_at(starts[i])
            obj = _leader_at(ctx, match.end()) if match and sentence is not None else None
            if obj is not None:
                verb = " ".join(match.group("verb").split())
                if verb.startswith("sat"):
                    found.append(
                        Trigger(
                            start=match.start(),
                            end=match.end(),
                            construct="meet",
                            sentence=sentence.index,
                            kind="meeting",
                            verb=verb,
                            verb_start=match.start(),
                            verb_end=match.start() + len(match.group("verb")),
                            obj=obj,
                        )
                    )
                else:
                    # "got on the phone with Y" says nothing of who called.
                    construct = "call" if verb.startswith("reached") else "speak"
                    trigger = _phone_trigger(construct, match, verb, sentence, obj)
                    if verb.startswith("reached"):
                        # Reaching out is by phone unless the text says how.
                        trigger.kind_certain = False
                        how = MODE_RE.search(lower, obj.end, min(obj.end + 40, sentence.end))
                        if how is not None:
                            trigger.kind, trigger.kind_certain = how.lastgroup, True
                    found.append(trigger)
        if word == "returned":
            # "X returned the call of Y": X called Y back.
            match = _RETURNED_CALL_RE.match(lower, starts[i])
            sentence = sentence_at(starts[i])
            obj = _leader_at(ctx, match.end()) if match and sentence is not None else None
            if obj is not None:
                found.append(_phone_trigger("call", match, "returned", sentence, obj))
        if word == "thanked":
            # "X thanked Y for calling him": Y called X.
            sentence = sentence_at(starts[i])
            obj = leaders.by_start.get(starts[i + 1]) if i + 1 < len(starts) else None
            thanks = obj is not None and THANKED_FOR_CALL_RE.match(lower, obj.end)
            if sentence is not None and thanks and obj.kind != "group" and not obj.possessive:
                found.append(
                    Trigger(
                        start=starts[i],
                        end=thanks.end(),
                        construct="received",
                        sentence=sentence.index,
                        kind="phone",
                        verb="thanked",
                        verb_start=starts[i],
                        verb_end=ends[i],
                        obj=obj,
                    )
                )
    # "received a call from X" also reads as "a call": keep the verb.
    received = [(t.start, t.end) for t in found if t.construct == "received"]
    if received:
        found = [
            t
            for t in found
            if t.construct == "received" or not any(a <= t.start < b for a, b in received)
        ]
    return found


_ME_RE = re.compile(r"me\b")
_HIM_RE = re.compile(r"(?:him|her)\b")
_SAID_THAT_RE = re.compile(rf"\b(?:{REPORTING_VERBS}|told\s+\w+)\b[^.;]*?\Z")


def _reporter(ctx: ContactContext, sentence: Sentence, position: int) -> Mention | None:
    """In "Y said (on Friday) that X had called him", Y: the one leader named before a
    reporting verb that stands before the caller; None when there is not exactly one."""
    mentions = [
        m
        for m in ctx.leaders.by_sentence.get(sentence.index, ())
        if m.end <= position and m.key and not m.possessive and m.kind != "group"
    ]
    if len(mentions) != 2:
        return None
    reporter, caller = mentions
    said = _SAID_THAT_RE.search(ctx.view.lower, reporter.end, caller.start)
    return reporter if said is not None else None


_LINE_RE = re.compile(r"[^\n]+")
#: Before a signing leader's name on its line: nothing, a title, or "Statement by".
_SIGNED_BEFORE_RE = re.compile(
    r"\s*(?P<piece>(?:(?:media|press|joint|evening|national|televised|video)\s+)?"
    r"(?:statement|remarks|message|op-ed|address|speech|post|letter|transcript)\s+"
    r"(?:by|from|of)\s+)?"
    r"(?:(?:the\s+)?(?:prime\s+minister|president|chancellor|premier)\s+)?",
    re.IGNORECASE,
)
#: A speaker's label opening a transcript's line: "Claudia Sheinbaum:", "ANN EXAMPLE, PRIME
#: MINISTER:".
_LABEL_AFTER_RE = re.compile(r"(?:,[^:\n]{0,60})?:\s")
#: After it: nothing, or the leader's office after a comma.
_SIGNED_AFTER_RE = re.compile(r"\s*(?:,\s*[A-Z][\w .'-]{0,60})?\s*")
#: Quotation marks: an odd number of them before a place in its paragraph puts it inside one.
_QUOTE_MARKS_RE = re.compile(r'["\u201c\u201d]')


def _speaker_label(ctx: ContactContext, position: int) -> Mention | None:
    """The leader whose label opens the line ``position`` stands in ("Claudia Sheinbaum:
    Yesterday I spoke with ..."), if any."""
    text = ctx.view.folded
    line = text.rfind("\n", 0, position) + 1
    for offset in range(line, min(line + 4, position)):
        mention = ctx.leaders.by_start.get(offset)
        if mention is not None and mention.key and mention.kind != "group":
            label = _LABEL_AFTER_RE.match(text, mention.end)
            return mention if label is not None and label.end() <= position else None
    return None


def _inside_quotation(text: str, position: int) -> bool:
    """Whether ``position`` stands inside a quotation that opens in its paragraph."""
    paragraph = text.rfind("\n", 0, position) + 1
    return len(_QUOTE_MARKS_RE.findall(text, paragraph, position)) % 2 == 1


#: Verbs of more than one word that tell a contact with the leader after them.
_PHRASAL_RE = re.compile(
    r"(?P<verb>reached\s+out|got\s+on\s+the\s+(?:tele)?phone|sat\s+down)\s+(?:to|with)\s+"
)
#: "returned the call of", "returned a phone call from": the one who returns it calls.
_RETURNED_CALL_RE = re.compile(
    r"returned\s+(?:(?:the|a|an)\s+)?(?:(?:tele)?phone\s+)?call\s+(?:of|from)\s+"
)
#: "called on X to do ...": an appeal, not a visit.
_APPEAL_RE = re.compile(r"(?:\s+and\s+[^,.;]{0,60}?)?,?\s+to\s+[a-z]")


#: How, between a passive call and its caller: "was called on the telephone by".
_BY_PHONE_RE = re.compile(r"(?:on|by|over)\s+the\s+(?:tele)?phone\s+(?=by\s)")


def _passive_or_visit(ctx: ContactContext, match: re.Match[str], sentence: Sentence):
    """ "X was called by Y" (Y called X) and "X called on Y in <city>" (a visit: a meeting,
    where "called on Y to end the war" is an appeal); None for anything else."""
    lower = ctx.view.lower
    position = match.end()
    by_phone = _BY_PHONE_RE.match(lower, position)
    if by_phone is not None:
        position = by_phone.end()  # "was called on the telephone by Y"
    if lower.startswith("by ", position):
        auxiliary = _PASSIVE_AUXILIARY_RE.search(lower, max(0, match.start() - 20), match.start())
        if auxiliary is None:
            return None
        caller = _leader_at(ctx, position + 3)
        if caller is None:
            return None
        trigger = _phone_trigger("received", match, match.group("verb"), sentence, caller)
        trigger.start = trigger.verb_start = auxiliary.start()
        return trigger
    if lower.startswith("on ", position) and match.group("verb") == "called":
        host = _leader_at(ctx, position + 3)
        if host is None or _APPEAL_RE.match(lower, host.end):
            return None
        return Trigger(
            start=match.start(),
            end=host.start,
            construct="meet",
            sentence=sentence.index,
            kind="meeting",
            verb="called on",
            verb_start=match.start(),
            verb_end=position + 2,
            obj=host,
        )
    return None


def _leader_at(ctx: ContactContext, position: int, allow_groups: bool = False) -> Mention | None:
    """The one leader named at ``position``, after a kinship ("his brother,") and an epithet
    ("newly elected", "His Highness") if any."""
    lower, by_start = ctx.view.lower, ctx.leaders.by_start
    kin = _KIN_RE.match(lower, position)
    found = None
    for at in dict.fromkeys((position, kin.end() if kin else position)):
        after = _EPITHET_RE.match(lower, at)
        found = by_start.get(at) or (by_start.get(after.end()) if after else None)
        if found is not None:
            break
    if found is None or found.possessive or (found.kind == "group" and not allow_groups):
        return None
    return found


def _quote_speaker(ctx: ContactContext, sentence: Sentence, position: int) -> Mention | None:
    """The leader who says what ``position`` stands in: the one named as the speaker of the
    sentence's attribution ('"...," Y said'; see `statements.attribution`), when ``position``
    is in what was said; else None."""
    parsed = attribution(ctx.view, sentence)
    if parsed is None:
        return None
    (speaker_start, speaker_end), (content_start, content_end) = parsed
    if not content_start <= position < content_end:
        return None
    return next(
        (
            m
            for m in ctx.leaders.by_sentence.get(sentence.index, ())
            if m.key
            and not m.possessive
            and m.kind != "group"
            and speaker_start <= m.start < speaker_end
        ),
        None,
    )


def _phone_trigger(
    construct: str, match: re.Match[str], verb: str, sentence: Sentence, obj: Mention
) -> Trigger:
    """ "X called Y", "X received a call from Y": a phone call with its object leader."""
    return Trigger(
        start=match.start(),
        end=match.start() + len(match.group().rstrip()),
        construct=construct,
        sentence=sentence.index,
        kind="phone",
        # "contacted": by phone, as leaders' contacts mostly are, unless the text says how.
        kind_certain=not verb.endswith("contacted"),
        verb=verb,
        verb_start=match.start(),
        verb_end=match.start() + len(verb),
        obj=obj,
    )


_WITH_AFTER_RE = re.compile(r"\s+with\b")
#: What follows a plural contact noun told as several contacts: "calls with", also after the
#: day ("held a series of calls yesterday with A, B and C").
_EACH_WITH_RE = re.compile(r"\s+each\s+with\b")
_SERIES_WITH_RE = re.compile(
    r"\s+(?:(?:on\s+|late\s+|early\s+)?(?:yesterday|today|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|this\s+week|last\s+week)(?:\s+(?:morning|afternoon|evening))?"
    r",?\s+)?(?:with|from)\b"
)


def _noun_trigger(
    ctx: ContactContext,
    construct: str,
    match: re.Match[str],
    sentence_at: SentenceAt,
    heads: set[int],
) -> Trigger | None:
    lower = ctx.view.lower
    head_end = match.end("head")
    sentence = sentence_at(match.start("head"))
    if sentence is None:
        return None
    head = match.group("head")
    kw = match.group("kw")
    det = match.group("det")
    if det == "no":
        return None
    if det:
        det = " ".join(det.split())
    possessive = not det and lower[max(0, match.start() - 3) : match.start()] in ("'s ", "s' ")
    # "held phone calls with A, B and C", "a series of calls with A and B", "X's meetings
    # with A, B and C", "in separate calls with A and B": one contact with each; otherwise a
    # plural head is generic ("regular phone calls").
    series = (
        (construct == "hold" or (construct == "with" and (possessive or det in SERIES_DETERMINERS)))
        and head in PLURAL_HEADS
        and head != "contact"
        and (det is None or det in SERIES_DETERMINERS)
        and _SERIES_WITH_RE.match(lower, head_end) is not None
    )
    if _EACH_WITH_RE.match(lower, head_end):
        series = True  # "a telephone meeting each with A and B": one with each
    # "X and Y exchanged phone calls": one call each way told as one (a translation's words).
    exchanged = construct == "hold" and match.group("verb").startswith("exchang") and det is None
    if exchanged:
        series = False
    if (
        head in PLURAL_HEADS
        and not series
        and not exchanged
        and not (head in ("contact", "contacts") and kw)
    ):
        return None
    link = match.groupdict().get("link")
    if link == "to" and not (possessive and _leader_follows_to(ctx, head_end)):
        return None  # only "X's call to Y" is a contact: "a call to action" is none
    if link == "of" and _of_with(ctx, head_end) is None:
        return None  # only "a conversation of X with Y" (a translation's) is a contact
    if (
        head in HEADS_NEEDING_KIND
        and not kw
        and not (
            # "held a discussion with Y": a contact, of a kind its clause may tell.
            construct == "hold"
            and head in ("discussion", "talk")
            and _WITH_AFTER_RE.match(lower, head_end)
        )
    ):
        return None
    if head == "link" and not (kw and kw.startswith("video")):
        return None
    if (
        construct == "hold"
        and match.group("verb").startswith(_HOST_VERB_STEMS)
        and head in ("summit", "conference")
        and not (kw and KIND_BY_WORD.get(kw) == "video")
        # "chaired the BRICS Summit via video link": a contact of all who joined.
        and not _VIDEO_IN_CLAUSE_RE.search(
            lower, head_end, _clause_end(lower, head_end, sentence.end)
        )
    ):
        # "hosted a video conference of the G7 leaders" is a contact of all who joined;
        # "hosted the G20 summit" in person is an event many attend, not a contact.
        return None
    if (
        head == "call"
        and _CALL_FOR_RE.match(lower, head_end)
        and not _leader_follows_to(ctx, head_end)
    ):
        return None  # "a call for calm", "a call to action"
    if possessive:
        det = "'s"  # "X's call with Y": a possessive determines the noun
    if (
        construct == "after"
        and match.group("after") == "on"
        and head not in ("call", "conversation")
    ):
        return None  # "the summit on Monday" is an event; "the phone call on Monday" a contact
    if construct == "appos" and not kw and head not in ("call", "meeting", "summit"):
        return None  # ", the talks" is too vague in apposition
    if (
        construct in ("with", "after")
        and not det
        and not kw
        and not sentence.is_title
        and not (link == "between" and head in ("talks", "meeting", "meetings"))
    ):
        # Headlines drop articles ("X's Call with Y"); "Talks between X and Y took place"
        # needs none.
        return None
    kind = KIND_BY_WORD.get(kw) if kw else None
    if kind is None:
        # "a meeting via a special video link", "talks via an encrypted video channel".
        how = _HOW_RE.match(lower, head_end)
        if how is not None and (how.group("video") or how.group("phone")):
            kind = "video" if how.group("video") else "phone"
    if kind is None:
        kind = KIND_BY_HEAD.get(head)
    certain = bool(kw) or head not in ("call", "calls")
    if (
        kind is None
        and head in ("conversation", "conversations")
        and not _HOW_RE.match(lower, head_end)
    ):
        kind, certain = _presumed_kind(ctx, sentence)
    if kind is None:
        # "held talks via video link", "talks in person"
        how = _HOW_RE.match(lower, head_end)
        if how:
            kind = "phone" if how.group("phone") else "video" if how.group("video") else "meeting"
        elif _at_a_place(ctx, head_end):
            kind = "meeting"  # "held talks in <city>": the leaders were together there
    mod_words = (match.group("mods") or "").split()
    if "courtesy" in mod_words:
        # "paid a courtesy call on Y": a visit, in person.
        kind, certain = "meeting", True
    elif (
        kind == "meeting"
        and not kw
        and {"video", "videoconference", "virtual", "online"} & set(mod_words)
    ):
        kind = "video"  # "a Summit video conference meeting"
    heads.add(head_end)
    trigger = Trigger(
        start=match.start(),
        end=head_end,
        construct=construct,
        sentence=sentence.index,
        kind=kind,
        kind_certain=certain,
        head=head,
        det=det,
        mods=match.group("mods") or "",
        series=series,
    )
    if construct == "hold":
        trigger.verb = re.sub(r"\s+", " ", match.group("verb"))
        trigger.verb_start = match.start("verb")
        trigger.verb_end = match.end("verb")
    return trigger


#: After "spoke": a gathering it was spoken at (a speech), not a conversation.
_SPOKE_AT_RE = re.compile(
    r"\s*(?:during|at|before|to)\s+(?:the|a|an|this)\s+(?:\w+\s+){0,2}"
    r"(?:session|summit|meeting|conference|forum|assembly|plenary|gathering|event)\b"
)


def _speak_trigger(
    ctx: ContactContext, match: re.Match[str], sentence_at: SentenceAt
) -> Trigger | None:
    view = ctx.view
    lower = view.lower
    sentence = sentence_at(match.start())
    if sentence is None:
        return None
    verb = re.sub(r"\s+", " ", match.group("verb"))
    if verb in ("speak", "talk") and not sentence.is_title:
        return None
    if _SPOKE_AT_RE.match(lower, match.end()):
        return None  # "all spoke during the session": addressed it, a speech
    following = view.first_token_from(match.end())
    if following < len(view.words) and view.starts[following] < sentence.end:
        word = view.lower_words[following]
        if word in SPEAK_BLOCKERS:
            return None
        if word == "on" and following + 1 < len(view.words):
            after = view.lower_words[following + 1]
            # "spoke on Monday", "spoke on December 30", "spoke on 30 December"; not "spoke
            # on climate".
            if (
                after not in WEEKDAYS
                and after not in MONTHS
                and not after.isdigit()
                and after not in ("the", "phone", "telephone")
            ):
                return None
    clause_end = _clause_end(lower, match.end(), sentence.end)
    mode = MODE_RE.search(lower, match.end(), min(clause_end, match.end() + 60))
    if mode is not None and _TO_MEET_RE.search(
        lower, max(match.end(), mode.start() - 30), mode.start()
    ):
        mode = None  # "talked for 30 minutes and agreed to meet in person soon"
    kind = None
    certain = True
    if mode:
        kind = "phone" if mode.group("phone") else "video" if mode.group("video") else "meeting"
    elif _at_a_place(ctx, match.end()):
        kind, certain = "meeting", False  # "talked in Tokyo": together there
    else:
        kind, certain = _presumed_kind(ctx, sentence)
    return Trigger(
        start=match.start(),
        end=match.end(),
        construct="speak",
        sentence=sentence.index,
        kind=kind,
        kind_certain=certain,
        verb=verb,
        verb_start=match.start(),
        verb_end=match.end(),
    )


#: Words that put leaders in the same room: what they said to each other was a meeting.
_TOGETHER_RE = re.compile(
    r"\b(?:sidelines?|summit|visit(?:s|ed|ing)?|in\s+person|face[\s-]to[\s-]face|met|meet(?:s|ing)?|"
    r"hosted|received|welcomed|arrived|dinner|lunch|breakfast|banquet|ceremony|forum|"
    r"assembly|conference|tour|trip)\b"
)


#: "by video link" or "via videoconference" anywhere in the contact's clause; "in virtual
#: format", "virtually".
_VIDEO_IN_CLAUSE_RE = re.compile(
    r"\b(?:(?:by|over|on|via|through)\s+(?:(?:a|an|the|secure|special)\s+)?"
    r"(?:video(?:\s*(?:link|conference|call|channel))?|videoconference|videolink)|"
    r"in\s+(?:a\s+)?(?:virtual|video|online)\s+format|virtually)\b"
)
#: Together in one place: "on the sidelines of", "during his state visit".
_IN_PERSON_RE = re.compile(
    r"\b(?:on\s+the\s+(?:sidelines?|margins?)\s+of|in\s+person|face[\s-]to[\s-]face)\b"
)
#: "Y, who is on a state visit to X,": anywhere in the sentence, they are together.
_VISIT_RE = re.compile(
    # (Not "the agreements reached during the state visit": an earlier visit's.)
    r"(?<!reached\s)(?<!signed\s)(?<!agreed\s)(?<!achieved\s)(?<!concluded\s)"
    r"\b(?:on|during|in\s+the\s+course\s+of)\s+(?:a|an|his|her|the|their)\s+(?:\w+\s+)?"
    r"(?:state|official|working)\s+visit\b"
)
#: "talks with Y, who arrived in <city> this morning": the visitor came to the host (read on
#: the text as written: a place's capital).
_ARRIVED_RE = re.compile(r",\s+who\s+(?:had\s+)?(?:arrived|landed)\s+in\s+[A-Z]")
_FOLLOWED_BY_RE = re.compile(r"\bfollowed\s+by\s+(?:\w+\s+){0,3}\Z")
#: "agreed to meet in person soon": a meeting still to come, not how this contact was held.
_TO_MEET_RE = re.compile(r"\b(?:to|will|would|could|should)\s+(?:\w+\s+)?meet\s+\Z")


_OF_RE = re.compile(r"\s+of\s+(?:the\s+)?")


def _kind_from_the_clause(
    ctx: ContactContext,
    sentence: Sentence,
    trigger: Trigger,
    limit: int,
    durations: list[Duration],
) -> str | None:
    """The kind a contact's clause gives where its own words do not ("talks", or "spoke",
    presumed a call): a place right after a leader it names or after how long it lasted
    ("held talks with Y in Beijing", "talked for five hours at the palace"), a summit's
    sidelines or a visit (a meeting), or a video link named anywhere in the clause."""
    lower = ctx.view.lower
    end = min(limit, _clause_end(lower, trigger.end, sentence.end))
    mode = _BY_MODE_RE.search(lower, trigger.end, end)
    if mode is not None:
        # "held talks with Y via Zoom", "spoke with Y, by phone,": how, after the leader.
        return "video" if mode.group("video") else "phone"
    if _VIDEO_IN_CLAUSE_RE.search(lower, sentence.start, end):
        return "video"
    together = _IN_PERSON_RE.search(lower, trigger.start, end)
    if together is not None and not _TO_MEET_RE.search(
        lower, max(sentence.start, together.start() - 30), together.start()
    ):
        return "meeting"
    if _VISIT_RE.search(lower, sentence.start, sentence.end) or _ARRIVED_RE.search(
        ctx.view.folded, sentence.start, sentence.end
    ):
        return "meeting"
    ends = [
        m.end
        for m in ctx.leaders.by_sentence.get(sentence.index, ())
        if trigger.end <= m.start < end
    ]
    ends += [d.end for d in durations if trigger.end <= d.start < end]
    ends += [m.end() for m in _HELD_RE.finditer(lower, trigger.end, end)]
    # "with President Y of <country> at <palace>": past the leader's country.
    ends += [
        entity.end
        for position in list(ends)
        if (of := _OF_RE.match(lower, position)) is not None
        and (entity := ctx.entities_by_start.get(of.end())) is not None
        and entity.has(COUNTRY)
    ]
    if any(_at_a_place(ctx, position) for position in ends):
        return "meeting"
    return None


def _presumed_kind(ctx: ContactContext, sentence: Sentence) -> tuple[str | None, bool]:
    """What leaders who "spoke" or had "a conversation" did, when the text does not say:
    a phone call, as readouts use the words, unless the sentence puts them together (a
    summit's sidelines, a visit), which leaves it unknown. Never certain."""
    lower = ctx.view.lower
    for together in _TOGETHER_RE.finditer(lower, sentence.start, sentence.end):
        # (Not "spoke with Y, following their meeting in Berlin": another occasion's.)
        if not _OTHER_OCCASION_RE.search(
            lower, max(sentence.start, together.start() - 80), together.start()
        ):
            return None, False
    return "phone", False


#: Words that put a meeting or visit named after them on another occasion than the contact.
_OTHER_OCCASION_RE = re.compile(
    r"\b(?:after|following|since|before|ahead\s+of|prior\s+to)\s+(?:[\w'-]+\s+){0,8}$"
)


def _discuss_trigger(ctx: ContactContext, index: int, sentence_at: SentenceAt) -> Trigger | None:
    """ "X and Y discussed grain exports by phone": a conversation, held by phone or video."""
    view = ctx.view
    start, end = view.starts[index], view.ends[index]
    sentence = sentence_at(start)
    if sentence is None:
        return None
    clause_end = _clause_end(view.lower, end, sentence.end)
    mode = _BY_MODE_RE.search(view.lower, end, min(clause_end, end + 80))
    if mode is not None:
        kind: str | None = "phone" if mode.group("phone") else "video"
        certain = True
    else:
        # "X and Y on Wednesday discussed growing tensions": two leaders discussing is a
        # contact, when the text around it tells of one ("during the phone call").
        # "He discussed the situation with A, B and C" after "I held a series of phone calls
        # yesterday": one leader discussing with leaders named after "with".
        if not view.lower_words[index].startswith("discussed"):
            return None
        status, subjects = _subject(ctx, sentence, start)
        pair = status == "leader" and len({k for m in subjects for k in m.keys}) >= 2
        with_leader = status in ("leader", "pronoun") and _WITH_LEADER_RE.search(
            view.lower, end, clause_end
        )
        if not pair and not (
            with_leader and ctx.leaders.by_start.get(with_leader.end()) is not None
        ):
            return None
        told = _CONTACT_TOLD_RE.search(
            view.lower,
            ctx.sentences[max(sentence.index - 1, 0)].start,
            ctx.sentences[min(sentence.index + 3, len(ctx.sentences) - 1)].end,
        )
        if told is None:
            return None
        kind = "phone" if told.group("phone") else "video" if told.group("video") else None
        certain = False
    return Trigger(
        start=start,
        end=end,
        construct="speak",
        sentence=sentence.index,
        kind=kind,
        kind_certain=certain,
        verb=view.lower_words[index],
        verb_start=start,
        verb_end=end,
    )


#: "discussed the latest developments with ": a leader may follow.
_WITH_LEADER_RE = re.compile(r"\bwith\s+")
#: A contact told in a few words: what makes "X and Y discussed Z" one.
_CONTACT_TOLD_RE = re.compile(
    r"\b(?:(?P<phone>(?:tele)?phone(?:\s+call|\s+conversation|\s+talks?)?|call)|"
    r"(?P<video>video\s*(?:call|conference|link))|conversation|talks|meeting)\b"
)


def _meet_trigger(
    ctx: ContactContext, match: re.Match[str], sentence_at: SentenceAt
) -> Trigger | None:
    sentence = sentence_at(match.start())
    if sentence is None:
        return None
    verb = re.sub(r"\s+", " ", match.group("verb"))
    obj = ctx.leaders.by_start.get(match.end())
    # "hosted the leaders of A, B and C": a meeting with each (see `_more_countries`).
    listed = obj is not None and obj.kind == "group" and bool(obj.countries) and len(obj.keys) >= 2
    if obj is not None and (obj.possessive or obj.kind == "group"):
        obj = None
    if verb in _MEET_OBJECT_REQUIRED and obj is None and not listed:
        return None
    start = match.start()
    if match.group().rstrip().endswith(" by"):
        # "A was received by B": the passive's subject stands before its auxiliary.
        auxiliary = _PASSIVE_AUXILIARY_RE.search(ctx.view.lower, max(0, start - 20), start)
        if auxiliary is None or obj is None:
            return None
        start = auxiliary.start()
    return Trigger(
        start=start,
        end=match.end(),
        construct="meet",
        sentence=sentence.index,
        kind="meeting",
        verb=verb,
        verb_start=start,
        verb_end=match.end("verb"),
        obj=obj,
    )


#: The auxiliary of a passive right before its participle: "was", "had been".
_PASSIVE_AUXILIARY_RE = re.compile(r"\b(?:was|were|is|are|(?:has|have|had)\s+been)\s+\Z")


_WITH_LEADER_AFTER_RE = re.compile(r"\s+with\s+(?:the\s+)?")


def _of_with(ctx: ContactContext, offset: int) -> tuple[Mention, Mention] | None:
    """ "a telephone conversation of X with Y", as translations write it: X and Y, the
    leaders named right after "of" and "with"; None when the words are not so."""
    lower, by_start = ctx.view.lower, ctx.leaders.by_start
    of = _OF_RE.match(lower, offset)
    # (A mention may begin with its "the".)
    first = (by_start.get(offset + 4) or by_start.get(of.end())) if of else None
    if first is None or not first.keys:
        return None
    with_ = _WITH_LEADER_AFTER_RE.match(lower, first.end)
    second = (by_start.get(first.end + 6) or by_start.get(with_.end())) if with_ else None
    if second is None or not second.keys:
        return None
    return first, second


def _leader_follows_to(ctx: ContactContext, offset: int) -> bool:
    match = re.match(r"\s+to\s+", ctx.view.lower[offset : offset + 10])
    return bool(match) and ctx.leaders.by_start.get(offset + match.end()) is not None


def _clause_start(lower: str, floor: int, position: int) -> int:
    """Where the clause holding ``position`` starts: after the last comma, semicolon, colon,
    bracket, quote or dash, and never more than a few words back."""
    start = max(floor, position - _CLAUSE_REACH)
    for match in _CLAUSE_BREAK_RE.finditer(lower, start, position):
        if not _scare_quote(lower, match.start()):
            start = match.end()
    return start


def _clause_end(lower: str, position: int, ceiling: int) -> int:
    ceiling = min(ceiling, position + _CLAUSE_REACH)
    for match in _CLAUSE_BREAK_RE.finditer(lower, position, ceiling):
        if not _scare_quote(lower, match.start()):
            return match.start()
    return ceiling


#: A word or two in quotation marks inside a clause ('would "love" to', 'a "meaningful"
#: conversation'): no break of the clause.
_SCARE_OPEN_RE = re.compile(r'"[\w\'-]+(?:\s[\w\'-]+)?"(?=[\s,.;:!?]|$)')
_SCARE_CLOSE_RE = re.compile(r'(?:^|(?<=\s))"[\w\'-]+(?:\s[\w\'-]+)?"$')


def _scare_quote(lower: str, position: int) -> bool:
    """Whether the quotation mark at ``position`` opens or closes a scare quote."""
    if lower[position] != '"':
        return False
    if _SCARE_OPEN_RE.match(lower, position):
        return True
    return _SCARE_CLOSE_RE.search(lower, max(0, position - 40), position + 1) is not None


def _without_names(
    ctx: ContactContext, sentence: Sentence, start: int, end: int, titles: bool = False
) -> str:
    """The lower-cased text from ``start`` to ``end`` with leaders' names blanked out, so that
    a name is never read as a word ("Theresa May" is no "may"); with ``titles``, every leader
    mention ("the President of the United States" states nothing)."""
    window = ctx.view.lower[start:end]
    for mention in ctx.leaders.by_sentence.get(sentence.index, ()):
        if (titles or mention.kind == "name") and mention.start < end and mention.end > start:
            left, right = max(mention.start, start) - start, min(mention.end, end) - start
            window = window[:left] + " " * (right - left) + window[right:]
    return window


# --- one candidate -----------------------------------------------------------------------


def _candidate(
    ctx: ContactContext,
    sentence: Sentence,
    trigger: Trigger,
    limit: int,
    current: Contact | None,
    warned: set[int],
) -> Candidate | None:
    lower = ctx.view.lower
    if not _took_place(ctx, sentence, trigger):
        return None
    if _BETWEEN_OTHERS_RE.match(lower, trigger.end):
        # "the talks between the two countries' delegations", "the telephone talk between
        # the two Party leaders": others' contact, whoever the sentence names.
        return None
    window_start = _clause_start(lower, sentence.start, trigger.start)
    if HABITUAL_RE.search(lower, window_start, _clause_end(lower, trigger.end, sentence.end)):
        return None  # "has spoken to X several times": no one contact
    limit = _before_another_event(ctx, sentence, trigger, limit)
    participants, subject = _participants(ctx, sentence, trigger, limit, current)
    if participants is None:
        return None
    # "The call was made on behalf of the Emir, who conveyed his greetings": the one sent
    # for took no part in it.
    for_whom = {
        key
        for m in ctx.leaders.by_sentence.get(sentence.index, ())
        if _BEHALF_RE.search(lower, max(sentence.start, m.start - 30), m.start)
        for key in m.keys
    }
    if for_whom:
        participants = [key for key in participants if key not in for_whom]
        if not participants:
            return None
    briefed = (
        _BRIEFED_ON_RE.search(lower, max(sentence.start, trigger.start - 80), trigger.start + 6)
        if trigger.construct == "prep"
        else None
    )
    if briefed is not None and briefed.end() != trigger.start:
        briefed = None
    if briefed is not None:
        # "X briefed his counterpart on the talks held in Alaska with Z": X's talks with Z,
        # an earlier contact; the one briefed took no part in them.
        told = {
            key
            for m in ctx.leaders.by_sentence.get(sentence.index, ())
            if briefed.start("told") <= m.start < briefed.end("told")
            for key in m.keys
        }
        participants = [key for key in participants if key not in told]
        if len(participants) < 2:
            return None
    if len(participants) == 1 and (joined := _joined_next(ctx, sentence, trigger, participants[0])):
        # "X chaired the summit via video link. A, B and C attended the summit.": one
        # contact of them all.
        participants = [participants[0], *joined]
    full = len(participants) >= 2
    if (
        not full
        and sentence.is_title
        and trigger.construct == "with"
        and ctx.host_leader is not None
        and participants
        and ctx.host_leader not in participants
    ):
        # "Telephone conversation with the President of X" heading a government's page: its
        # own leader's.
        participants = [ctx.host_leader, *participants]
        full = True
    if trigger.series and len(participants) < 3 and not _series_with_others(ctx, trigger):
        return None  # "held phone calls with Y": several calls, none of them one contact
    if not full and not (trigger.det in _DEFINITE and trigger.construct in _NOUN_NAMES):
        # Only a definite noun ("the call lasted an hour") refers back to a contact.
        return None
    date_expr = _date_for(ctx, sentence, trigger)
    if not _happening_now(ctx, trigger, date_expr):
        return None  # "X is meeting Y on Friday": a plan
    resolved = None
    if date_expr is not None:
        resolved = resolve(date_expr, ctx.reference_for(date_expr))
        if resolved.warning and date_expr.start not in warned:
            warned.add(date_expr.start)
            ctx.warnings.append(
                f"'{ctx.view.text[date_expr.start : date_expr.end]}' {resolved.warning}; "
                "the contact's date is left unknown"
            )
    if resolved is not None and _after_the_article(ctx, resolved):
        # "The two leaders discussed the G20 presidency in 2025", a year after the article:
        # the topic's date, not the contact's.
        date_expr, resolved = None, None
    looking_back = _looks_back(lower, window_start, sentence, trigger, resolved, ctx.reference)
    told_at_verb = trigger.verb_start if trigger.verb_start is not None else trigger.start
    earlier = _after_another_contact(ctx, sentence, trigger) or (
        # "their first conversation since they met in Anchorage": that meeting was before.
        _SINCE_RE.search(lower, max(window_start, told_at_verb - 40), told_at_verb) is not None
    )
    where = (
        _WHERE_CLAUSE_RE.search(
            lower, max(sentence.start, trigger.verb_start - 40), trigger.verb_start
        )
        if trigger.verb_start is not None
        else None
    )
    if where is not None and not _PAST_TRIP_RE.search(
        lower, max(sentence.start, where.start() - 80), where.start()
    ):
        where = None  # "arrived in <city> on Friday, where he met Y": that visit is the news
    if where is not None and looking_back is None:
        # "briefed Y on his recent visit to Z, where he met President W": during that visit,
        # before; a day named before the clause is not that meeting's.
        looking_back = "words"
        if date_expr is not None and date_expr.start < trigger.start:
            date_expr, resolved = None, None
    if earlier and (link := _NOUN_LINK_RE.match(lower, trigger.end)) is not None:
        named = link.end() + 4 if lower.startswith("the ", link.end()) else link.end()
        if link.end() not in ctx.leaders.by_start and named not in ctx.leaders.by_start:
            return None  # "after his talks with <someone who is no leader>": not a contact here
    if earlier:
        # "X spoke today with Y, following their meeting in Berlin": that meeting is earlier,
        # and the day before it is the call's.
        looking_back = looking_back or "words"
        if date_expr is not None and date_expr.start < trigger.start:
            date_expr, resolved = None, None
    background = looking_back is not None or briefed is not None
    told_at = trigger.verb_start if trigger.verb_start is not None else trigger.start
    if trigger.construct == "prep" and (prep := _PREP_AFTER_RE.match(lower, told_at)):
        told_at = prep.end()  # "three days after his summit with Z": the contact after "after"
    offset = _OFFSET_RE.search(lower, max(sentence.start, told_at - 60), told_at)
    if offset is not None:
        # "X met Y on Monday, three days after his summit with Z": Z's contact is counted
        # from the day of the contact it is told after, and is the earlier one.
        resolved, date_expr = _offset_date(ctx, sentence, offset), None
        background = offset.group("dir") != "before"
    if (resolved is None or resolved.value is None) and VAGUE_PAST_RE.search(
        lower,
        max(sentence.start, trigger.start - _CLAUSE_REACH),
        min(sentence.end, trigger.end + _CLAUSE_REACH),
    ):
        return None
    initiator, initiator_span = _initiator(ctx, sentence, trigger, subject, participants)
    # "a three-hour meeting" in the sentence of a phone call: that meeting's length.
    durations = [
        d
        for d in ctx.durations(sentence)
        if not any(
            other is not trigger and other.start <= d.start and d.end <= other.end
            for other in ctx.triggers_by_sentence.get(sentence.index, ())
        )
    ]
    if earlier:
        # "spoke for two hours, their first call since they met in X": not that meeting's.
        durations = [d for d in durations if d.start >= trigger.start]
    duration = None
    if durations:
        duration = min(
            durations, key=lambda d: _distance(d.start, d.end, trigger.start, trigger.end)
        )
        if duration.minutes < 5:
            duration = None
    kind = trigger.kind
    if kind is None or not trigger.kind_certain:
        kind = _kind_from_the_clause(ctx, sentence, trigger, limit, durations) or kind
    elif (
        kind == "meeting"
        and (KIND_BY_HEAD.get(trigger.head) == "meeting" or trigger.construct == "meet")
        and _VIDEO_IN_CLAUSE_RE.search(lower, sentence.start, min(limit, sentence.end))
    ):
        # "a bilateral meeting in virtual format", "met virtually with": not together after all
        kind = "video"
    return Candidate(
        sentence=sentence,
        trigger=trigger,
        participants=participants,
        full=full,
        kind=kind,
        date=resolved,
        date_expr=date_expr,
        duration=duration,
        initiator=initiator,
        initiator_span=initiator_span,
        background=background,
        subject=subject,
        backshifted=looking_back == "tense" and (resolved is None or resolved.value is None),
        earlier=earlier,
        again=(
            date_expr is not None
            and date_expr.form in ("full", "month_day")
            and trigger.verb_start is not None
            and _ALSO_RE.search(
                lower, max(window_start, trigger.verb_start - 12), trigger.verb_start
            )
            is not None
        ),
    )


#: How far past the article's date a contact it reports as held may be dated (time zones).
_AFTER_ARTICLE_SLACK = timedelta(days=1)


def _after_the_article(ctx: ContactContext, resolved: ResolvedDate) -> bool:
    """Whether a date begins after the article was written: no contact it reports as held."""
    if resolved.value is None or ctx.reference is None:
        return False
    return resolved.value > ctx.reference + _AFTER_ARTICLE_SLACK


#: The words of leaders who joined a meeting someone else hosted.
_JOINED_RE = re.compile(
    r"\b(?:attended|joined|took\s+part|participated|were\s+among|all\s+spoke|also\s+spoke|"
    r"dialled\s+in|logged\s+in|connected)\b"
)


def _joined_next(ctx: ContactContext, sentence: Sentence, trigger: Trigger, host: str) -> list[str]:
    """The leaders the next sentence says joined a video summit or call the only leader of
    this one hosted ("chaired the summit via video link", "convened a video call"); none
    for anything else (an in-person summit is an event, not a contact)."""
    if trigger.construct != "hold" or not trigger.verb.startswith(_HOST_VERB_STEMS):
        return []
    lower = ctx.view.lower
    video = trigger.kind == "video" or _VIDEO_IN_CLAUSE_RE.search(
        lower, sentence.start, sentence.end
    )
    if not video:
        return []
    following = [s for s in ctx.sentences if s.index == sentence.index + 1]
    if not following or not _JOINED_RE.search(lower, following[0].start, following[0].end):
        return []
    joined = [
        key
        for m in ctx.leaders.by_sentence.get(following[0].index, ())
        if m.keys and not m.possessive
        for key in m.keys
        if key != host
    ]
    joined = list(dict.fromkeys(joined))
    return joined if len(joined) >= 2 else []


#: "between" and the parties of a contact who are not the leaders: delegations, ministers,
#: party leaders (general secretaries), told before any name.
_BETWEEN_OTHERS_RE = re.compile(
    r"\s+between\s+(?:the\s+)?(?:two\s+|both\s+)?(?:(?:countries|sides|nations)'?\s+|"
    r"[a-z]+\s+){0,2}(?:delegations?|teams?|negotiators|representatives|officials|"
    r"(?:foreign|defen[cs]e|trade|finance)\s+ministers|ministers|envoys|diplomats|"
    r"party\s+(?:leaders|chiefs)|general\s+secretaries)\b"
)


def _bilateral(
    ctx: ContactContext, sentence: Sentence, candidate: Candidate, contacts: list[Contact]
) -> list[Candidate]:
    """ "X spoke with A and B" is two contacts, X with A and X with B, unless it was joint:
    said so, told as one contact ("had a conversation with A and B"), or already told as
    one call of them all ("PM call with A and B")."""
    trigger = candidate.trigger
    if (trigger.construct not in _VERBAL and not trigger.series) or len(candidate.participants) < 3:
        return [candidate]
    if candidate.subject is None and trigger.construct in _VERBAL:
        return _each_subject(ctx, sentence, candidate)
    if candidate.subject is None or candidate.participants[0] != candidate.subject:
        return [candidate]
    if (
        trigger.construct == "hold"
        and not trigger.series
        and trigger.det in ("a", "an")
        and trigger.head not in PLURAL_HEADS
        and "separate" not in trigger.mods
    ):
        # "had a telephone conversation with A and B", "held a video conference call with
        # A, B and C": one contact, held with them all.
        return [candidate]
    separate = "separate" in trigger.mods.split() or trigger.det == "separate"
    if (
        trigger.construct == "hold"
        and trigger.verb.startswith(_HOST_VERB_STEMS)
        and trigger.head in ("summit", "conference", "videoconference", "meeting", "call")
    ):
        return [candidate]  # "chaired the summit via video link" with all who joined
    if not separate and _JOINT_RE.search(ctx.view.lower, sentence.start, sentence.end):
        # (Not "separate talks with A and B, a day before the trilateral summit".)
        return [candidate]
    everyone = set(candidate.participants)
    if any(set(c.participants) == everyone for c in contacts):
        return [candidate]
    split = []
    for other in candidate.participants[1:]:
        one = dataclasses.replace(candidate, participants=[candidate.subject, other])
        if trigger.construct == "received":
            one.initiator = other  # "received calls from A and B": each one called
        if one.initiator not in one.participants:
            one.initiator = None
        split.append(one)
    return split


_SEPARATE_RE = re.compile(r"\bseparate(?:ly)?\b")


def _each_subject(ctx: ContactContext, sentence: Sentence, candidate: Candidate) -> list[Candidate]:
    """ "Both A and B spoke with C in separate calls", "A, B and D congratulated C over the
    phone": several subjects and one leader after the verb, each subject's own contact
    with that leader; otherwise the one contact of them all."""
    trigger = candidate.trigger
    after = {
        key
        for m in ctx.leaders.by_sentence.get(sentence.index, ())
        if m.start >= trigger.end and m.keys
        for key in m.keys
    }
    objects = [key for key in candidate.participants if key in after]
    subjects = [key for key in candidate.participants if key not in after]
    separate = _SEPARATE_RE.search(ctx.view.lower, sentence.start, sentence.end) is not None
    # Each of several callers placed a call of their own ("A, B and C called X").
    calls = trigger.construct == "call" and not _JOINT_RE.search(
        ctx.view.lower, sentence.start, sentence.end
    )
    if (
        len(objects) != 1
        or len(subjects) < 2
        or not (separate or calls or trigger.verb in _GREETING_VERBS)
    ):
        return [candidate]
    split = []
    for subject in subjects:
        one = dataclasses.replace(candidate, participants=[subject, objects[0]], subject=subject)
        # Each one who wished the other well, or called, placed the call.
        one.initiator = subject if calls or trigger.verb in _GREETING_VERBS else None
        split.append(one)
    return split


#: "separate calls with the NATO chief and ...": someone named before the leader, and then
#: "and": the series' other calls were with someone who is not a leader.
_OTHERS_FIRST_RE = re.compile(r"\s*(?:with|to)\s+\S.*\s(?:and|as\s+well\s+as)\s+(?:\S+\s+){0,4}$")


def _series_with_others(ctx: ContactContext, trigger: Trigger) -> bool:
    """Whether a series of calls names its other parties before its one leader ("separate
    phone calls with the NATO chief and President X"): then its call with the leader is one
    contact of its own."""
    after = [
        m.start
        for m in ctx.leaders.by_sentence.get(trigger.sentence, ())
        if m.start >= trigger.end and m.keys
    ]
    if not after:
        return False
    between = ctx.view.lower[trigger.end : min(after)]
    return "," not in between and _OTHERS_FIRST_RE.match(between) is not None


def _took_place(ctx: ContactContext, sentence: Sentence, trigger: Trigger) -> bool:
    """Whether the trigger's clause reports the contact as done (not planned, denied...)."""
    lower = ctx.view.lower
    window_start = _clause_start(lower, sentence.start, trigger.start)
    window = _without_names(ctx, sentence, window_start, trigger.start)
    if any(_modal_for_contact(m, window, trigger) for m in MODALITY_RE.finditer(window)):
        return False
    if _FOLLOWED_BY_RE.search(lower, max(sentence.start, trigger.start - 30), trigger.start):
        # "will hold talks on Thursday, followed by an expanded meeting": as the first, so
        # the second.
        whole = _without_names(ctx, sentence, sentence.start, trigger.start)
        if MODALITY_RE.search(whole):
            return False
    if trigger.construct in ("with", "after") and REQUEST_RE.search(window):
        return False
    if (
        trigger.construct == "hold"
        and REQUEST_RE.search(window)
        and trigger.verb in BARE_HOLD_VERBS
    ):
        return False
    if trigger.construct in _VERBAL:
        if window.rstrip().endswith(" to") or window.rstrip() == "to":
            return False
        if trigger.verb in BARE_HOLD_VERBS and not sentence.is_title:
            return False
        if trigger.verb in _TITLE_BARE_OK and not sentence.is_title:
            return False
    if AFTER_MODALITY_RE.match(lower, trigger.end, sentence.end):
        return False
    if _time_clause_present(lower, window_start, trigger):
        return False  # "when X meets Y on Friday, their main topic will be ...": to come
    if trigger.construct in ("with", "after", "prep") and _LATER_IN_CLAUSE_RE.search(
        lower, trigger.end, _clause_end(lower, trigger.end, sentence.end)
    ):
        return False  # "a call between X and Y is planned for next week"
    if trigger.construct in ("with", "after") and _CONDITIONAL_AFTER_RE.match(
        lower, trigger.end, min(sentence.end, trigger.end + 2 * _CLAUSE_REACH)
    ):
        # "A conversation between X and Y, if it takes place, would be the first since
        # 2022"; "A meeting between X and Y could follow".
        return False
    if _IMPOSTOR_RE.search(lower, sentence.start, sentence.end):
        return False  # "Pranksters posing as President X held a video call with Y"
    denial = DENIAL_RE.search(
        lower, max(sentence.start, trigger.start - 2 * _CLAUSE_REACH), trigger.start
    )
    return denial is None


#: Nothing but blanks up to the end (of a title, after its closing date).
_REST_BLANK_RE = re.compile(r"\s*$")
#: A reporting verb right before or after a day: the day something was said.
_TELLING_DAY_BEFORE_RE = re.compile(rf"\b(?:{REPORTING_VERBS}|told)\s+(?:on\s+)?$")
_TELLING_DAY_AFTER_RE = re.compile(rf"\s+(?:{REPORTING_VERBS}|told)\b")
#: Someone passing for a leader: a prank, a hoax, an impostor's call is no leader's contact.
_IMPOSTOR_RE = re.compile(
    r"\b(?:posing\s+as|posed\s+as|pretending\s+to\s+be|impersonat\w*|pranks?(?:ters?)?|"
    r"hoax(?:ers?)?|duped|prank\s+call(?:ers?)?)\b"
)
#: After a contact noun, what says it has not taken place (the noun itself told as the subject
#: of a condition or of a future).
_CONDITIONAL_AFTER_RE = re.compile(
    r"[^.;]{0,120}?(?:\bif\s+(?:it|they|one)\s+(?:takes?|goes?|went)\s+(?:place|ahead)\b|"
    r"\b(?:would|could|might)\s+(?:follow|be\s+the\s+first|take\s+place|happen|"
    r"come\s+(?:soon|next|later))\b)"
)
#: A clause of time or condition: with a verb in the present, what it tells is to come.
_TIME_CLAUSE_RE = re.compile(r"\b(?:when|whenever|once|if|until|unless)\s")
#: The present of the verbs that tell a contact ("meets", "they speak").
_PRESENT_CONTACT_VERBS = frozenset(
    f"{verb}{ending}"
    for verb in ("meet", "speak", "talk", "call", "hold", "phone", "dial", "host", "receive")
    for ending in ("", "s")
) | {"has", "have"}


def _time_clause_present(lower: str, clause_start: int, trigger: Trigger) -> bool:
    """Whether the contact's verb is in the present ("meets", "speaks", "holds") in a clause
    of time or condition ("when X meets Y", "if they speak"): not a report of it."""
    if trigger.verb_start is None or trigger.verb_end is None:
        return False
    if not _TIME_CLAUSE_RE.search(lower, clause_start, trigger.verb_start):
        return False
    return lower[trigger.verb_start : trigger.verb_end] in _PRESENT_CONTACT_VERBS


#: Modal words that only qualify the noun they stand before ("an upcoming summit").
_MODAL_ADJECTIVES = frozenset(
    {"possible", "potential", "upcoming", "next", "future", "forthcoming"}
)


def _modal_for_contact(match: re.Match[str], window: str, trigger: Trigger) -> bool:
    """Whether a modal word in the clause before a contact bears on it: a verb or adverb
    anywhere ("will hold a call"), an adjective only where it qualifies the contact's own
    noun ("a possible call"), not another noun ("discussed an upcoming summit in a call")."""
    if match.group().lower() not in _MODAL_ADJECTIVES:
        return True
    between = window[match.end() :].split()
    return not between and trigger.construct not in _VERBAL


#: Before a leader who has died: "the passing of", "the death of", "the late".
_MOURNED_RE = re.compile(
    r"(?:\b(?:passing|death|demise|funeral|burial|assassination)\s+of\s+(?:the\s+)?|\blate\s+)"
    r"(?:late\s+)?(?:(?:former|prince|princess|sheikh|king|queen|emir|amir|sultan|president|"
    r"prime\s+minister|his\s+(?:royal\s+)?highness|his\s+majesty|hh)\s+)*$"
)


_TWO_RE = re.compile(r"\b(?:two|both|pair)\b")
#: Before a leader named as a topic of a contact: "the candidature of", "the election of".
_TOPIC_OF_RE = re.compile(
    r"\b(?:candidature|candidacy|election|re-election|nomination|appointment|inauguration|"
    r"bid|health|death|funeral|legacy|policies|remarks|statement|comments|letter|message|"
    r"proposal|plan|visit|arrest|release|trial|case)\s+of\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}$"
)


def _participants(
    ctx: ContactContext,
    sentence: Sentence,
    trigger: Trigger,
    limit: int,
    current: Contact | None,
) -> tuple[list[str] | None, str | None]:
    """The leaders taking part, in order (subject first), and the subject's key.

    Returns (None, None) when the verb's subject is somebody who is not a leader
    ("activists who held meetings with X").
    """
    leaders = ctx.leaders
    mentions = leaders.by_sentence.get(sentence.index, [])
    context_pair = (
        list(current.participants)
        if current is not None and len(current.participants) >= 2
        else None
    )

    def keys_of(mention: Mention) -> list[str]:
        if mention.kind == "group" and len(mention.keys) < 2:
            return context_pair or list(mention.keys)
        if (
            mention.kind == "group"
            and context_pair
            and set(mention.keys) < set(context_pair)
            and not _TWO_RE.search(ctx.view.lower, mention.start, mention.end)
        ):
            # "The leaders adopted a declaration after the meeting": all of the summit's
            # leaders, not the last two named.
            return context_pair
        return list(mention.keys)

    def eligible(mention: Mention) -> bool:
        if not mention.keys and mention.kind != "group":
            return False
        if _MOURNED_RE.search(ctx.view.lower, max(0, mention.start - 60), mention.start):
            return False  # "condolences on the passing of Prince X": not on the line
        return not (mention.possessive and mention.possessed not in _CONTACT_WORDS)

    keys: list[str] = []
    subject: str | None = None
    if trigger.construct in _VERBAL:
        assert trigger.verb_start is not None
        status, subjects = _subject(ctx, sentence, trigger.verb_start)
        if status == "other":
            return None, None
        if status == "none":
            subjects = [m for m in mentions if m.start < trigger.verb_start and eligible(m)]
        for mention in subjects:
            keys.extend(keys_of(mention))
        if status == "pronoun":
            # "X's office said he had talked with Y": he is the leader named before, in the
            # sentence if there is one, else in the sentences before.
            before = [m for m in mentions if m.key and m.end <= trigger.verb_start]
            folded = ctx.view.folded
            if not _inside_quotation(folded, trigger.verb_start):
                # Outside a quotation, not a leader the quotation speaks of.
                before = [m for m in before if not _inside_quotation(folded, m.start)] or before
            owner = before[0].key if before else _previous_subject(ctx, sentence)
            if owner:
                keys.append(owner)
        elif status == "plural-pronoun" and context_pair:
            keys.extend(context_pair)
        elif status == "host" and ctx.host_leader is not None:
            keys.append(ctx.host_leader)
        if len(keys) == 1:
            subject = keys[0]
        # "X met Y on Tuesday while Z was in Kyiv meeting W", "X spoke with Y, and Z with
        # W": another clause, with its own subject, ends the verb's objects.
        other_clause = _OTHER_CLAUSE_RE.search(ctx.view.folded, trigger.end, limit)
        if other_clause is not None:
            limit = other_clause.start()
        for mention in mentions:
            if trigger.verb_start < mention.start < limit and eligible(mention):
                if _TOPIC_OF_RE.search(
                    ctx.view.lower, max(trigger.verb_start, mention.start - 40), mention.start
                ):
                    # "discussed the candidature of X", "the visit of X": a topic, not a party
                    continue
                keys.extend(keys_of(mention))
        pronoun = _OBJECT_PRONOUN_RE.match(ctx.view.lower, trigger.verb_end or trigger.end)
        if pronoun and len(keys) == 1:
            # "met him": the other leader the sentence or the context names.
            others = [m.key for m in mentions if m.key and m.key != keys[0]]
            recent = ctx.leaders.recent_before.get(sentence.index, [])
            other = next(iter(others), None) or next((k for k in recent if k != keys[0]), None)
            if other:
                keys.append(other)
    elif (met := _met_gerund(ctx, sentence, trigger)) is not None:
        # "After meeting Z in Ankara on Monday, X flew to ...": X met Z.
        keys = [key for mention in met for key in keys_of(mention)]
        subject = keys[0] if len(met[0].keys) == 1 else None
    else:
        told = _noun_parties(ctx, mentions, trigger, eligible)
        for mention in told if told is not None else mentions:
            if eligible(mention) and not (trigger.end <= mention.start and mention.start >= limit):
                keys.extend(keys_of(mention))
        plural_reference = trigger.det == "their" or re.search(
            r"\b(?:they|both|the\s+pair|each\s+other)\b",
            ctx.view.lower[sentence.start : sentence.end],
        )
        if len(dict.fromkeys(keys)) < 2 and plural_reference and context_pair:
            keys.extend(context_pair)
        first = next((m for m in mentions if eligible(m) and m.key), None)
        subject = first.key if first else None
    return list(dict.fromkeys(keys)), subject


_NOUN_LINK_RE = re.compile(r"\s+(?:each\s+)?(?P<link>with|between|to)\s+")
#: Between a possessor and its contact noun: "Y's call", "Y’s phone call".
_POSSESSOR_GAP_RE = re.compile(r"(?:['’]s?)?\s*")
#: In a list of leaders, a country's name not known as one may stand before a title:
#: ", Cook Islands Prime Minister X".
_CAPITALISED_WORD_RE = re.compile(r"[A-Z][\w'.-]*\s+")
#: Between two leaders joined as one subject: "X and Y", "X, right, and Y".
_SUBJECT_GAP_RE = re.compile(r"\s*(?:,\s*[a-z]+\s*,)?\s*and\s+")


def _noun_parties(
    ctx: ContactContext,
    mentions: list[Mention],
    trigger: Trigger,
    eligible: Callable[[Mention], bool],
) -> list[Mention] | None:
    """The leaders of a contact noun that names its other party: "the call between X and Y"
    is X's and Y's; "(his) call with Y" is Y's and the sentence's one subject's, so other
    leaders the sentence names ("... told Z about his call with Y", "a comment by X to
    Z") are not parties. None when no leader follows the link word."""
    pair = _of_with(ctx, trigger.end)
    if pair is not None:
        return [m for m in pair if eligible(m)] or None
    link = _NOUN_LINK_RE.match(ctx.view.lower, trigger.end)
    if link is None:
        return None
    by_start = {m.start: m for m in mentions}
    objects: list[Mention] = []
    position = link.end()
    if position not in by_start and (honour := _HONOURED_RE.match(ctx.view.lower, position)):
        position = honour.end()  # "a summit meeting with the Rt. Hon. X"
    while (mention := by_start.get(position)) is not None and eligible(mention):
        objects.append(mention)
        gap = LIST_GAP_RE.match(ctx.view.folded, mention.end)
        if gap is None:
            break
        position = gap.end()
        # ", Cook Islands Prime Minister X": a place the gazetteer does not know may stand
        # before the next leader's title.
        for _ in range(2):
            if position in by_start:
                break
            word = _CAPITALISED_WORD_RE.match(ctx.view.folded, position)
            if word is None:
                break
            position = word.end()
    if not objects:
        return None
    if link.group("link") == "between":
        return objects
    # "Y's call with Z": Y's, whoever the sentence's subject ("X spoke with Y before Y's call
    # with Z").
    owner = next(
        (
            m
            for m in mentions
            if m.possessive
            and m.keys
            and eligible(m)
            and _POSSESSOR_GAP_RE.fullmatch(ctx.view.lower, m.end, trigger.start)
        ),
        None,
    )
    if owner is not None:
        return [owner, *objects]
    chosen = {id(m) for m in objects}
    others = [m for m in mentions if id(m) not in chosen and eligible(m) and m.keys]
    # "After meeting Z in Ankara on Monday, X flew to Athens for talks with Y": not Z.
    fronted = _FRONTED_PHRASE_RE.match(ctx.view.lower, ctx.sentences[trigger.sentence].start)
    if fronted is not None and fronted.end() <= trigger.start:
        others = [m for m in others if m.start >= fronted.end()] or others
    # The subject: the first leader named, and any joined to it by "and".
    subject = others[:1]
    for mention in others[1:]:
        if _SUBJECT_GAP_RE.fullmatch(ctx.view.lower, subject[-1].end, mention.start):
            subject.append(mention)
        else:
            break
    return subject + objects


#: Where another clause with a subject of its own begins after a contact's objects: "while
#: Z ...", "whereas Z ...", ", and Z with W" (the verb left out).
_OTHER_CLAUSE_RE = re.compile(
    r"\s+(?:while|whereas)\s|,\s+and\s+(?=(?:[A-Z][\w.'-]*\s+){1,5}with\s)"
)


def _met_gerund(
    ctx: ContactContext, sentence: Sentence, trigger: Trigger
) -> tuple[Mention, Mention] | None:
    """ "after meeting Z", "before meeting Z": the gerund of "meet" (no determiner, a leader
    right after it) and its subject, the main clause's; None for anything else."""
    if trigger.construct != "prep" or trigger.det or trigger.head != "meeting":
        return None
    lower = ctx.view.lower
    gap = re.match(r"\s+", lower[trigger.end : trigger.end + 3])
    met = ctx.leaders.by_start.get(trigger.end + (gap.end() if gap else 0))
    if met is None or not met.keys:
        return None
    status, subjects = _gerund_subject(ctx, sentence, trigger.end - len("meeting"))
    if status != "leader" or not subjects or subjects[0] is met:
        return None
    return subjects[0], met


#: A phrase of time or circumstance opening a sentence, up to its comma: its leaders are not
#: the sentence's subject.
_FRONTED_PHRASE_RE = re.compile(
    r"\s*(?:after|before|following|while|since|ahead\s+of|during|upon|having)\b[^,.;]{0,150},"
)
#: Forms of address before a name, after "with": "the Rt. Hon.", "H.E. Mr.", "His Excellency".
_HONOURED_RE = re.compile(
    r"(?:(?:the\s+)?(?:rt\.?\s+hon\.?|right\s+honou?rable|hon\.?|h\.\s?e\.|"
    r"(?:his|her)\s+(?:excellency|majesty|highness)|mr\.?|ms\.?|mrs\.?|dr\.?)\s+){1,2}"
)
#: How far after a party role ("General Secretary") the leader it titles may be named.
_ROLE_TO_NAME = 45
_NO_PUNCTUATION_RE = re.compile(r"[^,.;:()\n]*")


def _titled_leader_follows(ctx: ContactContext, sentence: Sentence, end: int) -> bool:
    """Whether a leader is named right after a role that is no leader's ("with General
    Secretary and Prime Minister X", "with Party General Secretary X"): the role is the
    leader's other office, and the leader a party."""
    for mention in ctx.leaders.by_sentence.get(sentence.index, ()):
        if end <= mention.start <= end + _ROLE_TO_NAME and mention.keys:
            gap = _NO_PUNCTUATION_RE.match(ctx.view.folded, end, mention.start)
            return gap is not None and gap.end() == mention.start
    return False


#: A clause a speaker adds to what was said: ", adding that", ", saying that".
_ADDED_CLAUSE_RE = re.compile(r",\s+(?:adding|saying|noting|stressing|recalling)\s+that\b")


def _before_another_event(
    ctx: ContactContext, sentence: Sentence, trigger: Trigger, limit: int
) -> int:
    """Where the contact's own leaders end: "X spoke with Y ahead of X's meeting with Z on
    Friday" brings in Z with another event, once the contact has a leader after its verb."""
    verbal = trigger.verb_end is not None and trigger.construct in _VERBAL
    after = trigger.verb_end if verbal else trigger.end
    other_party = _WITH_OFFICIAL_RE.search(ctx.view.lower, after, limit)
    # "held a meeting with US envoy X ... a deadline set by President Y": the contact's other
    # party is an official, not the leader named after (a list of calls may hold both).
    if (
        other_party is not None
        and not trigger.series
        and other_party.start("role") not in ctx.leaders.by_start
        and not _LEADER_MINISTER_RE.search(other_party.group("role"))
        and not any(
            after <= m.start < other_party.start() and m.keys and m.start != trigger.start
            for m in ctx.leaders.by_sentence.get(sentence.index, ())
        )
        and not _titled_leader_follows(ctx, sentence, other_party.end())
    ):
        limit = other_party.start()
    added = _ADDED_CLAUSE_RE.search(ctx.view.lower, after, limit)
    if added is not None:
        # "X called Y on Monday, Y said, adding that Z would call him next week": what is
        # added is another matter, with leaders of its own.
        limit = added.start()
    event = _ANOTHER_EVENT_RE.search(ctx.view.lower, after, limit)
    if event is None:
        return limit
    # A verb's leaders follow it; a noun's may stand anywhere before the other event.
    since = after if verbal else sentence.start
    named = any(
        since <= m.start < event.start() and m.keys and m.start != trigger.start
        for m in ctx.leaders.by_sentence.get(sentence.index, ())
    )
    # "X and Y held a video call, hours after Z's inauguration": two leaders before the verb
    # already make the contact; the leader after the other event is that event's.
    subjects = {
        key
        for m in ctx.leaders.by_sentence.get(sentence.index, ())
        if sentence.start <= m.start < trigger.start and not m.possessive and len(m.keys) == 1
        for key in m.keys
    }
    # "The king's call comes one day after he received a letter from X": a definite noun
    # refers back to a contact already told; the leaders after are the other event's.
    refers_back = not verbal and trigger.det in _DEFINITE
    return event.start() if named or refers_back or len(subjects) >= 2 else limit


#: A quotation that opens right before a verb, after a colon: 'X wrote: "Spoke with Y"'.
_QUOTE_OPENS_RE = re.compile(r":\s*[\"\u201c]\s*\Z")


#: A gerund told with its time: "before calling", "after phoning".
_GERUND_RE = re.compile(r"(?<=after\s)[a-z]+ing\b|(?<=before\s)[a-z]+ing\b|(?<=since\s)[a-z]+ing\b")
#: Between the comma closing "After calling Z," and the main clause's subject: its titles.
_MAIN_SUBJECT_GAP = 60


def _gerund_subject(
    ctx: ContactContext, sentence: Sentence, verb_start: int
) -> tuple[str, list[Mention]]:
    """The subject of a gerund's main clause: the sentence's first leader before it, or,
    when the gerund's clause opens the sentence, the first leader after its comma."""
    leading = _first_subject(ctx, sentence, verb_start)
    if leading:
        return "leader", leading
    lower = ctx.view.lower
    comma = lower.find(",", verb_start, sentence.end)
    if comma == -1:
        return "other", []
    for mention in ctx.leaders.by_sentence.get(sentence.index, ()):
        if mention.start > comma and not mention.possessive and mention.keys:
            if mention.start - comma <= _MAIN_SUBJECT_GAP:
                return "leader", [mention]
            break
    return "other", []


def _first_subject(ctx: ContactContext, sentence: Sentence, before: int) -> list[Mention]:
    """The sentence's first leader named before ``before`` (not a possessor), as a list of one
    or none: the subject a later verb of the sentence shares ("..., and", "..., then")."""
    for mention in ctx.leaders.by_sentence.get(sentence.index, ()):
        if mention.end <= before and not mention.possessive and mention.keys:
            return [mention]
    return []


def _subject(ctx: ContactContext, sentence: Sentence, verb_start: int) -> tuple[str, list[Mention]]:
    """Who does the verb at ``verb_start``: ("leader", mentions) or "pronoun", "other", "none"."""
    view = ctx.view
    by_end = ctx.leaders.by_end
    index = view.last_token_before(verb_start)
    first = view.first_token_from(sentence.start)
    if _QUOTE_OPENS_RE.search(view.folded, max(sentence.start, verb_start - 4), verb_start):
        # X wrote: "Spoke with Y about ...": a post that opens with its verb has none.
        return "none", []
    if _GERUND_RE.match(view.lower, verb_start):
        # "X spoke with Y before calling Z", "After calling Z, X said": the gerund's subject
        # is its main clause's.
        return _gerund_subject(ctx, sentence, verb_start)
    if sentence.is_title and view.folded[max(sentence.start, verb_start - 2) : verb_start] == ", ":
        # A headline "X meets Y, calls Z": the second verb is X's too, when X is a leader
        # the headline opens with (never Y).
        leading = _first_subject(ctx, sentence, verb_start)
        opens = leading and not view.folded[sentence.start : leading[0].start].strip()
        return ("leader", leading) if opens else ("other", [])
    # "X, who won the election, spoke with Y": the verb's subject is before the clause.
    relative = _RELATIVE_CLAUSE_RE.search(view.lower, sentence.start, verb_start)
    if relative is not None:
        index = view.last_token_before(relative.start())
    # "X, President of the State, "may God protect him," made calls": asides in commas.
    before = [
        m
        for m in ctx.leaders.by_sentence.get(sentence.index, ())
        if m.end <= verb_start and m.keys and not m.possessive
    ]
    if (
        before
        and view.folded[before[-1].end : verb_start].strip()
        and _APPOSITION_BEFORE_VERB_RE.fullmatch(view.folded, before[-1].end, verb_start)
    ):
        # Read on from the leader's name: "X and President Y of Russia had ..." has both.
        index = view.last_token_before(before[-1].end)
    while index >= first:
        mention = by_end.get(view.ends[index])
        if mention is not None and not mention.possessive:
            subjects = [mention]
            # "X and Y", "X, Y and Z"
            while True:
                before = view.last_token_before(subjects[0].start)
                # "X and visiting President Y", "X and his counterpart Y".
                skipped = 0
                while (
                    before >= first
                    and skipped < 3
                    and (
                        (
                            view.lower_words[before] in _SUBJECT_EPITHETS
                            and view.words[before].islower()
                        )
                        or view.lower_words[before] in _ADDRESS_WORDS
                        or _is_demonym(ctx, view.starts[before])
                    )
                ):
                    before -= 1
                    skipped += 1
                if before < first:
                    break
                word = view.lower_words[before]
                if word == "and":
                    before -= 1
                    if before < first:
                        break
                other = by_end.get(view.ends[before])
                if other is None or other.possessive:
                    break
                # Between them only "and", commas, epithets and nationalities:
                # "X and visiting Russian President Y".
                between = range(
                    view.first_token_from(other.end),
                    view.last_token_before(subjects[0].start) + 1,
                )
                gap = [
                    view.lower_words[t]
                    for t in between
                    if view.lower_words[t] not in _SUBJECT_EPITHETS
                    and view.lower_words[t] not in _ADDRESS_WORDS
                    and not _is_demonym(ctx, view.starts[t])
                ]
                if gap not in ([], ["and"]):
                    break
                subjects.insert(0, other)
            # "X, together with A, B and C, had a call with Y": X too.
            together = _TOGETHER_WITH_RE.search(view.folded, sentence.start, subjects[0].start)
            if together is not None:
                leading = by_end.get(view.ends[view.last_token_before(together.start() + 1)])
                if leading is not None and not leading.possessive and leading.keys:
                    subjects.insert(0, leading)
            return "leader", subjects
        word = view.lower_words[index]
        if word == "then" and view.folded[
            max(0, view.starts[index] - 3) : view.starts[index]
        ].rstrip().endswith(","):
            # "X spoke with Y on Sunday, then spoke with Z": the sentence's subject again.
            leading = _first_subject(ctx, sentence, view.starts[index])
            return ("leader", leading) if leading else ("other", [])
        if word in SUBJECT_SKIP or word.isdigit():
            index -= 1
            continue
        if word in _PROGRESSIVE_AUXILIARIES and _progressive_at(view.lower, verb_start):
            index -= 1  # "X is holding talks with Y": X does it
            continue
        if word == "i" and not _inside_quotation(view.folded, view.starts[index]):
            # "Today I spoke with X" outside any quotation: the page's author, as the page
            # signs it; a leader named before is not the author.
            author = _speaker_label(ctx, view.starts[index]) or ctx.author()
            if author is not None:
                return "leader", [author]
            # "Today I spoke with Y" on a government's page: its own leader's words.
            return ("host", []) if ctx.host_leader is not None else ("other", [])
        if word in ("he", "she", "i"):
            # "I" in a quotation is its speaker, the leader the text has been telling of.
            return "pronoun", []
        if word in ("they", "we"):
            return "plural-pronoun", []
        if word in ("and", "but") and index - 1 >= first:
            # "X has spoken to Y ..., and last met him": the clause's subject is the sentence's.
            leading = _first_subject(ctx, sentence, view.starts[index])
            return ("leader", leading) if leading else ("other", [])
        if word == "who" and (
            among := _AMONG_RE.search(view.lower, sentence.start, view.starts[index])
        ):
            # "A, B and C were among the world leaders who called X": each of them.
            listed = [
                m
                for m in ctx.leaders.by_sentence.get(sentence.index, ())
                if m.end <= among.start() and m.keys and not m.possessive
            ]
            return ("leader", listed) if listed else ("other", [])
        if word in ("who", "which", "that"):
            before = index - 1
            if before >= first:
                mention = by_end.get(view.ends[before])
                if mention is not None and not mention.possessive:
                    return "leader", [mention]
            return "other", []
        return "other", []
    return "none", []


#: The auxiliaries of a verb in its progressive form ("is holding", "were meeting").
_PROGRESSIVE_AUXILIARIES = frozenset({"is", "are", "was", "were"})
_ING_WORD_RE = re.compile(r"[a-z]+ing\b")
_PRESENT_PROGRESSIVE_RE = re.compile(r"\b(?:is|are)\s+$")
#: Words after a contact in the present progressive that put it ahead ("next week").
_AHEAD_RE = re.compile(r"\b(?:next|tomorrow|coming|upcoming|later\s+this|soon)\b")


def _progressive_at(lower: str, verb_start: int) -> bool:
    """Whether the verb at ``verb_start`` is the -ing form of a progressive."""
    return _ING_WORD_RE.match(lower, verb_start) is not None


def _happening_now(ctx: ContactContext, trigger: Trigger, date_expr: DateExpr | None) -> bool:
    """For a contact told in the present progressive ("X is holding talks with Y"), whether
    it is under way as the article is written: so, unless the clause gives it another day
    than today ("is meeting Y on Friday" tells a plan)."""
    verb_start = trigger.verb_start
    if verb_start is None or not _progressive_at(ctx.view.lower, verb_start):
        return True
    lower = ctx.view.lower
    if not _PRESENT_PROGRESSIVE_RE.search(lower, max(0, verb_start - 5), verb_start):
        return True
    sentence_end = ctx.sentences[trigger.sentence].end
    if _AHEAD_RE.search(lower, trigger.end, sentence_end):
        return False
    return date_expr is None or (date_expr.form == "relative" and date_expr.days_back == 0)


#: "were among the world leaders (who ...)": the list before it is the subject.
_AMONG_RE = re.compile(
    r"\b(?:were|are|was|is)\s+among\s+(?:the\s+)?(?:[\w-]+\s+){0,3}(?:leaders|heads\s+of\s+"
    r"(?:state|government)|presidents|prime\s+ministers|callers)\s+$"
)
_TOGETHER_WITH_RE = re.compile(r",\s+(?:together|along)\s+with\s+$")


def _is_demonym(ctx: ContactContext, offset: int) -> bool:
    """Whether a nationality or country name starts at ``offset`` ("Russian", "US")."""
    entity = ctx.entities_by_start.get(offset)
    return entity is not None and entity.has(DEMONYM, COUNTRY)


def _previous_subject(ctx: ContactContext, sentence: Sentence) -> str | None:
    for index in range(sentence.index - 1, max(-1, sentence.index - 4), -1):
        if _official_opens(ctx, index):
            # "Foreign Minister X arrived carrying a message from President Y. He met Z.":
            # "he" is the minister, no leader.
            return None
        subject = _speaking_subject(ctx, index) or ctx.leaders.subject(index)
        if subject:
            return subject
    recent = ctx.leaders.recent_before.get(sentence.index) or []
    return recent[0] if recent else None


#: How far into a sentence an official's title is its subject's ("The Foreign Minister X").
_SUBJECT_TITLE_WORDS = 4


def _official_opens(ctx: ContactContext, index: int) -> bool:
    """Whether the sentence's subject is an official who is no leader: a role of
    ``NON_LEADER_ROLE_RE`` among its first words, before any leader is named (not "X's
    adviser", whose sentence names X first)."""
    sentence = ctx.sentences[index]
    mentions = ctx.leaders.by_sentence.get(index, ())
    end = mentions[0].start if mentions else sentence.end
    before = ctx.view.lower[sentence.start : end]
    if REPORTING_RE.search(before):
        return False  # "The spokesman said President Y had arrived": Y's sentence
    opening = before.split()[:_SUBJECT_TITLE_WORDS]
    return NON_LEADER_ROLE_RE.search(" ".join(opening)) is not None


def _speaking_subject(ctx: ContactContext, index: int) -> str | None:
    """The first singular leader of a sentence outside its quotations: in '"We spoke of
    President Z," X said.' a pronoun after it is X, who spoke, not Z, who was spoken of."""
    for mention in ctx.leaders.by_sentence.get(index, ()):
        if (
            mention.key
            and not mention.possessive
            and not _inside_quotation(ctx.view.folded, mention.start)
        ):
            return mention.key
    return None


def date_planned(ctx: ContactContext, sentence: Sentence, expr: DateExpr) -> bool:
    """Whether the date's clause is of the future or a wish ("he will meet Z on Friday"), or
    of a decision ("decided to resume it the following day")."""
    lower = ctx.view.lower
    start = _clause_start(lower, sentence.start, expr.start)
    return (
        MODALITY_RE.search(lower, start, expr.start) is not None
        or _DECIDED_RE.search(lower, start, expr.start) is not None
    )


#: A decision's words: what follows them is to be done ("agreed to speak again next week").
_DECIDED_RE = re.compile(r"\b(?:decided|agreed|resolved|promised|pledged|vowed)\s+to\b")


def date_blocked(ctx: ContactContext, sentence: Sentence, expr: DateExpr) -> bool:
    """Whether a word before the date makes it the bound of a span ("since Tuesday")."""
    start = max(sentence.start, expr.start - 24)
    return _DATE_BLOCKERS_RE.search(ctx.view.lower, start, expr.start) is not None


#: An aside that gives the moment in another time zone, opened before a date...
_OTHER_ZONE_RE = re.compile(r"\((?:[^()]*?\btime\b)?[^()]*\Z")
#: ... and closed after it with the zone's name: "..., Japan time)".
_CLOSING_RE = re.compile(r"[^()]*?\btime\s*\)")


def _date_for(
    ctx: ContactContext, sentence: Sentence, trigger: Trigger, *, held: bool = True
) -> DateExpr | None:
    """The date expression of the sentence that dates this trigger, if any. For a contact
    ``held``, a day after it in a clause of plans is not its day."""
    lower = ctx.view.lower
    best: tuple[tuple[bool, bool, int], DateExpr] | None = None
    for expr in ctx.dates_by_sentence.get(sentence.index, ()):
        if date_blocked(ctx, sentence, expr):
            continue
        if (
            sentence.is_title
            and _REST_BLANK_RE.match(lower, expr.end, sentence.end)
            and (lower[max(sentence.start, expr.start - 2) : expr.start] == ": ")
        ):
            # "PM call with X: 15 October 2024": the page's date, not the call's (the story
            # may say "yesterday evening").
            continue
        if trigger.verb == "thanked" and expr.start < trigger.end:
            continue  # "on Wednesday thanked Y for calling him": the day of the thanks
        if expr.end <= trigger.start:
            between = _without_names(ctx, sentence, expr.end, trigger.start, titles=True)
        elif expr.start >= trigger.end:
            between = _without_names(ctx, sentence, trigger.end, expr.start, titles=True)
        else:
            between = ""
        # (Leaders' names and titles blanked: "the President of the United States" states
        # nothing.)
        if REPORTING_RE.search(between):
            continue
        if _OTHER_ZONE_RE.search(lower, max(sentence.start, expr.start - 60), expr.start) and (
            _CLOSING_RE.search(lower, expr.end, sentence.end)
        ):
            # "(local time; 7:30 a.m. on November 16, Tokyo time)": the same moment elsewhere.
            continue
        if (
            expr.start >= trigger.end
            and _ANOTHER_EVENT_RE.search(between)
            and not _HOURS_APART_RE.search(between)
        ):
            # "spoke ... ahead of Trump's planned meeting with Z on Friday": the day is the
            # meeting's (but "hours after he was sworn in on Thursday" is the same day).
            continue
        if _in_another_clause(lower, sentence, expr, trigger):
            continue
        if _nearer_untaken(ctx, sentence, expr, trigger):
            continue
        if held and expr.start >= trigger.end and date_planned(ctx, sentence, expr):
            continue  # "The call lasted an hour and they decided to resume it the next day"
        # A day says when; a period near a contact often only scopes a count ("their third
        # call this year on Friday"): the nearest day wins over any period. The day a
        # speaker said it ("said Thursday that she had spoken ... on Wednesday") comes last.
        coarse = expr.form in _COARSE_FORMS
        told = _TELLING_DAY_BEFORE_RE.search(
            lower, max(sentence.start, expr.start - 12), expr.start
        ) or _TELLING_DAY_AFTER_RE.match(lower, expr.end)
        rank = (bool(told), coarse, _distance(expr.start, expr.end, trigger.start, trigger.end))
        if best is None or rank < best[0]:
            best = (rank, expr)
    return best[1] if best else None


def _nearer_untaken(
    ctx: ContactContext, sentence: Sentence, expr: DateExpr, trigger: Trigger
) -> bool:
    """Whether the date is nearer a contact that did not take place ("he will meet Z on
    Friday to discuss his conversation with Y"): the day is the planned one's."""
    ours = _distance(expr.start, expr.end, trigger.start, trigger.end)
    for other in ctx.triggers_by_sentence.get(sentence.index, ()):
        if other is trigger or (other.start < trigger.end and trigger.start < other.end):
            continue
        if _distance(expr.start, expr.end, other.start, other.end) < ours and not _took_place(
            ctx, sentence, other
        ):
            return True
    return False


_COARSE_FORMS = frozenset({"period", "year", "month", "month_year", "span"})
#: "with US envoy X", "with the foreign minister": a contact's other party who is an official.
_WITH_OFFICIAL_RE = re.compile(
    r"\bwith\s+(?P<role>(?:the\s+|his\s+|her\s+)?(?:[\w.-]+\s+){0,2}?"
    + NON_LEADER_ROLE_RE.pattern.removeprefix("\\b")
    + ")"
)
#: A head of government's title, though it holds "minister" ("a deputy prime minister" is not).
_LEADER_MINISTER_RE = re.compile(r"(?<!deputy\s)\b(?:prime|first)\s+minister")
#: Words that bring in another event after a contact: a date after them is that event's.
#: An event hours from the contact: a day it names is the contact's day too.
_HOURS_APART_RE = re.compile(r"\b(?:hours|minutes|shortly|just|moments)\s+(?:after|before)\b")
_ANOTHER_EVENT_RE = re.compile(
    r"\b(?:ahead\s+of|before|after|since|following|prior\s+to|on\s+the\s+eve\s+of|"
    r"in\s+the\s+run-up\s+to|in\s+preparation\s+for|amid|amidst)\s+\S"
)


#: A relative clause about a person: what it dates is that person's doing. (Not "which" or
#: "where": ", which took place on Tuesday" is about the contact itself.)
_RELATIVE_RE = re.compile(r",\s+(?:who|whom|whose)\b")


def _in_another_clause(lower: str, sentence: Sentence, expr: DateExpr, trigger: Trigger) -> bool:
    """Whether the date stands in a relative clause the contact is not in: "X spoke with Y,
    who had returned from a trip on Tuesday" says nothing of when they spoke."""
    if _in_relative_clause(lower, sentence, trigger.start, trigger.end, expr):
        return True
    openers = list(_RELATIVE_RE.finditer(lower, sentence.start, expr.start))
    if not openers or "," in lower[openers[-1].end() : expr.start]:
        return False
    opener = openers[-1]
    close = lower.find(",", expr.end, sentence.end)
    clause_end = close if close >= 0 else sentence.end
    return not opener.start() <= trigger.start < clause_end


def _in_relative_clause(
    lower: str, sentence: Sentence, start: int, end: int, expr: DateExpr
) -> bool:
    """Whether the contact stands in a relative clause the date is not in: "X, who met Y in
    Sochi last year, spoke with Z on Wednesday" says nothing of when X met Y."""
    openers = list(_RELATIVE_RE.finditer(lower, sentence.start, start))
    if not openers or "," in lower[openers[-1].end() : start]:
        return False
    close = lower.find(",", end, sentence.end)
    if close < 0:
        return False  # the clause runs to the sentence's end: nothing tells where it stops
    return not openers[-1].start() <= expr.start < close


def _distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    if a_end <= b_start:
        return b_start - a_end
    if b_end <= a_start:
        return a_start - b_end
    return 0


#: "since they spoke", "since their meeting in June": an earlier contact, counted from.
_SINCE_RE = re.compile(
    r"\bsince\s+(?:(?:they|he|she|we|the\s+two(?:\s+\w+)?|their|his|her|our|the|"
    r"[a-z]+\s+and\s+[a-z]+|[a-z]+)\s+)?(?:(?:last|first|previous|latest|had|have|has)\s+)*"
    r"(?:\w+\s+)?$"
)


#: A relative clause of place: what it tells happened there, on another occasion.
_WHERE_CLAUSE_RE = re.compile(
    r",\s+where\s+(?:he|she|they|the\s+\w+(?:\s+\w+)?|[a-z]+)\s+(?:had\s+|also\s+)?$"
)
#: A trip told as past before a clause of place: "his recent visit to Z".
_PAST_TRIP_RE = re.compile(
    r"\b(?:recent|earlier|last|previous|past)\s+(?:\w+\s+)?(?:visit|trip|tour|stay)\b"
)
_EARLIER_PREP_RE = re.compile(r"(?:after|following)\s")
_EARLIER_BEFORE_RE = re.compile(r"\b(?:after|following)\s+(?:[\w.'’-]+\s+){0,3}$")


def _after_another_contact(ctx: ContactContext, sentence: Sentence, trigger: Trigger) -> bool:
    """Whether a contact noun after "after" or "following" stands behind a contact verb of
    the same sentence ("spoke with Y following their meeting"): an earlier contact."""
    lower = ctx.view.lower
    if not (
        (trigger.construct == "prep" and _EARLIER_PREP_RE.match(lower, trigger.start))
        # "following X's meeting with Z": a possessor between.
        or (
            trigger.construct == "with"
            and _EARLIER_BEFORE_RE.search(
                lower, max(sentence.start, trigger.start - 50), trigger.start
            )
        )
    ):
        return False
    mentions = ctx.leaders.by_sentence.get(sentence.index, ())
    own_link = _NOUN_LINK_RE.match(ctx.view.lower, trigger.end) is not None
    for other in ctx.triggers_by_sentence.get(sentence.index, ()):
        # A contact verb with a leader after it (not "spoke to reporters after the call")...
        if not (
            other.construct in _VERBAL
            and other.end <= trigger.start
            and any(other.end <= m.start < trigger.start and m.keys for m in mentions)
        ):
            continue
        # ... and a noun of its own parties ("hours after his conversation with Z") or of
        # another kind ("spoke with Y, following their meeting"); "posted after the call" is
        # the call just told.
        if own_link or (trigger.kind or "phone") != (other.kind or "phone"):
            return True
    return False


def _looks_back(
    lower: str,
    window_start: int,
    sentence: Sentence,
    trigger: Trigger,
    resolved: ResolvedDate | None,
    reference: date | None,
) -> str | None:
    """Why the candidate is an earlier contact than the one the article reports: "words"
    ("previous", "last week"), "tense" ("had called") or "date"; None when it is not."""
    if set(trigger.mods.split()) & BACKGROUND_MODIFIERS:
        return "words"
    start = trigger.verb_start if trigger.verb_start is not None else trigger.start
    if _SINCE_RE.search(lower, max(window_start, start - 40), start):
        # "the first call since they spoke in June": the point the news is counted from.
        return "words"
    end = min(sentence.end, trigger.end + 40)
    # "the first phone call following last week's meeting": the cue dates the other event.
    other = _ANOTHER_EVENT_RE.search(lower, trigger.end, end)
    if BACKGROUND_RE.search(lower, window_start, other.start() if other else end):
        return "words"
    # "The last time they spoke was on February 12, when the talks lasted ...": a definite
    # noun in a clause of its own is the occasion the sentence's start names.
    if (
        trigger.det in _DEFINITE
        and trigger.construct not in _VERBAL
        and window_start > sentence.start
        and BACKGROUND_RE.search(lower, sentence.start, window_start)
    ):
        return "words"
    verb_start = trigger.verb_start if trigger.verb_start is not None else trigger.start
    pluperfect = PLUPERFECT_RE.match(
        lower, max(sentence.start, verb_start - 4)
    ) or PLUPERFECT_RE.match(lower, verb_start)
    # "said he had talked with X" is reported speech, not an earlier contact.
    if pluperfect and not REPORTING_RE.search(lower, sentence.start, verb_start):
        return "tense"
    if resolved is None or resolved.value is None or reference is None:
        return None
    if resolved.basis != "explicit" and not resolved.year_inferred:
        return None
    value = resolved.value
    if resolved.precision == "day":
        earlier = value < reference - _BACKGROUND_GAP
    elif resolved.precision == "month":
        earlier = (value.year, value.month) < (reference.year, reference.month) and (
            reference - value
        ).days > 40
    elif resolved.precision == "year":
        earlier = value.year < reference.year
    else:
        earlier = False
    return "date" if earlier else None


def _initiator(
    ctx: ContactContext,
    sentence: Sentence,
    trigger: Trigger,
    subject: str | None,
    participants: list[str],
) -> tuple[str | None, tuple[int, int] | None]:
    """Who placed the contact: "X called Y", "at the request of X", "a call initiated by X"."""
    lower = ctx.view.lower
    if trigger.construct == "call" and subject:
        return subject, (trigger.start, trigger.end)
    if trigger.construct == "speak" and trigger.verb in _GREETING_VERBS and subject:
        # "X congratulated Y by phone": the one who rang to wish well.
        return subject, (trigger.start, trigger.end)
    if trigger.construct == "received" and trigger.obj is not None and trigger.obj.key:
        return trigger.obj.key, (trigger.start, trigger.obj.end)
    made = trigger.construct == "hold" and trigger.verb in ("made", "placed")
    if (
        made
        and subject
        and trigger.head in ("call", "calls", "contact")
        and _MADE_TO_RE.match(lower, trigger.end)
    ):
        # "made a call to Y", "made telephone calls with A and B": X placed them.
        return subject, (trigger.start, trigger.end)
    if trigger.construct == "hold" and trigger.verb in ("initiated", "initiates") and subject:
        return subject, (trigger.start, trigger.end)
    picked = _initiator_from_hints(ctx, sentence, participants)
    if picked is None and subject and len(participants) == 2:
        # "X held telephone talks with Y at request": asked for by the one X talked with.
        bare = _BARE_REQUEST_RE.search(
            lower, trigger.end, _clause_end(lower, trigger.end, sentence.end)
        )
        if bare is not None:
            other = participants[1] if participants[0] == subject else participants[0]
            return other, (bare.start(), bare.end())
    return picked if picked is not None else (None, None)


#: After "made a call": to whom, also after its day ("made a phone call on Wednesday to Y").
_MADE_TO_RE = re.compile(
    r"(?:\s+(?:on\s+|late\s+|early\s+)?(?:yesterday|today|tonight|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|this\s+(?:morning|afternoon|evening)|"
    r"last\s+(?:night|evening))"
    r"(?:\s+(?:morning|afternoon|evening|night))?,?)?\s+(?:to|with)\b"
)
#: A form of address between "at the request of" and the name: "of Mr X", "of H.E. X".
_ADDRESS_RE = re.compile(r"(?:mr|mrs|ms|dr|h\.\s?e)\.?\s+")


def _initiator_from_hints(
    ctx: ContactContext, sentence: Sentence, participants: list[str]
) -> tuple[str, tuple[int, int]] | None:
    for key, codes, span in ctx.initiator_hints(sentence):
        if key is not None:
            if not participants or key in participants:
                return key, span
            continue
        # "at the initiative of the French side": a participant of that side, or for "the
        # call" alone, that side's only leader.
        pool = participants or [k for k, code in ctx.country_of.items() if code in codes]
        matching = [k for k in pool if ctx.country_of.get(k) in codes]
        if len(matching) == 1:
            return matching[0], span
    return None


def _initiator_hints(
    ctx: ContactContext, sentence: Sentence
) -> list[tuple[str | None, frozenset[str], tuple[int, int]]]:
    """The sentence's phrases naming who asked for a contact: (leader, or None and the side's
    country codes, span). Read once per sentence."""
    lower = ctx.view.lower
    hints: list[tuple[str | None, frozenset[str], tuple[int, int]]] = []
    named = [m for m in ctx.leaders.by_sentence.get(sentence.index, ()) if m.key]
    for match in INITIATOR_BEFORE_RE.finditer(lower, sentence.start, sentence.end):
        after = match.end()
        mention = ctx.leaders.by_start.get(after)
        if mention is None and lower.startswith("the ", after):
            # "upon the request from the President": the leader the title stands for.
            mention = ctx.leaders.by_start.get(after + 4)
        if mention is None and (address := _ADDRESS_RE.match(lower, after)) is not None:
            # "on the initiative of Mr X"
            mention = ctx.leaders.by_start.get(address.end())
        if mention is not None and mention.key:
            hints.append((mention.key, frozenset(), (match.start(), mention.end)))
            continue
        # "at the request of the latter": the leader named last (or first) before it.
        other = re.match(r"the\s+(latter|former)\b", lower[after : after + 12])
        before = list(dict.fromkeys(m.key for m in named if m.end <= match.start()))
        if other and before:
            key = before[-1] if other.group(1) == "latter" else before[0]
            hints.append((key, frozenset(), (match.start(), after + other.end())))
            continue
        side = SIDE_RE.match(ctx.view.folded, after, sentence.end)
        if side:
            entity = ctx.entities_by_start.get(side.start("word"))
            if entity is not None and entity.has(DEMONYM, COUNTRY):
                codes = frozenset(entity.keys(DEMONYM, COUNTRY))
                hints.append((None, codes, (match.start(), side.end())))
                continue
        # "initiated by Finland", "at the initiative of the USA".
        start = after + 4 if lower.startswith("the ", after) else after
        entity = ctx.entities_by_start.get(start)
        # "initiated by Finland", "requested by <capital>": a capital for its government.
        if entity is not None and entity.has(COUNTRY, DEMONYM, SEAT, CAPITAL):
            codes = frozenset(entity.keys(COUNTRY, DEMONYM, SEAT, CAPITAL))
            hints.append((None, codes, (match.start(), entity.end)))
    # "at the latter's invitation": the leader named last (or first) before it.
    for match in _LATTER_INITIATIVE_RE.finditer(lower, sentence.start, sentence.end):
        before = list(dict.fromkeys(m.key for m in named if m.end <= match.start()))
        if before:
            key = before[-1] if match.group(1) == "latter" else before[0]
            hints.append((key, frozenset(), (match.start(), match.end())))
    # "It was France that asked for the call": the side named.
    for match in _SIDE_ASKED_RE.finditer(lower, sentence.start, sentence.end):
        start = match.start("side")
        asker = ctx.leaders.by_start.get(start)
        if asker is not None and asker.key:
            # "it was X who requested the call": the leader named.
            hints.append((asker.key, frozenset(), (match.start(), match.end())))
            continue
        entity = ctx.entities_by_start.get(start)
        if entity is not None and entity.has(COUNTRY, DEMONYM, SEAT, CAPITAL):
            codes = frozenset(entity.keys(COUNTRY, DEMONYM, SEAT, CAPITAL))
            hints.append((None, codes, (match.start(), match.end())))
    # "the initiative to hold the conversation came from Washington".
    for match in _INITIATIVE_CAME_RE.finditer(lower, sentence.start, sentence.end):
        start = match.end() + 4 if lower.startswith("the ", match.end()) else match.end()
        entity = ctx.entities_by_start.get(start)
        if entity is not None and entity.has(COUNTRY, DEMONYM, SEAT, CAPITAL):
            codes = frozenset(entity.keys(COUNTRY, DEMONYM, SEAT, CAPITAL))
            hints.append((None, codes, (match.start(), entity.end)))
    for match in POSSESSIVE_INITIATIVE_RE.finditer(ctx.view.folded, sentence.start, sentence.end):
        entity = ctx.entities_by_start.get(match.start("side"))
        # "at <capital>'s request": the capital's government.
        if entity is not None and entity.has(COUNTRY, DEMONYM, SEAT, CAPITAL):
            codes = frozenset(entity.keys(COUNTRY, DEMONYM, SEAT, CAPITAL))
            hints.append((None, codes, (match.start(), match.end())))
    for mention in ctx.leaders.by_sentence.get(sentence.index, ()):
        if not mention.key:
            continue
        lead = max(sentence.start, mention.start - 12)
        if (
            (
                mention.possessive
                and _POSSESSIVE_REQUEST_RE.match(lower, mention.end)
                and _POSSESSIVE_LEAD_RE.search(lower, lead, mention.start)
            )
            or _INITIATOR_AFTER_NAME_RE.match(lower, mention.end)
            or (
                # "Trump's call to the Chinese President": the caller's call.
                mention.possessive and _POSSESSIVE_CALL_TO_RE.match(lower, mention.end)
            )
        ):
            hints.append((mention.key, frozenset(), (mention.start, mention.end)))
    return hints


# --- merging -----------------------------------------------------------------------------


def _compatible_kind(a: str | None, b: str | None) -> bool:
    # "held a meeting with Y. The meeting took place via videoconference.": a meeting
    # held by video.
    return a is None or b is None or a == b or {a, b} == {"meeting", "video"}


def _compatible_date(a: ResolvedDate | None, b: ResolvedDate | None) -> bool:
    if a is None or b is None or a.value is None or b.value is None:
        return True
    if a.precision == "day" and b.precision == "day":
        return a.value == b.value
    if "year" in (a.precision, b.precision):
        return a.value.year == b.value.year
    return (a.value.year, a.value.month) == (b.value.year, b.value.month)


#: "three days after (his summit with Z)", "a day after (Trump spoke to Z)", "hours before":
#: a contact placed by its distance from another. Up to three words (a subject) between.
_OFFSET_RE = re.compile(
    rf"\b(?P<count>{NUMBER_PATTERN}|a|one|the)\s+(?P<unit>days?|weeks?|hours?)\s+"
    # ("a day after X and Y held": the other contact's own subjects too.)
    r"(?P<dir>after|before|earlier|later)\s+(?:[\w'’-]+\s+){0,5}\Z"
)


_BEHALF_RE = re.compile(r"\bon\s+behalf\s+of\s+(?:the\s+|his\s+|her\s+)?\Z")
#: "briefed <someone> on", "informed <someone> about": what follows is a contact told of.
_BRIEFED_ON_RE = re.compile(
    r"\b(?:briefed|informed|updated|apprised|told)\s+(?P<told>[^,.;]{1,60}?)\s+"
    r"(?=(?:on|about|of)\s)"
)
_PREP_AFTER_RE = re.compile(r"(?:after|before)\s+")


def _offset_date(ctx: ContactContext, sentence: Sentence, offset: re.Match[str]) -> ResolvedDate:
    """The day ``offset`` ("three days after") counts to, from the last day the sentence
    names before it; unknown when it names none, or when the distance is vague."""
    anchor = None
    for expr in ctx.dates_by_sentence.get(sentence.index, ()):
        if expr.end <= offset.start() and not date_blocked(ctx, sentence, expr):
            anchor = expr
    if anchor is None:
        return UNKNOWN
    day = resolve(anchor, ctx.reference_for(anchor))
    if day.value is None or day.precision != "day":
        return UNKNOWN
    raw = offset.group("count")
    unit = offset.group("unit")
    if unit.startswith("hour"):
        count = 0.0
    elif raw in ("a", "one", "the"):
        count = 1.0
    else:
        count = number_value(raw) or 0.0
    if (not count and not unit.startswith("hour")) or count > 60:
        return UNKNOWN
    days = int(count * (7 if unit.startswith("week") else 1))
    sign = -1 if offset.group("dir") in ("after", "later") else 1
    said = " ".join(offset.group(0).split()[:3])
    return ResolvedDate(
        day.value + timedelta(days=sign * days),
        "day",
        "offset",
        explanation=f"'{said}' {day.value.day} {day.value:%B %Y}",
    )


_ALSO_RE = re.compile(r"\b(?:also|again)\s+(?:\w+\s+)?\Z")


def _merge(contacts: list[Contact], candidate: Candidate, clock: int) -> None:
    wanted = set(candidate.participants)
    if (
        candidate.backshifted
        and candidate.date_expr is None
        and any(not c.background and set(c.participants) == wanted for c in contacts)
    ):
        # "A spoke with B on Tuesday. The French president had called him.":
        # an undated contact of the same leaders told in the past perfect is the article's
        # own contact told again, not an earlier one.
        candidate.background = False
    best: Contact | None = None
    for contact in contacts:
        kind = candidate.kind if candidate.full or candidate.trigger.kind_certain else None
        if not _compatible_kind(contact.kind if contact.kind_certain else None, kind):
            continue
        if not _compatible_date(contact.date, candidate.date):
            continue
        if (
            candidate.again
            and (contact.date is None or contact.date.value is None)
            and all(c.sentence.index != candidate.sentence.index for c in contact.candidates)
        ):
            continue  # "X spoke with Y. On January 6, the two also spoke": another day's
        if candidate.full:
            if set(contact.participants) != wanted or contact.background != candidate.background:
                continue
        else:
            if not wanted <= set(contact.participants):
                continue
            if candidate.background and not contact.background:
                continue
        if best is None or _preference(contact, candidate) > _preference(best, candidate):
            best = contact
    if best is None:
        if not candidate.full:
            return
        best = Contact(
            participants=list(candidate.participants),
            kind=candidate.kind,
            kind_certain=candidate.trigger.kind_certain,
            date=None,
            background=candidate.background,
        )
        contacts.append(best)
    best.candidates.append(candidate)
    best.touched = clock
    if candidate.kind is not None and (
        best.kind is None
        or (not best.kind_certain and candidate.trigger.kind_certain)
        or (best.kind == "meeting" and candidate.kind == "video")
    ):
        best.kind = candidate.kind
        best.kind_certain = candidate.trigger.kind_certain
    if candidate.date is not None and candidate.date.value is not None:
        if best.date is None or best.date.value is None or _finer(candidate.date, best.date):
            best.date = candidate.date
            expr = candidate.date_expr
            best.date_span = (expr.start, expr.end) if expr else None
    elif best.date is None and candidate.date is not None:
        best.date = candidate.date
    for key in candidate.participants:
        if key not in best.participants:
            best.participants.append(key)


def _preference(contact: Contact, candidate: Candidate) -> tuple[int, int]:
    # Prefer the contact the article is about, then the one in the reader's mind.
    return (0 if contact.background and not candidate.background else 1, contact.touched)


_PRECISION_RANK = {"day": 3, "month": 2, "year": 1, "unknown": 0}


def _finer(a: ResolvedDate, b: ResolvedDate) -> bool:
    return _PRECISION_RANK[a.precision] > _PRECISION_RANK[b.precision]


#: "He then called Z", "Afterwards, X spoke with Z": next, the same day.
THEN_RE = re.compile(
    r"\b(then|afterwards|subsequently|after\s+that|later|also)\b[,\s]+(?:\w+\s+){0,3}\Z",
    re.IGNORECASE,
)


def then_span(ctx: ContactContext, contact: Contact) -> tuple[int, int] | None:
    """The span of "then" ("later", "afterwards", "after that", "also") right before the verb
    of the contact's first report, if any: the contact is told as the next one ("Later he spoke
    with Z", "He also received a call from Z"), on the day of the one before, and no current
    one beside which a dated one is earlier."""
    trigger = contact.candidates[0].trigger
    verb = trigger.verb_start if trigger.verb_start is not None else trigger.start
    first = contact.first_sentence
    match = THEN_RE.search(ctx.view.lower, max(first.start, verb - 30), verb)
    return (match.start(1), match.end(1)) if match else None


def _settle_roles(ctx: ContactContext, contacts: list[Contact]) -> None:
    """Which contacts are the article's news and which are earlier ones it recalls.

    A later-mentioned contact of the same leaders dated before the first one is an earlier
    contact ("On Thursday, the two presidents held a 90-minute call"). Without an article
    date, an explicitly dated contact beside an undated one is earlier too.
    """
    first_main: dict[frozenset[str], Contact] = {}
    for contact in contacts:
        if contact.background:
            continue
        key = frozenset(contact.participants)
        first = first_main.get(key)
        if first is None:
            first_main[key] = contact
            continue
        if (
            first.date is not None
            and first.date.value is not None
            and contact.date is not None
            and contact.date.value is not None
            and contact.date.value < first.date.value
        ):
            contact.background = True
    if ctx.reference is not None:
        return
    undated_current = [
        c
        for c in contacts
        if not c.background
        and (c.date is None or c.date.basis != "explicit")
        and then_span(ctx, c) is None
    ]
    if not undated_current:
        return
    for contact in contacts:
        if contact.background or contact in undated_current:
            continue
        if contact.date is not None and contact.date.basis == "explicit":
            contact.background = True
