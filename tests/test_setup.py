"""A newcomer's first commands: what the README and `make run` say must work as written."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_settings import read_settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"


def readme_manage_commands() -> list[str]:
    """The README's `.venv/bin/python manage.py ...` lines, without their comments."""
    blocks = re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
    lines = [line.split(" # ")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if ".venv/bin/python manage.py" in line]


def run_as_written(command: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """``command`` run by a shell from the project, in an environment that sets none of
    Diplo's variables (as a newcomer's shell); ``--help`` so that it changes nothing."""
    names = {"DEBUG", "SECRET_KEY", "TESTING", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in names}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return subprocess.run(
        ["sh", "-c", f"{command} --help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_readme_names_its_manage_commands():
    assert [line.split("manage.py ")[1].split()[0] for line in readme_manage_commands()] == [
        "load_knowledge",
        "import_articles",
        "import_articles",
        "export_calls",
        "release_data",
        "createsuperuser",
    ]


@pytest.mark.skipif(not VENV_PYTHON.exists(), reason="no .venv (make install creates it)")
@pytest.mark.parametrize("command", readme_manage_commands())
def test_each_readme_manage_command_runs_as_written(command, tmp_path):
    """They failed with "SECRET_KEY must be set when DEBUG is off"."""
    result = run_as_written(command, tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: manage.py")


@pytest.mark.skipif(not VENV_PYTHON.exists(), reason="no .venv (make install creates it)")
def test_without_debug_or_a_key_the_error_says_how_to_develop(tmp_path):
    result = run_as_written(".venv/bin/python manage.py load_knowledge", tmp_path)

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off (for development, set DEBUG=1" in (
        result.stderr
    )


def test_make_runs_hint_uses_the_projects_python_and_names_the_port():
    makefile = (ROOT / "Makefile").read_text()
    hints = [line for line in makefile.splitlines() if line.strip().startswith("@echo")]

    assert hints
    for hint in hints:
        # Every manage.py command it prints is the virtualenv's, in development mode.
        for command in re.findall(r"\S*python manage\.py", hint):
            assert command == "$(BIN)/python manage.py", hint
    assert "make run PORT=8001" in "\n".join(hints)
    assert "make run PORT=8001" in README


def test_with_debug_on_the_settings_give_the_archives_own_404():
    assert (
        "archive.middleware.ArchiveNotFound"
        in read_settings({"DEBUG": "1"}, "MIDDLEWARE")["MIDDLEWARE"]
    )
    production = read_settings({"DEBUG": "0", "SECRET_KEY": "s" * 50}, "MIDDLEWARE")
    assert "ArchiveNotFound" not in production["MIDDLEWARE"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/no/such/page/", "There is nothing at <code>/no/such/page/</code>."),
        ("/calls/999999/", "There is no call number 999999 in the archive."),
    ],
)
def test_with_debug_on_a_missing_page_is_the_archives_404(client, settings, path, says):
    """`make run` (DEBUG on) showed Django's technical 404 page."""
    settings.DEBUG = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "archive.middleware.ArchiveNotFound"]

    response = client.get(path)

    content = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Not in the archive</h1>" in content
    assert says in content
    assert "URLconf" not in content


@pytest.mark.django_db
def test_without_the_middleware_debug_shows_djangos_technical_page(client, settings):
    settings.DEBUG = True

    content = client.get("/no/such/page/").content.decode()

    assert "Using the URLconf defined in" in content


def test_bench_generate_says_it_does_not_read_database_url():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "--help"],
        capture_output=True,
        text=True,
        check=True,
    )

    assert "DATABASE_URL is not read" in " ".join(result.stdout.split())
