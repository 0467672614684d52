"""PostgreSQL: each search document's texts and vector stored out of line, in TOAST.

A search reads the ids of its matches from the documents' heap, through the GIN index. A
row kept about 830 bytes inline (its source texts, compressed), so a word in most calls
read every page of a 166 MB heap: 120 ms at 200,000 calls. With ``toast_tuple_target``
at its minimum, a row too long for a page is cut down to its small columns and pointers
(28 MB): 31 ms. Only rows written afterwards are stored so, so the migration rewrites each
row once (which recomputes its vector: 3 minutes at 200,000 calls). SQLite's FTS5
index holds the ids itself.
"""

from django.db import migrations

TABLE = "archive_callsearchdocument"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)", params=None)
        schema_editor.execute(f"UPDATE {TABLE} SET sources = sources", params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0009_postgresql_sort_indexes"),
    ]

    operations = [migrations.RunPython(forward, backward)]
