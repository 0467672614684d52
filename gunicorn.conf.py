"""gunicorn settings for Diplo: ``gunicorn -c gunicorn.conf.py diplo.wsgi``.

Every value can be overridden from the environment (GUNICORN_* or the standard
WEB_CONCURRENCY), so one file serves a laptop and a production host.
"""

import multiprocessing
import os
import threading
import time

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Pages are short SQL-bound requests: a worker per core with a few threads each
# keeps the cores busy while one thread waits on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# gthread workers keep answering gunicorn's heartbeat while a request thread is stuck, so
# ``timeout`` alone never stops a request (eight stuck searches once took the site down).
# A watchdog in each worker (below) ends the worker, as a sync worker's timeout would, when a
# request has run this long; gunicorn starts another. Queries stop sooner, at
# DIPLO_STATEMENT_TIMEOUT_MS (archive/middleware.py). The admin's uploads may take longer.
request_timeout = int(os.environ.get("GUNICORN_REQUEST_TIMEOUT", str(timeout)))
admin_request_timeout = int(os.environ.get("GUNICORN_ADMIN_REQUEST_TIMEOUT", "300"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so that no leak grows without bound, but rarely: a worker
# serving cached pages answers about 600 requests a second, and each restart costs a second
# of start-up. At 5,000 a worker restarted every few seconds under load, and the load test
# gave 520 pages a second where it gives 1,200 without restarts (bench/README.md).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = 10000
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


# --- the request watchdog ---------------------------------------------------------------------

_running: dict[int, tuple[float, str]] = {}  # thread id -> (when it started, path)


def _limit_for(path: str) -> int:
    return admin_request_timeout if path.startswith("/admin/") else request_timeout


def pre_request(worker, req):
    _running[threading.get_ident()] = (time.monotonic(), req.path)


def post_request(worker, req, environ, resp):
    _running.pop(threading.get_ident(), None)


def _watch(worker):
    while True:
        time.sleep(1)
        now = time.monotonic()
        for started, path in list(_running.values()):
            if now - started > _limit_for(path):
                worker.log.critical(
                    "request %s ran %.0f s, past its limit of %s s: ending worker %s",
                    path,
                    now - started,
                    _limit_for(path),
                    worker.pid,
                )
                # The thread cannot be stopped on its own: the process is, and the arbiter
                # starts a new worker, as it does when a sync worker times out.
                os._exit(1)


def post_worker_init(worker):
    # Each worker reads the facet values' bitmaps as it starts, in the background, so that
    # the first page counting many calls needs not wait for them (archive/facet_bitmaps.py).
    try:
        from archive import facet_bitmaps

        facet_bitmaps.warm()
    except Exception as exc:  # no database yet: the first page that needs them reads them
        worker.log.warning("facet bitmaps not read at start: %s", exc)
    if request_timeout > 0:
        watchdog = threading.Thread(target=_watch, args=(worker,), name="watchdog", daemon=True)
        watchdog.start()
