"""Import articles from files and folders: sources, calls, evidence, merged across sources.

    python manage.py import_articles fixtures/articles
    python manage.py import_articles new/ extra.jsonl page.html --dry-run

Plain text, JSON (an object or a list), JSON Lines and HTML pages; folders are walked
recursively. Importing the same text twice changes nothing. A file that cannot be read
is reported by name and the batch goes on; the command then exits with status 1.
When the database holds no leaders yet, the gazetteer (``fixtures/knowledge``) is
loaded first, so a new archive can be pointed at a folder straight away.
"""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive import importer

# Above this many files, a progress bar is shown on a terminal.
PROGRESS_FROM = 20
# Articles whose warnings the summary lists one by one.
MAX_WARNED = 50


class Command(BaseCommand):
    help = "Import article files (.txt, .json, .jsonl, .html) and folders into the archive."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or folders.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be created, merged or skipped; write nothing.",
        )
        progress = parser.add_mutually_exclusive_group()
        progress.add_argument(
            "--progress", action="store_true", help="Always show a progress bar (on stderr)."
        )
        progress.add_argument("--no-progress", action="store_true", help="Never show one.")
        parser.add_argument(
            "--knowledge-dir",
            default=str(settings.DIPLO_KNOWLEDGE_DIR),
            help="Gazetteer loaded first when the database has no leaders (default: %(default)s).",
        )

    def handle(self, *args, paths, dry_run, progress, no_progress, knowledge_dir, **options):
        verbosity = options["verbosity"]
        inputs = importer.collect_inputs(paths)
        show_bar = not no_progress and (
            progress or (len(inputs) > PROGRESS_FROM and self.stdout.isatty())
        )
        summary = importer.import_inputs(
            inputs,
            dry_run=dry_run,
            progress=self._progress_bar if show_bar else None,
            on_outcome=lambda outcome: self._report(outcome, verbosity),
            knowledge_dir=knowledge_dir,
        )
        if verbosity >= 1:
            self._summary(summary)
        if summary.failed:
            tried = len(summary.outcomes) - len(summary.ignored)
            raise CommandError(
                f"{len(summary.failed)} of {tried} article(s) or file(s) failed "
                "(see above); the others were processed."
            )

    def _progress_bar(self, items):
        from tqdm import tqdm

        # The stream under the command's stderr wrapper, which would add a newline per write.
        stream = getattr(self.stderr, "_out", sys.stderr)
        return tqdm(items, file=stream, unit="file", desc="Importing", dynamic_ncols=True)

    def _report(self, outcome: importer.ArticleOutcome, verbosity: int) -> None:
        """One line per article as it is done: failures always, the rest with -v 2."""
        if outcome.status == importer.FAILED:
            self.stderr.write(f"{outcome.origin}: {outcome.reason}", self.style.ERROR)
            return
        if verbosity < 2:
            return
        if outcome.status == importer.IMPORTED:
            calls = []
            if outcome.calls_created:
                calls.append(f"{len(outcome.calls_created)} call(s) created")
            if outcome.calls_merged:
                calls.append(f"{len(outcome.calls_merged)} merged into existing calls")
            detail = ", ".join(calls) or "no call found"
            self.stdout.write(f"{outcome.origin}: imported, {detail}")
            if outcome.leaders_created:
                names = ", ".join(outcome.leaders_created)
                self.stdout.write(f"  new unverified leaders: {names}", self.style.WARNING)
        else:
            self.stdout.write(f"{outcome.origin}: {outcome.status}, {outcome.reason}")
        if verbosity >= 3:
            for note in outcome.notes:
                self.stdout.write(f"  note: {note}")
        else:
            for note in outcome.notes:
                if "left for review" in note or "may be the same" in note:
                    self.stdout.write(f"  {note}", self.style.WARNING)

    def _summary(self, summary: importer.ImportSummary) -> None:
        write, style = self.stdout.write, self.style
        if summary.knowledge is not None:
            report = summary.knowledge
            write(
                "The database had no leaders: loaded the knowledge base first "
                f"(countries {report.countries}; leaders {report.leaders}; "
                f"topics {report.topics}).",
                style.NOTICE,
            )
        for note in summary.notes:
            write(note, style.WARNING)
        verb = "Would import" if summary.dry_run else "Imported"
        write(f"{verb} {len(summary.imported)} source(s).", style.SUCCESS)
        write(
            f"  calls: {summary.calls_created} created, {summary.calls_merged} merged into "
            f"existing calls, {summary.calls_for_review} left for review"
        )
        write(f"  leaders created (unverified): {summary.leaders_created}")
        write(f"  skipped as already archived: {len(summary.skipped)}")
        if summary.ignored:
            names = ", ".join(o.origin for o in summary.ignored)
            write(f"  ignored (not articles): {names}")
        failed = len(summary.failed)
        write(f"  failed: {failed}", style.ERROR if failed else None)
        # How files were read (an encoding guessed, characters removed, an address not
        # linked) and what was left out: said whatever the verbosity.
        warned = [outcome for outcome in summary.outcomes if outcome.warnings]
        if warned:
            write(f"  with warnings: {len(warned)} article(s)", style.WARNING)
            for outcome in warned[:MAX_WARNED]:
                for note in outcome.warnings:
                    write(f"    {outcome.origin}: {note}", style.WARNING)
            if len(warned) > MAX_WARNED:
                write(f"    and {len(warned) - MAX_WARNED} more (see -v 3)", style.WARNING)
        if summary.without_calls:
            names = ", ".join(o.origin for o in summary.without_calls)
            write(f"  no call found in {len(summary.without_calls)} source(s): {names}")
        if summary.calls_for_review:
            ids = ", ".join(
                f"#{pk}" for outcome in summary.outcomes for pk in outcome.calls_for_review
            )
            write(
                f"  left for review (may duplicate other calls; merge them in the admin): {ids}",
                style.WARNING,
            )
        if summary.undated:
            shown = ", ".join(f"#{pk}" for pk in summary.undated[:20])
            more = f" and {len(summary.undated) - 20} more" if len(summary.undated) > 20 else ""
            write(
                f"  undated, for an editor to date: {shown}{more}",
                style.WARNING,
            )
        if summary.dry_run:
            write("Dry run: nothing was written.", style.NOTICE)
