"""gunicorn settings for Diplo: ``gunicorn -c gunicorn.conf.py diplo.wsgi``.

Every value can be overridden from the environment (GUNICORN_* or the standard
WEB_CONCURRENCY), so one file serves a laptop and a production host.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Pages are short SQL-bound requests: a worker per core with a few threads each
# keeps the cores busy while one thread waits on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
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
