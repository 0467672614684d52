"""Write batches: search documents wait for the batch's end, then match row-by-row triggers."""

from __future__ import annotations

import shutil

import pytest
from django.db import connection

from archive import search
from archive.batches import in_write_batch, write_batch
from archive.caching import archive_version
from archive.models import Call, CallSearchDocument, PendingSearchDocument, WriteBatch
from tests.browse.test_facet_totals import counted as counted_facet_counts
from tests.browse.test_facet_totals import kept as kept_facet_counts
from tests.factories import CallFactory, LeaderFactory, ReportFactory, SourceFactory

from .conftest import SEEDS, import_articles


def documents() -> dict[int, tuple[str, ...]]:
    return {
        d.call_id: (d.names, d.topics, d.summary, d.statements, d.sources)
        for d in CallSearchDocument.objects.all()
    }


def found(words: str) -> set[int]:
    return set(
        search.search_calls(Call.objects.all(), search.parse(words)).values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_an_import_leaves_the_documents_row_by_row_triggers_would_build(tmp_path, knowledge):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    import_articles(folder)
    batched = documents()
    # The facet counts too: those of the rows.
    assert kept_facet_counts() == counted_facet_counts()

    # Rebuild every document outside any batch, row by row as an edit would.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE archive_call SET summary = summary")

    assert set(batched) == set(Call.objects.values_list("pk", flat=True))
    assert batched == documents()
    assert not PendingSearchDocument.objects.exists()
    assert not WriteBatch.objects.exists()


@pytest.mark.django_db
def test_inside_a_batch_a_document_waits_and_is_built_once_at_its_end():
    leader = LeaderFactory(name="Amara Quillfeather")
    with write_batch():
        assert in_write_batch()
        call = CallFactory(participants=[leader, LeaderFactory()], summary="A talk on grain.")
        report = ReportFactory(call=call, source=SourceFactory(body="Talks on wheat corridors."))
        assert set(PendingSearchDocument.objects.values_list("call_id", flat=True)) == {call.pk}
        assert not CallSearchDocument.objects.filter(call=call).exists()

    assert not in_write_batch()
    assert not PendingSearchDocument.objects.exists()
    document = CallSearchDocument.objects.get(call=call)
    assert "Amara Quillfeather" in document.names
    assert "wheat corridors" in document.sources
    assert found("quillfeather") == found("wheat corridors") == {call.pk}
    assert report.call_id == call.pk


@pytest.mark.django_db
def test_outside_a_batch_documents_are_built_row_by_row():
    call = CallFactory(participants=[LeaderFactory(name="Tobiah Wrenfield")])

    assert not in_write_batch()
    assert "Tobiah Wrenfield" in CallSearchDocument.objects.get(call=call).names
    assert not PendingSearchDocument.objects.exists()


@pytest.mark.django_db
def test_a_failed_batch_leaves_neither_its_rows_nor_its_marker_nor_its_queue():
    def failing_batch():
        with write_batch():
            CallFactory(participants=[LeaderFactory()])
            raise RuntimeError("the article could not be saved")

    with pytest.raises(RuntimeError):
        failing_batch()

    assert not Call.objects.exists()
    assert not WriteBatch.objects.exists()
    assert not PendingSearchDocument.objects.exists()


@pytest.mark.django_db
def test_a_nested_batch_joins_the_outer_one():
    with write_batch():
        with write_batch():
            call = CallFactory(participants=[LeaderFactory()])
        # The inner block ended, the batch did not: the document still waits.
        assert in_write_batch()
        assert PendingSearchDocument.objects.filter(call_id=call.pk).exists()

    assert CallSearchDocument.objects.filter(call=call).exists()


@pytest.mark.django_db
def test_a_call_deleted_inside_a_batch_leaves_no_document():
    with write_batch():
        call = CallFactory(participants=[LeaderFactory()])
        pk = call.pk
        call.delete()

    assert not CallSearchDocument.objects.filter(call_id=pk).exists()
    assert not PendingSearchDocument.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_batch_raises_the_archive_version_when_it_ends():
    before = archive_version()
    with write_batch():
        CallFactory(participants=[LeaderFactory()])
        # Nothing is cached against a half-written batch: the version waits too.
        assert archive_version() == before

    assert archive_version() > before
