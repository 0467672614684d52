"""Write every call of the archive to stdout, as JSON, JSON Lines or CSV.

    python manage.py export_calls > calls.json
    python manage.py export_calls --format csv --base-url https://diplo.example.org > calls.csv

The shape is the one of the public exports (archive/serialization.py), whose permalinks
are absolute: on the site ``--base-url`` names, or ``SITE_URL`` (without either, they are
paths, and the command says so). Calls are read in chunks and written as they come, so
memory stays flat on a large archive.
"""

import csv
import json
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.models import Call
from archive.serialization import CSV_COLUMNS, call_to_row, iter_call_dicts


class _Lines:
    """A file-like view of the command's stdout for csv.writer."""

    def __init__(self, stdout):
        self.stdout = stdout

    def write(self, text: str) -> None:
        self.stdout.write(text, ending="")


class Command(BaseCommand):
    help = "Export every call (JSON list, JSON Lines or CSV) to stdout."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "jsonl", "csv"], default="json")
        parser.add_argument(
            "--base-url",
            default=settings.SITE_URL,
            help="the site the permalinks are on, https://diplo.example.org (default: SITE_URL)",
        )

    def handle(self, *args, format, base_url, **options):
        site = (base_url or "").strip().rstrip("/")
        parts = urlsplit(site)
        if site and (parts.scheme not in ("http", "https") or not parts.netloc or parts.path):
            raise CommandError(
                f"--base-url must be a site such as https://diplo.example.org, not {site!r}"
            )
        if not site:
            self.stderr.write(
                "The permalinks are paths (/calls/12/...): give --base-url"
                " https://diplo.example.org, or set SITE_URL, for absolute ones."
            )
        calls = Call.objects.all()
        write = self.stdout.write
        if format == "csv":
            rows = csv.DictWriter(_Lines(self.stdout), fieldnames=CSV_COLUMNS, lineterminator="\n")
            rows.writeheader()
            # call_to_row flattens the dicts; the chunked iterator keeps memory flat.
            rows.writerows(call_to_row(data) for data in iter_call_dicts(calls, site=site))
            return
        if format == "jsonl":
            for data in iter_call_dicts(calls, site=site):
                write(json.dumps(data, ensure_ascii=False))
            return
        write("[", ending="")
        for number, data in enumerate(iter_call_dicts(calls, site=site)):
            write(("," if number else "") + "\n" + json.dumps(data, ensure_ascii=False), ending="")
        write("\n]")
