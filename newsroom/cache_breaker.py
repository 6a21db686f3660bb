"""The Redis cache's client, with a circuit breaker (issue 24).

A Redis that refuses connections costs little: the error comes at once and
django-redis ignores it (``IGNORE_EXCEPTIONS``). One that hangs (stopped with
SIGSTOP, overloaded, behind a network that loses packets) costs every cache
call the whole socket timeout, and a page makes dozens of calls: pages took
4–30 s and the front page ran into gunicorn's worker timeout.

So ``BreakerClient`` (django-redis's ``DefaultClient``, selected with
``OPTIONS["CLIENT_CLASS"]``) puts every call through one ``CircuitBreaker``
per Redis address and process, shared by all threads and by every use of the
cache (the page cache, the content stamp, cards, the cached counts and facets,
the API's responses and its rate limit; sessions and login throttling live in
the database, not the cache):

- *closed*: calls go to Redis. After ``BREAKER_FAILURES`` consecutive
  failures (a timeout or a connection error; default 1) it *opens*.
- *open*: for ``BREAKER_SECONDS`` (default 5) no call goes to Redis; each
  fails at once with ``CircuitOpen``, which django-redis ignores like any
  connection error (a read is a miss, a write is skipped).
- *half-open*: then one call is let through, while the others still fail at
  once; it first PINGs Redis (the probe). If Redis answers, the breaker
  closes and the call goes on; if not, it opens again.

It logs when it opens and when it closes (``warta.cache.breaker``), not per
call, and sends ``recovered`` when it closes again: writes made while it was
open could not drop what they changed in Redis (the kept content stamp).
``/healthz`` reports its state.

Why not a library: ``pybreaker`` (1.4, well kept) holds one lock around every
guarded call, so in a threaded server the calls queue behind each other for
as long as Redis takes to time out: the pile-up a breaker is there to prevent
(four threads doing 0.2 s calls through one ``pybreaker.CircuitBreaker`` take
0.8 s). It also times the open state on the wall clock and has no notion of a
single probe except that lock. ``circuitbreaker`` (2.1) lets every concurrent
call through when half-open and has no hook for state changes. The state
machine needed here is ``CircuitBreaker`` below, about sixty lines with its
docstrings, tested on its own (``tests/newsroom/test_cache_breaker.py``).
"""

import functools
import inspect
import logging
import re
import threading
import time

from django.dispatch import Signal
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("warta.cache.breaker")
errors = logging.getLogger("warta.cache")

# Sent (sender: the breaker) when a breaker closes after having been open.
recovered = Signal()

# What says Redis did not answer, as opposed to answering with an error.
OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


class CircuitOpen(RedisConnectionError):
    """Redis was not asked: its breaker is open."""


class CircuitBreaker:
    """Closed, open or half-open (see the module's docstring). Thread-safe;
    the lock guards the state only, never a call to Redis."""

    def __init__(self, name, *, seconds, failures=1, clock=time.monotonic):
        self.name = name
        self.seconds = seconds
        self.failures_to_open = failures
        self.clock = clock
        self.state = CLOSED
        self.failures = 0
        self.opened_at = 0.0  # when it last opened (again after a failed probe)
        self.down_since = 0.0  # when it first opened in this outage
        self._lock = threading.Lock()

    def allow(self) -> str:
        """How a call may go now: ``CLOSED`` (ask Redis), ``HALF_OPEN`` (this
        call is the probe: check that Redis answers first) or ``OPEN`` (do not
        ask). While open, one call becomes the probe once ``seconds`` have
        passed; the others are refused until it has its answer."""
        with self._lock:
            if self.state == OPEN and self.clock() - self.opened_at >= self.seconds:
                self.state = HALF_OPEN
                return HALF_OPEN
            return CLOSED if self.state == CLOSED else OPEN

    def succeeded(self) -> bool:
        """Redis answered. Return True if that closed the breaker."""
        with self._lock:
            self.failures = 0
            if self.state != HALF_OPEN:
                return False
            self.state = CLOSED
            down = self.clock() - self.down_since
        logger.info(
            "Redis at %s answers again after %.1f s: the cache is used again.",
            self.name,
            down,
        )
        return True

    def failed(self, exc: BaseException) -> None:
        """Redis did not answer (timeout, connection refused or reset)."""
        with self._lock:
            self.failures += 1
            now = self.clock()
            if self.state == HALF_OPEN:  # the probe failed: open again, quietly
                self.state, self.opened_at = OPEN, now
                return
            if self.state == OPEN or self.failures < self.failures_to_open:
                return
            self.state, self.opened_at, self.down_since = OPEN, now, now
        logger.warning(
            "Redis at %s does not answer (%s: %s): pages are served without the "
            "cache, and Redis is tried again every %g s.",
            self.name,
            type(exc).__name__,
            exc,
            self.seconds,
        )

    def abandon(self) -> None:
        """A call ended with no verdict on Redis (interrupted, or failed on our
        side): if it was the probe, let the next call probe at once."""
        with self._lock:
            if self.state == HALF_OPEN:
                self.state, self.opened_at = OPEN, self.clock() - self.seconds


_breakers: dict = {}
_breakers_lock = threading.Lock()


def breaker_for(location: str, *, seconds: float, failures: int) -> CircuitBreaker:
    """The process's breaker for the Redis at ``location`` (every thread's
    cache client shares it)."""
    key = (location, seconds, failures)
    with _breakers_lock:
        if key not in _breakers:
            # Named in the logs without a password the address may carry.
            name = re.sub(r"//[^@/]*@", "//", location)
            _breakers[key] = CircuitBreaker(name, seconds=seconds, failures=failures)
        return _breakers[key]


# ``DefaultClient`` methods that never talk to Redis; every other public method
# goes through the breaker.
LOCAL = frozenset(
    {
        "close",
        "connect",
        "decode",
        "disconnect",
        "do_close_clients",
        "encode",
        "get_client",
        "get_client_with_index",
        "get_next_client_index",
        "make_key",
        "make_pattern",
    }
)

_calling = threading.local()


def _guarded(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if getattr(_calling, "inside", False):
            # Called by another guarded method (``add`` calls ``set``): the
            # outer call is the one the breaker counts.
            return method(self, *args, **kwargs)
        breaker = self.breaker
        admitted = breaker.allow()
        if admitted == OPEN:
            raise ConnectionInterrupted(connection=None) from CircuitOpen(
                f"circuit open for {breaker.name}"
            )
        if admitted == HALF_OPEN:
            self.probe()
        _calling.inside = True
        try:
            result = method(self, *args, **kwargs)
        except BaseException as exc:
            _calling.inside = False
            translated = _judged(breaker, exc)
            if translated is exc:
                raise
            raise translated from exc
        _calling.inside = False
        _answered(breaker)
        return result

    return call


def _judged(breaker, exc):
    """Record what a failed call says about Redis; return what to raise (as
    django-redis does: ``ConnectionInterrupted`` caused by Redis's error)."""
    cause = exc.__cause__ if isinstance(exc, ConnectionInterrupted) else exc
    if isinstance(cause, OUTAGE):
        breaker.failed(cause)
        if cause is exc:  # from a method that does not translate errors (ttl)
            return ConnectionInterrupted(connection=None)
    elif isinstance(cause, RedisError):  # Redis answered, with an error
        _answered(breaker)
        errors.warning("Redis error ignored: %s: %s", type(cause).__name__, cause)
    else:  # no verdict on Redis (interrupted, or our side failed)
        breaker.abandon()
    return exc


def _answered(breaker):
    if breaker.succeeded():
        recovered.send(sender=breaker)


class BreakerClient(DefaultClient):
    """django-redis's client, every call through the process's breaker for its
    Redis. Options beside django-redis's own: ``BREAKER_SECONDS`` (how long it
    stays open before a probe; default 5) and ``BREAKER_FAILURES`` (consecutive
    failures that open it; default 1)."""

    def __init__(self, server, params, backend):
        super().__init__(server, params, backend)
        options = params.get("OPTIONS", {})
        self.breaker = breaker_for(
            ",".join(self._server),
            seconds=float(options.get("BREAKER_SECONDS", 5)),
            failures=int(options.get("BREAKER_FAILURES", 1)),
        )

    def probe(self) -> None:
        """The half-open breaker's question: does Redis answer a PING? Asked
        before the call that was let through, so that what ``recovered``
        drops is gone before anything is read."""
        breaker = self.breaker
        try:
            self.get_client(write=True).ping()
        except OUTAGE as exc:
            breaker.failed(exc)
            raise ConnectionInterrupted(connection=None) from exc
        except BaseException:
            breaker.abandon()
            raise
        _answered(breaker)

    @_guarded
    def ping(self) -> bool:
        """PING the primary (for the health check), through the breaker."""
        client = self.get_client(write=True)
        try:
            return client.ping()
        except OUTAGE as exc:
            raise ConnectionInterrupted(connection=client) from exc


for _name in dir(DefaultClient):
    if not (_name.startswith("_") or _name in LOCAL) and inspect.isfunction(
        inspect.getattr_static(DefaultClient, _name)
    ):
        setattr(BreakerClient, _name, _guarded(getattr(DefaultClient, _name)))
