"""Authors (issue 30, item 2): a byline's names are profiles with a page and a
feed; JSON-LD links them; the masthead lists them."""

import json
import re

import pytest

from articles.models import Article, Author

pytestmark = pytest.mark.django_db


def json_ld(html):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_the_byline_links_the_profile(client, seed_data):
    article = Article.objects.get(byline="Ika")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<a href="/penulis/ika/" rel="author">Ika</a>' in html
    assert json_ld(html)["author"] == [
        {"@type": "Person", "name": "Ika", "url": "http://testserver/penulis/ika/"}
    ]


def test_a_person_without_a_profile_stays_plain(client, make_article):
    Author.objects.create(name="Budi Santoso", slug="budi-santoso")
    article = make_article(byline="Ika dan Budi Santoso")
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'Ika, <a href="/penulis/budi-santoso/" rel="author">Budi Santoso</a>' in html
    people = json_ld(html)["author"]
    assert people[0] == {"@type": "Person", "name": "Ika"}
    assert people[1]["url"] == "http://testserver/penulis/budi-santoso/"


def test_the_profile_page_lists_their_articles_and_has_a_feed(client, make_article):
    author = Author.objects.create(
        name="Ika", slug="ika", role="Kontributor", links="ika@example.com"
    )
    mine = make_article(title="Tulisan Ika", byline="Oleh: Ika")
    make_article(title="Tulisan Ikawati", byline="Ikawati")
    make_article(title="Draf Ika", byline="Ika", status=Article.Status.DRAFT)
    html = client.get(author.get_absolute_url()).content.decode()
    assert "Tulisan Ika<" in html
    assert "Ikawati" not in html and "Draf Ika" not in html
    assert 'href="mailto:ika@example.com"' in html
    feed = client.get("/penulis/ika/feed/")
    assert feed.status_code == 200
    assert feed.content.decode().count("<item>") == 1
    assert mine.get_absolute_url() in feed.content.decode()
    assert client.get("/penulis/tidak-ada/").status_code == 404


def test_the_masthead_lists_the_profiles_marked_for_it(client, seed_data):
    html = client.get("/redaksi/").content.decode()
    masthead = html[html.index('<ul class="masthead">') :]
    names = re.findall(r'<a href="/penulis/[^"]+/">([^<]+)</a>', masthead)
    assert names == ["Rina Pratiwi", "Budi Santoso", "Ika"]
    assert "Pemimpin Redaksi" in masthead
