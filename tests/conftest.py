"""Builders for test data, and isolation of media files."""

import datetime
import itertools
import time

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone, translation

from articles.models import Article, Source, Topic
from entities.models import Entity, Region

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WARTA_IMPORT_STAGING_ROOT = tmp_path / "imports"


@pytest.fixture(autouse=True)
def _empty_caches():
    # Cache keys carry the content stamp, but a rolled-back test can leave the
    # same stamp behind for the next one; start every test cold.
    from django.core.cache import cache

    from articles.freshness import memo as taxonomy_memo
    from articles.publiccounts import postings

    cache.clear()
    taxonomy_memo._memo.clear()
    postings.forget()
    yield
    cache.clear()
    taxonomy_memo._memo.clear()
    postings.forget()


@pytest.fixture(autouse=True)
def _default_language(settings):
    # The locale middleware leaves the last request's language active in the
    # thread; start every test from the site default.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def _seed_rows(django_db_setup, django_db_blocker):
    """The rows ``load_initial_data`` writes, read once per test run: the command
    runs in a transaction that is then rolled back, and each test that asks for
    the seed gets the same rows inserted directly (milliseconds, instead of a
    second of deserialising fixtures and running every save's signals)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_initial_data", verbosity=0)
        rows = []
        with connection.cursor() as cursor:
            for model in apps.get_models(include_auto_created=True):
                table = model._meta.db_table
                columns = [f.column for f in model._meta.local_concrete_fields]
                if model._meta.proxy or not model._meta.managed:
                    continue
                quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
                cursor.execute(f"SELECT {quoted} FROM {table}")
                found = cursor.fetchall()
                if found:
                    rows.append((model, table, quoted, len(columns), found))
        transaction.set_rollback(True)
    return rows


@pytest.fixture
def seed_data(db, _seed_rows):
    """The five curated seed articles with their vocabulary, as `make run` loads
    (the rows it writes, see ``_seed_rows``)."""
    with connection.cursor() as cursor:
        for _model, table, quoted, width, found in _seed_rows:
            # Tables migrations fill (groups, permissions, content types) keep
            # their rows; the seed's are the same ones.
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            if cursor.fetchone()[0]:
                continue
            marks = ", ".join(["%s"] * width)
            cursor.executemany(
                f"INSERT INTO {table} ({quoted}) VALUES ({marks})", found
            )
        models = [model for model, *_rest in _seed_rows]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


@pytest.fixture
def make_user(db):
    """A staff user in the Contributor or Editor group (created by migrate)."""
    from django.contrib.auth.models import Group, User

    def make(role, username=None):
        user = User.objects.create_user(
            username=username or f"{role.lower()}{next(_counter)}",
            password="test-password",
            is_staff=True,
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def contributor(make_user):
    return make_user("Contributor", "kontributor")


@pytest.fixture
def editor(make_user):
    return make_user("Editor", "redaktur")


@pytest.fixture
def make_region(db):
    def make(name=None, *, parent=None, kind=Region.Kind.PROVINCE, code=None):
        n = next(_counter)
        name = name or f"Region {n}"
        code = code or (f"{parent.code}.{n:02d}" if parent else f"T{n}")
        return Region.objects.create(
            name=name, slug=f"region-{n}", kind=kind, code=code, parent=parent
        )

    return make


@pytest.fixture
def make_topic(db):
    def make(name=None, *, parent=None):
        n = next(_counter)
        return Topic.objects.create(
            name=name or f"Topic {n}", slug=f"topic-{n}", parent=parent
        )

    return make


@pytest.fixture
def make_source(db):
    def make(name=None, **fields):
        n = next(_counter)
        return Source.objects.create(
            name=name or f"Source {n}", slug=f"source-{n}", **fields
        )

    return make


@pytest.fixture
def make_entity(db):
    def make(name=None, *, kind=Entity.Kind.ORGANISATION, aliases=(), **fields):
        n = next(_counter)
        entity = Entity.objects.create(name=name or f"Entity {n}", kind=kind, **fields)
        for alias in aliases:
            entity.aliases.create(name=alias)
        return entity

    return make


@pytest.fixture
def make_article(db):
    def make(
        title=None,
        *,
        status=Article.Status.PUBLISHED,
        publish_at=None,
        regions=(),
        topics=(),
        entities=(),
        **fields,
    ):
        n = next(_counter)
        if publish_at is None and status == Article.Status.PUBLISHED:
            publish_at = timezone.now() - datetime.timedelta(hours=n)
        article = Article.objects.create(
            title=title or f"Artikel nomor {n}",
            slug=f"artikel-{n}",
            body=fields.pop("body", f"Paragraf pertama {n}.\n\nParagraf kedua."),
            status=status,
            publish_at=publish_at,
            **fields,
        )
        article.regions.set(regions)
        article.topics.set(topics)
        article.entities.set(list(entities))
        return article

    return make


def pytest_collection_modifyitems(config, items):
    """Mark ``nodb`` every test that touches no database (no ``db`` fixture, no
    ``django_db`` marker): its outcome is the same on SQLite and PostgreSQL, so
    CI's PostgreSQL pass leaves it out (``-m "not nodb"``)."""
    for item in items:
        uses_db = item.get_closest_marker("django_db") is not None or {
            "db",
            "transactional_db",
            "django_db_reset_sequences",
            "django_db_serialized_rollback",
            "live_server",
        } & set(getattr(item, "fixturenames", ()))
        if not uses_db:
            item.add_marker(pytest.mark.nodb)


def _open_transactions(patience=5.0):
    """The aliases of connections still inside ``transaction.atomic`` once
    every fixture is torn down, after waiting up to ``patience`` seconds for
    a live server's request (whose thread shares the in-memory SQLite
    connection) to finish."""
    from django.db import connections

    deadline = time.monotonic() + patience
    while True:
        left = [
            conn.alias
            for conn in connections.all(initialized_only=True)
            if conn.in_atomic_block
        ]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def _abandon_transaction(conn):
    """Roll back and forget a transaction whose ``atomic`` will never exit,
    so that the tests after the one that left it start clean."""
    conn.atomic_blocks.clear()
    conn.savepoint_ids.clear()
    conn.in_atomic_block = False
    conn.needs_rollback = False
    conn.commit_on_exit = True
    conn.run_on_commit.clear()
    if conn.connection is not None:
        conn.connection.rollback()
    conn.set_autocommit(True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Fail the test that leaves a database connection inside a transaction
    (every fixture torn down): otherwise the next transactional test on the
    worker fails instead ("TransactionManagementError", files not deleted
    because ``on_commit`` never runs) and the culprit stays unknown."""
    result = yield
    left = _open_transactions()
    if left:
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            for alias in left:
                _abandon_transaction(connections[alias])
        pytest.fail(
            f"{item.nodeid} left the connection(s) {left} inside a transaction "
            "after its teardown (rolled back now so the next tests start clean)",
            pytrace=False,
        )
    return result
