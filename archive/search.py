"""Full-text search over calls and sources, on SQLite (FTS5) and PostgreSQL (tsvector).

The user writes web-search syntax: words, ``"quoted phrases"``, ``or`` between
alternatives and ``-`` before what must not appear::

    drones -sanctions        "nuclear deal"        ceasefire or truce ukraine

`parse` turns that text into a `Query` (never an error: what cannot be read is
dropped), and each backend renders the `Query` itself, with every user word
passed as a quoted phrase or a bound parameter, so user input never reaches FTS5's
MATCH syntax or PostgreSQL's tsquery syntax raw. Both backends give the same
meaning: adjacent alternatives joined by ``or`` form a group, every group must
match, and no excluded term may match (``a or b c`` is ``(a OR b) AND c``).

The documents themselves (`archive.models.CallSearchDocument`, the source table)
are maintained by database triggers; see migration 0002.

Public interface::

    query = parse(request.GET["q"])
    hits = call_hits(query)                                   # count, ids or a sample
    calls = search_calls(Call.objects.all(), query, hits)    # filter
    calls = rank_calls(calls, query)                          # annotate search_rank
    snippets = call_snippets(query, [c.pk for c in page])     # {id: SafeString}
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from django.db import OperationalError, transaction
from django.db import connection as default_connection
from django.db.models import Case, FloatField, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import idlists
from .untrusted import without_controls

# Control characters (tab and newline aside), which no page shows.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Bounds on what one query may ask of the database.
MAX_QUERY_LENGTH = 500
MAX_TERMS = 16

# Words are runs of letters and digits (as FTS5's unicode61 and PostgreSQL's parser
# see them); everything else separates words, so "e-mail" is the phrase "e mail".
WORD = re.compile(r"[^\W_]+")
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
#: Marks that quote a phrase as '"' does: typographic quotes (“nuclear deal”, „...“),
#: guillemets, primes and full-width quotes, as phones and word processors type them.
PHRASE_QUOTES = str.maketrans(dict.fromkeys("“”„‟«»″〝〞＂", '"'))

# Snippet markers: two private-use characters, taken out of the text a passage is cut from
# (and never stored: archive.readers), replaced by <mark> after the passage is HTML-escaped.
# Control characters \x02 and \x03 were used, and an article holding them got highlights.
MARK_START, MARK_END = "\ue000", "\ue001"

#: Characters of each text a passage is looked for in (its opening): an article at the size
#: limit that repeats its words 100,000 times kept FTS5's snippet() busy for 157 s.
SNIPPET_WINDOW = 20_000


@dataclass(frozen=True)
class Query:
    """A parsed search: ``groups`` of alternative phrases (each a tuple of words).

    A call matches when, for every group, at least one of its phrases occurs, and
    none of the ``excluded`` phrases occurs.
    """

    groups: tuple[tuple[tuple[str, ...], ...], ...] = ()
    excluded: tuple[tuple[str, ...], ...] = ()
    truncated: bool = False
    text: str = field(default="", compare=False)

    def __bool__(self) -> bool:
        return bool(self.groups or self.excluded)

    @property
    def has_positive_terms(self) -> bool:
        return bool(self.groups)

    def __str__(self) -> str:
        """The query in canonical web-search syntax."""

        def phrase(words: tuple[str, ...]) -> str:
            return " ".join(words) if len(words) == 1 else '"' + " ".join(words) + '"'

        parts = [" or ".join(phrase(p) for p in group) for group in self.groups]
        parts += ["-" + phrase(p) for p in self.excluded]
        return " ".join(parts)


def parse(text: str | None) -> Query:
    """Read web-search syntax into a `Query`; never raises, drops what has no words.
    Curly quotes (“nuclear deal”) quote a phrase as straight ones do."""
    text = (text or "").translate(PHRASE_QUOTES).strip()
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    groups: list[list[tuple[str, ...]]] = []
    excluded: list[tuple[str, ...]] = []
    pending_or = False
    terms = 0
    for match in TOKEN.finditer(text):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None:
            if bare.lower() == "or":
                pending_or = bool(groups)
                continue
            negated = "-" if bare.startswith("-") else ""
            quoted = bare[1:] if negated else bare
        words = tuple(word.lower() for word in WORD.findall(quoted))
        if not words:
            continue
        if terms >= MAX_TERMS:
            truncated = True
            break
        terms += 1
        if negated:
            excluded.append(words)
            pending_or = False
        elif pending_or and groups:
            groups[-1].append(words)
            pending_or = False
        else:
            groups.append([words])
    return Query(
        groups=tuple(tuple(group) for group in groups),
        excluded=tuple(excluded),
        truncated=truncated,
        text=text,
    )


class Backend(Protocol):
    """What each database offers; ``index`` is "calls" or "sources"."""

    def matching_ids(self, index: str, query: Query) -> tuple[str, list]:
        """SQL (with params) selecting the ids of the records matching ``query``."""

    def rank(self, index: str, query: Query, id_column: str) -> dict:
        """``QuerySet.extra`` arguments joining the index to the outer table (whose id
        column is ``id_column``) and selecting ``search_rank`` (higher is better)."""

    def count(self, index: str, query: Query) -> int:
        """How many records match, counted in the index itself."""

    def estimate(self, index: str, query: Query) -> int | None:
        """About how many records match, known before reading them (see `call_hits`);
        None where the database has no cheap way to tell."""

    def best(self, index: str, query: Query, limit: int) -> tuple[str, list]:
        """SQL (with params) selecting (id, search_rank) of the ``limit`` most relevant
        records, ranked in the index alone (no join to the records themselves)."""

    def contains(self, index: str, query: Query, id_column: str) -> tuple[str, list]:
        """A condition (with params) true when the record whose id is ``id_column`` matches
        the positive part of ``query``: the index is probed for that one record."""

    def matching_among(self, index: str, query: Query, ids: list[int]) -> set[int]:
        """Which of the records ``ids`` match ``query`` (the index probed for each)."""

    def snippets(self, index: str, query: Query, ids: list[int]) -> dict[int, str]:
        """The best passage of each record, matches wrapped in MARK_START/MARK_END."""

    def word_counts(self, words: list[str]) -> dict[str, tuple[str, int]] | None:
        """Of ``words``, those the calls' index holds: their stem, and how many calls hold
        them (counted up to SUGGESTION_COUNT_CAP); None when it could not tell in time."""


#: The table of the records each index finds, whose ``id`` its ids are.
RECORDS = {"calls": "archive_call", "sources": "archive_source"}


def _fts5_phrase(words: tuple[str, ...]) -> str:
    # Words hold only letters and digits, but quote defensively as FTS5 does: "" for ".
    return '"' + " ".join(words).replace('"', '""') + '"'


class SQLiteBackend:
    """FTS5 external-content tables; bm25 for relevance (lower is better, so negated)."""

    tables = {"calls": "archive_callsearch_fts", "sources": "archive_source_fts"}
    # Column weights for bm25, in the FTS table's column order.
    weights = {"calls": (4.0, 3.0, 2.0, 1.5, 1.0), "sources": (3.0, 1.0)}

    def match_expression(self, query: Query) -> str:
        """The FTS5 MATCH expression of the positive part, all phrases quoted."""
        groups = ["(" + " OR ".join(_fts5_phrase(p) for p in g) + ")" for g in query.groups]
        expression = " AND ".join(groups)
        if query.excluded and expression:
            excluded = " OR ".join(_fts5_phrase(p) for p in query.excluded)
            expression = f"({expression}) NOT ({excluded})"
        return expression

    def excluded_expression(self, query: Query) -> str:
        return " OR ".join(_fts5_phrase(p) for p in query.excluded)

    def matching_ids(self, index: str, query: Query) -> tuple[str, list]:
        table = self.tables[index]
        if query.has_positive_terms:
            return f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [
                self.match_expression(query)
            ]
        # Only exclusions: every record except those that match them, read from the
        # records' own table (a full scan of the FTS table reads every document: 700 ms
        # rather than 30 at 200,000 calls).
        return (
            f"SELECT id FROM {RECORDS[index]} WHERE id NOT IN"
            f" (SELECT rowid FROM {table} WHERE {table} MATCH %s)",
            [self.excluded_expression(query)],
        )

    def rank(self, index: str, query: Query, id_column: str) -> dict:
        # A join, so that bm25 is computed in one pass over the matches (a correlated
        # MATCH per row would search the index once per row).
        table = self.tables[index]
        weights = ", ".join(str(w) for w in self.weights[index])
        return {
            "select": {"search_rank": f"-bm25({table}, {weights})"},
            "tables": [table],
            "where": [f"{table} MATCH %s", f"{table}.rowid = {id_column}"],
            "params": [self.match_expression(query)],
        }

    def count(self, index: str, query: Query) -> int:
        sql, params = self.matching_ids(index, query)
        with default_connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({sql})", params)
            return cursor.fetchone()[0]

    def estimate(self, index: str, query: Query) -> int | None:
        # FTS5 keeps no statistics to guess from, and reading even a common word's ids is
        # quick (19 ms for one in 117,764 calls): they are read.
        return None

    def best(self, index: str, query: Query, limit: int) -> tuple[str, list]:
        table = self.tables[index]
        weights = ", ".join(str(w) for w in self.weights[index])
        return (
            f"SELECT rowid, -bm25({table}, {weights}) FROM {table} WHERE {table} MATCH %s"
            f" ORDER BY bm25({table}, {weights}), rowid DESC LIMIT %s",
            [self.match_expression(query), int(limit)],
        )

    def contains(self, index: str, query: Query, id_column: str) -> tuple[str, list]:
        table = self.tables[index]
        return (
            f"EXISTS (SELECT 1 FROM {table} WHERE {table} MATCH %s AND rowid = {id_column})",
            [self.match_expression(query)],
        )

    def matching_among(self, index: str, query: Query, ids: list[int]) -> set[int]:
        if not ids:
            return set()
        sql, params = self.matching_ids(index, query)
        marks = ", ".join(["%s"] * len(ids))
        with default_connection.cursor() as cursor:
            cursor.execute(f"{sql} AND rowid IN ({marks})", [*params, *ids])
            return {row[0] for row in cursor.fetchall()}

    def word_counts(self, words: list[str]) -> dict[str, tuple[str, int]]:
        """The ``words`` the calls' index holds: (stem, calls holding it) for each, read
        from the index's own list of terms (fts5vocab), which holds stems."""
        stems = _scratch().stems(words)
        wanted = sorted(set(stems.values()))
        if not wanted:
            return {}
        vocabulary = "temp.diplo_call_terms"
        marks = ", ".join(["%s"] * len(wanted))
        with default_connection.cursor() as cursor:
            # Per connection (the temp schema): a view of the index's terms, kept by FTS5.
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {vocabulary}"
                " USING fts5vocab(main, archive_callsearch_fts, row)"
            )
            cursor.execute(f"SELECT term, doc FROM {vocabulary} WHERE term IN ({marks})", wanted)
            held = dict(cursor.fetchall())
        return {
            word: (stem, min(held[stem], SUGGESTION_COUNT_CAP))
            for word, stem in stems.items()
            if held.get(stem)
        }

    # Columns a snippet may come from, best first: names and topic names read badly.
    snippet_columns = {
        "calls": ("archive_callsearchdocument", "call_id", ("summary", "statements", "sources")),
        "sources": ("archive_source", "id", ("body", "title")),
    }

    def snippets(self, index: str, query: Query, ids: list[int]) -> dict[int, str]:
        """Passages cut by FTS5 from the opening of each text (SNIPPET_WINDOW characters),
        in a small in-memory index of this connection's own: snippet() on the archive's
        index reads the whole of a text, however long."""
        if not ids or not query.has_positive_terms:
            return {}
        table, key, columns = self.snippet_columns[index]
        marks = ", ".join(["%s"] * len(ids))
        openings = ", ".join(
            f"substr(COALESCE({column}, ''), 1, {SNIPPET_WINDOW})" for column in columns
        )
        with default_connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {key}, {openings} FROM {table} WHERE {key} IN ({marks})", list(ids)
            )
            rows = [(row[0], [_cleaned(text) for text in row[1:]]) for row in cursor.fetchall()]
        # Any positive phrase: an opening may hold one group's words and not another's.
        anywhere = " OR ".join(_fts5_phrase(p) for group in query.groups for p in group)
        return _scratch().snippets(rows, len(columns), anywhere)


class _ScratchIndex:
    """An in-memory FTS5 index (the archive's tokenizer) that passages are cut from."""

    def __init__(self) -> None:
        import sqlite3

        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.has_stems = False
        self.db.execute(
            "CREATE VIRTUAL TABLE passages USING fts5(a, b, c,"
            " tokenize='porter unicode61 remove_diacritics 2')"
        )

    def stems(self, words: list[str]) -> dict[str, str]:
        """Each of ``words`` as the archive's tokenizer stems it ("sanctions": "sanction"),
        read from an index of the words themselves (fts5vocab, one row per word)."""
        db = self.db
        if not self.has_stems:
            db.execute(
                "CREATE VIRTUAL TABLE stem_words USING fts5(w,"
                " tokenize='porter unicode61 remove_diacritics 2')"
            )
            db.execute("CREATE VIRTUAL TABLE stem_terms USING fts5vocab(stem_words, instance)")
            self.has_stems = True
        try:
            db.executemany(
                "INSERT INTO stem_words (rowid, w) VALUES (?, ?)",
                list(enumerate(words, start=1)),
            )
            rows = db.execute("SELECT doc, term FROM stem_terms").fetchall()
        finally:
            db.execute("DELETE FROM stem_words")
            db.commit()
        stems: dict[str, str] = {}
        for doc, term in rows:
            stems.setdefault(words[doc - 1], term)  # a word of one term: its first
        return stems

    def snippets(self, rows: list, width: int, expression: str) -> dict[int, str]:
        names = "abc"[:width]
        snippets = ", ".join(
            f"snippet(passages, {column}, ?, ?, '…', 28)" for column in range(width)
        )
        db = self.db
        try:
            db.execute("DELETE FROM passages")
            db.executemany(
                f"INSERT INTO passages (rowid, {', '.join(names)})"
                f" VALUES (?, {', '.join('?' * width)})",
                [(pk, *texts) for pk, texts in rows],
            )
            found = db.execute(
                f"SELECT rowid, {snippets} FROM passages WHERE passages MATCH ?",
                [MARK_START, MARK_END] * width + [expression],
            ).fetchall()
        finally:
            db.execute("DELETE FROM passages")
            db.commit()
        # The first column whose passage holds a match (a column without one gives its start).
        return {
            row[0]: next((text for text in row[1:] if text and MARK_START in text), "")
            for row in found
        }


_scratch_indexes = threading.local()


def _scratch() -> _ScratchIndex:
    """This thread's scratch index (gunicorn's threads each have their own)."""
    index = getattr(_scratch_indexes, "index", None)
    if index is None:
        index = _scratch_indexes.index = _ScratchIndex()
    return index


def _cleaned(text: str | None) -> str:
    """A text a passage may be cut from: no control characters, none of the markers."""
    return without_controls(text or "")


#: How many more matches than asked a RUM index is read for, to order ties by id.
RUM_TIES = 50
_rum_tables: dict[str, frozenset[str]] = {}


def rum_indexed_tables() -> frozenset[str]:
    """The tables whose search vectors have a RUM index (migration 0020) in the default
    PostgreSQL database, read once a process and database."""
    name = default_connection.settings_dict["NAME"]
    found = _rum_tables.get(name)
    if found is None:
        with default_connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT c.relname FROM pg_index i"
                " JOIN pg_class x ON x.oid = i.indexrelid"
                " JOIN pg_am a ON a.oid = x.relam JOIN pg_class c ON c.oid = i.indrelid"
                " WHERE a.amname = 'rum'"
            )
            found = frozenset(row[0] for row in cursor.fetchall())
        _rum_tables[name] = found
    return found


class PostgreSQLBackend:
    """Generated tsvector columns with GIN indexes; ts_headline; relevance from a RUM index
    where the server has one (migration 0020), else ts_rank."""

    tables = {
        "calls": ("archive_callsearchdocument", "call_id", "vector"),
        "sources": ("archive_source", "id", "search_vector"),
    }
    # What a passage is taken from: the first of these columns that holds a match (as the
    # SQLite backend's snippet_columns), so that a call's long sources are parsed only when
    # its summary and statements do not match: 17 ms rather than 23 for a page of a common
    # word. A source's title and body are read as one text.
    headline_columns = {
        "calls": ("summary", "statements", "sources"),
        "sources": ("concat_ws(chr(10), title, body)",),
    }

    def _phrase(self, words: tuple[str, ...]) -> tuple[str, list]:
        # websearch_to_tsquery of a quoted phrase is its phrase query; the words are a
        # bound parameter, never tsquery syntax. diplo_search_text splits them as the
        # stored vectors were split (migration 0004).
        return (
            "websearch_to_tsquery('diplo', diplo_search_text(%s))",
            ['"' + " ".join(words) + '"'],
        )

    def _any(self, phrases) -> tuple[str, list]:
        parts = [self._phrase(p) for p in phrases]
        return (
            "(" + " || ".join(sql for sql, _ in parts) + ")",
            [param for _, params in parts for param in params],
        )

    def tsquery(self, query: Query) -> tuple[str, list]:
        """A tsquery expression: groups joined by &&, exclusions by && !!."""
        parts = [self._any(group) for group in query.groups]
        if query.excluded:
            sql, params = self._any(query.excluded)
            parts.append((f"!!{sql}", params))
        return (
            "(" + " && ".join(sql for sql, _ in parts) + ")",
            [param for _, params in parts for param in params],
        )

    def matching_ids(self, index: str, query: Query) -> tuple[str, list]:
        table, key, vector = self.tables[index]
        if not query.has_positive_terms:
            # Only exclusions: every record but those the index finds for them. A negated
            # tsquery cannot use the GIN index, and testing every vector took 1.1 s.
            sql, params = self._any(query.excluded)
            return (
                f"SELECT id FROM {RECORDS[index]}"
                f" EXCEPT SELECT {key} FROM {table} WHERE {vector} @@ {sql}",
                params,
            )
        sql, params = self.tsquery(query)
        return f"SELECT {key} FROM {table} WHERE {vector} @@ {sql}", params

    def _rank_of(self, table: str, vector: str, sql: str) -> str:
        """The relevance of ``table``'s ``vector`` (a column, or a qualified one) to the
        tsquery ``sql``, higher being better: RUM's distance, negated, where its index ranks
        the best (see `best`), so that every page of a ranking agrees; else ts_rank."""
        if table in rum_indexed_tables():
            return f"-({vector} <=> {sql})"
        return f"ts_rank({vector}, {sql})"

    def rank(self, index: str, query: Query, id_column: str) -> dict:
        table, key, vector = self.tables[index]
        sql, params = self.tsquery(query)
        outer = id_column.split(".")[0].strip('"')
        if table == outer:
            # The vector is a column of the outer table itself (sources).
            return {
                "select": {"search_rank": self._rank_of(table, f'"{table}".{vector}', sql)},
                "select_params": params,
            }
        return {
            "select": {"search_rank": self._rank_of(table, f'"{table}".{vector}', sql)},
            "select_params": params,
            "tables": [table],
            "where": [f'"{table}".{key} = {id_column}'],
        }

    def count(self, index: str, query: Query) -> int:
        sql, params = self.matching_ids(index, query)
        with default_connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({sql}) AS hits", params)
            return cursor.fetchone()[0]

    def estimate(self, index: str, query: Query) -> int | None:
        # The planner's estimate, from the statistics ANALYZE keeps of the vectors' most
        # common words: in 0.4 ms, where counting a word in 117,764 calls takes 25 ms. For
        # a generated archive of 200,000 calls it said 118,167 for that word, 17,020 for
        # one in 17,082, and 10,056 for both words together (11,104); rare words, 1,000.
        sql, params = self.matching_ids(index, query)
        with default_connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return int(plan[0]["Plan"]["Plan Rows"])

    def best(self, index: str, query: Query, limit: int) -> tuple[str, list]:
        table, key, vector = self.tables[index]
        sql, params = self.tsquery(query)
        rank = self._rank_of(table, vector, sql)
        if table in rum_indexed_tables():
            # The RUM index (migration 0020) hands the matches over by relevance: the best
            # are read from the index alone, where ts_rank reads every match's vector
            # from TOAST first. Records as relevant as each other come in no set order,
            # so a few more than asked are read and ties are ordered by id, as below.
            return (
                f"SELECT {key}, rank FROM (SELECT {key}, {rank} AS rank"
                f" FROM {table} WHERE {vector} @@ {sql} ORDER BY {vector} <=> {sql}"
                f" LIMIT %s) AS best ORDER BY rank DESC, {key} DESC LIMIT %s",
                [*params, *params, *params, int(limit) + RUM_TIES, int(limit)],
            )
        return (
            f"SELECT {key}, {rank} FROM {table} WHERE {vector} @@ {sql}"
            f" ORDER BY 2 DESC, {key} DESC LIMIT %s",
            [*params, *params, int(limit)],
        )

    def contains(self, index: str, query: Query, id_column: str) -> tuple[str, list]:
        table, key, vector = self.tables[index]
        sql, params = self.tsquery(query)
        return (
            f"EXISTS (SELECT 1 FROM {table} AS probed WHERE probed.{key} = {id_column}"
            f" AND probed.{vector} @@ {sql})",
            params,
        )

    def matching_among(self, index: str, query: Query, ids: list[int]) -> set[int]:
        if not ids:
            return set()
        sql, params = self.matching_ids(index, query)
        with default_connection.cursor() as cursor:
            cursor.execute(
                f"SELECT hit FROM ({sql}) AS hits (hit) WHERE hit = ANY(%s)", [*params, list(ids)]
            )
            return {row[0] for row in cursor.fetchall()}

    def word_counts(self, words: list[str]) -> dict[str, tuple[str, int]] | None:
        """The ``words`` the calls' index holds: (stem, calls holding it, counted up to
        SUGGESTION_COUNT_CAP) for each, from the GIN index. None when that took longer than
        SUGGESTION_TIME_MS.

        Each probe of the index also reads its list of entries not yet merged (up to 4 MB
        after many writes, until autovacuum merges them): 335 words one probe each took
        300 ms with 470 such pages at 20,001 calls, rather than 8, and 10 s in the test
        suite. So the words are probed WORD_GROUP at a time first (one tsquery holding
        them all), and one by one only in the groups that matched.
        """
        if not words:
            return {}
        # The words' lexemes; a group's "any of them" query is their tsquery texts joined.
        asked = """
            SELECT word, ord, plainto_tsquery('diplo', diplo_search_text(word)) AS q
            FROM unnest(%s::text[]) WITH ORDINALITY AS listed (word, ord)
        """
        any_of_group = f"""
            SELECT grp FROM (
                SELECT (ord - 1) / %s AS grp, string_agg(q::text, ' | ')::tsquery AS q
                FROM ({asked}) AS asked WHERE numnode(q) = 1 GROUP BY 1
            ) AS groups
            WHERE (
                SELECT count(*) FROM (
                    SELECT 1 FROM archive_callsearchdocument AS d WHERE d.vector @@ q LIMIT 1
                ) AS found
            ) > 0
        """
        each = f"""
            SELECT word, q::text, (
                SELECT count(*) FROM (
                    SELECT 1 FROM archive_callsearchdocument AS d WHERE d.vector @@ q LIMIT %s
                ) AS found
            )
            FROM ({asked}) AS asked
            WHERE numnode(q) = 1
        """
        words = list(words)
        try:
            # A page never waits on a suggestion: at most SUGGESTION_TIME_MS, in the
            # transaction of index_scan (whose end undoes the limit; a test's does not, so
            # the page's own limit is put back).
            with index_scan(), default_connection.cursor() as cursor:
                cursor.execute(
                    "SELECT current_setting('statement_timeout'),"
                    " set_config('statement_timeout', %s, true)",
                    [f"{SUGGESTION_TIME_MS}ms"],
                )
                limit = cursor.fetchone()[0]
                if len(words) > WORD_GROUP:
                    cursor.execute(any_of_group, [WORD_GROUP, words])
                    groups = {row[0] for row in cursor.fetchall()}
                    words = [w for i, w in enumerate(words) if i // WORD_GROUP in groups]
                rows = []
                if words:
                    cursor.execute(each, [SUGGESTION_COUNT_CAP, words])
                    rows = cursor.fetchall()
                cursor.execute("SELECT set_config('statement_timeout', %s, true)", [limit])
        except OperationalError as error:
            if "statement timeout" not in str(error):
                raise
            return None
        # A tsquery of one lexeme reads 'drone' (quoted).
        return {word: (stem.strip("'"), count) for word, stem, count in rows if count}

    def snippets(self, index: str, query: Query, ids: list[int]) -> dict[int, str]:
        if not ids or not query.has_positive_terms:
            return {}
        table, key, _ = self.tables[index]
        sql, params = self.tsquery(query)
        options = (
            f"StartSel={MARK_START}, StopSel={MARK_END}, MaxFragments=2, MaxWords=20,"
            ' MinWords=10, FragmentDelimiter=" … "'
        )

        def opening(column: str) -> str:
            # The text's opening (SNIPPET_WINDOW characters) without the markers: ts_headline
            # parses all it is given.
            return f"translate(left({column}, {SNIPPET_WINDOW}), chr(57344) || chr(57345), '')"

        def headline(column: str) -> tuple[str, list]:
            return f"ts_headline('diplo', {opening(column)}, {sql}, %s)", [*params, options]

        *preferred, last = self.headline_columns[index]
        passage, values = headline(last)
        if preferred:
            branches, values_before = "", []
            for column in preferred:
                text, text_params = headline(column)
                branches += f" WHEN to_tsvector('diplo', {opening(column)}) @@ {sql} THEN {text}"
                values_before += [*params, *text_params]
            passage, values = f"CASE{branches} ELSE {passage} END", [*values_before, *values]
        statement = f"SELECT {key}, {passage} FROM {table} WHERE {key} = ANY(%s)"
        with default_connection.cursor() as cursor:
            cursor.execute(statement, [*values, list(ids)])
            return dict(cursor.fetchall())


def backend() -> Backend:
    """The backend for the default database."""
    if default_connection.vendor == "postgresql":
        return PostgreSQLBackend()
    if default_connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"No full-text search for {default_connection.vendor}")


def _matching(queryset: QuerySet, index: str, query: Query, hits: Hits | None = None) -> QuerySet:
    # Up to MAX_LISTED hits, a search's ids are read once and handed to every later query
    # of the page (results, each facet), instead of each query searching the index again.
    sql, params = backend().matching_ids(index, query)
    if hits is None:
        expected = backend().estimate(index, query)
        if expected is not None and expected > 2 * idlists.MAX_LISTED:
            # Far too many to hand on, as far as the database can tell: not read at all.
            return queryset.filter(pk__in=RawSQL(sql, params))
        with index_scan():
            ids = idlists.collected(f"{sql} LIMIT {idlists.MAX_LISTED + 1}", params)
        hits = Hits(len(ids), ids if len(ids) <= idlists.MAX_LISTED else None)
    if hits.ids is None:
        return queryset.filter(pk__in=RawSQL(sql, params))
    return queryset.filter(pk__in=idlists.listed(hits.ids))


@dataclass(frozen=True)
class Hits:
    """The calls a search matches, as `call_hits` read them from the index."""

    count: int
    ids: list[int] | None  # every one, when they are at most idlists.MAX_LISTED
    every: list[int] | None = None  # every one, however many (None: not read)


def call_hits(query: Query) -> Hits:
    """How many calls match ``query``, their ids when they are few enough to hand on to
    later queries (`idlists.MAX_LISTED`), and every one of them, which the facets count
    exactly (:mod:`archive.facet_bitmaps`).

    The ids are read from the index alone, gathered by the database into one value: a word
    in 117,764 of 200,000 generated calls in 15 ms on SQLite and 44 ms on PostgreSQL
    (bench/README.md).
    """
    if not query:
        return Hits(0, [], [])
    sql, params = backend().matching_ids("calls", query)
    with index_scan():
        ids = idlists.collected(sql, params)
    listed = ids if len(ids) <= idlists.MAX_LISTED else None
    return Hits(len(ids), listed, ids)


def matching_call_ids(query: Query) -> list[int]:
    """The ids of every call matching ``query``, read from the index alone."""
    if not query:
        return []
    sql, params = backend().matching_ids("calls", query)
    with index_scan():
        return idlists.collected(sql, params)


@contextlib.contextmanager
def index_scan() -> Iterator[None]:
    """On PostgreSQL, find the matches through the GIN index, never by reading every row.

    The planner does not count the cost of detoasting each row's vector to test it, and
    for a word in most documents it prefers reading the whole table: 950 ms at 200,000
    calls, where the index's bitmap takes 150 ms.
    """
    if default_connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with default_connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def kept_to_index(query: Query) -> contextlib.AbstractContextManager:
    """`index_scan` while ``query`` searches for something (the queries inside may filter by
    it); nothing otherwise."""
    return index_scan() if query else contextlib.nullcontext()


def search_calls(queryset: QuerySet, query: Query, hits: Hits | None = None) -> QuerySet:
    """``queryset`` (of calls) narrowed to those matching ``query`` (``hits``, when already
    read: see `call_hits`)."""
    if not query:
        return queryset
    return _matching(queryset, "calls", query, hits)


def calls_containing(queryset: QuerySet, query: Query) -> QuerySet:
    """``queryset`` (of calls) narrowed to those matching ``query``'s positive terms, each
    call's document probed in the index as the calls are read.

    For the first pages of a word in much of the archive, read in the order of an index (the
    newest first): they are found after a few probes a call listed, where `search_calls`
    starts from every match (70 ms for a word in 117,000 of 200,000 calls on SQLite; 57 ms
    on PostgreSQL for one in 17,000, which it looks up one by one before sorting them).
    For a rare word the probes would read the whole archive: use `search_calls`.
    """
    table = queryset.model._meta.db_table
    sql, params = backend().contains("calls", query, f'"{table}"."id"')
    # QuerySet.extra, because the ORM cannot join a table it has no model for (FTS5).
    return queryset.extra(where=[sql], params=params)


def sources_matching(query: Query, ids: list[int]) -> set[int]:
    """Which of the sources ``ids`` match ``query`` (few ids: the index is probed for each)."""
    return backend().matching_among("sources", query, list(ids))


#: The most results ranked in the index alone (40 pages); further pages rank every match.
MAX_BEST = 1000

#: Past this many matching calls a search lists the newest first, unless relevance is asked
#: for: ranking computes a score for every match, and a page may spend about 50 ms on the
#: calls' and their sources' scores. On SQLite bm25 costs about 1 µs a match; PostgreSQL's
#: ts_rank 7-9 µs, as it reads each match's whole vector from TOAST. A word in that many
#: calls says little of which matter most anyway: bm25 weighs a word by its rarity.
MAX_RANKED = {"sqlite": 20_000, "postgresql": 3_000}


def max_ranked() -> int:
    """How many matches the default database ranks unless asked (`MAX_RANKED`)."""
    return MAX_RANKED.get(default_connection.vendor, 0)


def _ranked(queryset: QuerySet, index: str, query: Query, best: int | None = None) -> QuerySet:
    if not query.has_positive_terms:
        # Only exclusions: nothing to rank by.
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if best is not None and best <= MAX_BEST:
        # Ranked in the index alone, and only these records read, with their rank: a
        # common word matches most of the archive, and joining every match to its record
        # before sorting cost twice as much.
        sql, params = backend().best(index, query, best)
        with default_connection.cursor() as cursor:
            cursor.execute(sql, params)
            ranked = cursor.fetchall()
        rank = Case(
            *(When(pk=pk, then=Value(value)) for pk, value in ranked),
            default=Value(0.0),
            output_field=FloatField(),
        )
        return queryset.filter(pk__in=idlists.listed([pk for pk, _ in ranked])).annotate(
            search_rank=rank
        )
    table = queryset.model._meta.db_table
    # QuerySet.extra, because the ORM cannot join a table it has no model for (FTS5).
    return queryset.extra(**backend().rank(index, query, f'"{table}"."id"'))


def rank_calls(queryset: QuerySet, query: Query, best: int | None = None) -> QuerySet:
    """``queryset`` (of calls) joined to the index and given ``search_rank`` (higher is more
    relevant).

    Only the calls matching ``query`` remain; with ``best``, only the ``best`` most relevant
    of the whole index (for a search alone, the first ``best`` results). Use the result as a
    top-level query (a page of results, an export), not inside another query.
    """
    return _ranked(queryset, "calls", query, best)


def search_sources(queryset: QuerySet, query: Query) -> QuerySet:
    if not query:
        return queryset
    return _matching(queryset, "sources", query)


def rank_sources(queryset: QuerySet, query: Query, best: int | None = None) -> QuerySet:
    return _ranked(queryset, "sources", query, best)


def count_calls(query: Query) -> int:
    """The number of calls matching ``query``, counted in the index (no join to calls)."""
    return backend().count("calls", query)


#: Words shorter than this are not corrected: most words one letter from them are words.
MIN_CORRECTED_LENGTH = 4
#: Nor longer ones (about 55 neighbours a letter), nor more than a few words a search.
MAX_CORRECTED_LENGTH = 30
MAX_CORRECTED_WORDS = 3
#: The nearest words offered for each word the archive does not hold.
MAX_SUGGESTIONS = 3
#: Calls counted for each word, to rank the nearest: beyond it, any word is common.
SUGGESTION_COUNT_CAP = 1000
#: The longest a lookup of words may take (PostgreSQL); past it, no suggestion is made.
SUGGESTION_TIME_MS = 300
#: Words probed together in PostgreSQL's index before they are probed one by one.
WORD_GROUP = 24
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Suggestion:
    """A word of a search that no call holds, and the nearest words the calls hold (one
    letter left out, added, changed or two swapped), the most common first."""

    word: str
    nearest: tuple[str, ...]


def _one_edit_from(word: str) -> set[str]:
    """Every word one edit from ``word``: a letter deleted, inserted, replaced, or two
    neighbours swapped (Damerau-Levenshtein distance 1)."""
    letters = _LETTERS + "".join(sorted(set(word) - set(_LETTERS)))
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deleted = {a + b[1:] for a, b in splits if b}
    swapped = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaced = {a + c + b[1:] for a, b in splits if b for c in letters}
    inserted = {a + c + b for a, b in splits for c in letters}
    return (deleted | swapped | replaced | inserted) - {word}


def suggestions(query: Query) -> list[Suggestion]:
    """For each word of ``query``'s positive terms that no call holds, the nearest words
    that calls hold ("nucelar": "nuclear"); the same words on SQLite and PostgreSQL.

    One lookup in the index for the query's words, and one for each unknown word's
    neighbours (about 500 words of one edit, looked up at once), for at most
    MAX_CORRECTED_WORDS of them.
    """
    words = list(
        dict.fromkeys(
            word
            for group in query.groups
            for phrase in group
            for word in phrase
            if MIN_CORRECTED_LENGTH <= len(word) <= MAX_CORRECTED_LENGTH and word.isalpha()
        )
    )
    if not words:
        return []
    held = backend().word_counts(words)
    if held is None:
        return []  # not known in time: nothing is said of the words
    found = []
    for word in [word for word in words if word not in held][:MAX_CORRECTED_WORDS]:
        neighbours = backend().word_counts(sorted(_one_edit_from(word)))
        if neighbours is None:
            continue
        # The most common first; of one stem ("drone", "drones", "droned") the stem itself,
        # else the nearest in length.
        ranked = sorted(
            neighbours,
            key=lambda w: (
                -neighbours[w][1],
                neighbours[w][0] != w,
                abs(len(w) - len(word)),
                w,
            ),
        )
        stems: set[str] = set()
        nearest = []
        for candidate in ranked:
            stem = neighbours[candidate][0]
            if stem not in stems:
                stems.add(stem)
                nearest.append(candidate)
        found.append(Suggestion(word, tuple(nearest[:MAX_SUGGESTIONS])))
    return found


def with_words_replaced(query: Query, replacements: dict[str, str]) -> str:
    """``query`` in web-search syntax with words replaced (``{"nucelar": "nuclear"}``)."""

    def phrase(words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(replacements.get(word, word) for word in words)

    replaced = Query(
        groups=tuple(tuple(phrase(p) for p in group) for group in query.groups),
        excluded=query.excluded,
    )
    return str(replaced)


def highlight(snippet: str) -> SafeString:
    """A backend snippet as HTML: escaped, with matches in <mark>."""
    html = (
        escape(_CONTROLS.sub("", snippet))
        .replace(MARK_START, "<mark>")
        .replace(MARK_END, "</mark>")
    )
    # A fragment cut inside a match leaves a <mark> open; close it.
    html += "</mark>" * (html.count("<mark>") - html.count("</mark>"))
    return mark_safe(html)  # escaped above; only our own tags added


def call_snippets(query: Query, ids: list[int]) -> dict[int, SafeString]:
    """Highlighted passages for the calls ``ids`` (one query).

    A call found only by its participants' names or its topics has no passage
    worth showing (the page shows those anyway); it is left out.
    """
    return _highlighted(backend().snippets("calls", query, ids))


def source_snippets(query: Query, ids: list[int]) -> dict[int, SafeString]:
    return _highlighted(backend().snippets("sources", query, ids))


def _highlighted(snippets: dict[int, str]) -> dict[int, SafeString]:
    return {pk: highlight(text) for pk, text in snippets.items() if text and MARK_START in text}
