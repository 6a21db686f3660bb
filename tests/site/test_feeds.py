"""Feeds as feed readers see them (parsed with feedparser): authors, ids,
links; and the per-source feeds."""

import datetime
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Source

DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
TAG_ID = re.compile(r"^tag:testserver,(\d{4}):article/(\d+)$")

SEED_AUTHORS = {
    "gubernur-banten": ["RubrikBanten"],
    "dinas-perindustrian-ntb": ["Warta Industri"],
    "pt-ksp-undang": ["Warta Industri"],
    "pemkot-cilegon-gandeng-japnas": ["infobanten.id"],
    "pemkot-cilegon-dan-kementerian": ["Ika"],
}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed, response


def by_slug(feed):
    return {entry.link.rstrip("/").rsplit("/", 1)[-1]: entry for entry in feed.entries}


def seed_authors(entries):
    found = {}
    for slug, entry in entries.items():
        prefix = next(p for p in SEED_AUTHORS if slug.startswith(p))
        found[prefix] = [author.name for author in entry.authors]
    return found


@pytest.mark.django_db
class TestAuthors:
    def test_atom_has_a_feed_author_and_every_entry_its_own(self, client, seed_data):
        feed, _ = parse(client, reverse("articles:feed-atom"))
        assert feed.feed.author_detail.name == "Warta Industri"
        assert feed.feed.author_detail.href == "http://testserver/"
        assert seed_authors(by_slug(feed)) == SEED_AUTHORS

    def test_atom_entries_name_each_person(self, client, make_article):
        make_article(byline="Ika dan Budi Santoso")
        feed, _ = parse(client, reverse("articles:feed-atom"))
        assert [a.name for a in feed.entries[0].authors] == ["Ika", "Budi Santoso"]

    def test_rss_names_authors_with_dc_creator_never_author(self, client, seed_data):
        feed, response = parse(client, reverse("articles:feed"))
        root = ET.fromstring(response.content)
        # RSS 2.0's <author> is an email address; we publish none.
        assert root.findall(".//item/author") == []
        for item in root.findall("./channel/item"):
            assert [c.text for c in item.findall(DC_CREATOR)]
        assert seed_authors(by_slug(feed)) == SEED_AUTHORS

    def test_rss_has_one_dc_creator_per_person(self, client, make_article):
        make_article(byline="Oleh: Ika, Budi")
        _, response = parse(client, reverse("articles:feed"))
        item = ET.fromstring(response.content).find("./channel/item")
        assert [c.text for c in item.findall(DC_CREATOR)] == ["Ika", "Budi"]


@pytest.mark.django_db
class TestIds:
    def test_ids_are_tag_uris_the_same_in_rss_and_atom(self, client, seed_data):
        atom, _ = parse(client, reverse("articles:feed-atom"))
        rss, _ = parse(client, reverse("articles:feed"))
        atom_ids = {slug: e.id for slug, e in by_slug(atom).items()}
        rss_ids = {slug: e.id for slug, e in by_slug(rss).items()}
        assert atom_ids == rss_ids and len(atom_ids) == 5
        for slug, tag in atom_ids.items():
            year, pk = TAG_ID.match(tag).groups()
            article = Article.objects.get(slug=slug)
            assert int(pk) == article.pk
            assert int(year) == article.created_at.astimezone(datetime.UTC).year
        for entry in rss.entries:
            assert entry.guidislink is False

    def test_ids_survive_a_new_slug_and_publish_time(self, client, make_article):
        article = make_article()
        url = reverse("articles:feed-atom")
        before, _ = parse(client, url)
        article.slug = "judul-baru"
        article.publish_at = timezone.now() - datetime.timedelta(days=400)
        article.save()
        after, _ = parse(client, url)
        assert after.entries[0].link.endswith("/artikel/judul-baru/")
        assert after.entries[0].id == before.entries[0].id

    def test_entries_link_to_the_article_in_the_feeds_language(self, client, seed_data):
        feed, _ = parse(client, "/en" + reverse("articles:feed-atom"))
        assert feed.feed.language == "en"
        for entry in feed.entries:
            assert entry.link.startswith("http://testserver/en/artikel/")


@pytest.fixture
def source_articles(seed_data, make_article):
    """RubrikBanten's seed article plus one of each hidden kind."""
    source = Source.objects.get(slug="rubrikbanten")
    now = timezone.now()
    for status, publish_at in (
        (Article.Status.DRAFT, None),
        (Article.Status.REVIEW, None),
        (Article.Status.PUBLISHED, now + datetime.timedelta(days=1)),
        (Article.Status.ARCHIVED, now - datetime.timedelta(days=1)),
    ):
        make_article(
            f"Rahasia {status}", status=status, publish_at=publish_at, source=source
        )
    return source


@pytest.mark.django_db
class TestSourceFeeds:
    @pytest.mark.parametrize("prefix", ["", "/en"])
    @pytest.mark.parametrize("name", ["source-feed", "source-feed-atom"])
    def test_lists_only_the_sources_public_articles(
        self, client, source_articles, prefix, name
    ):
        feed, response = parse(
            client, prefix + reverse(f"articles:{name}", args=["rubrikbanten"])
        )
        assert [e.title for e in feed.entries] == [
            Article.objects.get(slug__startswith="gubernur-banten").title
        ]
        assert b"Rahasia" not in response.content
        assert "RubrikBanten" in feed.feed.title
        assert feed.feed.link == f"http://testserver{prefix}/sumber/rubrikbanten/"

    @pytest.mark.parametrize(
        "url",
        [
            "/sumber/tidak-ada/feed/",
            "/sumber/tidak-ada/feed/atom/",
            "/en/sumber/tidak-ada/feed/",
            "/sumber/%3Cscript%3E/feed/",
        ],
    )
    def test_unknown_source_is_404(self, client, seed_data, url):
        assert client.get(url).status_code == 404

    def test_source_with_only_unpublished_articles_is_404(
        self, client, make_source, make_article
    ):
        source = make_source("Kabar Rahasia")
        make_article(status=Article.Status.DRAFT, source=source)
        assert client.get(f"/sumber/{source.slug}/feed/").status_code == 404
        assert client.get(f"/sumber/{source.slug}/").status_code == 404

    def test_source_page_links_its_feeds(self, client, seed_data):
        content = client.get("/sumber/rubrikbanten/").content.decode()
        head, body = content.split("<body", 1)
        for kind, url in (
            ("rss", "/sumber/rubrikbanten/feed/"),
            ("atom", "/sumber/rubrikbanten/feed/atom/"),
        ):
            assert f'type="application/{kind}+xml"' in head
            assert f'href="{url}"' in head
            assert f'href="{url}"' in body
        content_en = client.get("/en/sumber/rubrikbanten/").content.decode()
        assert 'href="/en/sumber/rubrikbanten/feed/atom/"' in content_en

    def test_queries_are_constant(self, client, seed_data, make_article):
        source = Source.objects.get(slug="rubrikbanten")
        url = reverse("articles:source-feed", args=["rubrikbanten"])

        def count():
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            return len(ctx.captured_queries)

        count()
        few = count()
        for _ in range(20):
            make_article(source=source, entities=[])
        count()
        many = count()
        # the stamp; the source counts are cached; newest ids; rows; tags
        assert few == many <= 5

    def test_cached_like_the_other_feeds(self, client, seed_data, settings):
        settings.WARTA_PAGE_CACHE_SECONDS = 60
        url = reverse("articles:source-feed-atom", args=["rubrikbanten"])
        first = client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            again = client.get(url)
        assert again.content == first.content
        assert len(ctx.captured_queries) == 1  # the content stamp
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.django_db
class TestFeedsAnnounced:
    """Every page with a feed names both its RSS and Atom feeds in its head, so
    a feed reader given the page's address finds them."""

    @pytest.mark.parametrize(
        "page, args",
        [
            ("region", ["banten"]),
            ("topic", ["industri-baja"]),
            ("entity", ["pt-krakatau-steel-persero-tbk"]),
            ("source", ["rubrikbanten"]),
        ],
    )
    def test_head_links_rss_and_atom(self, client, seed_data, page, args):
        html = client.get(reverse(f"articles:{page}", args=args)).content.decode()
        head = html.split("</head>", 1)[0]
        for kind, name in (("rss", f"{page}-feed"), ("atom", f"{page}-feed-atom")):
            url = reverse(f"articles:{name}", args=args)
            assert (
                f'<link rel="alternate" type="application/{kind}+xml"' in head
                and f'href="{url}"' in head
            ), (page, kind)
            parse(client, url)
