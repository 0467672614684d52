"""Load the gazetteer (countries, leaders with their terms, topics) into the database.

    python manage.py load_knowledge [--dir fixtures/knowledge] [--dry-run]

Idempotent: records are matched by code or slug, and a second run changes nothing.
Records an editor has shaped (verified leaders, anything saved in the admin) keep
their values and only gain what they lack.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.knowledge import KnowledgeError, load_knowledge


class Command(BaseCommand):
    help = "Load fixtures/knowledge/{countries,leaders,topics}.json into the database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            default=str(settings.DIPLO_KNOWLEDGE_DIR),
            help="The folder of the three JSON files (default: %(default)s).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args, dir, dry_run, **options):
        try:
            with transaction.atomic():
                report = load_knowledge(dir)
                if dry_run:
                    transaction.set_rollback(True)
        except KnowledgeError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] >= 1:
            verb = "Would load" if dry_run else "Loaded"
            self.stdout.write(f"{verb} the knowledge base from {dir}:", self.style.SUCCESS)
            self.stdout.write(f"  countries: {report.countries}")
            self.stdout.write(f"  leaders: {report.leaders}")
            self.stdout.write(f"  topics: {report.topics}")
            for problem in report.problems:
                self.stderr.write(f"  skipped {problem}", self.style.WARNING)
            if dry_run:
                self.stdout.write("Dry run: nothing was written.", self.style.NOTICE)
