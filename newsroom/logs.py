"""Logging helpers: the request id on every record, and no floods."""

import logging
import threading
import time

from .middleware import current_request_id


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every log record (``-`` outside a request)."""

    def filter(self, record):
        record.request_id = current_request_id()
        return True


class OncePerInterval(logging.Filter):
    """Lets the same message through once per ``seconds`` (default 30): an
    outage of the cache would otherwise log one line per cache call."""

    def __init__(self, seconds=30):
        super().__init__()
        self.seconds = seconds
        self.last = {}
        self.lock = threading.Lock()

    def filter(self, record):
        key = (record.name, record.levelno, str(record.msg))
        now = time.monotonic()
        with self.lock:
            if now - self.last.get(key, -self.seconds) < self.seconds:
                return False
            self.last[key] = now
        return True
