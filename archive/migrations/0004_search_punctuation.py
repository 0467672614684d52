"""PostgreSQL's full-text search splits words at slashes, dots, at signs and colons, as SQLite's.

PostgreSQL's parser reads "/TASS/." as one file-path token, "example.org" as one host and
"U.S." as one word, where SQLite's FTS5 tokenizer reads "tass", "example", "org", "u", "s":
the same query found different calls on the two databases. ``diplo_search_text`` turns
those characters into spaces before the text is parsed, in the stored vectors here and in
every query (archive.search), so that both databases see the same words.

SQLite: nothing to do.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION diplo_search_text(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT translate(value, '/.@:', '    ') $$
"""

FORWARD = [
    FUNCTION,
    "DROP INDEX IF EXISTS archive_callsearch_vector_idx",
    "ALTER TABLE archive_callsearchdocument DROP COLUMN vector",
    """ALTER TABLE archive_callsearchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('diplo'::regconfig, diplo_search_text(names)), 'A')
        || setweight(to_tsvector('diplo'::regconfig, diplo_search_text(topics)), 'A')
        || setweight(to_tsvector('diplo'::regconfig, diplo_search_text(summary)), 'B')
        || setweight(to_tsvector('diplo'::regconfig, diplo_search_text(statements)), 'C')
        || setweight(to_tsvector('diplo'::regconfig, diplo_search_text(sources)), 'D')) STORED""",
    "CREATE INDEX archive_callsearch_vector_idx ON archive_callsearchdocument USING gin (vector)",
    "COMMENT ON INDEX archive_callsearch_vector_idx IS"
    " 'Full-text search over calls: the calls list and search page (archive.search).'",
    "DROP INDEX IF EXISTS archive_source_search_idx",
    "ALTER TABLE archive_source DROP COLUMN search_vector",
    """ALTER TABLE archive_source ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('diplo'::regconfig, diplo_search_text(title)), 'A')
        || setweight(to_tsvector('diplo'::regconfig, diplo_search_text(body)), 'B')) STORED""",
    "CREATE INDEX archive_source_search_idx ON archive_source USING gin (search_vector)",
    "COMMENT ON INDEX archive_source_search_idx IS"
    " 'Full-text search over sources: the sources list and search page (archive.search).'",
]

BACKWARD = [
    "DROP INDEX IF EXISTS archive_callsearch_vector_idx",
    "ALTER TABLE archive_callsearchdocument DROP COLUMN vector",
    """ALTER TABLE archive_callsearchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('diplo'::regconfig, names), 'A')
        || setweight(to_tsvector('diplo'::regconfig, topics), 'A')
        || setweight(to_tsvector('diplo'::regconfig, summary), 'B')
        || setweight(to_tsvector('diplo'::regconfig, statements), 'C')
        || setweight(to_tsvector('diplo'::regconfig, sources), 'D')) STORED""",
    "CREATE INDEX archive_callsearch_vector_idx ON archive_callsearchdocument USING gin (vector)",
    "DROP INDEX IF EXISTS archive_source_search_idx",
    "ALTER TABLE archive_source DROP COLUMN search_vector",
    """ALTER TABLE archive_source ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('diplo'::regconfig, title), 'A')
        || setweight(to_tsvector('diplo'::regconfig, body), 'B')) STORED""",
    "CREATE INDEX archive_source_search_idx ON archive_source USING gin (search_vector)",
    "DROP FUNCTION IF EXISTS diplo_search_text(text)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0003_archive_version"),
    ]

    operations = [migrations.RunPython(forward, backward)]
