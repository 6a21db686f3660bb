"""Article cards kept rendered (issue 19, item 2): the same HTML as rendering
them, and a card changes as soon as anything it shows changes, however it
changed, with nothing invalidated by hand."""

import re

import pytest
from django.core.cache import cache

from articles import editorial
from articles.models import Article, Source, Topic
from entities.models import Region

CARD = "includes/article_card.html"
PAGES = ["/", "/artikel/", "/en/artikel/", "/wilayah/banten/", "/en/"]


def cards(response) -> str:
    """The page's cards only (names appear in its filters and navigation too)."""
    return "".join(
        re.findall(
            r'<article class="card.*?</article>', response.content.decode(), re.S
        )
    )


def cards_rendered(response) -> int:
    return sum(1 for t in response.templates if t.name == CARD)


@pytest.fixture
def saved(seed_data, editor):
    """The seed articles saved once through the service, so that what a save
    derives (the word count) is settled before a test changes one thing."""
    for article in Article.objects.all():
        editorial.article_update(article=article, by=editor)


@pytest.fixture
def card_cache(settings):
    settings.WARTA_CARD_CACHE_SECONDS = 600
    cache.clear()
    yield settings
    cache.clear()


@pytest.mark.django_db
class TestCards:
    @pytest.mark.parametrize("url", PAGES)
    def test_kept_cards_are_the_rendered_ones(self, client, seed_data, card_cache, url):
        rendered = client.get(url)
        assert cards_rendered(rendered) > 0
        kept = client.get(url)
        assert cards_rendered(kept) == 0
        card_cache.WARTA_CARD_CACHE_SECONDS = 0
        fresh = client.get(url)
        assert (
            kept.content.decode()
            == fresh.content.decode()
            == (rendered.content.decode())
        )

    def test_an_edit_shows_at_once(self, client, saved, card_cache, editor):
        client.get("/artikel/")
        article = Article.objects.get(slug__startswith="gubernur-banten")
        article.byline = "Penulis Tamu"
        editorial.article_update(article=article, by=editor)
        response = client.get("/artikel/")
        assert "Penulis Tamu</span>" in cards(response)
        assert cards_rendered(response) == 1  # only the edited article's card

    def test_a_bulk_tag_shows_at_once(self, client, saved, card_cache, editor):
        topic = Topic.objects.create(name="Topik Kartu Baru", slug="topik-kartu-baru")
        client.get("/artikel/")
        editorial.articles_tag(
            articles=Article.objects.filter(slug__startswith="gubernur-banten"),
            by=editor,
            add=True,
            topic=topic,
        )
        assert "Topik Kartu Baru" in cards(client.get("/artikel/"))

    def test_a_renamed_region_shows_at_once(self, client, saved, card_cache):
        client.get("/artikel/")
        banten = Region.objects.get(slug="banten")
        banten.name = "Provinsi Banten Raya"
        banten.save()
        assert "Provinsi Banten Raya</a>" in cards(client.get("/artikel/"))

    def test_a_renamed_source_shows_at_once(self, client, saved, card_cache):
        client.get("/artikel/")
        source = Source.objects.get(slug="rubrikbanten")
        source.name = "Rubrik Banten Baru"
        source.save()
        assert "Rubrik Banten Baru</span>" in cards(client.get("/artikel/"))

    def test_each_language_has_its_own_card(self, client, seed_data, card_cache):
        client.get("/artikel/")
        english = client.get("/en/artikel/")
        assert cards_rendered(english) > 0
        assert "min read" in cards(english)
