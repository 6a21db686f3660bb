"""Bounds on the streamed export, so that slow readers cannot hold the site's
workers (issue 32: three slow readers held all three; a page reader waited
31.7 s).

A gunicorn worker serving a download is busy until the last byte is written
to the client's socket, however slowly the client reads. So:

- at most ``WARTA_API_EXPORT_CONCURRENT`` downloads run at once, counted in
  the shared cache (Redis) across every worker; another is refused at once
  with 503 and ``Retry-After`` (``ExportBusy``);
- each download is written in pieces of at most ``WARTA_API_EXPORT_CHUNK``
  bytes and stops once it has run ``WARTA_API_EXPORT_SECONDS``: the stream is
  broken off (``ExportTimedOut``), so the client sees an incomplete transfer,
  never a file that looks complete and is not; under gunicorn the client's
  socket gets the time left as its timeout, so a write to a client that
  stopped reading fails then instead of blocking the worker until gunicorn's
  own worker timeout kills it;
- the slot is freed however the download ends (finished, broken off, the
  client gone), and expires by itself after the time limit should a worker
  die holding it.

In front of gunicorn a buffering proxy reads the download at the speed the
application writes it and feeds slow clients itself (docs/deploy.md); these
bounds hold without one.
"""

import logging
import secrets
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

SLOT_KEY = "warta:export-slot:{}"


class ExportBusy(Exception):
    """Every download slot is taken."""


class ExportTimedOut(Exception):
    """A download ran past ``WARTA_API_EXPORT_SECONDS`` and was broken off."""


def slot_take() -> str:
    """Take a free download slot and return its key (``""`` when the cache
    cannot be reached: then only the time limit bounds the download). Raise
    ``ExportBusy`` when every slot is taken."""
    expires = settings.WARTA_API_EXPORT_SECONDS + 30
    for number in range(settings.WARTA_API_EXPORT_CONCURRENT):
        key = SLOT_KEY.format(number)
        if cache.add(key, secrets.token_hex(8), timeout=expires):
            return key
        if cache.get(key) is None:
            # Neither added nor there: the cache is not answering (its
            # errors are ignored). Downloads are not counted meanwhile.
            logger.warning("Export slots not counted: the cache does not answer")
            return ""
    raise ExportBusy


def slot_free(key: str) -> None:
    if key:
        cache.delete(key)


class bounded:  # noqa: N801 - used like the generator function it was
    """``pieces`` (text) as bytes in pieces of at most ``size`` bytes, broken
    off with ``ExportTimedOut`` once ``seconds`` have passed. ``slot`` is freed
    once, when the pieces end or the response is closed (the WSGI server
    closes it however the download ended, even before its first piece)."""

    def __init__(
        self, pieces, *, slot, seconds=None, size=None, clock=time.monotonic, sock=None
    ):
        self.slot = slot
        # The client's socket when the server hands it over (gunicorn:
        # ``gunicorn.socket``): writing a piece to a client that stopped
        # reading blocks, so the time left is also the socket's timeout.
        self.sock = sock
        self.seconds = settings.WARTA_API_EXPORT_SECONDS if seconds is None else seconds
        self.size = settings.WARTA_API_EXPORT_CHUNK if size is None else size
        self.clock = clock
        self.pieces = self._pieces(pieces)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self.pieces)

    def _pieces(self, pieces):
        deadline = self.clock() + self.seconds
        try:
            for text in pieces:
                data = text.encode()
                for start in range(0, len(data), self.size):
                    left = deadline - self.clock()
                    if left < 0:
                        logger.warning(
                            "Export broken off after %s s (a slow reader?)",
                            self.seconds,
                        )
                        raise ExportTimedOut
                    if self.sock is not None:
                        self.sock.settimeout(max(left, 0.1))
                    yield data[start : start + self.size]
        finally:
            self._free()

    def _free(self):
        slot, self.slot = self.slot, ""
        slot_free(slot)

    def close(self):
        self._free()
        self.pieces.close()
