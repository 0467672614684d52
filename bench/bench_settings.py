"""Diplo's own settings for the benchmark, with one change: what it writes is under bench/data.

Production (DEBUG off) stores static files with a manifest, which needs
``collectstatic``; the benchmark collects them into bench/data/staticfiles, and keeps its
page cache in bench/data/page-cache, so that it writes nothing outside bench/. Everything
else is exactly diplo.settings.
"""

import common

from diplo.settings import *  # noqa: F403
from diplo.settings import CACHES

STATIC_ROOT = common.DATA / "staticfiles"
CACHES["pages"]["LOCATION"] = str(common.PAGE_CACHE)
