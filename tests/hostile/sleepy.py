"""A WSGI application whose /sleep never ends: what gunicorn's watchdog must stop."""

import time


def app(environ, start_response):
    if environ["PATH_INFO"].startswith("/sleep"):
        while True:  # a request stuck in Python, not in a query
            time.sleep(0.1)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"awake\n"]
