"""PostgreSQL: indexes in the order of the calls list's "newest" and "longest" sorts.

Both sorts put calls without a date (or a duration) last: ``DESC NULLS LAST``. PostgreSQL's
descending indexes keep NULLs first, so the model's indexes (``-date``, ``-duration_minutes``)
could not serve them and every page sorted the whole table (80 ms at 200,000 calls). SQLite
sorts NULLs as the smallest values, so its descending indexes already fit; nor can SQLite
say NULLS LAST in an index, hence a migration rather than a model index.
"""

from django.db import migrations

INDEXES = {
    "call_date_newest_idx": "archive_call (date DESC NULLS LAST, id DESC)",
    "call_duration_longest_idx": "archive_call (duration_minutes DESC NULLS LAST, id DESC)",
}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {columns}", params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0008_facet_totals"),
    ]

    operations = [migrations.RunPython(forward, backward)]
