"""Cached pages answered before the rest of the stack (issue 19, item 3):
compressed once when stored, conditional GETs and HEAD answered there, and
with the stamp kept in a shared cache no database round trip per hit, while a
publish, an edit or a scheduled article's time still shows at once."""

import datetime
import gzip
import os

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import editorial
from articles.models import Article

BACKENDS = ["locmem"] + (["redis"] if os.environ.get("REDIS_URL") else [])


@pytest.fixture(params=BACKENDS)
def front_cache(request, settings):
    # Production's Redis backend (django-redis), or local memory.
    settings.CACHES = (
        settings.PRODUCTION_CACHES
        if request.param == "redis"
        else settings.LOCAL_CACHES
    )
    settings.WARTA_PAGE_CACHE_SECONDS = 600
    from django.core.cache import cache

    cache.clear()
    yield settings
    cache.clear()


@pytest.fixture
def kept_stamp(front_cache):
    front_cache.WARTA_STAMP_IN_CACHE = True
    return front_cache


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    return response, len(ctx.captured_queries)


@pytest.mark.django_db
class TestFront:
    def test_a_hit_is_stored_compressed_and_served_as_is(
        self, client, seed_data, front_cache
    ):
        url = reverse("articles:list")
        first, _ = get(client, url)
        assert first["X-Page-Cache"] == "miss"
        plain, queries = get(client, url)
        assert plain["X-Page-Cache"] == "hit"
        assert queries == 1  # the stamp, read from the database
        assert plain.content == first.content
        zipped, _ = get(client, url, accept_encoding="gzip, br")
        assert zipped["Content-Encoding"] == "gzip"
        assert gzip.decompress(zipped.content) == first.content
        assert "Accept-Encoding" in zipped["Vary"]
        assert zipped["ETag"] == first["ETag"]
        assert int(zipped["Content-Length"]) == len(zipped.content)

    def test_conditional_get_and_head_are_answered_in_front(
        self, client, seed_data, front_cache
    ):
        url = reverse("articles:home")
        first = client.get(url)
        again = client.get(url, headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304
        assert again["ETag"] == first["ETag"]
        head = client.head(url)
        assert head.status_code == 200 and head.content == b""
        assert head["X-Page-Cache"] == "hit"
        assert int(head["Content-Length"]) == len(first.content)

    def test_signed_in_staff_get_the_same_public_page(
        self, client, seed_data, front_cache, editor
    ):
        url = reverse("articles:home")
        anonymous = client.get(url)
        client.force_login(editor)
        staff = client.get(url)
        assert staff["X-Page-Cache"] == "hit"
        assert staff.content == anonymous.content

    def test_pages_that_are_not_public_are_never_stored(
        self, client, seed_data, front_cache, editor
    ):
        client.force_login(editor)
        article = Article.objects.get(slug__startswith="gubernur-banten")
        for url in (article.get_preview_url(), reverse("admin:index")):
            client.get(url)
            assert "X-Page-Cache" not in client.get(url)
        missing = "/artikel/tidak-ada-di-sini/"
        client.get(missing)
        assert "X-Page-Cache" not in client.get(missing)

    def test_a_miss_reads_the_stamp_once(self, client, seed_data, front_cache):
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("articles:list"))
        stamp_reads = [
            q
            for q in ctx.captured_queries
            if q["sql"].startswith('SELECT "articles_contentversion"."version"')
        ]
        assert len(stamp_reads) == 1

    def test_the_newsroom_pays_nothing_for_it(self, client, seed_data, front_cache):
        url = reverse("admin:login")
        _, cached = get(client, url)
        front_cache.WARTA_PAGE_CACHE_SECONDS = 0
        _, uncached = get(client, url)
        assert cached == uncached


@pytest.mark.django_db
class TestKeptStamp:
    def test_a_hit_costs_no_query(self, client, seed_data, kept_stamp):
        url = reverse("articles:region", args=["banten"])
        get(client, url)
        hit, queries = get(client, url)
        assert hit["X-Page-Cache"] == "hit"
        assert queries == 0

    def test_a_publish_shows_at_once(self, client, seed_data, kept_stamp, editor):
        url = reverse("articles:home")
        get(client, url)
        article = Article.objects.get(slug__startswith="gubernur-banten")
        article.title = "Judul yang baru saja diubah"
        editorial.article_update(article=article, by=editor)
        page, _ = get(client, url)
        assert page["X-Page-Cache"] == "miss"
        assert "Judul yang baru saja diubah" in page.content.decode()

    def test_draft_work_keeps_pages_cached(
        self, client, seed_data, kept_stamp, editor, make_article
    ):
        url = reverse("articles:home")
        get(client, url)
        draft = make_article(status=Article.Status.DRAFT)
        draft.title = "Draf yang disimpan berkali-kali"
        editorial.article_update(article=draft, by=editor)
        assert get(client, url)[0]["X-Page-Cache"] == "hit"

    def test_a_kept_stamp_lasts_only_until_the_next_scheduled_time(
        self, client, seed_data, kept_stamp, make_article
    ):
        from articles.freshness.stamp import cached_stamp

        make_article(
            "Terjadwal sebentar lagi",
            publish_at=timezone.now() + datetime.timedelta(seconds=2),
        )
        url = reverse("articles:home")
        get(client, url)
        assert cached_stamp() is not None
        # Once that time has come, the kept stamp is not trusted.
        from django.core.cache import cache

        stamp, valid_until = cache.get("warta:stamp")
        cache.set(
            "warta:stamp", (stamp, timezone.now() - datetime.timedelta(seconds=1))
        )
        assert cached_stamp() is None
        assert valid_until is not None


def unreachable(execute, sql, params, many, context):
    """Every statement fails as it does while PostgreSQL restarts."""
    raise OperationalError("server closed the connection unexpectedly")


@pytest.mark.django_db
class TestStale:
    """Issue 24, red team finding LOW: while the database was unreachable even
    pages sitting in the page cache answered 503."""

    def test_a_cached_page_is_served_stale_while_the_database_is_down(
        self, client, seed_data, front_cache
    ):
        url = reverse("articles:list")
        first = client.get(url)
        with connection.execute_wrapper(unreachable):
            stale = client.get(url)
            zipped = client.get(url, headers={"accept-encoding": "gzip"})
        assert stale.status_code == 200
        assert stale["X-Page-Cache"] == "stale"
        assert stale.content == first.content
        assert int(stale["Age"]) >= 0
        assert stale["Warning"] == '110 - "Response is Stale"'
        assert gzip.decompress(zipped.content) == first.content

    def test_the_newest_copy_when_the_current_one_is_not_cached(
        self, client, seed_data, kept_stamp, editor
    ):
        url = reverse("articles:home")
        client.get(url)
        article = Article.objects.get(slug__startswith="gubernur-banten")
        article.title = "Judul terbaru sebelum basis data mati"
        editorial.article_update(article=article, by=editor)  # drops the stamp
        newest = client.get(url)
        assert "Judul terbaru sebelum basis data mati" in newest.content.decode()
        from django.core.cache import cache

        cache.delete("warta:stamp")  # expired: the stack reads it, and fails
        client.raise_request_exception = False
        with connection.execute_wrapper(unreachable):
            stale = client.get(url)
        assert stale["X-Page-Cache"] == "stale"
        assert stale.content == newest.content

    def test_pages_never_cached_answer_503(self, client, seed_data, front_cache):
        client.raise_request_exception = False
        with connection.execute_wrapper(unreachable):
            response = client.get(reverse("articles:index"))
        assert response.status_code == 503
        assert response["Retry-After"] == "5"
        assert "X-Page-Cache" not in response

    def test_the_newsroom_and_previews_are_never_served_stale(
        self, client, seed_data, front_cache, editor
    ):
        client.force_login(editor)
        article = Article.objects.get(slug__startswith="gubernur-banten")
        urls = [article.get_preview_url(), reverse("admin:index")]
        for url in urls:
            assert client.get(url).status_code == 200
        client.raise_request_exception = False
        with connection.execute_wrapper(unreachable):
            for url in urls:
                response = client.get(url)
                assert response.status_code == 503, url
                assert "X-Page-Cache" not in response

    def test_an_unpublished_page_is_not_served_stale(
        self, client, seed_data, front_cache, editor
    ):
        article = Article.objects.get(slug__startswith="gubernur-banten")
        url = article.get_absolute_url()
        assert client.get(url)["X-Page-Cache"] == "miss"
        article.status = Article.Status.DRAFT
        editorial.article_update(article=article, by=editor)
        assert client.get(url).status_code == 404  # the page is gone
        client.raise_request_exception = False
        with connection.execute_wrapper(unreachable):
            response = client.get(url)
        assert response.status_code == 503

    def test_stale_pages_can_be_turned_off(self, client, seed_data, front_cache):
        url = reverse("articles:home")
        client.get(url)
        front_cache.WARTA_SERVE_STALE = False
        client.raise_request_exception = False
        with connection.execute_wrapper(unreachable):
            assert client.get(url).status_code == 503


@pytest.mark.django_db
class TestQueryParameters:
    """Issue 24, red team finding LOW: any unknown query parameter on an HTML
    page made a new cache entry (``?x=1``, ``?x=2``, … cache busting)."""

    def test_unknown_parameters_share_the_page_s_copy(
        self, client, seed_data, front_cache
    ):
        first = client.get("/?utm_source=a")
        assert first["X-Page-Cache"] == "miss"
        for url in ("/?utm_source=b", "/?x=1&y=2", "/"):
            again = client.get(url)
            assert again["X-Page-Cache"] == "hit", url
            assert again.content == first.content

    def test_they_are_not_echoed_into_the_page(self, client, seed_data, front_cache):
        page = client.get("/artikel/?region=banten&utm_source=spam&per_page=5")
        assert page.status_code == 200
        assert "utm_source" not in page.content.decode()
        assert "per_page=5" in page.content.decode()  # read by the list: kept
        plain = client.get("/artikel/?region=banten&per_page=5")
        assert plain["X-Page-Cache"] == "hit"

    def test_parameters_a_page_reads_still_make_their_own_page(
        self, client, seed_data, front_cache
    ):
        steel = client.get("/artikel/?q=baja")
        other = client.get("/artikel/?q=smelter")
        assert other["X-Page-Cache"] == "miss"
        assert steel.content != other.content
        # One query, written another way: the same copy.
        assert client.get("/artikel/?q=%62aja")["X-Page-Cache"] == "hit"
        # Parameters a page does not read are dropped, per page.
        article = Article.objects.get(slug__startswith="gubernur-banten")
        client.get(article.get_absolute_url())
        again = client.get(article.get_absolute_url() + "?q=baja&page=2")
        assert again["X-Page-Cache"] == "hit"

    def test_answers_are_the_same_as_before(self, client, seed_data, front_cache):
        assert client.get("/artikel/?per_page=abc").status_code == 400
        assert client.get("/?per_page=abc").status_code == 200  # not read there
        assert client.get("/sitemap-articles.xml?p=99").status_code == 404

    def test_every_public_page_says_what_it_reads(self):
        from django.urls import URLPattern, URLResolver, get_resolver

        def patterns(resolver):
            for pattern in resolver.url_patterns:
                if isinstance(pattern, URLResolver):
                    yield from patterns(pattern)
                elif isinstance(pattern, URLPattern):
                    yield pattern

        everything = patterns(get_resolver())
        public = [p for p in everything if hasattr(p.callback, "warta_public_page")]
        assert len(public) > 10
        for pattern in public:
            assert pattern.callback.warta_query_params is not None, pattern
