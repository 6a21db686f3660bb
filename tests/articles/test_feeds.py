"""Feeds as feed readers see them (parsed with feedparser): authors, ids,
links."""

import datetime
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

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
