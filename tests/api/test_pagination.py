"""Cursor pages: stable while articles are published, bounded, tamper-proof,
and the same few queries whatever their size."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.api.pagination import Cursor
from entities.models import Region
from tests.snapshots import shared

from .conftest import hours_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(make_article):
    return shared(
        "api.pagination.many",
        lambda: [make_article(publish_at=hours_ago(n)) for n in range(1, 26)],
    )


def page_ids(response):
    return [row["id"] for row in response.data["results"]]


class TestCursor:
    def test_pages_cover_every_article_once_in_order(self, api, many):
        assert api.ids(page_size=7) == [a.pk for a in many]

    def test_publishing_meanwhile_neither_repeats_nor_skips(
        self, api, many, make_article
    ):
        first = api.get("/api/v1/articles/", {"page_size": 10})
        seen = page_ids(first)
        # Newer articles arrive while the client reads page one.
        for _ in range(3):
            make_article(publish_at=hours_ago(0))
        second = api.get(first.data["next"])
        assert page_ids(second) == [a.pk for a in many[10:20]]
        assert not set(seen) & set(page_ids(second))

    def test_previous_goes_back_to_the_same_page(self, api, many):
        first = api.get("/api/v1/articles/", {"page_size": 10})
        assert first.data["previous"] is None
        second = api.get(first.data["next"])
        back = api.get(second.data["previous"])
        assert page_ids(back) == page_ids(first)
        assert back.data["previous"] is None
        assert api.get(back.data["next"]).data["results"] == second.data["results"]

    def test_links_are_also_in_the_link_header(self, api, many):
        first = api.get("/api/v1/articles/", {"page_size": 10})
        assert first["Link"] == f'<{first.data["next"]}>; rel="next"'

    def test_the_last_page_has_no_next(self, api, many):
        response = api.get("/api/v1/articles/", {"page_size": 25})
        assert len(response.data["results"]) == 25
        assert response.data["next"] is None

    @pytest.mark.parametrize(
        "cursor",
        [
            "",
            "abc",
            "W10:1x:bad",
            # A well-formed position, but not signed by this site.
            '["2026-01-01T00:00:00+00:00",1,0]:forged',
        ],
    )
    def test_a_cursor_not_made_here_is_a_400(self, api, many, cursor):
        response = api.get("/api/v1/articles/", {"cursor": cursor})
        assert response.status_code == 400
        assert list(response.data["parameters"]) == ["cursor"]

    def test_an_edited_cursor_is_refused(self, api, many):
        token = Cursor.at(many[3]).encode()
        value, signature = token.rsplit(":", 1)
        forged = value[:-2] + ("AA" if value[-2:] != "AA" else "BB") + ":" + signature
        assert api.get("/api/v1/articles/", {"cursor": forged}).status_code == 400
        assert api.get("/api/v1/articles/", {"cursor": token}).status_code == 200

    @pytest.mark.parametrize("size", ["0", "101", "-1", "1.5", "２", "abc", ""])
    def test_page_size_is_bounded(self, api, many, size):
        response = api.get("/api/v1/articles/", {"page_size": size})
        assert response.status_code == 400
        assert "page_size" in response.data["parameters"]

    def test_page_size_defaults_to_the_sites(self, api, many, settings):
        assert len(api.get("/api/v1/articles/").data["results"]) == 20
        assert (
            len(api.get("/api/v1/articles/", {"page_size": 100}).data["results"]) == 25
        )


def queries(api, path, data):
    with CaptureQueriesContext(connection) as ctx:
        response = api.get(path, data)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


class TestQueryCounts:
    """Queries per request once the taxonomy and counts of the current content
    are cached: the same for 1 or 100 articles, on the first page or deep."""

    @pytest.fixture
    def tagged(self, seed_data, make_article, make_entity):
        def build():
            cilegon = Region.objects.get(code="36.72")
            entities = [make_entity() for _ in range(6)]
            for n in range(60):
                make_article(
                    regions=[cilegon], entities=entities, publish_at=hours_ago(n + 10)
                )
            return entities

        return shared("api.pagination.tagged", build)

    @pytest.mark.parametrize(
        ("params", "most"),
        [
            ({}, 3),
            ({"region": "banten", "topic": "industri"}, 3),
            ({"region": "banten", "entity": "kota-cilegon", "q": "Paragraf"}, 4),
            ({"kind": "person", "source": "rubrikbanten"}, 3),
        ],
    )
    def test_list_pages(self, api, tagged, params, most):
        path = "/api/v1/articles/"
        queries(api, path, params)  # fills the caches for this content
        small = queries(api, path, {**params, "page_size": 1})
        large = queries(api, path, {**params, "page_size": 100})
        first = api.get(path, {**params, "page_size": 2})
        deep_cursor = (
            first.data["next"]
            and parse_qs(urlsplit(first.data["next"]).query)["cursor"][0]
        )
        deep = (
            queries(api, path, {**params, "page_size": 2, "cursor": deep_cursor})
            if deep_cursor
            else small
        )
        assert small == large == deep <= most

    def test_detail_and_ninjs(self, api, tagged):
        from articles.models import Article

        article = Article.objects.published().first()
        for path in (
            f"/api/v1/articles/{article.pk}/",
            f"/api/v1/articles/{article.pk}/ninjs",
        ):
            queries(api, path, {})
            assert queries(api, path, {}) <= 4

    @pytest.mark.parametrize(
        "path", ["/api/v1/regions/", "/api/v1/topics/", "/api/v1/sources/"]
    )
    def test_vocabulary(self, api, tagged, path):
        queries(api, path, {})
        assert queries(api, path, {}) == 1  # the content stamp

    def test_entities(self, api, tagged):
        path = "/api/v1/entities/"
        queries(api, path, {})
        assert (
            queries(api, path, {"page_size": 1})
            == queries(api, path, {"page_size": 100})
            <= 2
        )

    def test_cached_responses_cost_one_query(self, api, tagged, settings):
        settings.WARTA_PAGE_CACHE_SECONDS = 600
        queries(api, "/api/v1/articles/", {"page_size": 50})
        assert queries(api, "/api/v1/articles/", {"page_size": 50}) == 1
