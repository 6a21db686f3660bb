"""A web worker builds the public lists' postings at its start
(``newsroom.startup.warm``, called by ``newsroom/wsgi.py``), so its first
reader does not wait for them; a database down at start does not stop it."""

import logging

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from articles.publiccounts import postings
from newsroom import startup
from newsroom.settings.base import BASE_DIR


def _builds(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if "json_group_array" in q["sql"] or "array_agg" in q["sql"]
    ]


@pytest.mark.django_db
def test_after_the_warm_up_the_first_list_builds_nothing(seed_data, client):
    postings.forget()
    startup.warm()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/artikel/?topic=industri").status_code == 200
    assert _builds(queries.captured_queries) == []


@pytest.mark.django_db
def test_without_the_warm_up_the_first_list_builds(seed_data, client):
    # The other side of the test above: the build is what the warm-up saves.
    postings.forget()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/artikel/?topic=industri").status_code == 200
    assert len(_builds(queries.captured_queries)) == 1


@pytest.mark.django_db
def test_a_database_down_at_start_is_logged_and_the_worker_goes_on(monkeypatch, caplog):
    def down():
        raise OperationalError("connection refused")

    monkeypatch.setattr(postings, "current", down)
    with caplog.at_level(logging.ERROR, logger="newsroom.startup"):
        startup.warm()  # does not raise
    assert "warm-up at start failed" in caplog.text


@pytest.mark.django_db(transaction=True)  # the warm-up's transaction is outermost
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's timeout")
def test_the_build_runs_without_the_web_statement_timeout(monkeypatch):
    seen = []

    def build_here():
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            seen.append(cursor.fetchone()[0])

    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 5000")
    monkeypatch.setattr(postings, "current", build_here)
    startup.warm()
    assert seen == ["0"]
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "5s"  # only the warm-up's transaction


def test_each_worker_warms_up_when_it_loads_the_application():
    wsgi = (BASE_DIR / "newsroom" / "wsgi.py").read_text()
    assert wsgi.index("get_wsgi_application()") < wsgi.index("warm()")
    assert 'os.environ.get("WARTA_WARM_AT_START", "1") != "0"' in wsgi
