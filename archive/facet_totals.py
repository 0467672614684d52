"""Facet counts over the whole archive, kept current by the database.

The unfiltered calls list shows how many calls each leader, country, topic, publisher, kind,
year and month has. Counted on request, that reads every participation, call topic and
report of the archive (over a second at 200,000 calls, see bench/README.md); here the
database keeps the counts (:class:`~archive.models.FacetTotal`) and the list reads a few
rows. A filtered list still counts its own calls (:mod:`archive.facets`), from each call's
values packed into one row (:class:`~archive.models.CallFacetSet`, :func:`count_values`),
which the same triggers keep.

How they stay right: each call's set of facet values (its kind, ``year-month``, each
leader, each country and publisher once, each topic, and ``all``) is stored
(:class:`~archive.models.CallFacet`). When anything a call's values come from changes, its
old set is subtracted from the totals and its new set added: countries and publishers are
counted once a call however many participants or reports share them, and a merge, a
deletion or an edited publisher are all the same operation. Triggers on every table the
values come from do it for the calls a write touches, so every write path (import, admin,
shell, raw SQL) keeps the counts. Inside a write batch (:mod:`archive.batches`) the
triggers queue the calls instead (:class:`~archive.models.PendingFacetCall`) and the batch
refreshes each once at its end.

The triggers are (re)installed after every ``migrate`` (:func:`install_facet_triggers`), as
the version triggers are; when one was missing, writes may have gone uncounted, so the
totals are rebuilt from the rows (:func:`rebuild`).
"""

from __future__ import annotations

from collections import Counter

from django.db import connection as default_connection
from django.db.models import Q

from . import idlists
from .models import CallFacet, CallFacetSet, FacetTotal, PendingFacetCall, Topic, WriteBatch

CALL_FACETS = CallFacet._meta.db_table
FACET_SETS = CallFacetSet._meta.db_table
TOTALS = FacetTotal._meta.db_table
PENDING = PendingFacetCall._meta.db_table
IN_BATCH = f"EXISTS (SELECT 1 FROM {WriteBatch._meta.db_table})"

#: Facet names as stored; ``all`` has one value, "", whose count is the number of calls.
ALL, KIND, MONTH, LEADER, COUNTRY, TOPIC, PUBLISHER, READOUT = (
    "all", "kind", "month", "leader", "country", "topic", "publisher", "readout",
)  # fmt: skip
#: The readout facet's one value: every source of the call is one side's (``Call.one_sided``).
ONE_SIDED = "one-sided"
#: The readout facet is counted from this migration on: before it, the calls table may lack
#: ``one_sided`` (migration 0013), and triggers naming it would break unapplying 0013.
READOUT_MIGRATION = ("archive", "0017_facet_readout")

# The facet values of the calls whose ids ``{ids}`` selects (UNION: each pair once a call).
# Every part starts from the call, so a call already deleted has no values.
VALUES = f"""
SELECT c.id, '{ALL}', '' FROM archive_call c WHERE c.id IN ({{ids}})
UNION SELECT c.id, '{KIND}', c.kind FROM archive_call c WHERE c.id IN ({{ids}})
UNION SELECT c.id, '{MONTH}',
    COALESCE(CAST(c.year AS TEXT), '') || '-' || COALESCE(CAST(c.month AS TEXT), '')
  FROM archive_call c WHERE c.id IN ({{ids}})
UNION SELECT c.id, '{LEADER}', CAST(p.leader_id AS TEXT)
  FROM archive_call c JOIN archive_participation p ON p.call_id = c.id
  WHERE c.id IN ({{ids}})
UNION SELECT c.id, '{COUNTRY}', l.country_id
  FROM archive_call c JOIN archive_participation p ON p.call_id = c.id
  JOIN archive_leader l ON l.id = p.leader_id
  WHERE c.id IN ({{ids}})
UNION SELECT c.id, '{TOPIC}', CAST(ct.topic_id AS TEXT)
  FROM archive_call c JOIN archive_call_topics ct ON ct.call_id = c.id
  WHERE c.id IN ({{ids}})
{{broader}}UNION SELECT c.id, '{PUBLISHER}', s.publisher
  FROM archive_call c JOIN archive_report r ON r.call_id = c.id
  JOIN archive_source s ON s.id = r.source_id
  WHERE c.id IN ({{ids}}) AND s.publisher <> ''
{{readout}}"""
# One-sided calls, once the readout facet is counted (READOUT_MIGRATION).
READOUT_VALUES = (
    f"UNION SELECT c.id, '{READOUT}', '{ONE_SIDED}' FROM archive_call c"
    " WHERE c.id IN ({ids}) AND c.one_sided\n"
)

#: How many broader topics above a call's topic count it too: a topic's calls are its own and
#: those of its narrower topics down to this depth (the gazetteer's taxonomy has one level).
TOPIC_DEPTH = 3


def _broader_topics() -> str:
    """VALUES' parts that give each call the broader topics of its topics (UNION: once each,
    however many of its topics share one)."""
    parts = []
    for depth in range(1, TOPIC_DEPTH + 1):
        joins = "".join(
            f" JOIN archive_topic t{n} ON t{n}.id = "
            + ("ct.topic_id" if n == 1 else f"t{n - 1}.parent_id")
            for n in range(1, depth + 1)
        )
        parts.append(
            f"UNION SELECT c.id, '{TOPIC}', CAST(t{depth}.parent_id AS TEXT)\n"
            f"  FROM archive_call c JOIN archive_call_topics ct ON ct.call_id = c.id{joins}\n"
            f"  WHERE c.id IN ({{ids}}) AND t{depth}.parent_id IS NOT NULL\n"
        )
    return "".join(parts)


VALUES = VALUES.replace("{broader}", _broader_topics())


def values_sql(readout: bool) -> str:
    """VALUES, with the readout facet's part when it is counted (``{ids}`` still to fill)."""
    return VALUES.replace("{readout}", READOUT_VALUES if readout else "")


# The calls tagged with topic ``{topic}`` or one of its narrower topics (SQL).
NARROWER_CALLS = "SELECT call_id FROM archive_call_topics WHERE topic_id IN ({topics})".format(
    topics=" UNION ".join(
        ["SELECT {topic}"]
        + [
            "SELECT t1.id FROM archive_topic t1"
            + "".join(
                f" JOIN archive_topic t{n} ON t{n}.id = t{n - 1}.parent_id"
                for n in range(2, depth + 1)
            )
            + f" WHERE t{depth}.parent_id = {{topic}}"
            for depth in range(1, TOPIC_DEPTH + 1)
        ]
    )
)


def _refresh(readout: bool) -> list[str]:
    """Refresh the calls ``{ids}`` selects: subtract their stored values, store the current
    ones, add those. In (facet, value) order, so that concurrent refreshes on PostgreSQL
    lock the shared total rows in one order."""
    return [
        f"""UPDATE {TOTALS} SET calls = calls - (
        SELECT count(*) FROM {CALL_FACETS} cf WHERE cf.call_id IN ({{ids}})
        AND cf.facet = {TOTALS}.facet AND cf.value = {TOTALS}.value)
    WHERE (facet, value) IN (SELECT facet, value FROM {CALL_FACETS} WHERE call_id IN ({{ids}}))""",
        f"DELETE FROM {CALL_FACETS} WHERE call_id IN ({{ids}})",
        f"INSERT INTO {CALL_FACETS} (call_id, facet, value) " + values_sql(readout),
        f"""INSERT INTO {TOTALS} (facet, value, calls)
    SELECT facet, value, count(*) FROM {CALL_FACETS} WHERE call_id IN ({{ids}})
    GROUP BY facet, value ORDER BY facet, value
    ON CONFLICT (facet, value) DO UPDATE SET calls = {TOTALS}.calls + excluded.calls""",
    ]


def _set_statements(vendor: str) -> list[str]:
    """Rewrite the packed sets (:class:`~archive.models.CallFacetSet`) of the calls ``{ids}``
    selects from their rows, after :func:`_refresh`."""
    return [
        f"DELETE FROM {FACET_SETS} WHERE call_id IN ({{ids}})",
        build_sets_sql(vendor, "call_id IN ({ids})"),
    ]


def build_sets_sql(vendor: str, where: str) -> str:
    """Store the packed sets of the calls whose CallFacet rows match ``where`` (SQL). Each
    database has its own aggregate and its own name for the separator's character."""
    code = ord(CallFacetSet.SEPARATOR)
    separator = f"char({code})" if vendor == "sqlite" else f"chr({code})"
    pair = f"facet || ':' || replace(value, {separator}, ' ')"
    aggregate = "group_concat" if vendor == "sqlite" else "string_agg"
    return (
        f"INSERT INTO {FACET_SETS} (call_id, facets)"
        f" SELECT call_id, {aggregate}({pair}, {separator}) FROM {CALL_FACETS}"
        f" WHERE {where} AND facet <> '{ALL}' GROUP BY call_id"
    )


# (trigger, event, table, condition, the ids of the calls to refresh)
TRIGGERS = [
    ("call_ai", "AFTER INSERT", "archive_call", "", "NEW.id"),
    ("call_au", "AFTER UPDATE OF {call_columns}", "archive_call", "", "NEW.id"),
    ("call_ad", "AFTER DELETE", "archive_call", "", "OLD.id"),
    *(
        (f"{short}_{suffix}", event, table, "", ids)
        for short, table in (
            ("participation", "archive_participation"),
            ("call_topics", "archive_call_topics"),
            ("report", "archive_report"),
        )
        for suffix, event, ids in (
            ("ai", "AFTER INSERT", "NEW.call_id"),
            ("au", "AFTER UPDATE", "NEW.call_id, OLD.call_id"),
            ("ad", "AFTER DELETE", "OLD.call_id"),
        )
    ),
    (
        "leader_au",
        "AFTER UPDATE OF country_id",
        "archive_leader",
        "OLD.country_id IS NOT NEW.country_id",
        "SELECT call_id FROM archive_participation WHERE leader_id = NEW.id",
    ),
    (
        "source_au",
        "AFTER UPDATE OF publisher",
        "archive_source",
        "OLD.publisher IS NOT NEW.publisher",
        "SELECT call_id FROM archive_report WHERE source_id = NEW.id",
    ),
    # A topic moved under another: its calls and its narrower topics' count towards new
    # broader topics.
    (
        "topic_au",
        "AFTER UPDATE OF parent_id",
        "archive_topic",
        "OLD.parent_id IS NOT NEW.parent_id",
        NARROWER_CALLS.format(topic="NEW.id"),
    ),
]
TRIGGER_PREFIX = "archive_facets_"


def _call_columns(readout: bool) -> str:
    """The calls table's columns whose update changes a call's facet values."""
    return "kind, year, month" + (", one_sided" if readout else "")


def refresh_statements(
    ids: str, vendor: str, sets: bool = True, readout: bool = False
) -> list[str]:
    """The statements that refresh the facet values of the calls ``ids`` (SQL) selects, and
    (with ``sets``: once its table is migrated) their packed sets; with ``readout``, the
    one-sided calls' value too (READOUT_MIGRATION)."""
    statements = _refresh(readout) + (_set_statements(vendor) if sets else [])
    return [statement.format(ids=ids) for statement in statements]


def _sqlite_statements(sets: bool, readout: bool) -> list[str]:
    # Two triggers an event: one refreshes at once, one (inside a write batch) queues.
    statements = []
    for name, event, table, condition, ids in TRIGGERS:
        event = event.format(call_columns=_call_columns(readout))
        base = f"({condition}) AND " if condition else ""
        refresh = "; ".join(refresh_statements(ids, "sqlite", sets, readout))
        # A deleted call is queued by the values it had, a new one by its row.
        queue = (
            f"INSERT OR IGNORE INTO {PENDING} (call_id)"
            f" SELECT id FROM archive_call WHERE id IN ({ids})"
            f" UNION SELECT call_id FROM {CALL_FACETS} WHERE call_id IN ({ids})"
        )
        for trigger, when, body in (
            (f"{TRIGGER_PREFIX}{name}", f"{base}NOT {IN_BATCH}", refresh),
            (f"{TRIGGER_PREFIX}{name}_queued", f"{base}{IN_BATCH}", queue),
        ):
            statements += [
                f"DROP TRIGGER IF EXISTS {trigger}",
                f"CREATE TRIGGER {trigger} {event} ON {table} WHEN {when} BEGIN {body}; END",
            ]
    return statements


def _sqlite_trigger_names() -> set[str]:
    return {
        f"{TRIGGER_PREFIX}{name}{suffix}" for name, *_ in TRIGGERS for suffix in ("", "_queued")
    }


def _postgresql_statements(sets: bool, readout: bool) -> list[str]:
    refresh = ";\n".join(refresh_statements("SELECT unnest(ids)", "postgresql", sets, readout))
    statements = [
        f"""CREATE OR REPLACE FUNCTION archive_build_call_facets(ids bigint[]) RETURNS void
        LANGUAGE plpgsql AS $$ BEGIN {refresh}; END $$""",
        f"""CREATE OR REPLACE FUNCTION archive_refresh_call_facets(ids bigint[]) RETURNS void
        LANGUAGE plpgsql AS $$
        BEGIN
          IF {IN_BATCH} THEN
            INSERT INTO {PENDING} (call_id)
            SELECT DISTINCT id FROM unnest(ids) AS id WHERE id IS NOT NULL
            ON CONFLICT DO NOTHING;
          ELSE
            PERFORM archive_build_call_facets(ids);
          END IF;
        END $$""",
        """CREATE OR REPLACE FUNCTION archive_facets_trigger() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_TABLE_NAME = 'archive_call' THEN
            PERFORM archive_refresh_call_facets(
              ARRAY[CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END]);
          ELSIF TG_TABLE_NAME = 'archive_leader' THEN
            IF OLD.country_id IS DISTINCT FROM NEW.country_id THEN
              PERFORM archive_refresh_call_facets(ARRAY(
                SELECT call_id FROM archive_participation WHERE leader_id = NEW.id));
            END IF;
          ELSIF TG_TABLE_NAME = 'archive_source' THEN
            IF OLD.publisher IS DISTINCT FROM NEW.publisher THEN
              PERFORM archive_refresh_call_facets(ARRAY(
                SELECT call_id FROM archive_report WHERE source_id = NEW.id));
            END IF;
          ELSIF TG_TABLE_NAME = 'archive_topic' THEN
            IF OLD.parent_id IS DISTINCT FROM NEW.parent_id THEN
              PERFORM archive_refresh_call_facets(ARRAY({narrower}));
            END IF;
          ELSIF TG_OP = 'INSERT' THEN
            PERFORM archive_refresh_call_facets(ARRAY[NEW.call_id]);
          ELSIF TG_OP = 'DELETE' THEN
            PERFORM archive_refresh_call_facets(ARRAY[OLD.call_id]);
          ELSE
            PERFORM archive_refresh_call_facets(ARRAY[NEW.call_id, OLD.call_id]);
          END IF;
          RETURN NULL;
        END $$""".replace("{narrower}", NARROWER_CALLS.format(topic="NEW.id")),
    ]
    for table, events in _postgresql_events(readout).items():
        name = f"{table}_facets"
        statements += [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE TRIGGER {name} AFTER {events} ON {table}"
            " FOR EACH ROW EXECUTE FUNCTION archive_facets_trigger()",
        ]
    return statements


def _postgresql_events(readout: bool = False) -> dict[str, str]:
    return {
        "archive_call": f"INSERT OR UPDATE OF {_call_columns(readout)} OR DELETE",
        "archive_participation": "INSERT OR UPDATE OR DELETE",
        "archive_call_topics": "INSERT OR UPDATE OR DELETE",
        "archive_report": "INSERT OR UPDATE OR DELETE",
        "archive_leader": "UPDATE OF country_id",
        "archive_source": "UPDATE OF publisher",
        "archive_topic": "UPDATE OF parent_id",
    }


def _installed(db) -> bool:
    """Whether every facet trigger is in place (else writes may have gone uncounted)."""
    with db.cursor() as cursor:
        if db.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [TRIGGER_PREFIX + "%"],
            )
            return {row[0] for row in cursor.fetchall()} >= _sqlite_trigger_names()
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"
            " AND tgname = ANY(%s)",
            [[f"{table}_facets" for table in _postgresql_events()]],
        )
        return cursor.fetchone()[0] == len(_postgresql_events())


def install_facet_triggers(using: str = "default", **kwargs) -> None:
    """Create (or re-create) the triggers; rebuild the totals if one was missing. Idempotent."""
    from django.db import connections

    db = connections[using]
    tables = set(db.introspection.table_names())
    if not {CALL_FACETS, TOTALS, PENDING, WriteBatch._meta.db_table} <= tables:
        return  # not migrated this far yet
    was_installed = _installed(db)
    sets = FACET_SETS in tables  # migration 0011 on
    readout = counts_readout(db, fresh=True)
    if db.vendor == "sqlite":
        statements = _sqlite_statements(sets, readout)
    elif db.vendor == "postgresql":
        statements = _postgresql_statements(sets, readout)
    else:  # pragma: no cover - the archive runs on SQLite and PostgreSQL only
        raise NotImplementedError(db.vendor)
    with db.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    if not was_installed:
        rebuild(db)


def _has_sets(db) -> bool:
    """Whether the packed sets' table is migrated (0011 on)."""
    return FACET_SETS in db.introspection.table_names()


#: Whether each database (alias) counts the readout facet: read once a process, and again by
#: every migrate (:func:`install_facet_triggers`, and the migration itself), not by each
#: write batch.
_readout_counted: dict[str, bool] = {}


def counts_readout(db=default_connection, fresh: bool = False) -> bool:
    """Whether the readout facet is counted (READOUT_MIGRATION applied)."""
    if fresh or db.alias not in _readout_counted:
        from django.db.migrations.recorder import MigrationRecorder

        applied = MigrationRecorder(db).applied_migrations()
        _readout_counted[db.alias] = READOUT_MIGRATION in applied
    return _readout_counted[db.alias]


def rebuild(db=default_connection) -> None:
    """Recount every call's facet values from the rows (after a bulk load without triggers)."""
    sets = _has_sets(db)
    readout = counts_readout(db)
    with db.cursor() as cursor:
        cursor.execute(f"DELETE FROM {PENDING}")
        if sets:
            cursor.execute(f"DELETE FROM {FACET_SETS}")
        cursor.execute(f"DELETE FROM {CALL_FACETS}")
        cursor.execute(f"DELETE FROM {TOTALS}")
        cursor.execute(
            f"INSERT INTO {CALL_FACETS} (call_id, facet, value) "
            + values_sql(readout).format(ids="SELECT id FROM archive_call")
        )
        cursor.execute(
            f"INSERT INTO {TOTALS} (facet, value, calls)"
            f" SELECT facet, value, count(*) FROM {CALL_FACETS} GROUP BY facet, value"
        )
        if sets:
            cursor.execute(build_sets_sql(db.vendor, "true"))
        # Fresh statistics: a planner that believes the table is still empty joins it by
        # scanning it whole (300 ms instead of 40 for a sample's facets at 200,000 calls).
        cursor.execute(f"ANALYZE {CALL_FACETS}")
        cursor.execute(f"ANALYZE {TOTALS}")
        if sets:
            cursor.execute(f"ANALYZE {FACET_SETS}")


def refresh_pending(db=default_connection) -> int:
    """Refresh the calls a write batch queued (once each); returns how many."""
    with db.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {PENDING}")
        (pending,) = cursor.fetchone()
        if pending:
            ids = f"SELECT call_id FROM {PENDING}"
            statements = refresh_statements(ids, db.vendor, _has_sets(db), counts_readout(db))
            for statement in statements:
                cursor.execute(statement)
            cursor.execute(f"DELETE FROM {PENDING}")
    return pending


def kept_counts(facet: str | None = None) -> dict:
    """Every kept count, ``{facet: {value: calls}}``, in one query (a few thousand rows);
    with ``facet``, that facet's, ``{value: calls}``."""
    counts: dict[str, dict[str, int]] = {}
    rows = FacetTotal.objects.filter(calls__gt=0)
    if facet is not None:
        rows = rows.filter(facet=facet)
    for name, value, calls in rows.values_list("facet", "value", "calls"):
        counts.setdefault(name, {})[value] = calls
    return counts if facet is None else counts.get(facet, {})


def count_values(ids: list[int]) -> Counter[tuple[str, str]]:
    """How many of the calls ``ids`` have each facet value, ``{(facet, value): calls}``.

    Their packed sets are read as one value and counted here, in about half the time that
    grouping their CallFacet rows in the database took (for a sample of 5,000 calls, 57,000
    values: bench/README.md).
    """
    if not ids:
        return Counter()
    concat = "string_agg" if default_connection.vendor == "postgresql" else "group_concat"
    # Each id's set looked up by primary key, in a subquery per id: with ``call_id =
    # ANY(ids)`` PostgreSQL read the whole table instead (33 ms rather than 12 for a sample
    # of 5,000), and with a join from the ids it may hash the whole table (87 ms rather than
    # 11 for a country's sample). A call without a set gives NULL, which both skip.
    sql = (
        f"SELECT {concat}((SELECT packed.facets FROM {FACET_SETS} AS packed"
        f" WHERE packed.call_id = picked.id), %s) FROM {idlists.rows('picked')}"
    )
    params = [CallFacetSet.SEPARATOR, idlists.bound(ids)]
    with default_connection.cursor() as cursor:
        cursor.execute(sql, params)
        packed = cursor.fetchone()[0]
    if not packed:
        return Counter()
    counted = Counter(packed.split(CallFacetSet.SEPARATOR))
    return Counter({tuple(pair.split(":", 1)): n for pair, n in counted.items()})


def leader_calls(pks: list[int] | None = None, *, with_total: bool = False) -> dict:
    """How many calls each leader of ``pks`` (every leader: None) took part in, ``{pk:
    calls}``; ``with_total`` adds the archive's number of calls under ``None``. One query."""
    wanted = Q(facet=LEADER, calls__gt=0)
    if pks is not None:
        wanted &= Q(value__in=[str(pk) for pk in pks])
    if with_total:
        wanted |= Q(facet=ALL, value="")
    rows = FacetTotal.objects.filter(wanted).values_list("facet", "value", "calls")
    return {(int(value) if facet == LEADER else None): n for facet, value, n in rows}


def with_narrower(pks: list[int]) -> dict[int, set[int]]:
    """Each topic of ``pks`` and its narrower topics (down to TOPIC_DEPTH), ``{pk: {pks}}``,
    the topics whose calls count as its own. One query."""
    chain = ["parent_id", "parent__parent_id", "parent__parent__parent_id"][:TOPIC_DEPTH]
    wanted = Q(pk__in=pks)
    for field in chain:
        wanted |= Q(**{f"{field.removesuffix('_id')}__in": pks})
    found: dict[int, set[int]] = {pk: {pk} for pk in pks}
    for pk, *broader in Topic.objects.filter(wanted).values_list("id", *chain):
        for topic in broader:
            if topic in found:
                found[topic].add(pk)
    return found


def total_calls() -> int:
    """The number of calls in the archive."""
    row = FacetTotal.objects.filter(facet=ALL, value="").values_list("calls", flat=True)
    return next(iter(row), 0)
