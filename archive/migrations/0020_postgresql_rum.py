"""PostgreSQL: RUM indexes on the search vectors, where the server has the extension.

Ranking with ``ts_rank`` reads every match's vector from TOAST before sorting: 1.3-1.8 s for
a word in most of 200,000 calls. A RUM index (https://github.com/postgrespro/rum; Debian's
``postgresql-15-rum``) keeps each word's positions beside its postings and hands matches
over in order of relevance (``vector <=> query``), so the best page of a search is read
from the index alone (:class:`archive.search.PostgreSQLBackend`).

The extension is optional: where the server does not have it (or the role may not create
it), nothing is created, and searches rank with ``ts_rank`` as before. The GIN indexes stay:
they answer the matching and counting, which RUM does more slowly.
"""

from django.db import migrations

#: (index, table, tsvector column)
INDEXES = [
    ("archive_callsearch_vector_rum", "archive_callsearchdocument", "vector"),
    ("archive_source_search_rum", "archive_source", "search_vector"),
]


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            return
        cursor.execute("SAVEPOINT diplo_rum")
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
        except Exception:  # a role that may not create extensions: rank without RUM
            cursor.execute("ROLLBACK TO SAVEPOINT diplo_rum")
            return
        cursor.execute("RELEASE SAVEPOINT diplo_rum")
        for index, table, column in INDEXES:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING rum ({column} rum_tsvector_ops)"
            )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for index, _, _ in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0019_country_leader_title"),
    ]

    operations = [migrations.RunPython(forward, backward)]
