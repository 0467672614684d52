"""Diplo's settings: one module, configured from the environment.

Every value a deployment changes comes from an environment variable, so the
same code runs a newcomer's laptop (SQLite, DEBUG on) and production
(PostgreSQL, DEBUG off) without a second settings file.
"""

import os
import sys
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """An environment variable, or the contents of the file named by NAME_FILE (for secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = env(name, "").strip()
    try:
        return int(value) if value else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)
# The test suite runs the production configuration except where noted by TESTING.
TESTING = env_bool("TESTING", default="pytest" in sys.modules)

# A fixed development key is only acceptable while DEBUG is on, or in tests.
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (for development, set DEBUG=1,"
            " as `make run` and the README's commands do)"
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

# Where the archive is served ("https://diplo.example.org"): the permalinks that
# `manage.py export_calls` writes begin with it (the public pages take it from the request).
SITE_URL = env("SITE_URL").strip().rstrip("/")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "reversion",
    "archive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response, static files included.
    "archive.middleware.SecurityHeaders",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A deadline for each request's statements; a clear 503 when one is stopped.
    "archive.middleware.RequestLimits",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "reversion.middleware.RevisionMiddleware",
]

if DEBUG:
    # The archive's own 404 page rather than Django's technical one (make run).
    MIDDLEWARE.append("archive.middleware.ArchiveNotFound")

ROOT_URLCONF = "diplo.urls"
WSGI_APPLICATION = "diplo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The visitor's selection of calls (read from the session only if shown).
                "archive.selection.context",
            ],
        },
    },
]

# SQLite in the project by default: a newcomer needs no server.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while an import writes; IMMEDIATE avoids "database is locked"
    # upgrades in write transactions.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Connections are kept (CONN_MAX_AGE, as on PostgreSQL): a new SQLite connection reads
    # the whole schema, its triggers included, before its first query, which cost 4-5 ms
    # a request on the benchmark's archive (175 against 850 cached pages a second on one
    # connection; bench/README.md). Between requests no transaction is open, so a kept
    # connection holds no lock.
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Compressed, content-hashed names; plain storage in tests so they need no collectstatic.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not TESTING
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# Without collectstatic (development, tests) whitenoise serves straight from the finders.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

LOGIN_URL = "admin:login"

# Security: strict by default when DEBUG is off; TLS may end at a proxy in front of gunicorn.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Uploads of articles in admin: files larger than this are refused with a clear message.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DIPLO_MAX_ARTICLE_BYTES = env_int("DIPLO_MAX_ARTICLE_BYTES", 5 * 1024 * 1024)
# How long a request's statements may run, in all (ms; 0: no limit): PostgreSQL's
# statement_timeout, an interrupting progress handler on SQLite (archive/middleware.py).
# gunicorn stops the rest of a request that runs past GUNICORN_TIMEOUT (gunicorn.conf.py).
DIPLO_STATEMENT_TIMEOUT_MS = env_int("DIPLO_STATEMENT_TIMEOUT_MS", 10_000)
DIPLO_KNOWLEDGE_DIR = BASE_DIR / "fixtures" / "knowledge"
# Where `release_data` writes the citable releases of the data, one folder each, and where
# /releases/ lists and serves them from (archive/releases.py). var/ is git-ignored.
DIPLO_RELEASES_DIR = Path(env("DIPLO_RELEASES_DIR", str(BASE_DIR / "var" / "releases")))

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "diplo",
    },
    # Whole public pages, keyed by the archive's version (archive/caching.py): a page is
    # never served after the data under it changed. On disk, so that every gunicorn worker
    # reads what another rendered, and the cache outlives a worker's recycling: a cache per
    # process gave about a quarter of the pages a second under load (bench/README.md).
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env(
            "DIPLO_PAGE_CACHE_DIR",
            # Tests write nothing in the project (the cache's own tests use their own).
            str(Path(tempfile.gettempdir()) / "diplo-tests" / "page-cache")
            if TESTING
            else str(BASE_DIR / "var" / "page-cache"),
        ),
        "OPTIONS": {"MAX_ENTRIES": env_int("DIPLO_PAGE_CACHE_ENTRIES", 5000)},
    },
}
# How long a cached page may live (0: no page cache). Off in tests, which roll back every
# transaction, so that no trigger deferred to a commit ever runs; the cache's own tests commit.
DIPLO_PAGE_CACHE_SECONDS = env_int("DIPLO_PAGE_CACHE_SECONDS", 0 if TESTING else 3600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
