"""Diplo's own settings for the benchmark, with one change: what it writes is under bench/data.

Production (DEBUG off) stores static files with a manifest, which needs
``collectstatic``; the benchmark collects them into bench/data/staticfiles, and keeps its
page cache in bench/data/page-cache, so that it writes nothing outside bench/. Everything
else is exactly diplo.settings.
"""

from diplo.settings import *  # noqa: F403
from diplo.settings import BASE_DIR, CACHES

STATIC_ROOT = BASE_DIR / "bench" / "data" / "staticfiles"
PAGE_CACHE_DIR = BASE_DIR / "bench" / "data" / "page-cache"
CACHES["pages"]["LOCATION"] = str(PAGE_CACHE_DIR)
