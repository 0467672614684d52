"""Build ``cases.json`` from the labellers' ``parts/``, and help refill the git-ignored texts.

    python bench/corpus/build.py            # parts/*.json -> cases.json (digests filled in)
    python bench/corpus/build.py --check    # validate labels; report texts missing or changed
    python bench/corpus/build.py --queries  # each distinct query, with the ids it must fill
    python bench/corpus/build.py --missing  # the cases whose text is not in texts/

Nothing here fetches anything: the texts come from the search tool, called by an agent
(see README.md). A case keeps the digest of its text as labelled, so a refill that came
back different is noticed before its labels are trusted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
PARTS = CORPUS / "parts"
TEXTS = CORPUS / "texts"
CASES = CORPUS / "cases.json"

KINDS = {"phone", "video", "meeting"}
ROLES = {"main", "background"}
GENRES = {"readout", "wire", "regional", "translation"}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def text_path(case: dict) -> Path:
    return TEXTS / f"{case['id']}.txt"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_parts() -> list[dict]:
    cases: list[dict] = []
    for part in sorted(PARTS.glob("*.json")):
        cases.extend(json.loads(part.read_text(encoding="utf-8")))
    return cases


def problems(cases: list[dict]) -> list[str]:
    """What is wrong with the labels: each problem names the case."""
    found: list[str] = []
    seen_ids: set[str] = set()
    seen_urls: dict[str, str] = {}
    for case in cases:
        cid = case.get("id", "?")
        if not _ID_RE.match(cid) or cid in seen_ids:
            found.append(f"{cid}: id missing, malformed or repeated")
        seen_ids.add(cid)
        url = case.get("url") or ""
        if url in seen_urls:
            found.append(f"{cid}: same address as {seen_urls[url]}")
        seen_urls[url] = cid
        if not case.get("query"):
            found.append(f"{cid}: no query")
        if case.get("genre") not in GENRES:
            found.append(f"{cid}: genre {case.get('genre')!r}")
        contacts = case.get("contacts") or []
        if not contacts and not case.get("distractor"):
            found.append(f"{cid}: no contact and no distractor")
        for contact in contacts:
            names = contact.get("participants") or []
            if len(names) < 2 or len(set(names)) != len(names):
                found.append(f"{cid}: a contact needs two or more distinct participants")
            if len(contact.get("countries") or []) != len(names):
                found.append(f"{cid}: countries and participants differ in length")
            if contact.get("kind") not in KINDS:
                found.append(f"{cid}: kind {contact.get('kind')!r}")
            if contact.get("role") not in ROLES:
                found.append(f"{cid}: role {contact.get('role')!r}")
            when = contact.get("date")
            if when is not None and not _DATE_RE.match(when):
                found.append(f"{cid}: date {when!r}")
            if contact.get("date_fixed") and (when is None or len(when) != 10):
                found.append(f"{cid}: date_fixed without a full date")
            initiator = contact.get("initiator")
            if initiator is not None and initiator not in names:
                found.append(f"{cid}: initiator {initiator!r} is not a participant")
            if not contact.get("call"):
                found.append(f"{cid}: a contact without a call key")
    by_key: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for case in cases:
        for contact in case.get("contacts") or []:
            by_key[contact.get("call")].append((case["id"], contact))
    for key, reports in by_key.items():
        people = {frozenset(c["participants"]) for _, c in reports}
        if len(people) > 1:
            found.append(f"call {key}: reports name different participants ({reports[0][0]}…)")
        days = sorted({c["date"] for _, c in reports if c.get("date_fixed")})
        # Two sides' time zones may put one call on consecutive days; no more.
        if len(days) > 1 and (
            len(days) > 2 or (date.fromisoformat(days[1]) - date.fromisoformat(days[0])).days > 1
        ):
            found.append(f"call {key}: fixed dates differ: {days}")
    return found


def build() -> int:
    cases = read_parts()
    for case in cases:
        path = text_path(case)
        if path.exists():
            case["text_sha256"] = digest(path)
        else:
            previous = case.get("text_sha256")
            case["text_sha256"] = previous
    cases.sort(key=lambda c: c["id"])
    CASES.write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(cases)} cases written to {CASES.relative_to(CORPUS.parent.parent)}")
    for problem in problems(cases):
        print("  problem:", problem)
    return 0


def check() -> int:
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    issues = problems(cases)
    for case in cases:
        path = text_path(case)
        if not path.exists():
            issues.append(f"{case['id']}: text missing ({path.name})")
        elif case.get("text_sha256") and digest(path) != case["text_sha256"]:
            issues.append(f"{case['id']}: text differs from the one labelled")
    for issue in issues:
        print(issue)
    print(f"{len(cases)} cases, {len(issues)} problems")
    return 1 if issues else 0


def queries(only_missing: bool) -> int:
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    grouped: dict[str, list[dict]] = defaultdict(list)
    for case in cases:
        if only_missing and text_path(case).exists():
            continue
        grouped[case["query"]].append(case)
    for query, members in grouped.items():
        print(json.dumps({"query": query, "fill": {c["id"]: c["url"] for c in members}}))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="validate labels and texts")
    mode.add_argument("--queries", action="store_true", help="the queries that refill texts")
    mode.add_argument("--missing", action="store_true", help="the queries of missing texts")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    if args.queries or args.missing:
        return queries(only_missing=args.missing)
    return build()


if __name__ == "__main__":
    sys.exit(main())
