"""Diplo's own settings for the benchmark, with one change: STATIC_ROOT under bench/data.

Production (DEBUG off) stores static files with a manifest, which needs
``collectstatic``; the benchmark collects them into bench/data/staticfiles so that
it writes nothing outside bench/. Everything else is exactly diplo.settings.
"""

from diplo.settings import *  # noqa: F403
from diplo.settings import BASE_DIR

STATIC_ROOT = BASE_DIR / "bench" / "data" / "staticfiles"
