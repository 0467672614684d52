# Written by hand on 2026-12-07: the readout facet is counted from here on.
"""The one-sided calls become a facet value kept with the others (see archive.facet_totals).

Nothing changes in the tables: the facet triggers, which archive.facet_totals re-installs
after every migrate, count the readout facet once this migration is applied. Both ways, the
triggers are dropped here, so that the next install finds them missing and recounts every
call's values; unapplying drops them before migration 0013 can drop the ``one_sided`` column
they name.
"""

from django.db import migrations

SQLITE_TRIGGER_PREFIX = "archive_facets_"
POSTGRESQL_TABLES = [
    "archive_call",
    "archive_participation",
    "archive_call_topics",
    "archive_report",
    "archive_leader",
    "archive_source",
    "archive_topic",
]
POSTGRESQL_FUNCTIONS = [
    "archive_facets_trigger()",
    "archive_refresh_call_facets(bigint[])",
    "archive_build_call_facets(bigint[])",
]


def drop_facet_triggers(apps, schema_editor):
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
            for function in POSTGRESQL_FUNCTIONS:
                cursor.execute(f"DROP FUNCTION IF EXISTS {function}")


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0016_announcements'),
    ]

    operations = [
        migrations.RunPython(drop_facet_triggers, drop_facet_triggers),
    ]
