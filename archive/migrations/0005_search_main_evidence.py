"""Evidence of a main report no longer rebuilds its call's search document.

A call's document holds the full text of its main sources and only the evidence sentences
of its background mentions (0002_search). Every evidence row of a main report rebuilt the
document all the same, several times an article (the most numerous rows an import writes);
now only a background report's evidence does. Its report's own triggers still rebuild the
document when a report changes role.
"""

from django.db import migrations


# (trigger, event, the report ids to check, the calls to rebuild)
_SQLITE = [
    (
        "evidence_ai",
        "AFTER INSERT",
        "(SELECT role FROM archive_report WHERE id = NEW.report_id) IS NOT 'main'",
        "SELECT call_id FROM archive_report WHERE id = NEW.report_id",
    ),
    (
        "evidence_au",
        "AFTER UPDATE",
        "(SELECT role FROM archive_report WHERE id = NEW.report_id) IS NOT 'main'"
        " OR (SELECT role FROM archive_report WHERE id = OLD.report_id) IS NOT 'main'",
        "SELECT call_id FROM archive_report WHERE id IN (NEW.report_id, OLD.report_id)",
    ),
    (
        "evidence_ad",
        "AFTER DELETE",
        "(SELECT role FROM archive_report WHERE id = OLD.report_id) IS NOT 'main'",
        "SELECT call_id FROM archive_report WHERE id = OLD.report_id",
    ),
]

POSTGRESQL_FORWARD = """CREATE OR REPLACE FUNCTION archive_evidence_search() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM archive_refresh_call_search(ARRAY(
        SELECT call_id FROM archive_report WHERE role <> 'main' AND id IN (
          CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.report_id END,
          CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.report_id END)));
      RETURN NULL;
    END $$"""

POSTGRESQL_BACKWARD = """CREATE OR REPLACE FUNCTION archive_evidence_search() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM archive_refresh_call_search(ARRAY(
        SELECT call_id FROM archive_report WHERE id IN (
          CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.report_id END,
          CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.report_id END)));
      RETURN NULL;
    END $$"""


def _document() -> str:
    import importlib

    return importlib.import_module("archive.migrations.0002_search").SQLITE_DOCUMENT


def _evidence_triggers(schema_editor, *, only_background: bool) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        function = POSTGRESQL_FORWARD if only_background else POSTGRESQL_BACKWARD
        schema_editor.execute(function, params=None)
    elif vendor == "sqlite":
        document = _document()
        for name, event, when, ids in _SQLITE:
            condition = f" WHEN {when}" if only_background else ""
            schema_editor.execute(f"DROP TRIGGER IF EXISTS archive_search_{name}", params=None)
            schema_editor.execute(
                f"CREATE TRIGGER archive_search_{name} {event} ON archive_evidence{condition}"
                f" BEGIN {document.format(ids=ids)} END",
                params=None,
            )


def forward(apps, schema_editor):
    _evidence_triggers(schema_editor, only_background=True)


def backward(apps, schema_editor):
    _evidence_triggers(schema_editor, only_background=False)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0004_search_punctuation"),
    ]

    operations = [migrations.RunPython(forward, backward)]
