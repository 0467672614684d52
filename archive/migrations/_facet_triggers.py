"""What the facet-count migrations share: dropping the triggers that archive.facet_totals
installs after every migrate (and, where asked, the PostgreSQL functions they call).

Kept here, frozen, rather than imported from archive.facet_totals: a migration must do
the same thing whatever the app's code becomes. Django's migration loader skips modules
whose name starts with an underscore, so this one is not a migration itself.
"""

SQLITE_TRIGGER_PREFIX = "archive_facets_"
POSTGRESQL_TABLES = [
    "archive_call",
    "archive_participation",
    "archive_call_topics",
    "archive_report",
    "archive_leader",
    "archive_source",
    # Since the facets count broader topics (archive.facet_totals.TOPIC_DEPTH); dropped if
    # there, so that unapplying works from any later state.
    "archive_topic",
]
POSTGRESQL_FUNCTIONS = [
    "archive_facets_trigger()",
    "archive_refresh_call_facets(bigint[])",
    "archive_build_call_facets(bigint[])",
]


def drop_facet_triggers(schema_editor, *, functions: bool) -> None:
    """Drop every facet trigger; with ``functions``, the PostgreSQL functions too."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [SQLITE_TRIGGER_PREFIX + "%"],
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        elif connection.vendor == "postgresql":
            for table in POSTGRESQL_TABLES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_facets ON {table}")
            if functions:
                for function in POSTGRESQL_FUNCTIONS:
                    cursor.execute(f"DROP FUNCTION IF EXISTS {function}")
