"""Red team round two (issue 32, Medium): three slow readers of the export held
every worker. Downloads now run a few at a time, in small pieces, and are
broken off after a time limit. Each test failed before the fix."""

import json

import pytest

from articles.api import downloads

pytestmark = [pytest.mark.django_db, pytest.mark.security]

EXPORT = "/api/v1/articles/export"


def test_only_so_many_downloads_at_once(api, newsroom, settings):
    settings.WARTA_API_EXPORT_CONCURRENT = 2
    first, second = api.get(EXPORT), api.get(EXPORT)  # both still being read
    assert (first.status_code, second.status_code) == (200, 200)
    refused = api.get(EXPORT, {"format": "csv"})
    assert refused.status_code == 503
    assert refused["Retry-After"] == "60"
    assert json.loads(refused.content)["error"] == "busy"
    # A download read to its end frees its slot; one dropped half-way too.
    b"".join(first.streaming_content)
    assert api.get(EXPORT).status_code == 200
    closed_by_the_server(second)  # before its first piece
    assert api.get(EXPORT).status_code == 200


def closed_by_the_server(response):
    """``response.close()`` as the WSGI server calls it, without the test
    database's connection being closed by ``request_finished`` (Django's test
    client disconnects it the same way)."""
    from django.core.signals import request_finished
    from django.db import close_old_connections

    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def test_a_download_is_written_in_small_pieces(api, newsroom, settings):
    settings.WARTA_API_EXPORT_CHUNK = 100
    pieces = list(api.get(EXPORT).streaming_content)
    assert len(pieces) > 5
    assert max(len(p) for p in pieces) <= 100
    lines = b"".join(pieces).decode().splitlines()
    assert len(lines) == len(newsroom["public"])


def test_a_download_past_its_time_is_broken_off_and_frees_its_slot(
    api, newsroom, settings
):
    settings.WARTA_API_EXPORT_CHUNK = 100
    settings.WARTA_API_EXPORT_CONCURRENT = 1
    ticks = iter(range(0, 1000, 10))  # every piece takes 10 s
    slot = downloads.slot_take()
    pieces = downloads.bounded(
        ["x" * 1000], slot=slot, seconds=25, clock=lambda: next(ticks)
    )
    got = []
    with pytest.raises(downloads.ExportTimedOut):
        got.extend(pieces)
    assert len(got) == 2  # checked at 10 and 20 s: written; at 30 s: too late
    assert api.get(EXPORT).status_code == 200  # the slot was freed


def test_over_http_the_time_limit_breaks_the_stream(api, newsroom, settings):
    settings.WARTA_API_EXPORT_SECONDS = 0
    settings.WARTA_API_EXPORT_CHUNK = 100
    response = api.get(EXPORT)
    assert response.status_code == 200
    with pytest.raises(downloads.ExportTimedOut):
        b"".join(response.streaming_content)
    assert api.get(EXPORT).status_code == 200


def test_under_gunicorn_the_socket_times_out_with_the_time_left(newsroom, settings):
    """A write to a client that stopped reading blocks the worker: the
    client's socket gets the time left as its timeout (measured: without it a
    stalled reader held its worker until gunicorn killed it at 30 s)."""

    class Socket:
        def __init__(self):
            self.timeouts = []

        def settimeout(self, seconds):
            self.timeouts.append(seconds)

    sock = Socket()
    ticks = iter([0, 1, 5, 12, 30])
    pieces = downloads.bounded(
        ["x" * 300], slot="", seconds=20, size=100, sock=sock, clock=lambda: next(ticks)
    )
    assert len(list(pieces)) == 3
    assert sock.timeouts == [19, 15, 8]


def test_the_view_hands_the_server_socket_over(api, newsroom, settings):
    class Socket:
        timeouts = []

        def settimeout(self, seconds):
            self.timeouts.append(seconds)

    response = api.get(EXPORT, **{"gunicorn.socket": Socket()})
    b"".join(response.streaming_content)
    assert Socket.timeouts and all(0 < t <= 20 for t in Socket.timeouts)
