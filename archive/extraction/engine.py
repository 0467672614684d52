"""The pipeline: metadata, sentences, dates, leaders, contacts, statements, topics, record."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta

from .announcements import FoundAnnouncement, find_announcements
from .contacts import (
    Candidate,
    Contact,
    ContactContext,
    date_blocked,
    date_planned,
    find_contacts,
    then_span,
)
from .dates import (
    DateExpr,
    ResolvedDate,
    find_dates,
    infer_year,
    most_recent_month_day,
    resolve,
)
from .hosts import host_country
from .knowledge import KnowledgeBase, LeaderEntry
from .leaders import LeaderAnalysis, LeaderInfo, analyse_leaders
from .metadata import Metadata, closing_stamps, furniture_spans, item_stamps, read_metadata
from .records import (
    ArticleRecord,
    Evidence,
    ExtractedAnnouncement,
    ExtractedCall,
    ExtractedStatement,
    LeaderRef,
    Span,
)
from .sentences import Sentence, split_sentences
from .statements import FoundStatement, find_statements
from .text import TextView
from .topics import distinct_topics, topics_in
from .vocabulary import MONTHS, REPORTING_RE, REPORTING_VERBS, WEEKDAYS

_MONTH_NAMES = {number: name.capitalize() for name, number in MONTHS.items() if len(name) > 4}
_MONTH_NAMES.update({5: "May", 6: "June", 7: "July"})
WEEKDAY_NAMES = {number: name.capitalize() for name, number in WEEKDAYS.items()}
_ENGLISH_WORDS = frozenset({"the", "and", "of", "to", "in", "with", "a", "on", "for", "said"})


def extract(
    text: str,
    kb: KnowledgeBase,
    *,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published: date | None = None,
) -> ArticleRecord:
    """Read one article or readout into an :class:`ArticleRecord`.

    ``text`` is the whole article (a ``date YYYY-MM-DD`` header, a title line and a wire
    dateline are recognised at its top). ``title``, ``url``, ``publisher`` and
    ``published`` are what the caller knows from elsewhere; a given ``publisher`` or
    ``published`` wins over what the text says. Every span in the record is an offset
    into ``text``.
    """
    return _Extraction(text, kb, title, url, publisher, published).run()


class _Extraction:
    def __init__(
        self,
        text: str,
        kb: KnowledgeBase,
        title: str | None,
        url: str | None,
        publisher: str | None,
        published: date | None,
    ) -> None:
        self.text = text
        self.kb = kb
        self.title = title
        self.url = url
        self.publisher = publisher
        self.published = published
        self.warnings: list[str] = []
        #: The first sentences of an article, where its news is told.
        self.lead_sentences = 2
        #: How the dateline's year was worked out, when it was.
        self.dateline_inference: str | None = None

    def run(self) -> ArticleRecord:
        view = TextView.build(self.text)
        self.view = view
        meta = read_metadata(view.folded)
        published = self.published or meta.header_date
        sentences = self._sentences(meta)
        self.sentences, self._prose_counts = sentences, None
        date_exprs = find_dates(view, meta.title_span[0] if meta.title_span else meta.body_start)
        dateline_date, year_inferred = self._dateline_date(meta, published, date_exprs)
        # Wire copy counts its weekdays from the dateline; everything else from publication.
        reference = dateline_date or published
        self.reference, self.published_date = reference, published
        self.dateline_date = dateline_date
        self.dateline_month_day = meta.dateline_month_day

        entities = self.kb.entities.scan(view)
        host = host_country(self.kb, self.url, self.text, entities, reference)
        leaders = analyse_leaders(view, self.kb, entities, sentences, reference, host)
        self.warnings.extend(leaders.warnings)
        host_leader = self._host_leader(leaders, host, reference)
        country_of = {key: info.country for key, info in leaders.leaders.items()}
        ctx = ContactContext(
            view=view,
            sentences=sentences,
            leaders=leaders,
            dates_by_sentence=_by_sentence(date_exprs, sentences),
            reference=reference,
            entities_by_start={e.start: e for e in entities},
            country_of=country_of,
            warnings=self.warnings,
            item_stamps=item_stamps(view.folded, meta.body_start),
            furniture=furniture_spans(view.folded),
            closing_stamps=closing_stamps(view.folded),
            host_leader=host_leader,
        )
        self.ctx = ctx
        contacts = find_contacts(ctx)
        if (
            host_leader is not None
            and host_leader not in leaders.order
            and any(host_leader in contact.participants for contact in contacts)
        ):
            leaders.order.append(host_leader)
        self._lead_dates(contacts, ctx, sentences, leaders)
        self._default_dates(contacts, meta, dateline_date, year_inferred, published)
        contacts = self._in_office(contacts, leaders, reference)
        statements = find_statements(view, sentences, leaders, entities)
        self.topic_hits = topics_in(view, self.kb, sentences) if contacts else []
        calls = [
            self._call(contact, contacts, sentences, leaders, statements, reference)
            for contact in contacts
        ]
        announcements = [
            self._announcement(found, leaders, reference)
            for found in find_announcements(ctx, contacts)
        ]
        record_leaders = [self._ref(leaders, key, reference) for key in leaders.order]
        agency = meta.agency
        return ArticleRecord(
            text=self.text,
            title=self.title
            or (self.text[meta.title_span[0] : meta.title_span[1]] if meta.title_span else None),
            publisher=self.publisher or agency or meta.byline_outlet,
            url=self.url,
            published=published,
            dateline=self.text[meta.dateline_span[0] : meta.dateline_span[0] + len(meta.dateline)]
            if meta.dateline and meta.dateline_span
            else None,
            language=_language(view),
            calls=calls,
            leaders=record_leaders,
            warnings=list(dict.fromkeys(self.warnings)),
            agency=agency,
            dateline_date=dateline_date,
            statements=[found.statement for found in statements],
            host_country=host,
            announcements=announcements,
        )

    # --- steps -----------------------------------------------------------------------------

    def _sentences(self, meta: Metadata) -> list[Sentence]:
        sentences: list[Sentence] = []
        if meta.title_span is not None:
            sentences.append(Sentence(0, meta.title_span[0], meta.title_span[1], 0, is_title=True))
        body = split_sentences(self.view.folded, meta.body_start, first_index=len(sentences))
        if sentences:
            body = [Sentence(s.index, s.start, s.end, s.paragraph + 1, s.is_title) for s in body]
        sentences.extend(body)
        return sentences

    def _dateline_date(
        self, meta: Metadata, published: date | None, exprs: list[DateExpr]
    ) -> tuple[date | None, bool]:
        if meta.dateline_month_day is None:
            return None, False
        month, day = meta.dateline_month_day
        if meta.dateline_year is not None:
            return date(meta.dateline_year, month, day), False
        if published is not None:
            return most_recent_month_day(month, day, published), False
        full_dates = [
            (e.start, date(e.year, e.month, e.day))
            for e in exprs
            if e.form == "full" and e.year and e.month and e.day
        ]
        inference = infer_year(month, day, self.view.lower, full_dates, meta.body_start)
        if inference is not None:
            self.warnings.append(f"dateline {_month_day(month, day)}: {inference.explanation}")
            self.dateline_inference = inference.explanation
            return date(inference.year, month, day), True
        self.warnings.append(
            f"dateline {_month_day(month, day)} has no year and none could be inferred; "
            "its date is left unknown"
        )
        return None, False

    def _lead_dates(
        self,
        contacts: list[Contact],
        ctx: ContactContext,
        sentences: list[Sentence],
        leaders: LeaderAnalysis,
    ) -> None:
        """An undated main contact takes the day that the article's other sentences about
        the same leaders give ("X on Thursday extended greetings to Y ... During the
        telephone conversation, ..."), when they give one day only, in the week before the
        article's date (an older day is an earlier contact's). Its own sentences were read
        already: a date they hold but do not give the contact stays out."""
        if ctx.reference is None:
            return  # a day far from the article's could be an earlier contact's
        earliest = ctx.reference - _REPORTING_WINDOW
        taken = {s.index for c in contacts for s in c.sentences()}
        for contact in contacts:
            if contact.background or (contact.date is not None and contact.date.value):
                continue
            keys = set(contact.participants)
            own = {s.index for s in contact.sentences()}
            days: dict[date, tuple[ResolvedDate, DateExpr, Sentence]] = {}
            for sentence in sentences:
                if sentence.index in taken or sentence.index in own:
                    continue  # a contact's own sentence dates only that contact
                mentioned = [
                    m for m in leaders.by_sentence.get(sentence.index, ()) if set(m.keys) & keys
                ]
                named = {k for m in mentioned for k in m.keys}
                if len(named & keys) < 2:
                    continue
                last_named = max(m.start for m in mentioned)
                for expr in ctx.dates_by_sentence.get(sentence.index, ()):
                    if (
                        expr.form not in _DAY_FORMS
                        or date_blocked(ctx, sentence, expr)
                        or date_planned(ctx, sentence, expr)
                        # "In a post on Thursday, X noted that he had briefed Y": the day
                        # of the report, not of the contact.
                        or _REPORTED_THAT_RE.search(self.view.lower, expr.end, last_named)
                    ):
                        continue
                    resolved = resolve(
                        expr, ctx.reference if expr.form != "anchored" else ctx.reference_for(expr)
                    )
                    day = resolved.value
                    if day is not None and resolved.precision == "day" and earliest <= day:
                        days.setdefault(day, (resolved, expr, sentence))
            if len(days) != 1:
                continue
            ((resolved, expr, _sentence),) = days.values()
            contact.date = resolved
            contact.date_span = (expr.start, expr.end)

    def _default_dates(
        self,
        contacts: list[Contact],
        meta: Metadata,
        dateline_date: date | None,
        year_inferred: bool,
        published: date | None,
    ) -> None:
        """An undated main contact happened on the dateline's day, else on the page's own
        date: a readout or a news story reports the day's contacts (a day late, at worst,
        across time zones, which matching allows for). Either is marked as inferred."""
        told_before: set[frozenset[str]] = set()
        previous: Contact | None = None
        for contact in sorted(contacts, key=lambda c: c.first_sentence.start):
            before, previous = previous, contact
            if (
                not contact.background
                and (contact.date is None or contact.date.value is None)
                and before is not None
                and before.date is not None
                and before.date.precision == "day"
                and (then := then_span(self.ctx, contact)) is not None
            ):
                # "X spoke with Y on Sunday. He then called Z.": the same day, told next.
                contact.date = ResolvedDate(before.date.value, "day", "then")
                contact.date_span = then
            people = frozenset(contact.participants)
            # A second contact of the same leaders is another occasion than the news
            # ("spoke on Friday ... following up on their meeting in Samarkand").
            repeated = people in told_before
            told_before.add(people)
            if contact.background or (contact.date is not None and contact.date.value is not None):
                continue
            relative_unresolved = any(
                c.date_expr is not None and c.date_expr.is_relative for c in contact.candidates
            )
            # "asked about the date of the latest call": an earlier one, whose day is asked.
            latest = any(_LATEST_RE.search(c.trigger.mods) for c in contact.candidates)
            if latest and not any(c.date_expr is not None for c in contact.candidates):
                self.warnings.append(
                    "the text does not date the contact reported in "
                    f"'{_clip(self.text, contact.first_sentence)}'"
                )
                continue
            told = None if relative_unresolved or repeated else self._day_told(contact)
            closed = self.ctx.item_closed_at(contact.first_sentence.start)
            stamped = self.ctx.item_stamp_at(contact.first_sentence.start)
            if closed is not None and not relative_unresolved and not repeated:
                # An item of a page's list of readouts: the day its own date line gives.
                contact.date = ResolvedDate(closed[0], "day", "item")
                contact.date_span = closed[1]
            elif stamped is not None and not relative_unresolved and not repeated:
                # An item under its own date line ("19 December 2024", then its story).
                contact.date = ResolvedDate(stamped, "day", "item")
            elif told is not None:
                # "X on Tuesday said he had a call with Y": on that day, at the latest, and
                # nearer than the day the article was filed (its own sentence says so: it
                # need not lead the article).
                contact.date, contact.date_span = told
            elif (
                dateline_date is not None
                and not relative_unresolved
                and not repeated
                and self._leads(contact)
            ):
                contact.date = ResolvedDate(dateline_date, "day", "dateline", year_inferred)
                contact.date_span = meta.dateline_span
                contact.date_from_dateline = True
            elif (
                published is not None
                and not relative_unresolved
                and not repeated
                and self._leads(contact)
            ):
                contact.date = ResolvedDate(published, "day", "published")
                contact.date_span = meta.header_span
            elif relative_unresolved and (named := self._weekday_named(contact)) is not None:
                contact.date, contact.date_span = named
            elif contact.date is None:
                self.warnings.append(
                    "the text does not date the contact reported in "
                    f"'{_clip(self.text, contact.first_sentence)}'"
                )

    def _day_told(self, contact: Contact) -> tuple[ResolvedDate, tuple[int, int]] | None:
        """The day the lead sentence says the contact was made known, when it names no day
        of the contact itself: "X on Tuesday said he had a phone call with Y", "said on
        Tuesday". Counted from the article's date; None when the article has none."""
        if self.ctx.reference is None:
            return None
        sentence = contact.first_sentence
        lower = self.view.lower
        days = set()
        for expr in self.ctx.dates_by_sentence.get(sentence.index, ()):
            if expr.form not in _DAY_FORMS:
                continue
            if not (
                _TOLD_AFTER_RE.match(lower, expr.end)
                or _TOLD_BEFORE_RE.search(lower, max(sentence.start, expr.start - 12), expr.start)
            ):
                continue
            resolved = resolve(expr, self.ctx.reference_for(expr))
            if resolved.value is not None and resolved.precision == "day":
                days.add((resolved.value, (expr.start, expr.end)))
        if len({day for day, _ in days}) != 1:
            return None
        day, span = min(days)
        return ResolvedDate(day, "day", "told"), span

    def _weekday_named(self, contact: Contact) -> tuple[ResolvedDate, tuple[int, int]] | None:
        """An undated article's "on Saturday" is the one full date the contact's own
        sentences name that fell on a Saturday ("The conversation, reported late February 28,
        2026, ..."), when they name one."""
        weekdays = {
            c.date_expr.weekday
            for c in contact.candidates
            if c.date_expr is not None and c.date_expr.form == "weekday"
        }
        if len(weekdays) != 1:
            return None
        (weekday,) = weekdays
        days: dict[date, DateExpr] = {}
        own = contact.sentences()
        # Its own sentences, and the two after that tell of it ("The conversation, reported
        # late February 28, 2026, came ...").
        after = [
            s
            for s in self.sentences[own[-1].index + 1 : own[-1].index + 3]
            if _TOLD_AGAIN_RE.match(self.view.lower, s.start)
        ]
        for sentence in own + after:
            for expr in self.ctx.dates_by_sentence.get(sentence.index, ()):
                if expr.form == "full" and expr.year and expr.month and expr.day:
                    try:
                        day = date(expr.year, expr.month, expr.day)
                    except ValueError:
                        continue
                    if day.weekday() == weekday:
                        days.setdefault(day, expr)
        if len(days) != 1:
            return None
        ((day, expr),) = days.items()
        return ResolvedDate(day, "day", "weekday_date"), (expr.start, expr.end)

    def _only_out_of_office(self, leaders: LeaderAnalysis, key: str) -> bool:
        """Whether the article names a leader as not (or no longer) in office: "President-elect
        X", "Prime Minister-designate X", "former President X" (once is enough: the article
        is of that time; a contact it dates is checked against the terms instead)."""
        mentions = [
            m
            for found in leaders.by_sentence.values()
            for m in found
            if key in m.keys and m.kind in ("name", "discovered")
        ]
        lower = self.view.lower
        if any(
            _OUT_OF_OFFICE_BEFORE_RE.search(lower[max(0, m.start - 40) : m.start])
            or _OUT_OF_OFFICE_BEFORE_RE.search(lower[m.start : m.end].split(" ")[0] + " ")
            or _OUT_OF_OFFICE_AFTER_RE.match(lower, m.end)
            for m in mentions
        ):
            return True
        # Named only in another office ("Hamas Political Bureau Chief X", "Deputy Chairman X"):
        # a former leader in a role that is not a head of state's or government's.
        own_titles = (
            {term.title for term in self.kb.leaders[key].terms} if key in self.kb.leaders else set()
        )
        return bool(mentions) and all(
            _OTHER_ROLE_BEFORE_RE.search(lower[max(0, m.start - 30) : m.start])
            or self._other_role_after(lower, m.end, own_titles)
            for m in mentions
        )

    @staticmethod
    def _other_role_after(lower: str, end: int, own_titles: set[str]) -> bool:
        """ "X, Crown Prince of Abu Dhabi and Deputy Supreme Commander, ...": named in an
        office that is no head of state's or government's (nor one of the leader's own)."""
        match = _OTHER_ROLE_AFTER_RE.match(lower, end)
        if match is None:
            return False
        role = " ".join(match.group("role").split())
        if role in own_titles:
            return False
        return _LEADER_TITLE_RE.search(match.group("rest")) is None

    def _leads(self, contact: Contact) -> bool:
        """Whether a contact is the article's news: told in its title or first sentences
        (a contact first told further down is as often an earlier one)."""
        first = contact.first_sentence
        if not (first.is_title or self._prose_before(first) <= self.lead_sentences):
            return False
        # "said after meeting X", "before his call with X": told as the time of something
        # else; "he had talked with X": told as earlier than the news.
        trigger = contact.candidates[0].trigger
        told = self.view.lower[max(first.start, trigger.start - 12) : trigger.end]
        return _IN_PASSING_RE.search(told) is None and not trigger.verb.startswith("had ")

    def _prose_before(self, sentence: Sentence) -> int:
        """How many sentences of prose come before ``sentence``: a page's menus, headline
        and date lines ("View settings", "News /", "May 27, 2020") are not its story."""
        if self._prose_counts is None:
            counts, seen = [], 0
            for s in self.sentences:
                counts.append(seen)
                seen += _is_prose(self.view.folded[s.start : s.end])
            self._prose_counts = counts
        return self._prose_counts[sentence.index]

    def _in_office(
        self, contacts: list[Contact], leaders: LeaderAnalysis, reference: date | None
    ) -> list[Contact]:
        """Drop from each contact the known leaders not in office when it took place (a
        president-elect, a former president), and the contacts left with fewer than two.

        A contact is placed in time by its own date, else (a main contact) by the article's;
        a background contact without a date of its own is not checked.
        """
        kept: list[Contact] = []
        for contact in contacts:
            span = _contact_span(contact, None if contact.background else reference)
            out = [
                key
                for key in contact.participants
                if (info := leaders.leaders.get(key)) is not None
                and info.known
                and info.slug in self.kb.leaders
                and (
                    not _held_office(self.kb.leaders[info.slug], span)
                    if span is not None
                    else self._only_out_of_office(leaders, key)
                )
            ]
            if not out:
                kept.append(contact)
                continue
            for key in out:
                when = f"on {_describe(span)}" if span else "(elect, designate or former)"
                self.warnings.append(
                    f"{leaders.leaders[key].name} was not in office {when}: "
                    f"left out of the contact in '{_clip(self.text, contact.first_sentence)}'"
                )
            contact.participants = [k for k in contact.participants if k not in out]
            if len(contact.participants) >= 2:
                kept.append(contact)
        return kept

    # --- assembling a call ---------------------------------------------------------------

    def _call(
        self,
        contact: Contact,
        contacts: list[Contact],
        sentences: list[Sentence],
        leaders: LeaderAnalysis,
        statements: list[FoundStatement],
        reference: date | None,
    ) -> ExtractedCall:
        text = self.text
        resolved = contact.date
        day = resolved.value if resolved is not None else None
        on = day or reference
        participants = [self._ref(leaders, key, on) for key in contact.participants]
        evidence: list[Evidence] = []
        seen: set[tuple[str, Span, str | None]] = set()

        def add(
            fact: str,
            sentence: Sentence | tuple[int, int],
            detail: str | None,
            match: tuple[int, int] | None = None,
        ) -> None:
            if isinstance(sentence, Sentence):
                span = Span(sentence.start, sentence.end)
            else:
                span = Span(*sentence)
            if (fact, span, detail) not in seen:
                seen.add((fact, span, detail))
                evidence.append(Evidence(fact, span, detail, Span(*match) if match else None))

        for candidate in contact.candidates:
            trigger = candidate.trigger
            add("call", candidate.sentence, None, (trigger.start, trigger.end))
        for key, ref in zip(contact.participants, participants, strict=True):
            sentence = self._sentence_mentioning(contact, leaders, key)
            add("participant", sentence, ref.slug or ref.name)
        kind = contact.kind or "other"
        source = contact.kind_source
        if source is not None:
            add("kind", source.sentence, kind, (source.trigger.start, source.trigger.end))
        precision = "unknown"
        basis = None
        year_inferred = False
        if resolved is not None and resolved.value is not None:
            precision = resolved.precision
            basis = resolved.basis
            year_inferred = resolved.year_inferred
            if contact.date_span is not None:
                sentence = _sentence_at(sentences, contact.date_span[0])
                where: Sentence | tuple[int, int] = sentence or contact.date_span
                add("date", where, resolved.value.isoformat(), contact.date_span)
        duration = contact.duration
        minutes = qualifier = None
        if duration is not None:
            found, sentence = duration
            minutes, qualifier = found.minutes, found.qualifier
            detail = f"{qualifier} {minutes}" if qualifier else str(minutes)
            add("duration", sentence, detail, (found.start, found.end))
        initiator = None
        started = contact.initiator
        if started is not None:
            key, candidate = started
            initiator = participants[contact.participants.index(key)]
            add(
                "initiator",
                candidate.sentence,
                initiator.slug or initiator.name,
                candidate.initiator_span,
            )

        window = self._window(contact, contacts, sentences, leaders)
        in_window = {s.index for s in window}
        hits = distinct_topics([h for h in self.topic_hits if h.sentence.index in in_window])
        for hit in hits:
            add("topic", hit.sentence, hit.slug, (hit.start, hit.end))
        attached = self._statements(contact, window, statements, participants)
        for found_statement in attached:
            add("statement", found_statement.sentence, found_statement.statement.speaker)
        evidence.sort(key=lambda e: (e.span.start, _FACT_ORDER.get(e.fact, 9)))
        first = self._summary_sentence(contact, leaders)
        return ExtractedCall(
            participants=participants,
            kind=kind,
            date=day if precision != "unknown" else None,
            date_precision=precision,
            duration_minutes=minutes,
            duration_qualifier=qualifier,
            initiator=initiator,
            role="background" if contact.background else "main",
            topics=[hit.slug for hit in hits],
            statements=[found.statement for found in attached],
            evidence=evidence,
            summary=text[first.start : first.end],
            date_basis=basis,
            year_inferred=year_inferred,
            weekday=_weekday(contact),
            date_inferred=self._inference(contact, precision),
            month_day=self._month_day(contact) if precision == "unknown" else None,
            again=any(self._told_again(c) for c in contact.candidates),
        )

    def _told_again(self, candidate: Candidate) -> bool:
        """Whether a report tells its contact as another one after an earlier ("held a new
        phone conversation", "a second call", "spoke again", "another call")."""
        trigger = candidate.trigger
        words = set(trigger.mods.split())
        if trigger.det == "another" or words & _AGAIN_MODIFIERS:
            return True
        return _AGAIN_RE.match(self.view.lower, trigger.end) is not None

    def _inference(self, contact: Contact, precision: str) -> str | None:
        """How the contact's date was worked out, in words; None when the text states it."""
        resolved = contact.date
        if resolved is None or resolved.value is None or precision == "unknown":
            return None
        expr = next((c.date_expr for c in contact.candidates if c.date_expr is not None), None)
        span = (expr.start, expr.end) if expr else contact.date_span
        said = f"'{' '.join(self.text[span[0] : span[1]].split())}'" if span else None
        if resolved.basis == "dateline":
            if self.dateline_inference:
                return f"{DATELINE_DAY}; {self.dateline_inference}"
            if self.published_date is not None:
                return (
                    f"{DATELINE_DAY}, its year from the article's date "
                    f"({_day(self.published_date)})"
                )
            return DATELINE_DAY
        if resolved.basis == "weekday_date":
            weekday = next(
                (
                    c.date_expr
                    for c in contact.candidates
                    if c.date_expr is not None and c.date_expr.form == "weekday"
                ),
                None,
            )
            told = (
                f"'{' '.join(self.text[weekday.start : weekday.end].split())}'"
                if weekday
                else "a weekday"
            )
            return (
                f"{told}: the one date its sentences name that fell on that day "
                f"({_day(resolved.value)})"
            )
        if resolved.basis == "told" and said:
            return f"{said}, the day it was made known (the text names no day of the contact)"
        if resolved.explanation:
            return resolved.explanation
        if resolved.basis == "then" and said:
            return f"{said}: the day of the contact told before it ({_day(resolved.value)})"
        if resolved.basis == "published":
            return f"the article's date ({_day(self.published_date)}); {NO_OTHER_DAY}"
        if resolved.basis == "item":
            return (
                f"the date of its item in the page's list ({_day(resolved.value)}); {NO_OTHER_DAY}"
            )
        if resolved.basis == "relative" and said and expr is not None and expr.form == "anchored":
            counted = self.ctx.reference_for(expr)
            return f"{said} counted from the day the text names before it ({_day(counted)})"
        if resolved.basis == "relative" and said:
            counted = self.ctx.reference_at(span[0]) if span else self.reference
            if counted != self.reference:
                return (
                    f"{said} counted from the date of its item in the page's list ({_day(counted)})"
                )
            if self.dateline_date is not None:
                return f"{said} counted from the dateline ({_day(self.dateline_date)})"
            return f"{said} counted from the article's date ({_day(self.reference)})"
        if resolved.year_inferred and said:
            if self.dateline_date is not None and self.dateline_inference:
                return f"{said}, its year as the dateline's: {self.dateline_inference}"
            return f"{said}, its year from the article's date ({_day(self.reference)})"
        return None

    def _month_day(self, contact: Contact) -> str | None:
        """The month and day an undated contact is given without a year ("On the evening of
        July 28", a dateline's "December 30"), as "MM-DD"."""
        for candidate in contact.candidates:
            expr = candidate.date_expr
            if expr is not None and expr.form == "month_day" and expr.month and expr.day:
                return f"{expr.month:02d}-{expr.day:02d}"
        if not contact.background and self.dateline_month_day is not None:
            month, day = self.dateline_month_day
            return f"{month:02d}-{day:02d}"
        return None

    def _summary_sentence(self, contact: Contact, leaders: LeaderAnalysis) -> Sentence:
        """The first sentence of the contact that names two of its leaders itself (not "the
        two leaders"), else its first sentence."""
        keys = set(contact.participants)
        for sentence in contact.sentences():
            if sentence.is_title:
                continue
            named = {
                key
                for mention in leaders.by_sentence.get(sentence.index, ())
                if mention.kind != "group"
                for key in mention.keys
            }
            if len(named & keys) >= 2:
                return sentence
        return contact.first_sentence

    def _sentence_mentioning(self, contact: Contact, leaders: LeaderAnalysis, key: str) -> Sentence:
        for sentence in contact.sentences():
            for mention in leaders.by_sentence.get(sentence.index, ()):
                if key in mention.keys:
                    return sentence
        return contact.first_sentence

    def _window(
        self,
        contact: Contact,
        contacts: list[Contact],
        sentences: list[Sentence],
        leaders: LeaderAnalysis,
    ) -> list[Sentence]:
        """The sentences about a contact: its own for a background one; for a main one, from
        the first sentence about its leaders to the next main contact, less the sentences of
        background contacts."""
        own = contact.sentences()
        if contact.background:
            return own
        background = {s.index for other in contacts if other.background for s in other.sentences()}
        keys = set(contact.participants)
        start = own[0].index
        for sentence in sentences:
            if sentence.index >= start:
                break
            if sentence.index in background:
                continue
            if any(keys & set(m.keys) for m in leaders.by_sentence.get(sentence.index, ())):
                start = sentence.index
                break
        mains = sorted(
            other.first_sentence.index
            for other in contacts
            if not other.background and other is not contact
        )
        end = next((i for i in mains if i > own[0].index), len(sentences) + 1)
        previous_main = max((i for i in mains if i < own[0].index), default=None)
        if previous_main is not None:
            start = max(start, own[0].index)
        window = [
            s
            for s in sentences
            if start <= s.index < end
            and (s.index not in background or s.index in {o.index for o in own})
        ]
        title_first = sentences and sentences[0].is_title and previous_main is None
        if title_first and window and window[0].index != 0:
            window.insert(0, sentences[0])
        return window

    def _statements(
        self,
        contact: Contact,
        window: list[Sentence],
        statements: list[FoundStatement],
        participants: list[LeaderRef],
    ) -> list[FoundStatement]:
        indexes = {s.index for s in window}
        own = {s.index for s in contact.sentences()}
        countries = {p.country for p in participants if p.country}
        keys = {p.key for p in participants}
        attached: list[FoundStatement] = []
        for found in statements:
            if found.sentence.index not in indexes or found.vague_past:
                continue
            statement = found.statement
            if statement.side_leader is not None and statement.side_leader not in keys:
                continue
            if statement.side_country is not None and statement.side_country not in countries:
                continue
            if statement.side_country is None and found.sentence.index not in own:
                continue
            if (
                statement.side_leader is None
                and statement.side_country is not None
                and found.basis == "seat"
            ):
                same = [p for p in participants if p.country == statement.side_country]
                if len(same) == 1:
                    statement = ExtractedStatement(
                        speaker=statement.speaker,
                        side_country=statement.side_country,
                        side_leader=same[0].key if same[0].slug else None,
                        text=statement.text,
                        span=statement.span,
                        sentence=statement.sentence,
                    )
                    found = FoundStatement(statement, found.sentence, found.basis, found.vague_past)
            attached.append(found)
        return attached

    def _announcement(
        self, found: FoundAnnouncement, leaders: LeaderAnalysis, reference: date | None
    ) -> ExtractedAnnouncement:
        on = found.expected or reference
        sentence = found.sentence
        return ExtractedAnnouncement(
            participants=[self._ref(leaders, key, on) for key in found.participants],
            kind=found.kind,
            status=found.status,
            expected=found.expected,
            expected_precision=found.precision,
            expected_basis=found.basis,
            sentence=Span(sentence.start, sentence.end),
            summary=" ".join(self.text[sentence.start : sentence.end].split()),
            requested_by=(
                self._ref(leaders, found.subject, on)
                if found.subject is not None and found.status != "announced"
                else None
            ),
        )

    def _host_leader(
        self, leaders: LeaderAnalysis, host: str | None, on: date | None
    ) -> str | None:
        """The leader of the page's own government on the article's date (its country's
        effective office, see `KnowledgeBase.leaders_with_title`), known to the analysis so
        that a headline without a subject ("Telephone conversation with X") can name him."""
        if host is None or on is None:
            return None
        found = self.kb.leaders_with_title(host, "leader", on)
        if not found:
            return None
        entry = found[0][0]
        if entry.slug not in leaders.leaders:
            leaders.leaders[entry.slug] = LeaderInfo(
                entry.slug, entry.name, entry.country, True, slug=entry.slug
            )
        return entry.slug

    def _ref(self, leaders: LeaderAnalysis, key: str, on: date | None) -> LeaderRef:
        info = leaders.leaders[key]
        if info.known and info.slug is not None:
            entry = self.kb.leaders[info.slug]
            term = entry.term_on(on)
            if term is None and on is None and len(entry.terms) == 1:
                term = entry.terms[0]
            return LeaderRef(
                slug=entry.slug,
                name=entry.name,
                country=entry.country,
                office=term.office if term else None,
                known=True,
            )
        office = None
        if info.title:
            office = info.title.title()
            country_name = self.kb.country_name(info.country)
            if country_name:
                office = f"{office} of {country_name}"
        return LeaderRef(
            slug=None, name=info.name, country=info.country, office=office, known=False
        )


#: A name's own words saying its bearer was not in office: "President-elect X", "former
#: President X", "ex-premier X" before it; "X, the president-elect" after it.
_OUT_OF_OFFICE_BEFORE_RE = re.compile(
    r"(?:-|\s)(?:elect|designate)\s+$|\b(?:former|ex-|erstwhile)\s*(?:[\w-]+,?\s+){0,3}$"
)
_OTHER_ROLE_BEFORE_RE = re.compile(
    r"(?:\b(?<!prime\s)minister|\bchief|\bsecretary(?:-general)?|\bspeaker|\bgovernor|"
    r"\bmayor|\bdeputy\s+[a-z]+|\bopposition\s+leader),?\s+$"
)
#: An office in apposition after a name, and what follows it up to the next comma.
_OTHER_ROLE_AFTER_RE = re.compile(
    r",\s+(?:the\s+)?(?P<role>crown\s+prince|deputy\s+[a-z]+|vice[\s-]president|governor|"
    r"speaker|(?:foreign|defen[cs]e|finance|interior)\s+minister|minister\s+of|secretary|"
    r"chief\s+of|chairman|leader\s+of\s+the\s+opposition)\b(?P<rest>[^,.;]*)"
)
#: A head of state's or government's title (not a deputy's).
_LEADER_TITLE_RE = re.compile(
    r"(?<!deputy\s)(?<!vice\s)\b(?:president|prime\s+minister|premier|chancellor|king|emir|"
    r"amir|sultan|head\s+of\s+state)\b"
)
_OUT_OF_OFFICE_AFTER_RE = re.compile(
    r",?\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:president|prime\s+minister|premier|chancellor)"
    r"[\s-](?:elect|designate)\b|,?\s+(?:the\s+|a\s+)?former\s+"
)


#: Modifiers of a contact noun that make it another than one before.
_AGAIN_MODIFIERS = frozenset({"new", "second", "third", "fourth", "fresh", "further", "another"})
#: Right after a contact's verb or noun: "spoke again", "met once more".
_AGAIN_RE = re.compile(r"\s+(?:again|once\s+more|for\s+the\s+second\s+time)\b")
#: A sentence that opens on the contact told before: "The conversation, ...", "The call ...".
_TOLD_AGAIN_RE = re.compile(
    r"(?:the|their|this)\s+(?:phone\s+|telephone\s+)?(?:call|conversation|talks)\b"
)
#: A report told in reported speech: "X noted that ...", "wrote on X that ...".
#: A day that dates a telling: "on Tuesday said", "said on Tuesday".
_TOLD_VERBS = rf"(?:{REPORTING_VERBS}|told|revealed|disclosed)"
_TOLD_AFTER_RE = re.compile(rf",?\s+{_TOLD_VERBS}\b")
_TOLD_BEFORE_RE = re.compile(rf"\b{_TOLD_VERBS}\s+$")
_REPORTED_THAT_RE = re.compile(rf"(?:{REPORTING_RE.pattern})(?:\s+on\s+\w+)?\s+that\b")
#: "the latest call", "their most recent conversation": a contact before the article's news.
_LATEST_RE = re.compile(r"\b(?:latest|most\s+recent|last)\b")
#: How a date taken from the dateline or the page, not from the contact's own words, is told.
DATELINE_DAY = "the dateline's day"
NO_OTHER_DAY = "the text names no other day"


def date_defaulted(explanation: str | None) -> bool:
    """Whether an inferred date is only the day the article was filed or published (a call
    reported from another time zone may be a day earlier), not a day its words count."""
    return bool(explanation) and (
        explanation.startswith(DATELINE_DAY) or NO_OTHER_DAY in explanation
    )


def _is_prose(sentence: str) -> bool:
    """A sentence of a story: three words or more, ending as sentences end."""
    stripped = sentence.rstrip()
    return len(stripped.split()) >= 3 and stripped[-1:] in ".!?\"')"


_IN_PASSING_RE = re.compile(r"\b(?:after|before|since|following|ahead\s+of|prior\s+to)\s")
#: How long before its date an article reports the day's news.
_REPORTING_WINDOW = timedelta(days=7)
#: Date expressions that name a day.
_DAY_FORMS = frozenset({"full", "month_day", "weekday", "relative", "anchored"})

_FACT_ORDER = {
    "call": 0,
    "participant": 1,
    "kind": 2,
    "date": 3,
    "duration": 4,
    "initiator": 5,
    "topic": 6,
    "statement": 7,
}


def _day(value: date | None) -> str:
    return f"{value.day} {_MONTH_NAMES[value.month]} {value.year}" if value else "unknown"


def _contact_span(contact: Contact, fallback: date | None) -> tuple[date, date] | None:
    """The days a contact may have taken place on: its own date (a day either side for time
    zones), else the whole month or year it is known to, else ``fallback``'s day."""
    resolved = contact.date
    if resolved is not None and resolved.value is not None:
        day = resolved.value
        if resolved.precision == "year":
            return date(day.year, 1, 1), date(day.year, 12, 31)
        if resolved.precision == "month":
            following = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
            return day.replace(day=1), following - timedelta(days=1)
        return day - timedelta(days=1), day + timedelta(days=1)
    if fallback is None:
        return None
    return fallback - timedelta(days=1), fallback + timedelta(days=1)


def _held_office(entry: LeaderEntry, span: tuple[date, date]) -> bool:
    """Whether any of the leader's terms overlaps the span (a leader without terms is kept)."""
    if not entry.terms:
        return True
    first, last = span
    return any(
        (term.start is None or term.start <= last) and (term.end is None or first <= term.end)
        for term in entry.terms
    )


def _describe(span: tuple[date, date]) -> str:
    first, last = span
    if (last - first).days <= 2:
        return (first + timedelta(days=1)).isoformat()
    return f"{first.isoformat()} to {last.isoformat()}"


def _weekday(contact: Contact) -> str | None:
    for candidate in contact.candidates:
        expr = candidate.date_expr
        if expr is not None and expr.form == "weekday" and expr.weekday is not None:
            return WEEKDAY_NAMES[expr.weekday]
    resolved = contact.date
    if resolved is not None and resolved.value is not None and resolved.precision == "day":
        return WEEKDAY_NAMES[resolved.value.weekday()]
    return None


def _by_sentence(exprs: list[DateExpr], sentences: list[Sentence]) -> dict[int, list[DateExpr]]:
    starts = [s.start for s in sentences]
    grouped: dict[int, list[DateExpr]] = {}
    for expr in exprs:
        index = bisect_right(starts, expr.start) - 1
        if index >= 0 and expr.end <= sentences[index].end:
            grouped.setdefault(sentences[index].index, []).append(expr)
    return grouped


def _sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    starts = [s.start for s in sentences]
    index = bisect_right(starts, offset) - 1
    if index >= 0 and offset < sentences[index].end:
        return sentences[index]
    return None


def _language(view: TextView) -> str:
    words = view.lower_words
    if not words:
        return "und"
    common = sum(map(_ENGLISH_WORDS.__contains__, words[:400]))
    return "en" if common / min(len(words), 400) >= 0.05 else "und"


def _month_day(month: int, day: int) -> str:
    return f"{_MONTH_NAMES.get(month, str(month))} {day}"


def _clip(text: str, sentence: Sentence, width: int = 90) -> str:
    snippet = " ".join(text[sentence.start : sentence.end].split())
    return snippet if len(snippet) <= width else snippet[: width - 1] + "…"
