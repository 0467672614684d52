"""How true the archive's facts are on real articles: the labelled corpus, imported and scored.

    .venv/bin/python bench/accuracy.py                 # the table
    .venv/bin/python bench/accuracy.py --json          # the same figures as JSON
    .venv/bin/python bench/accuracy.py --with-url      # give the importer each page's address
    .venv/bin/python bench/accuracy.py --cases 'gov-*' --show errors   # what went wrong, by case

Every case of ``bench/corpus/cases.json`` whose text is in ``bench/corpus/texts/`` is written
to a temporary folder exactly as the search tool gave it, as a ``.txt`` file (the stored pages
carry a ``date YYYY-MM-DD`` header when their date is known, as the seed articles do), and
imported with ``manage.py import_articles`` into a fresh SQLite archive (migrate, the
gazetteer). ``--date-headers`` gives each text without such a header the labelled publication
date as one; ``--with-url`` imports a JSON record that also carries the page's address. The
calls are then matched to the labels: one labelled contact (every report of it, across
articles, shares a ``call`` key) to at most one call, and one call to at most one contact, a
pair being possible only when the participants are the same people and the call is linked
to an article that reports the contact. The measures are the issue's:

* recall: labelled main contacts matched to a call;
* precision: calls matched to a labelled contact (main or background), over all calls;
* exact date: matched contacts whose date some article fixes, given to the day;
* wrong date: matched calls whose date contradicts the true one (a different day, or a
  month or year that does not hold it);
* kind, duration, initiator: over matched contacts where the label states them;
* merged: contacts reported by two or more articles whose reports all became one call;
* false merges: calls holding reports of two or more different labelled contacts;
* calls from distractors: calls whose every article reports no leaders' contact.

Not a test: it prints what it measured.
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import json
import os
import re
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CORPUS = BENCH / "corpus"
sys.path.insert(0, str(ROOT))

TARGETS = {
    "merged_placed": 0.90,
    "recall": 0.95,
    "precision": 0.97,
    "exact_date": 0.95,
    "wrong_dates": 0,
    "kind": 0.95,
    "duration": 0.90,
    "initiator": 0.90,
    "merged": 0.90,
    "false_merges": 0,
    "distractor_calls": 0,
}


def fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("-", " ").replace(".", " ").replace("'", "").replace("’", "")
    return " ".join(plain.casefold().split())


@dataclass
class Truth:
    """One real contact, as every article that reports it labels it."""

    key: str
    participants: list[str]
    countries: list[str]
    reports: dict[str, dict] = field(default_factory=dict)  # case id -> its contact label

    @property
    def main(self) -> bool:
        return any(c["role"] == "main" for c in self.reports.values())

    def fixed_dates(self) -> set[str]:
        """The days the articles fix: two when two sides' time zones put it on two days."""
        return {c["date"] for c in self.reports.values() if c.get("date_fixed")}

    def best_date(self) -> str | None:
        dates = [c["date"] for c in self.reports.values() if c.get("date")]
        return max(dates, key=len) if dates else None

    def stated(self, fact: str):
        values = [c.get(fact) for c in self.reports.values() if c.get(fact) is not None]
        return values[0] if values else None


@dataclass
class ArchivedCall:
    pk: int
    leaders: list[int]
    date: date | None
    precision: str
    kind: str
    minutes: int | None
    initiator: int | None
    sources: dict[str, str]  # case id -> role


def load_cases(pattern: str | None) -> list[dict]:
    cases = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))
    if pattern:
        cases = [c for c in cases if fnmatch.fnmatch(c["id"], pattern)]
    return [c for c in cases if (CORPUS / "texts" / f"{c['id']}.txt").exists()]


def truths_of(cases: list[dict]) -> dict[str, Truth]:
    truths: dict[str, Truth] = {}
    for case in cases:
        for contact in case.get("contacts") or []:
            truth = truths.setdefault(
                contact["call"],
                Truth(contact["call"], contact["participants"], contact["countries"]),
            )
            truth.reports[case["id"]] = contact
    return truths


_HEADER_RE = re.compile(r"\s*date\s+\d{4}-\d\d")


def write_inputs(cases: list[dict], folder: Path, with_url: bool, headers: bool) -> None:
    for case in cases:
        text = (CORPUS / "texts" / f"{case['id']}.txt").read_text(encoding="utf-8")
        if headers and case.get("published") and not _HEADER_RE.match(text):
            # As the seed articles come: the page's date in a header line of its own.
            text = f"date {case['published']}\n{text}"
        if with_url:
            record = {"body": text, "url": case["url"]}
            (folder / f"{case['id']}.json").write_text(json.dumps(record), encoding="utf-8")
        else:
            (folder / f"{case['id']}.txt").write_text(text, encoding="utf-8")


def import_corpus(folder: Path, database: Path, verbose: bool) -> float:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplo.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_knowledge", verbosity=0)
    started = time.perf_counter()
    out = sys.stderr if verbose else open(os.devnull, "w")  # noqa: SIM115
    # A file that failed is in the output and makes the command exit 1; the rest is imported.
    with contextlib.suppress(SystemExit):
        call_command("import_articles", str(folder), "--no-progress", verbosity=2, stdout=out)
    return time.perf_counter() - started


def archived_calls() -> list[ArchivedCall]:
    from archive.models import Call

    calls = []
    for call in Call.objects.prefetch_related("participations", "reports__source"):
        calls.append(
            ArchivedCall(
                pk=call.pk,
                leaders=sorted(p.leader_id for p in call.participations.all()),
                date=call.date,
                precision=call.date_precision,
                kind=call.kind,
                minutes=call.duration_minutes,
                initiator=call.initiator_id,
                sources={
                    Path(r.source.origin).stem: r.role for r in call.reports.all() if r.source
                },
            )
        )
    return calls


class Names:
    """Labelled names to the archive's leaders: by name or alias, else by surname and country."""

    def __init__(self) -> None:
        from archive.models import Leader

        self.by_name: dict[str, set[int]] = defaultdict(set)
        self.country: dict[int, str] = {}
        self.surnames: dict[tuple[str, str], set[int]] = defaultdict(set)
        self.names: dict[int, str] = {}
        self.countries: dict[int, set[str]] = defaultdict(set)
        for leader in Leader.objects.prefetch_related("terms"):
            self.country[leader.pk] = leader.country_id
            # A leader stands for the country of each office held (an EU office, say).
            self.countries[leader.pk] = {leader.country_id} | {
                t.country_id for t in leader.terms.all()
            }
            self.names[leader.pk] = leader.name
            for name in [leader.name, *leader.aliases]:
                self.by_name[fold(name)].add(leader.pk)
            for code in self.countries[leader.pk]:
                self.surnames[(fold(leader.name).split()[-1], code)].add(leader.pk)

    def ids(self, name: str, country: str) -> set[int]:
        found = {pk for pk in self.by_name.get(fold(name), ()) if country in self.countries[pk]}
        if found:
            return found
        return set(self.surnames.get((fold(name).split()[-1], country), ()))

    def known(self, name: str, country: str) -> bool:
        return any(country in self.countries[pk] for pk in self.by_name.get(fold(name), ()))


def same_people(truth: Truth, call: ArchivedCall, names: Names) -> bool:
    if len(truth.participants) != len(call.leaders):
        return False
    remaining = set(call.leaders)
    for name, country in zip(truth.participants, truth.countries, strict=True):
        hit = names.ids(name, country) & remaining
        if not hit:
            return False
        remaining.discard(min(hit))
    return True


def date_agrees(truth_date: str | None, call: ArchivedCall) -> bool | None:
    """True or False where both are known, None where either is not."""
    if truth_date is None or call.date is None or call.precision == "unknown":
        return None
    parts = [int(p) for p in truth_date.split("-")]
    have = call.date
    if call.precision == "day" and len(parts) == 3:
        return have == date(*parts)
    # Coarser on either side: compatible when the coarser holds the finer.
    depth = min(len(parts), {"day": 3, "month": 2, "year": 1}.get(call.precision, 1))
    return [have.year, have.month, have.day][:depth] == parts[:depth]


def match(
    truths: dict[str, Truth], calls: list[ArchivedCall], names: Names
) -> dict[str, ArchivedCall]:
    """Each contact to at most one call and each call to at most one contact, best first."""
    pairs = []
    for truth in truths.values():
        for call in calls:
            shared = set(truth.reports) & set(call.sources)
            if not shared or not same_people(truth, call, names):
                continue
            # As the score reads a date: any day an article fixes (a call late in one time
            # zone is the next day in another; the labels keep both).
            fixed = truth.fixed_dates()
            if fixed:
                verdicts = [date_agrees(day, call) for day in fixed]
                agrees = True if True in verdicts else (None if None in verdicts else False)
            else:
                agrees = date_agrees(truth.best_date(), call)
            # A call told as the article's main contact is the label that is main there
            # (not the earlier contact of the same leaders the article also mentions).
            roles = sum(call.sources[cid] == truth.reports[cid]["role"] for cid in shared)
            score = (agrees is not False, roles, len(shared), agrees is True)
            pairs.append((score, truth.key, call.pk, call))
    pairs.sort(key=lambda p: p[0], reverse=True)
    matched: dict[str, ArchivedCall] = {}
    taken: set[int] = set()
    for _score, key, pk, call in pairs:
        if key in matched or pk in taken:
            continue
        matched[key] = call
        taken.add(pk)
    return matched


def score(cases: list[dict], calls: list[ArchivedCall], names: Names) -> dict:
    truths = truths_of(cases)
    matched = match(truths, calls, names)
    by_id = {c["id"]: c for c in cases}
    errors: dict[str, list[str]] = defaultdict(list)

    def ratio(hits: int, total: int) -> dict:
        return {"hits": hits, "total": total, "value": round(hits / total, 3) if total else None}

    mains = [t for t in truths.values() if t.main]
    for truth in mains:
        if truth.key not in matched:
            for cid in truth.reports:
                errors[cid].append(f"missed {truth.key} ({' / '.join(truth.participants)})")
    matched_pks = {c.pk for c in matched.values()}
    for call in calls:
        if call.pk not in matched_pks:
            people = ", ".join(names.names.get(pk, str(pk)) for pk in call.leaders)
            when = call.date.isoformat() if call.date else "undated"
            for cid in call.sources:
                errors[cid].append(f"extra call #{call.pk}: {people}, {when}, {call.kind}")

    exact = wrong = dated_total = 0
    kind_hits = kind_total = 0
    duration_hits = duration_total = 0
    initiator_hits = initiator_total = 0
    for key, call in matched.items():
        truth = truths[key]
        fixed = truth.fixed_dates()
        if fixed:
            dated_total += 1
            if call.precision == "day" and call.date and call.date.isoformat() in fixed:
                exact += 1
            else:
                got = call.date.isoformat() if call.date else "unknown"
                for cid in truth.reports:
                    errors[cid].append(
                        f"date of {key}: {got} ({call.precision}), not {'/'.join(sorted(fixed))}"
                    )
        if fixed:
            agrees = any(date_agrees(day, call) is not False for day in fixed)
        else:
            agrees = date_agrees(truth.best_date(), call) is not False
        if not agrees:
            wrong += 1
            for cid in truth.reports:
                errors[cid].append(f"WRONG date of {key}: {call.date} ({call.precision})")
        kinds = {c["kind"] for c in truth.reports.values()}
        kind_total += 1
        if call.kind in kinds:
            kind_hits += 1
        else:
            for cid in truth.reports:
                errors[cid].append(f"kind of {key}: {call.kind}, not {'/'.join(sorted(kinds))}")
        minutes = truth.stated("duration_minutes")
        if minutes is not None:
            duration_total += 1
            if call.minutes == minutes:
                duration_hits += 1
            else:
                for cid in truth.reports:
                    errors[cid].append(f"duration of {key}: {call.minutes}, not {minutes}")
        initiator = truth.stated("initiator")
        if initiator is not None:
            initiator_total += 1
            country = truth.countries[truth.participants.index(initiator)]
            if call.initiator in names.ids(initiator, country):
                initiator_hits += 1
            else:
                got = names.names.get(call.initiator, "none")
                for cid in truth.reports:
                    errors[cid].append(f"initiator of {key}: {got}, not {initiator}")

    multi = [t for t in truths.values() if len(t.reports) >= 2]
    # The reports that each give the contact's day, or a page date to place it by: the
    # rule that keeps distinct calls apart cannot merge a report that gives neither.
    placed = [
        t
        for t in multi
        if all(c.get("date_fixed") or by_id[cid].get("published") for cid, c in t.reports.items())
    ]
    merged_placed = 0
    merged = 0
    for truth in multi:
        call = matched.get(truth.key)
        if call is not None and set(truth.reports) <= set(call.sources):
            merged += 1
            merged_placed += truth in placed
        else:
            where = {
                cid: [
                    f"#{c.pk} {c.date or 'undated'}"
                    for c in calls
                    if cid in c.sources and same_people(truth, c, names)
                ]
                for cid in sorted(truth.reports)
            }
            for cid in truth.reports:
                errors[cid].append(f"not merged: {truth.key} across {where}")

    # A call holds reports of several contacts when two of its articles' labels for these
    # participants name different contacts and no label of one names the other's.
    false_merges = 0
    for call in calls:
        keys_per_case = []
        for cid in call.sources:
            keys = {
                t.key for t in truths.values() if cid in t.reports and same_people(t, call, names)
            }
            if keys:
                keys_per_case.append(keys)
        if len(keys_per_case) < 2:
            continue
        common = set.intersection(*keys_per_case)
        if not common:
            false_merges += 1
            for cid in call.sources:
                errors[cid].append(f"FALSE MERGE in call #{call.pk}: {sorted(call.sources)}")

    distractor_calls = 0
    for call in calls:
        if call.sources and all(not by_id[c].get("contacts") for c in call.sources if c in by_id):
            distractor_calls += 1

    unknown_names = sorted(
        {
            name
            for t in truths.values()
            for name, country in zip(t.participants, t.countries, strict=True)
            if not names.known(name, country)
        }
    )
    figures = {
        "cases": len(cases),
        "contacts": len(truths),
        "main_contacts": len(mains),
        "calls": len(calls),
        "recall": ratio(sum(1 for t in mains if t.key in matched), len(mains)),
        "precision": ratio(len(matched), len(calls)),
        "exact_date": ratio(exact, dated_total),
        "wrong_dates": wrong,
        "kind": ratio(kind_hits, kind_total),
        "duration": ratio(duration_hits, duration_total),
        "initiator": ratio(initiator_hits, initiator_total),
        "merged": ratio(merged, len(multi)),
        "merged_placed": ratio(merged_placed, len(placed)),
        "false_merges": false_merges,
        "distractor_calls": distractor_calls,
        "labelled_names_not_in_gazetteer": unknown_names,
    }
    return {"figures": figures, "errors": dict(errors)}


def met(name: str, value) -> str:
    target = TARGETS[name]
    if isinstance(value, dict):
        value = value["value"]
    if value is None:
        return "n/a"
    ok = value <= target if isinstance(target, int) else value >= target
    return "met" if ok else "MISSED"


def print_table(figures: dict) -> None:
    print(
        f"{figures['cases']} articles, {figures['contacts']} labelled contacts "
        f"({figures['main_contacts']} main), {figures['calls']} calls in the archive\n"
    )
    rows = [
        ("main contacts found (recall)", "recall", "≥ 95%"),
        ("calls that match a real contact (precision)", "precision", "≥ 0.97"),
        ("exact date, where the text fixes it", "exact_date", "≥ 95%"),
        ("a date that differs from the true one", "wrong_dates", "0"),
        ("kind (phone, video, meeting)", "kind", "≥ 95%"),
        ("duration, where stated", "duration", "≥ 90%"),
        ("initiator, where stated", "initiator", "≥ 90%"),
        ("two outlets' reports of one call merged", "merged", "≥ 90%"),
        ("  of them, where every report gives a date", "merged_placed", "≥ 90%"),
        ("distinct calls merged into one", "false_merges", "0"),
        ("calls made from articles with no contact", "distractor_calls", "0"),
    ]
    print(f"| {'measure':46} | {'value':>16} | {'target':>7} | |")
    print(f"| {'-' * 46} | {'-' * 16:>16} | {'-' * 7} | --- |")
    for label, name, target in rows:
        value = figures[name]
        if isinstance(value, dict):
            shown = "n/a" if value["value"] is None else f"{value['value']:.1%}"
            shown += f" ({value['hits']}/{value['total']})"
        else:
            shown = str(value)
        print(f"| {label:46} | {shown:>16} | {target:>7} | {met(name, value)} |")
    unknown = figures["labelled_names_not_in_gazetteer"]
    if unknown:
        print(f"\nlabelled leaders the gazetteer lacks ({len(unknown)}): {', '.join(unknown)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--with-url", action="store_true", help="import each page's address too")
    parser.add_argument(
        "--date-headers",
        action="store_true",
        help="head each text that has no date header with its labelled publication date",
    )
    parser.add_argument("--cases", help="only the cases whose id matches this glob")
    parser.add_argument("--show", choices=["errors"], help="list what went wrong, case by case")
    parser.add_argument("--verbose", action="store_true", help="show the import's own output")
    args = parser.parse_args(argv)

    cases = load_cases(args.cases)
    if not cases:
        print("no case has its text in bench/corpus/texts/: refill them (bench/corpus/README.md)")
        return 1
    with tempfile.TemporaryDirectory(prefix="diplo-accuracy-") as work:
        folder = Path(work) / "articles"
        folder.mkdir()
        write_inputs(cases, folder, args.with_url, args.date_headers)
        seconds = import_corpus(folder, Path(work) / "archive.sqlite3", args.verbose)
        result = score(cases, archived_calls(), Names())
    result["figures"]["import_seconds"] = round(seconds, 2)
    result["figures"]["with_url"] = args.with_url
    result["figures"]["date_headers"] = args.date_headers
    if args.json:
        print(json.dumps(result if args.show else result["figures"], indent=1))
        return 0
    print_table(result["figures"])
    if args.show:
        print()
        for cid in sorted(result["errors"]):
            print(cid)
            for line in dict.fromkeys(result["errors"][cid]):
                print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
