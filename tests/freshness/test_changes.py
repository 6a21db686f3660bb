"""The page cache, cached counts and conditional GET: fast, and never stale.

Every test runs with the local-memory cache and again with Redis when REDIS_URL
is set (CI sets it), since workers share nothing but the database and Redis.
"""

import datetime
import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import editorial, publiccounts
from articles.models import Article, Topic
from entities.models import Entity, Region

BACKENDS = ["locmem"] + (["redis"] if os.environ.get("REDIS_URL") else [])


@pytest.fixture(params=BACKENDS)
def page_cache(request, settings):
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": os.environ["REDIS_URL"],
                "KEY_PREFIX": f"warta-test-{os.getpid()}",
            }
        }
    settings.WARTA_PAGE_CACHE_SECONDS = 600
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def queries(client, url, **headers):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    return response, len(ctx.captured_queries)


@pytest.mark.django_db
class TestPageCache:
    def test_a_cached_page_costs_one_query(self, client, seed_data, page_cache):
        url = reverse("articles:region", args=["banten"])
        first, cold = queries(client, url)
        again, warm = queries(client, url)
        assert first.status_code == again.status_code == 200
        assert again.content == first.content
        assert warm == 1 < cold  # only the content stamp

    def test_publishing_shows_at_once_everywhere(
        self, client, seed_data, page_cache, editor, make_article
    ):
        banten = Region.objects.get(slug="banten")
        draft = make_article(
            "Pabrik baja baru diresmikan",
            status=Article.Status.DRAFT,
            regions=[Region.objects.get(code="36.72")],
        )
        urls = [
            reverse("articles:home"),
            reverse("articles:list"),
            reverse("articles:region", args=["banten"]),
            reverse("articles:region-feed", args=["banten"]),
        ]
        before = {url: client.get(url).content.decode() for url in urls}
        counts = dict(publiccounts.region_counts(regions=[banten]))
        assert all("Pabrik baja baru" not in page for page in before.values())

        editorial.article_set_status(
            article=draft, to_status=Article.Status.PUBLISHED, by=editor
        )

        for url in urls:
            assert "Pabrik baja baru" in client.get(url).content.decode(), url
        assert client.get(draft.get_absolute_url()).status_code == 200
        after = dict(publiccounts.region_counts(regions=[banten]))
        assert after[banten] == counts[banten] + 1

    def test_editing_and_unpublishing_show_at_once(
        self, client, seed_data, page_cache, editor
    ):
        article = Article.objects.get(slug__startswith="gubernur-banten")
        url = article.get_absolute_url()
        assert client.get(url).status_code == 200
        client.get(reverse("articles:list"))

        article.title = "Judul yang sudah diperbaiki"
        editorial.article_update(article=article, by=editor)
        assert "Judul yang sudah diperbaiki" in client.get(url).content.decode()
        listed = client.get(reverse("articles:list")).content.decode()
        assert "Judul yang sudah diperbaiki" in listed

        editorial.article_set_status(
            article=article, to_status=Article.Status.DRAFT, by=editor
        )
        assert client.get(url).status_code == 404
        listed = client.get(reverse("articles:list")).content.decode()
        assert "Judul yang sudah diperbaiki" not in listed

    def test_tags_and_vocabulary_changes_show_at_once(
        self, client, seed_data, page_cache
    ):
        article = Article.objects.get(slug__startswith="gubernur-banten")
        url = article.get_absolute_url()
        client.get(url)
        topic = Topic.objects.create(name="Energi terbarukan", slug="energi")
        article.topics.add(topic)
        assert "Energi terbarukan" in client.get(url).content.decode()

        entity = Entity.objects.get(slug="andra-soni")
        entity_url = reverse("articles:entity", args=[entity.slug])
        client.get(entity_url)
        entity.description = "Gubernur Banten periode 2025–2030."
        entity.save()
        assert "periode 2025" in client.get(entity_url).content.decode()

    def test_a_scheduled_article_appears_when_its_time_comes(
        self, client, seed_data, page_cache, make_article
    ):
        soon = make_article(
            "Kawasan industri dibuka",
            publish_at=timezone.now() + datetime.timedelta(hours=1),
        )
        home = reverse("articles:home")
        assert "Kawasan industri dibuka" not in client.get(home).content.decode()
        # Time passes: nothing is saved, no signal is sent.
        Article.objects.filter(pk=soon.pk).update(
            publish_at=timezone.now() - datetime.timedelta(seconds=1)
        )
        assert "Kawasan industri dibuka" in client.get(home).content.decode()

    def test_previews_and_the_admin_are_never_cached(
        self, client, seed_data, page_cache, editor
    ):
        client.force_login(editor)
        article = Article.objects.get(slug__startswith="gubernur-banten")
        preview = client.get(article.get_preview_url())
        assert "no-store" in preview["Cache-Control"]
        assert "ETag" not in preview
        changelist = client.get(reverse("admin:articles_article_changelist"))
        assert "ETag" not in changelist


@pytest.mark.django_db
class TestConditionalGet:
    @pytest.mark.parametrize(
        "url",
        ["/", "/artikel/", "/wilayah/banten/", "/en/topik/industri/", "/feed/"],
    )
    def test_unchanged_pages_and_feeds_answer_304(self, client, seed_data, url):
        response = client.get(url)
        assert response.status_code == 200
        etag, modified = response["ETag"], response["Last-Modified"]
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304
        since = client.get(url, headers={"if-modified-since": modified})
        assert since.status_code == 304

    def test_a_change_gives_a_new_etag(self, client, seed_data, editor):
        url = reverse("articles:list")
        etag = client.get(url)["ETag"]
        article = Article.objects.get(slug__startswith="gubernur-banten")
        article.title = "Judul baru"
        editorial.article_update(article=article, by=editor)
        response = client.get(url, headers={"if-none-match": etag})
        assert response.status_code == 200
        assert response["ETag"] != etag

    def test_each_language_and_query_has_its_own_etag(self, client, seed_data):
        etags = {
            client.get(url)["ETag"]
            for url in ["/artikel/", "/en/artikel/", "/artikel/?topic=industri"]
        }
        assert len(etags) == 3
