"""The gazetteer in the database: loading ``fixtures/knowledge`` and building the engine's KB.

:func:`load_knowledge` upserts countries, leaders (with their terms) and topics from the
JSON files, idempotently: a second run changes nothing. A record an editor has shaped
is never overwritten: a verified leader, or any record an editor saved in the admin,
only gains what it lacks (missing aliases, keywords, terms, blank fields).

:func:`build_knowledge_base` reads the database back into the engine's
:class:`~archive.extraction.KnowledgeBase`, so that what editors add in the admin is
used by the next import. Build it once per batch: it reads every leader.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import reversion
from django.db import transaction
from django.db.models import Model, Q, prefetch_related_objects
from django.utils.text import slugify
from reversion.models import Version

from .extraction import KnowledgeBase
from .models import Country, Leader, LeaderRedirect, Term, Topic

FILES = {"countries": "countries.json", "leaders": "leaders.json", "topics": "topics.json"}
#: Revision comments written by machines, not editors (see :func:`_edited_ids`).
MACHINE_COMMENTS = ("Imported from", "Loaded from")


class KnowledgeError(ValueError):
    """The knowledge files cannot be read (missing folder or file, malformed JSON)."""


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class KnowledgeReport:
    """What :func:`load_knowledge` did, per kind of record, and what it could not do."""

    countries: Tally = field(default_factory=Tally)
    leaders: Tally = field(default_factory=Tally)
    topics: Tally = field(default_factory=Tally)
    problems: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(t.created or t.updated for t in (self.countries, self.leaders, self.topics))


def has_knowledge() -> bool:
    """Whether the database holds any leader (an empty one needs ``load_knowledge`` first)."""
    return Leader.objects.exists()


def read_knowledge_files(directory: Path | str) -> dict[str, list[dict[str, Any]]]:
    """The three lists of ``directory``: plain objects, a wrapped list, or Django fixture rows."""
    folder = Path(directory)
    if not folder.is_dir():
        raise KnowledgeError(f"{folder}: no such folder")
    loaded: dict[str, list[dict[str, Any]]] = {}
    for key, name in FILES.items():
        path = folder / name
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise KnowledgeError(f"{path}: no such file") from error
        except (OSError, UnicodeDecodeError) as error:
            raise KnowledgeError(f"{path}: cannot be read ({error})") from error
        except json.JSONDecodeError as error:
            reason = f"malformed JSON ({error.msg}, line {error.lineno})"
            raise KnowledgeError(f"{path}: {reason}") from error
        loaded[key] = [_fields(item) for item in _records(data, path)]
    return loaded


def _records(data: Any, path: Path) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for value in data.values():
            if isinstance(value, list):
                return value
    raise KnowledgeError(f"{path}: expected a list of objects")


def _fields(item: Any) -> dict[str, Any]:
    if isinstance(item, Mapping):
        fields = item.get("fields")
        return dict(fields) if isinstance(fields, Mapping) else dict(item)
    return {}


# --- loading ------------------------------------------------------------------------------


def load_knowledge(directory: Path | str) -> KnowledgeReport:
    """Upsert the gazetteer of ``directory`` into the database; see the module docstring.

    Runs in one transaction and one revision ("Loaded from <directory>").
    """
    data = read_knowledge_files(directory)
    report = KnowledgeReport()
    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment(f"Loaded from {directory}")
        _load_countries(data["countries"], report)
        _load_leaders(data["leaders"], report)
        _load_topics(data["topics"], report)
    return report


def _edited_ids(model: type[Model]) -> set[str]:
    """Primary keys (as text) of records an editor saved: a revision with a user.

    Revisions written by imports and by this loader carry a machine comment and are
    not an editor's work, even when an editor started the import from the admin.
    """
    machine = Q()
    for prefix in MACHINE_COMMENTS:
        machine |= Q(revision__comment__startswith=prefix)
    return set(
        Version.objects.get_for_model(model)
        .filter(revision__user__isnull=False)
        .exclude(machine)
        .values_list("object_id", flat=True)
    )


def _strings(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [" ".join(str(v).split()) for v in value if v and str(v).strip()]


def _union(current: list[str], extra: Iterable[str]) -> list[str]:
    merged = list(current)
    for item in extra:
        if item not in merged:
            merged.append(item)
    return merged


def _apply(record: Model, values: Mapping[str, Any], *, only_missing: bool) -> bool:
    """Set ``values`` on ``record``; with ``only_missing``, fill blanks and extend lists only."""
    changed = False
    for name, value in values.items():
        current = getattr(record, name)
        if isinstance(value, list):
            new = _union(current or [], value) if only_missing else value
        elif only_missing:
            new = current if current not in (None, "") else value
        else:
            new = value
        if new != current:
            setattr(record, name, new)
            changed = True
    return changed


def _load_countries(rows: list[dict[str, Any]], report: KnowledgeReport) -> None:
    existing = {country.code: country for country in Country.objects.all()}
    edited = _edited_ids(Country)
    for row in rows:
        code = str(row.get("code") or "").strip().upper()
        name = " ".join(str(row.get("name") or "").split())
        if len(code) != 2 or not code.isalpha() or not name:
            report.problems.append(f"country {row!r}: needs a two-letter code and a name")
            continue
        values = {
            "name": name,
            "slug": slugify(name) or code.lower(),
            "aliases": _strings(row.get("aliases")),
            "demonyms": _strings(row.get("demonyms")),
            "capital": str(row.get("capital") or ""),
            "seats": _strings(row.get("seats")),
            "region": str(row.get("region") or ""),
            "leader_title": str(row.get("leader_title") or "").strip().lower(),
        }
        country = existing.get(code)
        if country is None:
            existing[code] = Country.objects.create(code=code, **values)
            report.countries.count("created")
            continue
        keep = code in edited
        if keep:
            values.pop("slug")
        if _apply(country, values, only_missing=keep):
            country.save()
            report.countries.count("updated")
        else:
            report.countries.count("unchanged")


def _load_leaders(rows: list[dict[str, Any]], report: KnowledgeReport) -> None:
    countries = set(Country.objects.values_list("code", flat=True))
    leaders = {leader.slug: leader for leader in Leader.objects.prefetch_related("terms")}
    unverified: dict[str, list[Leader]] = {}
    for leader in leaders.values():
        if not leader.verified:
            unverified.setdefault(leader.country_id, []).append(leader)
    edited = _edited_ids(Leader)
    new = _NewLeaders()
    for row in rows:
        name = " ".join(str(row.get("name") or "").split())
        slug = str(row.get("slug") or slugify(name))
        country = str(row.get("country") or "").upper()
        if not name or not slug:
            report.problems.append(f"leader {row!r}: needs a name")
            continue
        if country not in countries:
            report.problems.append(f"leader {slug}: unknown country {country!r}")
            continue
        terms = _terms(row, country, countries, report)
        aliases = _strings(row.get("aliases"))
        if slug in new.slugs:
            new.create()  # a slug repeated in the gazetteer: its later rows update it
        leader = leaders.get(slug) or _unverified_namesake(
            name, aliases, unverified.get(country, [])
        )
        if leader is None:
            leader = Leader(
                name=name, slug=slug, country_id=country, aliases=aliases, verified=True
            )
            new.add(leader, terms)
            leaders[slug] = leader
            report.leaders.count("created")
            continue
        keep = leader.verified or str(leader.pk) in edited
        changed = False
        if keep:
            changed |= _apply(leader, {"aliases": aliases}, only_missing=True)
        else:
            # An unverified record nobody has touched (a leader an import discovered):
            # the gazetteer confirms it.
            if leader.slug != slug:
                LeaderRedirect.objects.update_or_create(
                    old_slug=leader.slug, defaults={"leader": leader}
                )
            values = {"name": name, "slug": slug, "country_id": country, "verified": True}
            changed |= _apply(leader, values, only_missing=False)
            changed |= _apply(leader, {"aliases": aliases}, only_missing=True)
        changed |= _add_terms(leader, terms, fill_ends=str(leader.pk) not in edited)
        if changed:
            leader.save()
            report.leaders.count("updated")
        else:
            report.leaders.count("unchanged")
        leaders[leader.slug] = leader
    new.create()


class _NewLeaders:
    """Leaders the gazetteer adds, created together with their terms: a fresh archive's
    2,655 leaders took 24 s one by one (each insert, and each followed into the revision by a
    query for its terms) and take a few seconds so (tests/importing/test_knowledge.py checks
    their history)."""

    def __init__(self) -> None:
        self.leaders: list[Leader] = []
        self.terms: list[list[dict[str, Any]]] = []
        self.slugs: set[str] = set()

    def add(self, leader: Leader, terms: list[dict[str, Any]]) -> None:
        self.leaders.append(leader)
        self.terms.append(terms)
        self.slugs.add(leader.slug)

    def create(self) -> None:
        if not self.leaders:
            return
        Leader.objects.bulk_create(self.leaders)
        Term.objects.bulk_create(
            Term(leader=leader, **values)
            for leader, terms in zip(self.leaders, self.terms, strict=True)
            for values in terms
        )
        # Into the load's revision, as a save would have put them, terms and all: read in
        # one query, where following each leader's terms read them one leader at a time.
        prefetch_related_objects(self.leaders, "terms")
        if reversion.is_active():
            for leader in self.leaders:
                reversion.add_to_revision(leader)
        self.__init__()


def _unverified_namesake(name: str, aliases: list[str], candidates: list[Leader]) -> Leader | None:
    """The one unverified leader among ``candidates`` (those an import created in the
    country) known under one of these names."""
    names = {name.casefold(), *(alias.casefold() for alias in aliases)}
    matches = [
        leader for leader in candidates if not leader.verified and leader.name.casefold() in names
    ]
    return matches[0] if len(matches) == 1 else None


def _terms(
    row: dict[str, Any], country: str, countries: set[str], report: KnowledgeReport
) -> list[dict[str, Any]]:
    terms = []
    for raw in row.get("terms") or []:
        if not isinstance(raw, Mapping):
            continue
        term_country = str(raw.get("country") or country).upper()
        if term_country not in countries:
            report.problems.append(f"leader {row.get('slug')}: term in unknown {term_country!r}")
            continue
        try:
            start, end = _date(raw.get("start")), _date(raw.get("end"))
        except ValueError:
            report.problems.append(f"leader {row.get('slug')}: bad date in term {dict(raw)!r}")
            continue
        terms.append(
            {
                "office": str(raw.get("office") or ""),
                "title": str(raw.get("title") or "").lower(),
                "country_id": term_country,
                "start": start,
                "end": end,
            }
        )
    return terms


def _date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    return datetime.date.fromisoformat(str(value)[:10])


def _add_terms(leader: Leader, terms: list[dict[str, Any]], *, fill_ends: bool) -> bool:
    """Add the terms ``leader`` lacks (same office and start); close open ones if allowed."""
    have = {(term.office, term.start): term for term in leader.terms.all()}
    changed = False
    for values in terms:
        term = have.get((values["office"], values["start"]))
        if term is None:
            Term.objects.create(leader=leader, **values)
            changed = True
        elif fill_ends and term.end is None and values["end"] is not None:
            term.end = values["end"]
            term.save(update_fields=["end"])
            changed = True
    return changed


def _load_topics(rows: list[dict[str, Any]], report: KnowledgeReport) -> None:
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    edited = _edited_ids(Topic)
    parents: dict[str, str] = {}
    outcomes: dict[str, str] = {}
    for row in rows:
        name = " ".join(str(row.get("name") or "").split())
        slug = str(row.get("slug") or slugify(name))
        if not name or not slug:
            report.problems.append(f"topic {row!r}: needs a name")
            continue
        if row.get("parent"):
            parents[slug] = str(row["parent"])
        values = {
            "name": name,
            "description": str(row.get("description") or ""),
            "keywords": _strings(row.get("keywords")),
        }
        topic = topics.get(slug)
        if topic is None:
            if Topic.objects.filter(name=name).exists():
                report.problems.append(f"topic {slug}: another topic is already named {name!r}")
                continue
            topics[slug] = Topic.objects.create(slug=slug, **values)
            outcomes[slug] = "created"
        elif _apply(topic, values, only_missing=str(topic.pk) in edited):
            topic.save()
            outcomes[slug] = "updated"
        else:
            outcomes[slug] = "unchanged"
    # Parents once every topic exists; an edited topic keeps the parent an editor chose.
    for slug, parent_slug in parents.items():
        topic, parent = topics.get(slug), topics.get(parent_slug)
        if topic is None:
            continue
        if parent is None or parent.pk == topic.pk:
            report.problems.append(f"topic {slug}: unknown parent {parent_slug!r}")
            continue
        if str(topic.pk) in edited and topic.parent_id is not None:
            continue
        if topic.parent_id != parent.pk:
            topic.parent = parent
            topic.save(update_fields=["parent"])
            if outcomes.get(slug) == "unchanged":
                outcomes[slug] = "updated"
    for outcome in outcomes.values():
        report.topics.count(outcome)


# --- the engine's knowledge base -----------------------------------------------------------


def build_knowledge_base() -> KnowledgeBase:
    """The engine's knowledge base from the database: every country, leader and topic.

    Four queries whatever the size; unverified leaders are included, so a leader an
    import discovered is recognised by name in the next batches.
    """
    countries = [
        {
            "code": c.code,
            "name": c.name,
            "aliases": list(c.aliases or []),
            "demonyms": list(c.demonyms or []),
            "capital": c.capital,
            "seats": list(c.seats or []),
            "region": c.region,
            "leader_title": c.leader_title,
        }
        for c in Country.objects.all()
    ]
    terms: dict[int, list[dict[str, Any]]] = {}
    for term in Term.objects.order_by("leader_id", "start").values(
        "leader_id", "office", "title", "country_id", "start", "end"
    ):
        terms.setdefault(term["leader_id"], []).append(
            {
                "office": term["office"],
                "title": term["title"],
                "country": term["country_id"],
                "start": term["start"],
                "end": term["end"],
            }
        )
    leaders = [
        {
            "name": leader["name"],
            "slug": leader["slug"],
            "country": leader["country_id"],
            "aliases": list(leader["aliases"] or []),
            "terms": terms.get(leader["id"], []),
        }
        for leader in Leader.objects.values("id", "name", "slug", "country_id", "aliases")
    ]
    topics = [
        {
            "slug": topic["slug"],
            "name": topic["name"],
            "parent": topic["parent__slug"],
            "description": topic["description"],
            "keywords": list(topic["keywords"] or []),
        }
        for topic in Topic.objects.values("slug", "name", "parent__slug", "description", "keywords")
    ]
    return KnowledgeBase.from_dicts(countries, leaders, topics)
