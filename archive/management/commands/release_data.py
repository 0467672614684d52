"""Write a citable release of the data: every call, leader and source, versioned.

    python manage.py release_data                      # version 2026.12.07, today's date
    python manage.py release_data --version 1.2.0 --base-url https://diplo.example.org

The release goes under DIPLO_RELEASES_DIR (archive/releases.py says what it holds); an
existing version is never overwritten. Its permalinks begin with ``--base-url`` or
``SITE_URL`` (without either, they are paths, and the command says so).
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from archive.releases import ReleaseError, default_version, releases_dir, write_release


class Command(BaseCommand):
    help = "Write a versioned release of every call, leader and source (CSV, JSON, checksums)."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version names the release here, not Django's version (a base option it replaces).
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("--version", dest="release", help="default: the date, 2026.12.07")
        parser.add_argument("--date", help="the release's date, YYYY-MM-DD (default: today)")
        parser.add_argument(
            "--base-url",
            default=settings.SITE_URL,
            help="the site the permalinks are on, https://diplo.example.org (default: SITE_URL)",
        )

    def handle(self, *args, release, date, base_url, **options):
        site = (base_url or "").strip().rstrip("/")
        parts = urlsplit(site)
        if site and (parts.scheme not in ("http", "https") or not parts.netloc or parts.path):
            raise CommandError(
                f"--base-url must be a site such as https://diplo.example.org, not {site!r}"
            )
        try:
            day = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--date must be YYYY-MM-DD: {error}") from error
        if not site:
            self.stderr.write(
                "The permalinks are paths (/calls/12/...): give --base-url"
                " https://diplo.example.org, or set SITE_URL, for absolute ones."
            )
        version = release or default_version(day)

        def progress(name: str) -> None:
            if options["verbosity"] > 1:
                self.stderr.write(f"Writing {name}…")

        try:
            written = write_release(version, day, site=site, progress=progress)
        except ReleaseError as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{n:,} {name}" for name, n in written.counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Release {version} ({counts}) written to {releases_dir() / version}"
            )
        )
