"""A Redis that hangs does not hang the site (issue 24, red team finding HIGH).

A frozen Redis (stopped with SIGSTOP, overloaded, behind a lossy network)
accepts connections and never answers. Here it is a real socket on 127.0.0.1
that does exactly that (``FrozenRedis``), or a real redis-server stopped with
SIGSTOP. Nothing is timed: the tests count what reached Redis and read the
breaker's state, the health check and the logs.
"""

import inspect
import logging
import signal
import socket
import threading

import pytest
from django.core.cache import cache, caches
from django.test import override_settings
from django_redis.client import DefaultClient

from articles.freshness.stamp import STAMP_KEY
from newsroom import cache_breaker
from newsroom.cache_breaker import CLOSED, HALF_OPEN, OPEN, CircuitBreaker
from newsroom.settings.base import redis_cache
from tests.redis_server import REDIS_SERVER, free_port, start_redis

PAGES = ["/", "/artikel/", "/wilayah/banten/", "/indeks/", "/feed/"]
PAGES += ["/api/v1/articles/"]


class FrozenRedis:
    """A TCP server on 127.0.0.1 that accepts connections and never answers
    (how a Redis stopped with SIGSTOP looks to its clients: the kernel still
    accepts). ``connections`` counts the connections clients opened."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.listener.settimeout(0.05)
        self.port = self.listener.getsockname()[1]
        self.accepted = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)

    def serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.accepted.append(conn)  # held open, never read or answered

    @property
    def connections(self):
        return len(self.accepted)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        self.listener.close()
        for conn in self.accepted:
            conn.close()


def caches_at(port, **options):
    config = redis_cache(f"redis://127.0.0.1:{port}/0", key_prefix=f"breaker-{port}")
    config["OPTIONS"].update(options)
    return {"default": config}


class Clock:
    """A clock the test moves by hand (the breaker's open time)."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def breaker_log():
    """What the breaker logged (its logger does not propagate)."""
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("warta.cache.breaker")
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


@pytest.fixture
def page_cache(settings):
    settings.WARTA_PAGE_CACHE_SECONDS = 600
    settings.WARTA_STAMP_IN_CACHE = True
    return settings


def the_breaker():
    return caches["default"].client.breaker


@pytest.mark.django_db
def test_a_frozen_redis_is_asked_once_then_left_alone(
    client, seed_data, page_cache, breaker_log
):
    with FrozenRedis() as redis, override_settings(CACHES=caches_at(redis.port)):
        for url in PAGES * 2:
            assert client.get(url).status_code == 200, url
        # One call waited for the timeout; every other call of every page
        # (page cache, stamp, cards, counts, API cache and rate limit) was
        # answered by the open breaker without a connection.
        assert redis.connections == 1
        assert the_breaker().state == OPEN
        assert [r.levelname for r in breaker_log] == ["WARNING"]
        assert "does not answer" in breaker_log[0].getMessage()
        assert "TimeoutError" in breaker_log[0].getMessage()


@pytest.mark.django_db
def test_the_health_check_reports_the_open_breaker_without_asking_redis(
    client, seed_data
):
    with FrozenRedis() as redis, override_settings(CACHES=caches_at(redis.port)):
        first = client.get("/healthz")  # its PING is the call that times out
        assert first.status_code == 200
        assert first.json() == {"status": "degraded", "database": "ok", "cache": "open"}
        again = client.get("/healthz")
        assert again.json()["cache"] == "open"
        assert redis.connections == 1


@pytest.mark.django_db
def test_one_probe_after_the_open_time_then_open_again(client, seed_data, page_cache):
    with FrozenRedis() as redis, override_settings(CACHES=caches_at(redis.port)):
        clock = the_breaker().clock = Clock()
        client.get("/")
        assert redis.connections == 1
        clock.now += 4.9  # BREAKER_SECONDS is 5: still open
        client.get("/artikel/")
        assert redis.connections == 1
        clock.now += 0.2
        client.get("/artikel/")  # one probe, which times out
        assert redis.connections == 2
        assert the_breaker().state == OPEN
        client.get("/indeks/")
        assert redis.connections == 2


def test_the_breaker_opens_after_the_set_failures_and_probes_once():
    clock = Clock()
    breaker = CircuitBreaker("test", seconds=5, failures=2, clock=clock)
    assert breaker.allow() == CLOSED
    breaker.failed(TimeoutError())
    assert breaker.allow() == CLOSED
    breaker.failed(TimeoutError())
    assert breaker.allow() == OPEN
    clock.now += 5
    assert breaker.allow() == HALF_OPEN  # this call probes
    assert breaker.allow() == OPEN  # the others wait for its answer
    breaker.abandon()  # the probe was interrupted: the next call probes
    assert breaker.allow() == HALF_OPEN
    assert breaker.succeeded() is True
    assert breaker.state == CLOSED
    assert breaker.succeeded() is False  # closing is reported once


def test_the_logs_name_redis_without_its_password():
    breaker = cache_breaker.breaker_for(
        "redis://:s3cret@10.0.0.9:6379/0", seconds=5, failures=1
    )
    assert breaker.name == "redis://10.0.0.9:6379/0"


def test_every_call_that_reaches_redis_goes_through_the_breaker():
    public = {
        name
        for name, value in inspect.getmembers(DefaultClient, inspect.isfunction)
        if not name.startswith("_")
    }
    assert cache_breaker.LOCAL.issubset(public)  # still their names
    for name in public - cache_breaker.LOCAL:
        method = getattr(cache_breaker.BreakerClient, name)
        assert method.__code__ is not getattr(DefaultClient, name).__code__, name
    for name in ("get", "set", "add", "delete", "get_many", "set_many", "incr"):
        assert name not in cache_breaker.LOCAL


@pytest.mark.skipif(not REDIS_SERVER, reason="redis-server is not installed")
@pytest.mark.django_db
def test_a_redis_stopped_and_continued_is_used_again_with_no_stale_stamp(
    client, seed_data, page_cache, breaker_log, editor
):
    from articles import editorial as services
    from articles.models import Article

    port = free_port()
    server = start_redis(port)
    try:
        # A busy machine may keep a running Redis from answering within 0.2 s.
        with override_settings(CACHES=caches_at(port, SOCKET_TIMEOUT=1)):
            clock = the_breaker().clock = Clock()
            client.get("/")
            assert client.get("/")["X-Page-Cache"] == "hit"
            assert cache.get(STAMP_KEY) is not None
            server.send_signal(signal.SIGSTOP)
            client.get("/artikel/")  # times out: open
            assert the_breaker().state == OPEN
            # A publish while Redis is left alone cannot drop the kept stamp.
            article = Article.objects.get(slug__startswith="gubernur-banten")
            article.title = "Diubah saat Redis membeku"
            services.article_update(article=article, by=editor)
            server.send_signal(signal.SIGCONT)
            clock.now += 5
            page = client.get("/")  # the probe answers: closed, stamp dropped
            assert the_breaker().state == CLOSED
            assert "Diubah saat Redis membeku" in page.content.decode()
            assert client.get("/healthz").json()["cache"] == "ok"
            assert client.get("/")["X-Page-Cache"] == "hit"
    finally:
        server.send_signal(signal.SIGCONT)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
    assert [r.levelname for r in breaker_log] == ["WARNING", "INFO"]
    assert "answers again" in breaker_log[1].getMessage()
