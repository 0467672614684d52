"""On SQLite an import commits each article: an editor's admin write made while it runs
waits for one article at most, and succeeds (it failed with a 500 after 20 s)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 12


def _manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        **kwargs,
    )


def test_an_editors_admin_write_during_an_import_succeeds(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'archive.sqlite3'}",
        "DEBUG": "1",
        "DIPLO_PAGE_CACHE_SECONDS": "0",
        "DIPLO_PAGE_CACHE_DIR": str(tmp_path / "pages"),
    }
    assert _manage(env, "migrate", "--no-input").returncode == 0
    assert _manage(env, "load_knowledge").returncode == 0
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(ARTICLES):
        filler = "".join(
            f"Officials in town {number}-{line} described a quiet day of talks. "
            for line in range(4000)
        )
        (folder / f"{number:02}.txt").write_text(
            f"Emmanuel Macron spoke by phone with Vladimir Putin on {number + 1} March 2024. "
            + filler,
            "utf-8",
        )

    importing = subprocess.Popen(
        [sys.executable, "manage.py", "import_articles", str(folder), "--no-progress"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    editor = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("editor_during_import.py"))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    log = importing.communicate(timeout=300)[0]

    assert importing.returncode == 0, log
    assert f"Imported {ARTICLES} source(s)." in log
    sources = editor.stdout.split()[-2]
    assert editor.stdout.startswith("302 'Edited during an import.'"), editor.stderr
    # It happened while the import ran: the import had not archived every article yet.
    assert int(sources.removeprefix("sources=")) < ARTICLES, editor.stdout
