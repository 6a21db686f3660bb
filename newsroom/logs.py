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


class RefusedHosts(logging.Filter):
    """For ``django.security.DisallowedHost``: a forged or unknown ``Host`` is a
    client's doing (a scanner, a misdirected name), answered 400, not a fault
    of ours, yet Django logs it at ERROR with a 20–40 line traceback, one per
    request: a flood. This makes it one WARNING line without the traceback,
    at most one per ``seconds``; the next line says how many were refused in
    between."""

    def __init__(self, seconds=10):
        super().__init__()
        self.seconds = seconds
        self.clock = time.monotonic
        self.last = None
        self.skipped = 0
        self.lock = threading.Lock()

    def filter(self, record):
        with self.lock:
            now = self.clock()
            if self.last is not None and now - self.last < self.seconds:
                self.skipped += 1
                return False
            self.last, skipped, self.skipped = now, self.skipped, 0
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = record.stack_info = None
        message = record.getMessage()
        if skipped:
            message += f" ({skipped} more refused in the {self.seconds} s before)"
        record.msg, record.args = message, ()
        return True
