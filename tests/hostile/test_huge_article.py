"""An article at the size limit that repeats one sentence: the import keeps its work bounded,
and every page that shows it answers with a page of bounded size (its speed is measured in
bench/hostile.py, never here)."""

from __future__ import annotations

import pytest
from django.conf import settings

from archive.batches import write_batch
from archive.importer import MAX_EVIDENCE_PER_FACT
from archive.models import Call, Evidence, Report, Source
from archive.views.evidence import MAX_MARKS, MAX_SENTENCE_ROWS, TEXT_PART
from tests.importing.conftest import import_articles

from .conftest import assert_nothing_runs, every_page

pytestmark = pytest.mark.django_db

SENTENCE = "Macron spoke with Raisi by phone. "
#: No page may be larger than this, however long its article.
MAX_PAGE_BYTES = 1_500_000


@pytest.fixture
def huge(tmp_path, knowledge):
    limit = settings.DIPLO_MAX_ARTICLE_BYTES
    text = SENTENCE * (limit // len(SENTENCE))
    assert len(text.encode()) <= limit < len(text.encode()) + len(SENTENCE)
    (tmp_path / "huge.txt").write_text(text, "utf-8")
    run = import_articles(tmp_path / "huge.txt")
    assert run.status == 0, run.output
    return run, text


def test_an_article_at_the_size_limit_keeps_its_evidence_bounded(huge):
    run, text = huge

    source = Source.objects.get()
    per_fact = {
        fact: Evidence.objects.filter(fact=fact).count()
        for fact in Evidence.objects.values_list("fact", flat=True).distinct()
    }
    assert source.body == text  # the whole text is kept
    assert per_fact["call"] == MAX_EVIDENCE_PER_FACT
    assert max(per_fact.values()) <= MAX_EVIDENCE_PER_FACT
    assert f"kept the first {MAX_EVIDENCE_PER_FACT} sentences of each fact" in run.stdout


def test_every_page_of_an_article_at_the_size_limit_is_a_bounded_page(client, huge):
    _, text = huge
    source = Source.objects.get()
    call = Call.objects.get()
    # As an archive imported before the bound would hold it: 50,000 more evidence rows.
    # Written in one write batch, as an import writes (the call's search document made once).
    report = Report.objects.get(call=call, source=source)
    with write_batch():
        Evidence.objects.bulk_create(
            Evidence(report=report, fact="call", start=at, end=at + len(SENTENCE) - 1, text="x")
            for at in range(0, 50_000 * len(SENTENCE), len(SENTENCE))
        )
    last = (len(text) - 1) // TEXT_PART + 1

    urls = [*every_page(call, source), f"{source.get_absolute_url()}?part={last}"]
    sizes = {url: len(assert_nothing_runs(url, client.get(url))) for url in urls}

    assert max(sizes.values()) < MAX_PAGE_BYTES, sizes
    page = client.get(source.get_absolute_url()).content.decode()
    # At most MAX_MARKS spans (those that coincide share one highlight), and the page says so.
    assert MAX_MARKS * 0.9 < page.count('<mark class="evidence-mark') <= MAX_MARKS
    assert "This part holds more of them than are highlighted" in page
    assert f"part 1 of {last}" in page
    more = Evidence.objects.filter(report=report).count() - MAX_SENTENCE_ROWS
    assert f"And {more} more sentences of this call, highlighted in the text." in page
    tail = client.get(f"{source.get_absolute_url()}?part={last}").content.decode()
    assert text[(last - 1) * TEXT_PART :] in tail  # the rest of the text, as it is
    permalink = client.get(call.get_absolute_url()).content.decode()
    assert permalink.count("<q>") <= MAX_SENTENCE_ROWS
    search = client.get("/search/?q=raisi").content.decode()
    assert "<mark>Raisi</mark>" in search
