"""The entity admin at scale (issue 19, item 5): the list's counts come from the
kept public counts, and the change form counts co-mentions over the public
entity page's window of newest published articles, saying so."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import publiccounts
from articles.models import Article, TaggedEntity
from entities.models import Entity

CHANGELIST = reverse("admin:entities_entity_changelist")


def hours_ago(n):
    return timezone.now() - datetime.timedelta(hours=n)


def change_url(entity):
    return reverse("admin:entities_entity_change", args=[entity.pk])


@pytest.mark.django_db
class TestChangelist:
    def test_shows_and_sorts_by_published_articles(
        self, client, editor, make_entity, make_article
    ):
        busy, quiet, unpublished = (
            make_entity("Busy"),
            make_entity("Quiet"),
            make_entity("Unpublished"),
        )
        for _ in range(3):
            make_article(entities=[busy])
        make_article(entities=[busy, quiet])
        make_article(entities=[busy, unpublished], status=Article.Status.DRAFT)
        client.force_login(editor)

        response = client.get(CHANGELIST + "?o=-6")  # the count column, descending

        rows = [(e.name, e.published_total) for e in response.context["cl"].result_list]
        assert rows == [("Busy", 4), ("Quiet", 1), ("Unpublished", 0)]
        content = response.content.decode()
        header = content[content.index("column-published_count") :]
        assert ">Artikel terbit</a>" in header[: header.index("</th>")]

    def test_queries_do_not_grow_with_rows_and_never_touch_tags(
        self, client, editor, make_entity, make_article
    ):
        def add_rows(n):
            for _ in range(n):
                entity = make_entity(aliases=["alias"])
                make_article(entities=[entity])

        add_rows(2)
        client.force_login(editor)
        client.get(CHANGELIST)  # the session, and the recount of the new articles
        with CaptureQueriesContext(connection) as small:
            assert client.get(CHANGELIST).status_code == 200
        add_rows(10)
        publiccounts.counts_up_to_date()  # the writes' recount, paid once by any reader
        with CaptureQueriesContext(connection) as large:
            response = client.get(CHANGELIST)
        assert len(response.context["cl"].result_list) == 12
        assert len(large.captured_queries) == len(small.captured_queries)
        tags = TaggedEntity._meta.db_table
        assert not [q for q in large.captured_queries if tags in q["sql"]]


@pytest.fixture
def window_corpus(make_entity, make_article):
    """X on five published articles, newest first, and on a newer draft."""
    x, y, z, w, v = (make_entity(name) for name in ("X", "Y", "Z", "W", "V"))
    make_article(entities=[x, z], publish_at=hours_ago(1))
    make_article(entities=[x, z, y], publish_at=hours_ago(2))
    make_article(entities=[x], publish_at=hours_ago(3))
    make_article(entities=[x, y], publish_at=hours_ago(4))
    make_article(entities=[x, y, w], publish_at=hours_ago(5))
    make_article(entities=[x, v], status=Article.Status.DRAFT)
    return x


def co_mentions(content):
    """The "Mentioned together with" field's text."""
    start = content.index("field-co_mentioned")
    return content[start : content.index("</div>\n", content.index("help", start))]


@pytest.mark.django_db
class TestChangeForm:
    def test_co_mentions_count_only_the_newest_published_articles(
        self, client, editor, settings, window_corpus
    ):
        settings.WARTA_LIST_WINDOW = 3
        client.force_login(editor)

        field = co_mentions(client.get(change_url(window_corpus)).content.decode())

        assert "Z</a> (2)" in field
        assert "Y</a> (1)" in field
        assert "W</a>" not in field  # only on the oldest article
        assert "V</a>" not in field  # only on a draft
        assert field.index("Z</a>") < field.index("Y</a>")
        assert "Dihitung dari 3 artikel terbit terbaru yang menyebut X." in field

    def test_a_window_that_holds_every_article_says_so(
        self, client, editor, settings, window_corpus
    ):
        settings.WARTA_LIST_WINDOW = 5  # exactly the published ones
        client.force_login(editor)

        field = co_mentions(client.get(change_url(window_corpus)).content.decode())

        assert "Y</a> (3)" in field
        assert "Z</a> (2)" in field
        assert "W</a> (1)" in field
        assert "V</a>" not in field
        assert "Dihitung dari semua artikel terbit yang menyebut X (5)." in field

    def test_an_entity_only_drafts_mention(
        self, client, editor, make_entity, make_article
    ):
        secret, other = make_entity("Secret"), make_entity("Other")
        make_article(entities=[secret, other], status=Article.Status.DRAFT)
        client.force_login(editor)

        field = co_mentions(client.get(change_url(secret)).content.decode())

        assert "Other" not in field
        assert "Belum ada artikel terbit yang menyebut Secret." in field

    def test_queries_do_not_grow_with_the_entitys_articles(
        self, client, editor, settings, make_entity, make_article
    ):
        settings.WARTA_LIST_WINDOW = 5
        entity = make_entity("Popular")
        others = [make_entity() for _ in range(4)]

        def add_articles(n):
            for i in range(n):
                make_article(entities=[entity, others[i % len(others)]])

        add_articles(2)
        client.force_login(editor)
        client.get(change_url(entity))
        with CaptureQueriesContext(connection) as few:
            assert client.get(change_url(entity)).status_code == 200
        add_articles(12)  # past the window
        with CaptureQueriesContext(connection) as many:
            assert client.get(change_url(entity)).status_code == 200
        assert len(many.captured_queries) == len(few.captured_queries)
        # The co-mentions are counted over the window's ids, never over every
        # article of the entity.
        counting = [
            q["sql"]
            for q in many.captured_queries
            if "COUNT" in q["sql"] and TaggedEntity._meta.db_table in q["sql"]
        ]
        assert counting and all("IN (" in sql for sql in counting)


def test_the_admin_registered_is_the_one_with_coverage():
    from django.contrib import admin

    from articles.desk.vocabulary import EntityCoverageAdmin

    assert type(admin.site._registry[Entity]) is EntityCoverageAdmin


def test_the_alias_rows_fields_are_labelled(client, editor, make_entity):
    """The tabular inline names its columns only in the table head: each alias
    field and its delete box carry their own label (axe ``label``)."""
    entity = make_entity("Kementerian Perindustrian", aliases=["Kemenperin"])
    client.force_login(editor)
    html = client.get(change_url(entity)).content.decode()
    for name in ("aliases-0-name", "aliases-1-name"):
        tag = html[html.index(f'id="id_{name}"') - 200 :]
        tag = tag[tag.rindex("<input", 0, 200) :]
        assert 'aria-label="Alias"' in tag[: tag.index(">")], name
    delete = html[html.index('id="id_aliases-0-DELETE"') - 200 :]
    delete = delete[delete.rindex("<input", 0, 200) :]
    assert 'aria-label="Hapus permanen"' in delete[: delete.index(">")]
