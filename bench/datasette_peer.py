"""The peer: the same archive as an SQLite file in Datasette's own shape, served by Datasette.

    .venv/bin/python bench/datasette_peer.py --calls 200000 [--serve]

Exports the benchmark's SQLite archive (bench/generate.py; the same seed gives
the same rows on PostgreSQL) into flat tables as one would publish them for
Datasette: ``calls`` with kind, year, date and its participants as foreign-key
columns ``leader_1``/``leader_2``/``leader_3`` (and a ``calls_leaders`` link
table), ``leaders``, ``topics`` and ``calls_topics``, ``sources`` with their
publisher, ``reports`` linking the two, and a ``sources_fts`` FTS5 table made by
sqlite-utils (porter stemming, as ours) so that Datasette's ``_search`` works.
A fair peer has an index on every faceted and filtered column, and the compound
indexes its filtered page and its facets over a year use ((leader_n, year, date),
(kind, year), (year, kind), (year, leader_n)); they are here.

Served with its fastest settings: immutable (``-i``: no locking, table counts
computed once), facet suggestions off (``suggest_facets off`` and ``_nosuggest=1``
in every URL), facet and SQL time limits raised to 60 s so every facet completes,
and 25 rows a page as our list shows.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

SCHEMA = """
CREATE TABLE leaders (id INTEGER PRIMARY KEY, name TEXT, slug TEXT, country TEXT);
CREATE TABLE topics (id INTEGER PRIMARY KEY, name TEXT, slug TEXT,
    parent_id INTEGER REFERENCES topics(id));
CREATE TABLE calls (
    id INTEGER PRIMARY KEY, date TEXT, date_precision TEXT, year INTEGER, month INTEGER,
    kind TEXT, duration_minutes INTEGER,
    leader_1 INTEGER REFERENCES leaders(id), leader_2 INTEGER REFERENCES leaders(id),
    leader_3 INTEGER REFERENCES leaders(id), initiator INTEGER REFERENCES leaders(id),
    summary TEXT, status TEXT, slug TEXT);
CREATE TABLE calls_leaders (call_id INTEGER REFERENCES calls(id),
    leader_id INTEGER REFERENCES leaders(id), role TEXT);
CREATE TABLE calls_topics (call_id INTEGER REFERENCES calls(id),
    topic_id INTEGER REFERENCES topics(id));
CREATE TABLE sources (id INTEGER PRIMARY KEY, title TEXT, publisher TEXT, url TEXT,
    published TEXT, dateline TEXT, body TEXT);
CREATE TABLE reports (id INTEGER PRIMARY KEY, call_id INTEGER REFERENCES calls(id),
    source_id INTEGER REFERENCES sources(id), role TEXT);
"""

COPY = """
INSERT INTO leaders SELECT l.id, l.name, l.slug, l.country_id FROM d.archive_leader l;
INSERT INTO topics SELECT t.id, t.name, t.slug, t.parent_id FROM d.archive_topic t;
INSERT INTO calls
  WITH ranked AS (
    SELECT call_id, leader_id, row_number() OVER (PARTITION BY call_id ORDER BY id) AS n
    FROM d.archive_participation),
  sides AS (
    SELECT call_id, max(CASE WHEN n = 1 THEN leader_id END) AS l1,
      max(CASE WHEN n = 2 THEN leader_id END) AS l2, max(CASE WHEN n = 3 THEN leader_id END) AS l3
    FROM ranked GROUP BY call_id)
  SELECT c.id, c.date, c.date_precision, c.year, c.month, c.kind, c.duration_minutes,
    s.l1, s.l2, s.l3, c.initiator_id, c.summary, c.status, c.slug
  FROM d.archive_call c LEFT JOIN sides s ON s.call_id = c.id ORDER BY c.id;
INSERT INTO calls_leaders SELECT call_id, leader_id, role FROM d.archive_participation ORDER BY id;
INSERT INTO calls_topics SELECT call_id, topic_id FROM d.archive_call_topics ORDER BY id;
INSERT INTO sources SELECT s.id, s.title, s.publisher, s.url, s.published, s.dateline, s.body
  FROM d.archive_source s ORDER BY s.id;
INSERT INTO reports SELECT r.id, r.call_id, r.source_id, r.role FROM d.archive_report r
  ORDER BY r.id;
"""

INDEXES = """
CREATE INDEX calls_kind ON calls (kind);
CREATE INDEX calls_year ON calls (year);
CREATE INDEX calls_date ON calls (date);
CREATE INDEX calls_leader_1 ON calls (leader_1);
CREATE INDEX calls_leader_2 ON calls (leader_2);
CREATE INDEX calls_leader_3 ON calls (leader_3);
CREATE INDEX calls_initiator ON calls (initiator);
CREATE INDEX calls_leaders_leader ON calls_leaders (leader_id, call_id);
CREATE INDEX calls_leaders_call ON calls_leaders (call_id);
CREATE INDEX calls_topics_topic ON calls_topics (topic_id, call_id);
CREATE INDEX calls_topics_call ON calls_topics (call_id);
CREATE INDEX sources_publisher ON sources (publisher);
CREATE INDEX reports_call ON reports (call_id);
CREATE INDEX reports_source ON reports (source_id);
-- Every index the equivalent pages use, at its best: a leader's calls of a year newest first
-- (the filtered page), each facet counted from an index over the year it is filtered by.
CREATE INDEX calls_leader_1_year ON calls (leader_1, year, date);
CREATE INDEX calls_leader_2_year ON calls (leader_2, year, date);
CREATE INDEX calls_leader_3_year ON calls (leader_3, year, date);
CREATE INDEX calls_kind_year ON calls (kind, year);
CREATE INDEX calls_year_kind ON calls (year, kind);
CREATE INDEX calls_year_leader_1 ON calls (year, leader_1);
CREATE INDEX calls_year_leader_2 ON calls (year, leader_2);
CREATE INDEX calls_year_date ON calls (year, date);
"""

METADATA = {
    "databases": {
        "*": {
            "tables": {
                "leaders": {"label_column": "name"},
                "topics": {"label_column": "name"},
                "sources": {"label_column": "title"},
            }
        }
    }
}


def peer_path(calls: int) -> Path:
    return common.DATA / f"peer-{calls}.db"


def build(calls: int) -> dict:
    """Export the SQLite archive of ``calls`` calls into the peer's file; returns timings."""
    import sqlite_utils

    source = common.sqlite_path(calls)
    if not source.exists():
        raise SystemExit(f"{source} does not exist: run bench/generate.py --calls {calls} first")
    path = peer_path(calls)
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")
    conn.executescript(SCHEMA)
    conn.execute("ATTACH DATABASE ? AS d", [f"file:{source}?mode=ro"])
    conn.executescript(COPY)
    conn.commit()
    conn.execute("DETACH DATABASE d")
    conn.executescript(INDEXES)
    conn.commit()
    conn.close()
    db = sqlite_utils.Database(path)
    # sqlite-utils' own FTS: sources_fts, external content, porter stemming as ours.
    db["sources"].enable_fts(["title", "body"], tokenize="porter", create_triggers=False)
    db["sources"].optimize()
    db.execute("ANALYZE")
    db.conn.commit()
    db.conn.execute("PRAGMA journal_mode = DELETE")
    db.close()
    (common.DATA / "peer-metadata.json").write_text(json.dumps(METADATA, indent=2))
    return {
        "export_s": round(time.perf_counter() - started, 2),
        "file_mb": round(path.stat().st_size / 2**20, 1),
    }


@contextlib.contextmanager
def serve(calls: int, port: int | None = None) -> Iterator[str]:
    """Datasette on 127.0.0.1 serving the peer file; yields the base URL of its database."""
    path = peer_path(calls)
    port = port or common.free_port()
    datasette = str(Path(common.PYTHON).with_name("datasette"))
    args = [
        datasette, "serve", "-i", str(path), "-h", "127.0.0.1", "-p", str(port),
        "--metadata", str(common.DATA / "peer-metadata.json"),
        "--setting", "sql_time_limit_ms", "60000",
        "--setting", "facet_time_limit_ms", "60000",
        "--setting", "suggest_facets", "off",
        "--setting", "default_page_size", "25",
        "--setting", "allow_download", "off",
    ]  # fmt: skip
    with common.server(args, port, log=common.RESULTS / "datasette.log"):
        yield f"http://127.0.0.1:{port}/{path.stem}"


def peer_urls(base: str, sample: dict) -> dict[str, str]:
    """The peer's pages that match ours: (a) the facet page, (b) filtered, (c) search, (d) a row."""
    facets = [("_facet", "kind"), ("_facet", "year"), ("_facet", "leader_1"),
              ("_facet", "leader_2")]  # fmt: skip
    leader = sample["leader_id"]
    return {
        "list": f"{base}/calls?" + urlencode([*facets, ("_sort_desc", "date"), ("_nosuggest", 1)]),
        "filtered": f"{base}/calls?"
        + urlencode(
            [
                ("_where", f"(leader_1 = {leader} or leader_2 = {leader} or leader_3 = {leader})"),
                ("year", sample["year"]),
                *facets,
                ("_sort_desc", "date"),
                ("_nosuggest", 1),
            ]
        ),
        "search": f"{base}/sources?"
        + urlencode([("_search", sample["word"]), ("_facet", "publisher"), ("_nosuggest", 1)]),
        "permalink": f"{base}/calls/{sample['call_id']}",
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=20000)
    parser.add_argument("--serve", action="store_true", help="then serve it until Ctrl-C")
    args = parser.parse_args(argv)
    if not peer_path(args.calls).exists() or not args.serve:
        print(json.dumps(build(args.calls)))
    if args.serve:
        with serve(args.calls) as base:
            print(f"Datasette serves {base} (Ctrl-C stops it)", flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                while True:
                    time.sleep(3600)
    return 0


if __name__ == "__main__":
    sys.exit(main())
