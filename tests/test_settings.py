"""Settings come from the environment: a fresh interpreter reads each variable."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def read_settings(env: dict[str, str], *names: str) -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: str(getattr(settings, n)) for n in {list(names)!r}}}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "diplo.settings", "TESTING": "0", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        return {"error": result.stderr}
    return json.loads(result.stdout)


def test_sqlite_in_the_project_is_the_default():
    values = read_settings({"DEBUG": "1"}, "DATABASES")

    assert "django.db.backends.sqlite3" in values["DATABASES"]
    assert str(ROOT / "db.sqlite3") in values["DATABASES"]


def test_database_url_selects_postgresql():
    values = read_settings(
        {"DEBUG": "1", "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/diplo"}, "DATABASES"
    )

    assert "django.db.backends.postgresql" in values["DATABASES"]
    assert "'NAME': 'diplo'" in values["DATABASES"]


def test_production_requires_a_secret_key():
    values = read_settings({"DEBUG": "0"}, "SECRET_KEY")

    assert "SECRET_KEY must be set when DEBUG is off" in values["error"]


def test_hosts_and_origins_come_from_the_environment():
    values = read_settings(
        {
            "SECRET_KEY": "s" * 50,
            "ALLOWED_HOSTS": "diplo.example.org, www.diplo.example.org",
            "CSRF_TRUSTED_ORIGINS": "https://diplo.example.org",
        },
        "ALLOWED_HOSTS",
        "CSRF_TRUSTED_ORIGINS",
        "DEBUG",
    )

    assert values == {
        "ALLOWED_HOSTS": "['diplo.example.org', 'www.diplo.example.org']",
        "CSRF_TRUSTED_ORIGINS": "['https://diplo.example.org']",
        "DEBUG": "False",
    }


def test_a_malformed_boolean_is_refused_by_name():
    values = read_settings({"DEBUG": "perhaps"}, "DEBUG")

    assert "DEBUG must be a boolean" in values["error"]


@pytest.mark.parametrize("secret_file", [True])
def test_secret_key_can_come_from_a_file(tmp_path, secret_file):
    path = tmp_path / "secret"
    path.write_text("k" * 50 + "\n")

    values = read_settings({"SECRET_KEY_FILE": str(path)}, "SECRET_KEY")

    assert values == {"SECRET_KEY": "k" * 50}


def test_deploy_check_reports_nothing_with_production_settings(tmp_path):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **clean,
            "TESTING": "0",
            "DEBUG": "0",
            "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
            "ALLOWED_HOSTS": "diplo.example.org",
            "DIPLO_PAGE_CACHE_DIR": str(tmp_path / "page-cache"),  # nothing in the project
        },
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
