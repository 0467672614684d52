"""Importing articles: files in, sources and calls out, merged across sources.

The pipeline, for each article a reader hands over (:mod:`archive.readers`):

1. the normalised text is hashed; a text already archived is skipped, and nothing at
   all is written (importing a file twice is a no-op);
2. the extraction engine reads it against the knowledge base built from the database
   (once per batch);
3. in one transaction (and one revision, "Imported from <origin>") the Source is
   created, its leaders resolved (a leader the engine discovered is matched by name,
   or created unverified for an editor to confirm), and each extracted call is either
   merged into the one existing call it must be, or created.

A call matches an existing one when they have exactly the same participants and
:mod:`archive.matching` decides the report is of it (the rules, each named, live there).
Then the report is merged into it, and facts it lacks are filled in, unless an editor has
reviewed it (then only the source, evidence and statements are linked). Otherwise the
import never guesses: it creates a new call and, where other calls might be the same,
stores them as possible duplicates with the reason, for an editor to merge. A failure
inside one article rolls back that article alone.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import reversion
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.text import slugify

from . import announcing, changes, readers
from .batches import write_batch
from .enums import CallKind, ChangeKind, DatePrecision, ParticipantRole, ReviewStatus, SourceRole
from .extraction import ArticleRecord, ExtractedCall, KnowledgeBase, LeaderRef, extract
from .extraction.dates import find_dates
from .extraction.engine import date_defaulted
from .extraction.metadata import read_metadata
from .extraction.text import TextView, fold
from .knowledge import (
    KnowledgeError,
    KnowledgeReport,
    build_knowledge_base,
    has_knowledge,
    load_knowledge,
)
from .matching import (
    MAX_DURATION_MINUTES,
    QUALIFIER_RANK,
    Facts,
    Known,
    compatible,
    decide,
    finer,
    passages,
    series_calls,
    words_of,
)
from .merging import merge_calls
from .models import (
    Call,
    CallChange,
    Country,
    DistinctReports,
    Evidence,
    Leader,
    LeaderRedirect,
    Participation,
    PossibleDuplicate,
    Report,
    Source,
    Statement,
    Topic,
    is_one_sided,
)

# Bounds on what one article may write (issue 18): an article repeating one sentence a
# hundred thousand times gave as many evidence rows for one call, and pages that read
# them all. The source keeps its whole text; what is left out is said in the outcome.
MAX_EVIDENCE_PER_FACT = 25
MAX_STATEMENTS_PER_CALL = 100

IMPORTED = "imported"
SKIPPED = "skipped"
FAILED = "failed"
IGNORED = "ignored"

#: Why the import merged an undated call into a dated one, as the change log says it.
UNDATED_MERGE = "an undated report of this call, merged once the call was dated"


# --- outcomes -----------------------------------------------------------------------------


@dataclass
class ArticleOutcome:
    """What happened to one article (or one file that could not be read)."""

    origin: str
    status: str
    reason: str = ""
    source_id: int | None = None
    title: str = ""
    calls_created: list[int] = field(default_factory=list)
    calls_merged: list[int] = field(default_factory=list)
    calls_for_review: list[int] = field(default_factory=list)
    leaders_created: list[str] = field(default_factory=list)
    #: Contacts the article announced, requested or proposed (kept apart from its calls).
    announcements: int = 0
    notes: list[str] = field(default_factory=list)
    #: What the summary must say of this article, not only a verbose run: how its file was
    #: read (an encoding guessed, characters removed, an address not linked), what was left
    #: out of it. Each is among the notes too.
    warnings: list[str] = field(default_factory=list)

    def warn(self, note: str) -> None:
        self.notes.append(note)
        self.warnings.append(note)

    @property
    def no_call(self) -> bool:
        return self.status == IMPORTED and not (self.calls_created or self.calls_merged)


@dataclass
class ImportSummary:
    """The outcome of a batch, for the command and the admin page alike."""

    outcomes: list[ArticleOutcome] = field(default_factory=list)
    dry_run: bool = False
    #: What loading the gazetteer into an empty database did, when it had to.
    knowledge: KnowledgeReport | None = None
    #: Problems of the batch as a whole (not of one file).
    notes: list[str] = field(default_factory=list)
    #: Calls the batch created that no report dated: for an editor to date.
    undated: list[int] = field(default_factory=list)

    def _with(self, status: str) -> list[ArticleOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def imported(self) -> list[ArticleOutcome]:
        return self._with(IMPORTED)

    @property
    def skipped(self) -> list[ArticleOutcome]:
        return self._with(SKIPPED)

    @property
    def failed(self) -> list[ArticleOutcome]:
        return self._with(FAILED)

    @property
    def ignored(self) -> list[ArticleOutcome]:
        return self._with(IGNORED)

    @property
    def without_calls(self) -> list[ArticleOutcome]:
        return [o for o in self.outcomes if o.no_call]

    @property
    def calls_created(self) -> int:
        return sum(len(o.calls_created) for o in self.outcomes)

    @property
    def calls_merged(self) -> int:
        return sum(len(o.calls_merged) for o in self.outcomes)

    @property
    def calls_for_review(self) -> int:
        return sum(len(o.calls_for_review) for o in self.outcomes)

    @property
    def leaders_created(self) -> int:
        return sum(len(o.leaders_created) for o in self.outcomes)

    def counts(self) -> dict[str, int]:
        """Every number of the summary, by name (for tests and JSON output)."""
        return {
            "imported": len(self.imported),
            "skipped": len(self.skipped),
            "failed": len(self.failed),
            "ignored": len(self.ignored),
            "calls_created": self.calls_created,
            "calls_merged": self.calls_merged,
            "calls_for_review": self.calls_for_review,
            "leaders_created": self.leaders_created,
            "without_calls": len(self.without_calls),
            "calls_undated": len(self.undated),
        }


# --- entry points ---------------------------------------------------------------------------


def _still_undated(created: list[int]) -> list[int]:
    """Those of ``created`` that are still in the archive without a date (undated reports
    merged into dated calls later in the batch are gone)."""
    undated: list[int] = []
    for at in range(0, len(created), 5000):
        chunk = created[at : at + 5000]
        undated += Call.objects.filter(pk__in=chunk, date__isnull=True).values_list("pk", flat=True)
    return sorted(undated)


def collect_inputs(paths: Iterable[str]) -> list[readers.InputFile | readers.ReadFailure]:
    """Every file named by ``paths`` (folders walked), before anything is read."""
    return list(readers.collect_inputs(paths))


def import_inputs(
    inputs: Iterable[readers.InputFile | readers.ReadFailure],
    *,
    dry_run: bool = False,
    progress: Callable[[Iterable], Iterable] | None = None,
    on_outcome: Callable[[ArticleOutcome], None] | None = None,
    kb: KnowledgeBase | None = None,
    knowledge_dir: Path | str | None = None,
    revisions: bool = True,
) -> ImportSummary:
    """Import every article of ``inputs``; the batch goes on past any failure.

    ``dry_run`` runs the whole pipeline in a transaction that is rolled back at the end,
    so the summary says what would happen and nothing is written. ``progress`` wraps
    the iteration (a tqdm bar); ``on_outcome`` hears of each article as it is done.
    With ``knowledge_dir``, a database without leaders first gets the gazetteer.
    """
    summary = ImportSummary(dry_run=dry_run)
    items = progress(inputs) if progress else inputs
    # Each article is written in a write batch of its own, committed when it is done
    # (Importer.import_article): an editor's write waits for one article at most, never for
    # the whole import (SQLite has one writer at a time), and a killed import keeps every
    # article it reported. A dry run is one transaction, rolled back at the end.
    with write_batch() if dry_run else contextlib.nullcontext():
        if knowledge_dir is not None and kb is None and not has_knowledge():
            try:
                summary.knowledge = load_knowledge(knowledge_dir)
            except KnowledgeError as error:
                summary.notes.append(f"the knowledge base could not be loaded: {error}")
        importer = Importer(kb=kb, revisions=revisions)
        for outcome in importer.run(items):
            summary.outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
        summary.undated = _still_undated(
            [pk for outcome in summary.outcomes for pk in outcome.calls_created]
        )
        if dry_run:
            transaction.set_rollback(True)
    return summary


def import_paths(paths: Iterable[str], **options) -> ImportSummary:
    """Import the files and folders of ``paths`` (see :func:`import_inputs` for options)."""
    return import_inputs(collect_inputs(paths), **options)


# --- the importer -----------------------------------------------------------------------------


class Importer:
    """One batch: the knowledge base and leader lookups are built once and kept in memory."""

    def __init__(self, kb: KnowledgeBase | None = None, *, revisions: bool = True) -> None:
        self.kb = kb if kb is not None else build_knowledge_base()
        self.revisions = revisions
        self.max_bytes = getattr(settings, "DIPLO_MAX_ARTICLE_BYTES", 5 * 1024 * 1024)
        self._load_lookups()

    def _load_lookups(self) -> None:
        self.index = CallIndex()
        self.countries = set(Country.objects.values_list("code", flat=True))
        self.topic_ids: dict[str, int] = {}
        self.topic_names: dict[int, str] = {}
        for pk, slug, name in Topic.objects.values_list("id", "slug", "name"):
            self.topic_ids[slug], self.topic_names[pk] = pk, name
        self.leaders: dict[int, tuple[str, str]] = {}  # id -> (slug, name)
        # id -> (the words of the leader's names, the leader's country), for passages()
        self.leader_words: dict[int, tuple[frozenset[str], str]] = {}
        self.leader_by_slug: dict[str, int] = {}
        self.leader_by_name: dict[str, list[tuple[int, str]]] = {}  # folded -> [(id, country)]
        for pk, slug, name, country, aliases in Leader.objects.values_list(
            "id", "slug", "name", "country_id", "aliases"
        ):
            self._remember_leader(pk, slug, name, country, aliases or [])
        self.taken_slugs = set(self.leader_by_slug) | set(
            LeaderRedirect.objects.values_list("old_slug", flat=True)
        )

    def _remember_leader(
        self, pk: int, slug: str, name: str, country: str, aliases: list[str]
    ) -> None:
        self.leaders[pk] = (slug, name)
        self.leader_by_slug[slug] = pk
        self.leader_words[pk] = (
            frozenset(w for a in {name, *aliases} for w in words_of(a)),
            country,
        )
        for alias in {name, *aliases}:
            self.leader_by_name.setdefault(fold_name(alias), []).append((pk, country))

    # --- the batch ---------------------------------------------------------------------------

    def run(
        self, inputs: Iterable[readers.InputFile | readers.ReadFailure]
    ) -> Iterator[ArticleOutcome]:
        for item in inputs:
            if isinstance(item, readers.ReadFailure):
                yield ArticleOutcome(item.origin, FAILED, item.reason)
                continue
            for article in readers.read_input(item, self.max_bytes):
                if isinstance(article, readers.ReadFailure):
                    ignored = article.not_articles and item.in_folder
                    yield ArticleOutcome(
                        article.origin, IGNORED if ignored else FAILED, article.reason
                    )
                else:
                    yield self.import_article(article)

    def import_article(self, article: readers.RawArticle) -> ArticleOutcome:
        """Import one article; on any failure, nothing of it stays in the database."""
        outcome = ArticleOutcome(
            article.origin, IMPORTED, notes=list(article.notes), warnings=list(article.notes)
        )
        digest = article.content_hash
        existing = Source.objects.filter(content_hash=digest).values_list("pk", "origin").first()
        if existing is not None:
            outcome.status = SKIPPED
            outcome.source_id = existing[0]
            outcome.reason = f"already archived (source #{existing[0]}, {existing[1] or 'no name'})"
            return outcome
        try:
            record = extract(
                article.text,
                self.kb,
                title=article.title,
                url=article.url,
                publisher=article.publisher,
                published=article.published,
            )
        except Exception as error:  # the engine must not stop the batch
            outcome.status = FAILED
            outcome.reason = f"the extraction failed ({type(error).__name__}: {error})"
            return outcome
        outcome.notes.extend(record.warnings)
        # Inside a revision that is already open (the admin's, one per request), this
        # article's versions join it; a failed article's must then be dropped from it.
        outer = _RevisionSnapshot.take() if self.revisions and reversion.is_active() else None
        try:
            # Its own transaction (a savepoint inside a dry run's), committed at its end.
            with write_batch():
                if self.revisions and outer is None:
                    # The history records the calls an import changes (those that existed
                    # before it), not every record it creates: a version of everything costs
                    # about 30 ms an article, as much as the rest of the import.
                    with reversion.create_revision(manage_manually=True):
                        reversion.set_comment(f"Imported from {article.origin}")
                        for changed in self._write(article, record, digest, outcome):
                            reversion.add_to_revision(changed)
                else:
                    self._write(article, record, digest, outcome)
        except Exception as error:
            # The article's savepoint is rolled back; forget what was cached from it.
            if outer is not None:
                outer.restore()
            self._load_lookups()
            return ArticleOutcome(
                article.origin,
                FAILED,
                f"could not be saved ({type(error).__name__}: {error}); nothing of it was kept",
            )
        return outcome

    # --- writing one article -----------------------------------------------------------------

    def _write(
        self,
        article: readers.RawArticle,
        record: ArticleRecord,
        digest: str,
        outcome: ArticleOutcome,
    ) -> list[Call]:
        """Write the article; return the calls that existed before and that it changed."""
        source = Source.objects.create(
            title=_clip(record.title or article.title or "", 500),
            publisher=_clip(record.publisher or article.publisher or "", 200),
            url=_clip(record.url or article.url or "", 2000),
            # A wire dateline dates the story when nothing else does ("PARIS, July 1").
            published=record.published or article.published or record.dateline_date,
            dateline=_clip(record.dateline or "", 200),
            body=article.text,
            content_hash=digest,
            origin=_clip(article.origin, 500),
            language=_clip(record.language or "", 16) or "und",
            side_id=record.host_country if record.host_country in self.countries else None,
        )
        outcome.source_id = source.pk
        outcome.title = source.title
        changed = self.link_calls(source, record, outcome)
        # After the calls: an announcement is never tied to a call its own source reports.
        outcome.announcements = len(
            announcing.store(source, record, self.known_leader_id, source.published)
        )
        return changed

    def link_calls(
        self, source: Source, record: ArticleRecord, outcome: ArticleOutcome
    ) -> list[Call]:
        """Resolve the record's leaders and place each of its calls (merge or create).

        Returns the calls that existed before and that this article changed.
        """
        self._changed: dict[int, Call] = {}
        self._created: set[int] = set()
        # What the article changed, for the public change log: one insert at its end.
        self._change_log: list[CallChange] = []
        self._now = timezone.now()
        self._distinct_from: set[str] | None = None
        placed: set[int] = set()
        reports: dict[int, Report] = {}
        main: set[int] = set()
        contacts = [(e, self._participants(e, source, outcome)) for e in record.calls]
        series = self._series(contacts, record)
        for number, (extracted, participants) in enumerate(contacts):
            if len(participants) < 2:
                outcome.notes.append(
                    f"a {extracted.kind} contact was left out: fewer than two leaders could be "
                    f"recorded for “{_clip(extracted.summary, 90)}”"
                )
                continue
            call = self._place(
                extracted, participants, record, source, outcome, placed, series.get(number)
            )
            placed.add(call.pk)
            self._statements(call, source, extracted, outcome)
            report = reports.get(call.pk)
            if report is None:
                # Written with its role: a main report's evidence never rebuilds the call's
                # search document (migration 0005), a background one's does, row by row.
                report = Report.objects.create(call=call, source=source, role=extracted.role)
                reports[call.pk] = report
            self._evidence(report, extracted, record, outcome)
            if extracted.role == SourceRole.MAIN and report.role != SourceRole.MAIN:
                main.add(report.pk)
        if main:
            # The same call told again as the article's main contact.
            Report.objects.filter(pk__in=main).update(role=SourceRole.MAIN)
        # A new source may make a call one-sided, or a second side's report end it (a call
        # created here was made one-sided or not with its one source).
        Call.objects.refresh_one_sided(set(reports) - self._created)
        if self._change_log:
            CallChange.objects.bulk_create(self._change_log)
        # A call announced before it was reported: tie the announcements it fulfils.
        announcing.fulfil(reports)
        return list(self._changed.values())

    # --- leaders -------------------------------------------------------------------------------

    def _participants(
        self, extracted: ExtractedCall, source: Source, outcome: ArticleOutcome
    ) -> dict[int, LeaderRef]:
        found: dict[int, LeaderRef] = {}
        for ref in extracted.participants:
            pk = self.leader_id(ref, source, outcome)
            if pk is not None:
                found.setdefault(pk, ref)
        return found

    def known_leader_id(self, ref: LeaderRef) -> int | None:
        """The database id of ``ref`` when the archive already holds that leader (by slug,
        or by a name only one leader of its country bears); never creates one."""
        if ref.slug is not None and ref.slug in self.leader_by_slug:
            return self.leader_by_slug[ref.slug]
        matches = {
            pk
            for pk, country in self.leader_by_name.get(fold_name(ref.name), [])
            if ref.country is None or country == ref.country
        }
        return matches.pop() if len(matches) == 1 else None

    def leader_id(self, ref: LeaderRef, source: Source, outcome: ArticleOutcome) -> int | None:
        """The database id of ``ref``: by slug; a discovered leader by name, else created."""
        if ref.slug is not None and ref.slug in self.leader_by_slug:
            return self.leader_by_slug[ref.slug]
        matches = {
            pk
            for pk, country in self.leader_by_name.get(fold_name(ref.name), [])
            if ref.country is None or country == ref.country
        }
        if len(matches) == 1:
            return matches.pop()
        if len(matches) > 1:
            outcome.notes.append(f"“{ref.name}” could be several leaders; left out")
            return None
        if not ref.country or ref.country not in self.countries:
            outcome.notes.append(f"“{ref.name}” was left out: no known country")
            return None
        slug = self._free_slug(ref.name)
        office = f" as {ref.office}" if ref.office else ""
        leader = Leader.objects.create(
            name=_clip(ref.name, 200),
            slug=slug,
            country_id=ref.country,
            verified=False,
            notes=f"Discovered in {source.origin or source.title}{office}; "
            "to be confirmed by an editor (or merged into the leader it is).",
        )
        self._remember_leader(leader.pk, slug, leader.name, ref.country, [])
        self.taken_slugs.add(slug)
        outcome.leaders_created.append(leader.name)
        return leader.pk

    def _free_slug(self, name: str) -> str:
        base = slugify(unicodedata.normalize("NFKD", name))[:190] or "leader"
        slug, number = base, 2
        while slug in self.taken_slugs:
            slug, number = f"{base}-{number}", number + 1
        return slug

    # --- calls ---------------------------------------------------------------------------------

    def _place(
        self,
        extracted: ExtractedCall,
        participants: dict[int, LeaderRef],
        record: ArticleRecord,
        source: Source,
        outcome: ArticleOutcome,
        placed: set[int],
        series: int | None = None,
        *,
        again: bool = False,
    ) -> Call:
        facts = facts_of_report(extracted, record, source.publisher)
        if source.side_id:
            # One government's own pages are one publisher, whatever their names.
            side = _publishers([f"side:{source.side_id}"])
            facts = replace(facts, publishers=facts.publishers | side)
        if series is not None:
            facts = replace(facts, series=frozenset({series}))
        calls = self.index.calls(participants)
        judged = self._judged_apart(source, calls)
        candidates = [k for pk, k in calls.items() if pk not in placed and pk not in judged]
        decision = decide(facts, candidates)
        possible = decision.possible
        if (
            decision.call is None
            and possible
            and (not facts.dated or any(not k.facts.dated for k in possible))
        ):
            # Nothing else tied an undated side: what both reports give word for word may.
            # Read only now, and only for the calls it could be (their sentences cost).
            names = self._names_of(participants)
            facts = replace(facts, passages=passages(_account(extracted, record.text), names))
            decision = decide(facts, _with_passages(possible, names))
        chosen = decision.call
        initiator = self._initiator(extracted, participants)
        summary = _summary(extracted, record.text)
        if chosen is not None:
            call = Call.objects.filter(pk=chosen.pk).first()
            if call is None or _changed_since(call, chosen):
                if again:
                    raise RuntimeError(f"call #{chosen.pk} changed while it was being merged")
                # Changed by someone else since the batch read it: read the set again.
                self.index.forget(participants)
                return self._place(
                    extracted, participants, record, source, outcome, placed, series, again=True
                )
            self._merge_into(
                call, extracted, facts, initiator, summary, participants, source, outcome
            )
        else:
            call = self._create(extracted, facts, initiator, summary, participants, source)
            self._created.add(call.pk)
            self._change_log.append(changes.added(call, source, self._now))
            outcome.calls_created.append(call.pk)
            if decision.possible:
                self._possible_duplicates(call, decision, outcome)
            if judged:
                outcome.notes.append(
                    f"call #{call.pk} was kept apart from calls "
                    f"{', '.join(f'#{pk}' for pk in sorted(judged))}, which an editor judged "
                    "to be other calls"
                )
        self.index.put(participants, call, facts)
        if call.date is not None and (chosen is None or facts.date is not None):
            self._absorb_undated(call, participants, placed, outcome)
        return call

    def _series(
        self, contacts: list[tuple[ExtractedCall, dict[int, LeaderRef]]], record: ArticleRecord
    ) -> dict[int, int]:
        """For each contact of a series (three or more main contacts of one leader, each with
        one counterpart), the archived call that another source reported in the same series
        (:func:`archive.matching.series_calls`): by the contact's number in the article."""
        by_leader: dict[int, list[int]] = {}
        for number, (extracted, participants) in enumerate(contacts):
            if extracted.role == SourceRole.MAIN and len(participants) == 2:
                for pk in participants:
                    by_leader.setdefault(pk, []).append(number)
        tied: dict[int, int] = {}
        for numbers in by_leader.values():
            if len(numbers) < 3:
                continue
            candidates = []
            for number in numbers:
                extracted, participants = contacts[number]
                facts = facts_of_report(extracted, record)
                known = self.index.calls(participants).values()
                candidates.append([k for k in known if compatible(facts, k.facts)])
            ids = {k.pk for found in candidates for k in found}
            if not all(candidates):
                continue
            reported_by: dict[int, set[int]] = {}
            rows = Report.objects.filter(call_id__in=ids).values_list("call_id", "source_id")
            for call_id, source_id in rows:
                reported_by.setdefault(call_id, set()).add(source_id)
            for number, pk in zip(numbers, series_calls(candidates, reported_by), strict=False):
                tied.setdefault(number, pk)
        return tied

    def _names_of(self, participants: Iterable[int]) -> frozenset[str]:
        """The words that name these leaders and their countries, which
        :func:`archive.matching.passages` sets aside."""
        words: set[str] = set()
        for pk in participants:
            names, country = self.leader_words.get(pk, (frozenset(), ""))
            words |= names
            entry = self.kb.countries.get(country)
            if entry is not None:
                for name in (entry.name, *entry.aliases, *entry.demonyms):
                    words.update(words_of(name))
        return frozenset(words)

    def _possible_duplicates(self, call: Call, decision, outcome: ArticleOutcome) -> None:
        """Keep, for an editor, the calls a new call may duplicate and why it stands apart."""
        outcome.calls_for_review.append(call.pk)
        others = ", ".join(f"#{k.pk}" for k in decision.possible)
        outcome.notes.append(
            f"call #{call.pk} may be the same as calls {others}: {decision.reason}, so it "
            "was created apart; an editor can merge them"
        )
        PossibleDuplicate.objects.bulk_create(
            [
                PossibleDuplicate(call=call, other_id=k.pk, reason=_clip(decision.reason, 300))
                for k in decision.possible
            ]
        )

    def _judged_apart(self, source: Source, calls: Iterable[int]) -> set[int]:
        """Those of ``calls`` that an editor judged another call than the one ``source``
        reports ("not the same", :class:`DistinctReports`, kept by the sources' texts): the
        import neither merges into them nor asks about them again."""
        if self._distinct_from is None:
            digest = source.content_hash
            self._distinct_from = {
                a if b == digest else b
                for a, b in DistinctReports.objects.filter(
                    Q(first=digest) | Q(second=digest)
                ).values_list("first", "second")
            }
        if not self._distinct_from:
            return set()
        return {pk for pk, hashes in _source_hashes(calls).items() if hashes & self._distinct_from}

    def _initiator(
        self, extracted: ExtractedCall, participants: dict[int, LeaderRef]
    ) -> int | None:
        if extracted.initiator is None:
            return None
        key = extracted.initiator.key
        return next((pk for pk, ref in participants.items() if ref.key == key), None)

    def _create(
        self,
        extracted: ExtractedCall,
        facts: Facts,
        initiator: int | None,
        summary: str,
        participants: dict[int, LeaderRef],
        source: Source,
    ) -> Call:
        # Its one source speaks for one of its participants' sides, or not: the rule of
        # Call.objects.refresh_one_sided, without reading the rows back.
        countries = {self.leader_words[pk][1] for pk in participants}
        call = Call(
            one_sided=is_one_sided({source.side_id}, countries),
            date=facts.date,
            date_precision=facts.precision,
            date_inferred=_inferred(extracted, facts),
            kind=facts.kind,
            duration_minutes=facts.minutes,
            duration_qualifier=facts.qualifier if facts.minutes is not None else "",
            initiator_id=initiator,
            summary=summary,
            status=ReviewStatus.EXTRACTED,
        )
        call.slug = self._slug(call, participants)
        call.save()
        Participation.objects.bulk_create(
            Participation(call=call, leader_id=pk, role=_role(pk, initiator)) for pk in participants
        )
        # Straight into the link table: the call is new, so none of them is there yet.
        Call.topics.through.objects.bulk_create(
            Call.topics.through(call_id=call.pk, topic_id=self.topic_ids[slug])
            for slug in dict.fromkeys(extracted.topics)
            if slug in self.topic_ids
        )
        return call

    def _slug(self, call: Call, participants: Iterable[int]) -> str:
        # As Call.build_slug, without reading the participations back.
        leaders = sorted((self.leaders[pk] for pk in participants), key=lambda sn: sn[1])
        parts = [call.date.isoformat() if call.date else "undated"]
        parts += [slug for slug, _name in leaders]
        parts.append(call.kind)
        return slugify("-".join(parts))[:200]

    def _merge_into(
        self,
        call: Call,
        extracted: ExtractedCall,
        facts: Facts,
        initiator: int | None,
        summary: str,
        participants: dict[int, LeaderRef],
        source: Source,
        outcome: ArticleOutcome,
    ) -> None:
        outcome.calls_merged.append(call.pk)
        if call.status == ReviewStatus.REVIEWED:
            # An editor's call: link the source and its evidence, change nothing else.
            outcome.notes.append(f"call #{call.pk} is reviewed: the source was only linked to it")
            self._change_log.append(
                CallChange(
                    call_id=call.pk,
                    at=self._now,
                    kind=ChangeKind.SOURCE,
                    description=changes.source_lead(source)[: changes.MAX_DESCRIPTION],
                    source=source,
                )
            )
            return
        before = changes.facts(call, initiator=self._leader_name(call.initiator_id))
        changed: set[str] = set()
        # Facts the call lacks, or knows less precisely, are taken from the report; so the
        # final call is the same whatever order its reports arrive in.
        inferred = _inferred(extracted, facts)
        # A date stated in full wins over one the call only inferred (the article's date, a
        # weekday counted back), even at the same precision: it may be a day earlier.
        stated_over_inferred = (
            _date_strength(inferred) > _date_strength(call.date_inferred)
            and facts.date is not None
            and not finer(call.date_precision, facts.precision)
        )
        # Two days as firm as each other a day apart (time zones): the earlier, whatever the
        # order the reports came in.
        earlier_as_firm = (
            facts.date is not None
            and call.date is not None
            and facts.precision == call.date_precision == DatePrecision.DAY
            and _date_strength(inferred) == _date_strength(call.date_inferred)
            and facts.date < call.date
        )
        dated_now = facts.date is not None and (
            finer(facts.precision, call.date_precision) or stated_over_inferred or earlier_as_firm
        )
        if dated_now:
            call.date, call.date_precision = facts.date, facts.precision
            call.date_inferred = inferred
            changed |= {"date", "date_precision", "date_inferred", "year", "month"}
        if call.kind == CallKind.OTHER and facts.kind != CallKind.OTHER:
            call.kind = facts.kind
            changed.add("kind")
        if facts.minutes is not None and (
            call.duration_minutes is None
            or QUALIFIER_RANK[facts.qualifier] < QUALIFIER_RANK[call.duration_qualifier or ""]
        ):
            call.duration_minutes, call.duration_qualifier = facts.minutes, facts.qualifier
            changed |= {"duration_minutes", "duration_qualifier"}
        if call.initiator_id is None and initiator is not None:
            call.initiator_id = initiator
            changed.add("initiator")
            for participation in call.participations.all():
                role = _role(participation.leader_id, initiator)
                if participation.role != role:
                    participation.role = role
                    participation.save(update_fields=["role"])
        # The summary is the sentence of the main report that dates the call, else of the
        # first main report, else of a background mention.
        main = extracted.role == SourceRole.MAIN
        better = (
            not call.summary
            or (main and dated_now)
            or (main and not call.reports.filter(role=SourceRole.MAIN).exists())
        )
        if summary and better and call.summary != summary:
            call.summary = summary
            changed.add("summary")
        have = set(call.topics.values_list("slug", flat=True))
        new_topics = [
            self.topic_ids[s]
            for s in dict.fromkeys(extracted.topics)
            if s in self.topic_ids and s not in have
        ]
        if new_topics:
            call.topics.add(*new_topics)
        if changed & {"date", "kind"}:
            call.slug = self._slug(call, participants)
            changed.add("slug")
        if changed or new_topics:
            call.save(update_fields=[*sorted(changed), "updated_at"])
            self._changed[call.pk] = call
        lead = changes.source_lead(source)
        if new_topics:
            names = sorted(self.topic_names[pk] for pk in new_topics)
            lead += f"; topics added: {', '.join(names)}"
        after = changes.facts(call, initiator=self._leader_name(call.initiator_id))
        self._change_log += changes.changes_between(
            call.pk, before, after, kind=ChangeKind.SOURCE, lead=lead, at=self._now, source=source
        )

    def _leader_name(self, pk: int | None) -> str:
        """A leader's name from the batch's lookups (no query); empty for none."""
        if pk is None:
            return ""
        known = self.leaders.get(pk)
        return known[1] if known else ""

    def _absorb_undated(
        self, call: Call, participants: Iterable[int], placed: set[int], outcome: ArticleOutcome
    ) -> None:
        """Merge into ``call`` the undated calls that are now plainly reports of it.

        An undated report is kept apart when several calls could be it, or when nothing
        ties it to the one that could (:func:`archive.matching.decide`); once ``call`` is
        dated and is the one call that undated call would now join, it is merged into it,
        its permalink redirected.
        """
        calls = self.index.calls(participants)
        undated = [
            k
            for k in calls.values()
            if k.pk != call.pk and k.facts.date is None and not k.reviewed and k.pk not in placed
        ]
        loaded = False
        for other in undated:
            other = calls.get(other.pk, other)  # with its passages, once they are read
            others = [k for k in calls.values() if k.pk != other.pk]
            decision = decide(other.facts, others)
            if decision.call is None and not loaded:
                # Nothing else tied it: read what the accounts give word for word (once).
                read = _with_passages(list(calls.values()), self._names_of(participants))
                calls, loaded = {k.pk: k for k in read}, True
                other = calls[other.pk]
                others = [k for k in calls.values() if k.pk != other.pk]
                decision = decide(other.facts, others)
            if getattr(decision.call, "pk", None) != call.pk:
                continue
            hashes = _source_hashes([call.pk, other.pk])
            if DistinctReports.judged(hashes.get(call.pk, ()), hashes.get(other.pk, ())):
                continue  # an editor said they are not the same
            duplicate = Call.objects.filter(pk=other.pk).first()
            if duplicate is None or duplicate.status == ReviewStatus.REVIEWED:
                continue
            merge_calls(call, duplicate, reason=UNDATED_MERGE)
            self.index.forget(participants)
            calls, loaded = dict(self.index.calls(participants)), False
            if call.pk not in self._created:
                self._changed[call.pk] = call
            outcome.notes.append(f"undated call #{other.pk} was merged into call #{call.pk}")

    # --- evidence and statements ---------------------------------------------------------------

    def _evidence(
        self,
        report: Report,
        extracted: ExtractedCall,
        record: ArticleRecord,
        outcome: ArticleOutcome,
    ) -> None:
        text = record.text
        valid = [
            evidence
            for evidence in extracted.evidence
            if 0 <= evidence.span.start <= evidence.span.end <= len(text)
        ]
        # The first sentences of each fact, in text order (MAX_EVIDENCE_PER_FACT).
        kept: dict[str, int] = {}
        rows = []
        for evidence in sorted(valid, key=lambda e: (e.span.start, e.span.end)):
            if kept.get(evidence.fact, 0) >= MAX_EVIDENCE_PER_FACT:
                continue
            kept[evidence.fact] = kept.get(evidence.fact, 0) + 1
            rows.append(
                Evidence(
                    report=report,
                    fact=evidence.fact,
                    detail=_clip(evidence.detail or "", 200),
                    start=evidence.span.start,
                    end=evidence.span.end,
                    text=text[evidence.span.start : evidence.span.end],
                )
            )
        if len(rows) < len(valid):
            outcome.warn(
                f"call #{report.call_id}: kept the first {MAX_EVIDENCE_PER_FACT} sentences of "
                f"each fact, {len(rows):,} of {len(valid):,} (the source keeps its whole text)"
            )
        Evidence.objects.bulk_create(rows)

    def _statements(
        self, call: Call, source: Source, extracted: ExtractedCall, outcome: ArticleOutcome
    ) -> None:
        rows = []
        statements = extracted.statements
        if len(statements) > MAX_STATEMENTS_PER_CALL:
            outcome.warn(
                f"call #{call.pk}: kept the first {MAX_STATEMENTS_PER_CALL} of "
                f"{len(statements):,} statements (the source keeps its whole text)"
            )
            statements = statements[:MAX_STATEMENTS_PER_CALL]
        for statement in statements:
            side_leader = (
                self.leader_by_slug.get(statement.side_leader) if statement.side_leader else None
            )
            country = statement.side_country if statement.side_country in self.countries else None
            rows.append(
                Statement(
                    call=call,
                    source=source,
                    speaker=_clip(statement.speaker, 300),
                    side_leader_id=side_leader,
                    side_country_id=country,
                    text=statement.text,
                    start=statement.span.start,
                    end=statement.span.end,
                )
            )
        Statement.objects.bulk_create(rows)


class _RevisionSnapshot:
    """The objects an open revision holds, to put back when an article is rolled back.

    django-reversion has no public way to take objects out of a revision; these are its
    own helpers for the current stack frame.
    """

    def __init__(self, versions) -> None:
        self.versions = versions

    @classmethod
    def take(cls) -> _RevisionSnapshot:
        from reversion import revisions

        return cls(revisions._copy_db_versions(revisions._current_frame().db_versions))

    def restore(self) -> None:
        from reversion import revisions

        revisions._update_frame(db_versions=self.versions)


# --- matching: the facts each side brings (the rules are in archive.matching) ----------------


def facts_of_report(call: ExtractedCall, record: ArticleRecord, publisher: str = "") -> Facts:
    """What a report says that decides which call it is of (``publisher``: its source's)."""
    date = call.date
    precision = call.date_precision if date is not None else DatePrecision.UNKNOWN
    if date is not None and precision not in {"day", "month", "year"}:
        precision = DatePrecision.DAY
    minutes = call.duration_minutes
    if minutes is not None and not 0 < minutes <= MAX_DURATION_MINUTES:
        minutes = None
    kind = call.kind if call.kind in CallKind.values else CallKind.OTHER
    qualifier = call.duration_qualifier or ""
    if qualifier not in QUALIFIER_RANK:
        qualifier = "about"
    return Facts(
        kind=kind,
        date=date,
        precision=precision,
        minutes=minutes,
        qualifier=qualifier if minutes is not None else "",
        weekday=_weekday(call, record.text) if date is None else None,
        month_day=_month_day(call.month_day) if date is None else None,
        published=record.published,
        main=call.role == SourceRole.MAIN,
        defaulted=date is not None and date_defaulted(getattr(call, "date_inferred", None)),
        publishers=_publishers([publisher]),
        again=bool(getattr(call, "again", False)),
    )


def facts_of_call(call: Call, publishers: Iterable[str] = ()) -> Facts:
    """What an archived call says; an undated one also when its main reports were published;
    ``publishers``, its sources' publishers."""
    first = getattr(call, "first_published", None)
    last = getattr(call, "last_published", None)
    return Facts(
        kind=call.kind,
        date=call.date,
        precision=call.date_precision if call.date else DatePrecision.UNKNOWN,
        minutes=call.duration_minutes,
        qualifier=call.duration_qualifier or "",
        published_range=(first, last) if call.date is None and first and last else None,
        defaulted=call.date is not None and date_defaulted(call.date_inferred),
        publishers=_publishers(publishers),
    )


def _publishers(names: Iterable[str]) -> frozenset[str]:
    """Publishers' names as compared: folded, without the empty one."""
    return frozenset(folded for name in names if (folded := fold_name(name or "")))


def _agreed(old: Any, new: Any, before: Known | None) -> Any:
    """What an undated call's reports say of its day: one report's word, or their common
    one; nothing when two reports disagree."""
    if before is None:
        return new
    if old is None or new is None:
        return old if new is None else new
    return old if old == new else None


def _changed_since(call: Call, read: Known) -> bool:
    """Whether the facts that matched ``call`` changed since the batch read them."""
    now, then = facts_of_call(call), read.facts
    return (now.kind, now.date, now.precision, now.minutes, now.qualifier) != (
        then.kind,
        then.date,
        then.precision,
        then.minutes,
        then.qualifier,
    )


def known(call: Call) -> Known:
    return Known(call.pk, facts_of_call(call), call.status == ReviewStatus.REVIEWED)


class CallIndex:
    """The calls of each set of participants a batch meets, with the facts that match them.

    A set is read from the database the first time it is met (one query), then kept up
    to date as the batch creates, dates and merges calls: placing a report then costs
    no query. A call chosen from the index is read again before it is changed.
    """

    def __init__(self) -> None:
        self._sets: dict[frozenset[int], dict[int, Known]] = {}

    def calls(self, participants: Iterable[int]) -> dict[int, Known]:
        key = frozenset(participants)
        found = self._sets.get(key)
        if found is None:
            calls = calls_with_participants(key)
            particulars = _undated_particulars([c.pk for c in calls if c.date is None])
            publishers = _publishers_of([c.pk for c in calls])
            told_again = _told_again([c.pk for c in calls])
            found = {}
            for call in calls:
                facts = facts_of_call(call, publishers.get(call.pk, ()))
                if call.pk in told_again:
                    facts = replace(facts, again=True)
                if call.pk in particulars:
                    facts = replace(facts, **particulars[call.pk])
                found[call.pk] = Known(call.pk, facts, call.status == ReviewStatus.REVIEWED)
            self._sets[key] = found
        return found

    def put(self, participants: Iterable[int], call: Call, report: Facts) -> None:
        """Keep ``call`` as it is after ``report`` was placed into it (created or merged),
        without reading the set again: an undated call keeps, from its reports, when they
        were published and what weekday or month and day they name."""
        calls = self.calls(participants)
        before = calls.get(call.pk)
        facts = facts_of_call(call)
        facts = replace(
            facts,
            publishers=report.publishers | (before.facts.publishers if before else frozenset()),
            again=report.again or (before.facts.again if before else False),
        )
        if facts.date is None:
            old = before.facts if before is not None else None
            span = old.published_range if old is not None else None
            if report.main and report.published is not None:
                low, high = span or (report.published, report.published)
                span = (min(low, report.published), max(high, report.published))
            facts = replace(
                facts,
                published_range=span,
                weekday=_agreed(old.weekday if old else None, report.weekday, before),
                month_day=_agreed(old.month_day if old else None, report.month_day, before),
            )
        calls[call.pk] = Known(call.pk, facts, call.status == ReviewStatus.REVIEWED)

    def remove(self, participants: Iterable[int], pk: int) -> None:
        self.calls(participants).pop(pk, None)

    def forget(self, participants: Iterable[int]) -> None:
        self._sets.pop(frozenset(participants), None)

    def clear(self) -> None:
        self._sets.clear()


#: A report's sentence that tells its call as another after an earlier one.
_TOLD_AGAIN_RE = re.compile(
    r"\b(?:a|an|the|their)\s+(?:new|second|third|fresh|further)\s+(?:[\w-]+\s+){0,2}"
    r"(?:call|conversation|talks?|meeting)\b|\banother\s+(?:[\w-]+\s+){0,2}"
    r"(?:call|conversation|talks?|meeting)\b|\b(?:spoke|talked|met|called)\s+again\b",
    re.IGNORECASE,
)


def _told_again(ids: list[int]) -> set[int]:
    """The calls one of whose reports tells it as another after an earlier one (the
    engine's ``again``, read back from the sentences kept): one query."""
    if not ids:
        return set()
    rows = Evidence.objects.filter(report__call_id__in=ids, fact="call").values_list(
        "report__call_id", "text"
    )
    return {call_id for call_id, text in rows if _TOLD_AGAIN_RE.search(text)}


def _publishers_of(ids: list[int]) -> dict[int, set[str]]:
    """The publishers of the sources that report each call: one query."""
    found: dict[int, set[str]] = {}
    if not ids:
        return found
    rows = Report.objects.filter(call_id__in=ids).values_list(
        "call_id", "source__publisher", "source__side_id"
    )
    for call_id, publisher, side in rows:
        found.setdefault(call_id, set()).add(publisher)
        if side:
            found[call_id].add(f"side:{side}")
    return found


#: How much of a source's top holds its dateline, when it has one.
_DATELINE_REACH = 600


def _undated_particulars(ids: list[int]) -> dict[int, dict[str, Any]]:
    """What the sentences reporting each undated call say of its day: the one weekday they
    name (``weekday``), and the one month and day without a year (``month_day``)."""
    if not ids:
        return {}
    weekdays: dict[int, set[int]] = {}
    month_days: dict[int, set[tuple[int, int]]] = {}
    rows = Evidence.objects.filter(report__call_id__in=ids, fact="call").values_list(
        "report__call_id", "text"
    )
    for call_id, text in rows:
        days = weekdays.setdefault(call_id, set())
        days.update(_WEEKDAYS[m.group(1).lower()] for m in _WEEKDAY_WORD.finditer(text))
        found = month_days.setdefault(call_id, set())
        # The engine's own reading of dates: a month and day given without a year.
        found.update(
            (expr.month, expr.day)
            for expr in find_dates(TextView.build(text))
            if expr.form == "month_day" and expr.month and expr.day
        )
    # A wire's dateline ("PLACE, November 23 /AGENCY/") gives the month and day of its main
    # contact though no sentence does: read again from the top of the main sources.
    heads = (
        Report.objects.filter(call_id__in=ids, role=SourceRole.MAIN)
        .annotate(head=Substr("source__body", 1, _DATELINE_REACH))
        .values_list("call_id", "head")
    )
    for call_id, head in heads:
        dateline = read_metadata(fold(head)).dateline_month_day
        if dateline is not None:
            month_days.setdefault(call_id, set()).add(dateline)
    particulars: dict[int, dict[str, Any]] = {}
    for pk in ids:
        if len(weekdays.get(pk, ())) == 1:
            particulars.setdefault(pk, {})["weekday"] = next(iter(weekdays[pk]))
        if len(month_days.get(pk, ())) == 1:
            particulars.setdefault(pk, {})["month_day"] = next(iter(month_days[pk]))
    return particulars


def _with_passages(calls: list[Known], names: frozenset[str]) -> list[Known]:
    """``calls`` with the passages of their accounts: the sentences their facts came from and
    their statements (two queries)."""
    ids = [k.pk for k in calls]
    texts: dict[int, list[str]] = {}
    for call_id, text in Statement.objects.filter(call_id__in=ids).values_list("call_id", "text"):
        texts.setdefault(call_id, []).append(text)
    rows = Evidence.objects.filter(report__call_id__in=ids).values_list("report__call_id", "text")
    for call_id, text in rows:
        texts.setdefault(call_id, []).append(text)
    return [
        replace(k, facts=replace(k.facts, passages=passages(texts.get(k.pk, ()), names)))
        for k in calls
    ]


def _account(extracted: ExtractedCall, text: str) -> list[str]:
    """What a report says of its call: the sentences its facts came from and its statements."""
    told = {(e.span.start, e.span.end) for e in extracted.evidence}
    return [text[start:end] for start, end in sorted(told)] + [s.text for s in extracted.statements]


def calls_with_participants(participants: Iterable[int]) -> list[Call]:
    """The calls whose participants are exactly these leaders (none more, none fewer).

    One query: the calls that have all of these leaders among their participants, kept
    when they have no other participant; an undated one also with the first and last
    publication date of its main reports (``first_published``, ``last_published``).
    """
    ids = sorted(set(participants))
    # One join of the participations per leader: the database starts from the leader with
    # the fewest calls, where grouping every participation of these leaders by call read
    # every call of the busiest.
    having_all = Call.objects.all()
    for leader_id in ids:
        having_all = having_all.filter(participations__leader_id=leader_id)
    total = (
        Participation.objects.filter(call_id=OuterRef("pk"))
        .order_by()
        .values("call_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    queryset = (
        having_all.annotate(n_participants=Subquery(total))
        .filter(n_participants=len(ids))
        .order_by("pk")
    )
    calls = list(queryset)
    # An undated call is placed by when its main reports were published: one more query,
    # for the undated calls only (most sets have none).
    undated = [call.pk for call in calls if call.date is None]
    if undated:
        spans = dict.fromkeys(undated, (None, None))
        rows = (
            Report.objects.filter(
                call_id__in=undated, role=SourceRole.MAIN, source__published__isnull=False
            )
            .values("call_id")
            .annotate(first=Min("source__published"), last=Max("source__published"))
            .values_list("call_id", "first", "last")
        )
        for call_id, first, last in rows:
            spans[call_id] = (first, last)
        for call in calls:
            if call.pk in spans:
                call.first_published, call.last_published = spans[call.pk]
    return calls


_WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_WEEKDAY_WORD = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)


def _weekday(call: ExtractedCall, text: str) -> int | None:
    """The weekday the sentences reporting an undated call name, when they name one only."""
    days = {
        _WEEKDAYS[match.group(1).lower()]
        for evidence in call.evidence
        if evidence.fact == "call"
        for match in _WEEKDAY_WORD.finditer(text[evidence.span.start : evidence.span.end])
    }
    return days.pop() if len(days) == 1 else None


# --- small helpers ---------------------------------------------------------------------------


def _source_hashes(calls: Iterable[int]) -> dict[int, set[str]]:
    """The content hashes of the sources that report each of ``calls``: one query."""
    hashes: dict[int, set[str]] = {}
    for call_id, digest in Report.objects.filter(call_id__in=list(calls)).values_list(
        "call_id", "source__content_hash"
    ):
        hashes.setdefault(call_id, set()).add(digest)
    return hashes


def _inferred(extracted: ExtractedCall, facts: Facts) -> str:
    """How the report's date was worked out ('' when it states it, or has none)."""
    if facts.date is None:
        return ""
    return _clip(getattr(extracted, "date_inferred", None) or "", 300)


def _date_strength(inferred: str | None) -> int:
    """How firmly a date is known: stated (2), counted from a date by the text's own words,
    "on Wednesday" (1), or only the day the article was filed or published (0)."""
    if not inferred:
        return 2
    return 0 if date_defaulted(inferred) else 1


def _month_day(value: str | None) -> tuple[int, int] | None:
    """ "07-28" as (7, 28); None for anything else."""
    match = re.fullmatch(r"(\d\d)-(\d\d)", value or "")
    if match is None:
        return None
    month, day = int(match.group(1)), int(match.group(2))
    return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def _role(leader: int, initiator: int | None) -> str:
    if initiator is None:
        return ParticipantRole.PARTICIPANT
    return ParticipantRole.INITIATOR if leader == initiator else ParticipantRole.RECIPIENT


def _summary(extracted: ExtractedCall, text: str) -> str:
    """The engine's summary, else the first sentence that reports the contact."""
    summary = getattr(extracted, "summary", "") or ""
    if not summary:
        first = next((e for e in extracted.evidence if e.fact == "call"), None)
        if first is not None:
            summary = text[first.span.start : first.span.end]
    return " ".join(summary.split())


def _clip(text: str, length: int) -> str:
    text = text or ""
    return text if len(text) <= length else text[: length - 1] + "…"


def fold_name(name: str) -> str:
    """A name for comparison: no accents, no case, single spaces, no dots."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace(".", " ").casefold().split())
