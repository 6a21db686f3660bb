"""Who an article is by, and the schema.org NewsArticle JSON-LD of its page
(articles/metadata/)."""

import datetime
import io
import json
import re

import jsonschema
import pytest
from django.utils import timezone
from PIL import Image

from articles.models import Article, richtext
from articles.site.metadata import share
from articles.site.metadata.authors import (
    Author,
    article_authors,
    byline_people,
    meaningful_credit,
)


@pytest.mark.parametrize(
    ("byline", "people"),
    [
        ("Ika", ["Ika"]),
        ("Redaksi", []),
        ("Tim Redaksi", []),
        ("Red", []),
        ("Admin", []),
        ("Humas Pemprov Banten", []),
        ("ANTARA", []),
        ("infobanten.id", []),
        ("Warta Industri", []),
        ("RubrikBanten", []),  # the source's own name
        ("Oleh: Ika dan Budi Santoso", ["Ika", "Budi Santoso"]),
        ("By Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
        ("Ika, Budi & Sari", ["Ika", "Budi", "Sari"]),
        ("Ika/Red", ["Ika"]),
        ("Penulis: Ika | Editor: Budi", ["Ika"]),
        ("Andi (Cilegon)", ["Andi"]),
        ("Dewi Anggraeni, S.Sos", ["Dewi Anggraeni"]),
        ("M. Rizki Ramadhan", ["M. Rizki Ramadhan"]),
        ("Ika, Ika", ["Ika"]),
        ("", []),
        ("*", []),
        ("redaksi@contoh.id", []),
    ],
)
def test_byline_people(byline, people):
    assert byline_people(byline, not_people=["RubrikBanten"]) == people


@pytest.mark.parametrize(
    ("credit", "shown"),
    [
        ("*", ""),
        ("", ""),
        ("()", ""),
        (" * ", ""),
        ("*/Ika", "*/Ika"),
        ("(Red)", "Red"),
        ("an/dixie", "an/dixie"),
    ],
)
def test_meaningful_credit(credit, shown):
    assert meaningful_credit(credit) == shown


@pytest.mark.django_db
class TestArticleAuthors:
    def test_people_named_in_the_byline(self, make_article, make_source):
        article = make_article(byline="Ika dan Budi", source=make_source("Banten Pos"))
        assert article_authors(article) == [
            Author("Ika", "person"),
            Author("Budi", "person"),
        ]

    def test_a_desk_byline_is_the_source(self, make_article, make_source):
        source = make_source("infobanten.id", homepage="https://infobanten.id/")
        article = make_article(byline="Redaksi", source=source)
        assert article_authors(article) == [
            Author("infobanten.id", "source", "https://infobanten.id/")
        ]

    def test_no_byline_and_no_source_is_the_newsroom(self, make_article):
        assert article_authors(make_article(byline="")) == [
            Author("Warta Industri", "newsroom")
        ]


def page_json_ld(client, url):
    response = client.get(url)
    assert response.status_code == 200
    found = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert len(found) == 1
    return json.loads(found[0])


ORGANIZATION = {
    "type": "object",
    "required": ["@type", "name", "url"],
    "properties": {
        "@type": {"const": "Organization"},
        "name": {"type": "string", "minLength": 1},
        "url": {"type": "string", "pattern": "^https?://"},
    },
}
PERSON = {
    "type": "object",
    "required": ["@type", "name"],
    "properties": {
        "@type": {"const": "Person"},
        "name": {"type": "string", "minLength": 1},
        # Their profile page, when they have one.
        "url": {"type": "string", "pattern": "^https?://[^/]+/(en/)?penulis/"},
    },
    "additionalProperties": False,
}
IMAGE_OBJECT = {
    "type": "object",
    "required": ["@type", "url", "width", "height"],
    "properties": {
        "@type": {"const": "ImageObject"},
        "url": {"type": "string", "pattern": "^https?://"},
        "width": {"type": "integer", "minimum": 1},
        "height": {"type": "integer", "minimum": 1},
    },
}
ISO_DATETIME = {
    "type": "string",
    "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$",
}
# What Google's Article structured data needs and recommends, and what this
# newsroom promises on every article page.
NEWS_ARTICLE = {
    "type": "object",
    "required": [
        "@context",
        "@type",
        "headline",
        "url",
        "mainEntityOfPage",
        "datePublished",
        "dateModified",
        "inLanguage",
        "isAccessibleForFree",
        "author",
        "publisher",
        "image",
        "wordCount",
    ],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "NewsArticle"},
        "headline": {"type": "string", "minLength": 1},
        "url": {"type": "string", "pattern": "^http://testserver/"},
        "mainEntityOfPage": {
            "type": "object",
            "required": ["@type", "@id"],
            "properties": {"@type": {"const": "WebPage"}},
        },
        "datePublished": ISO_DATETIME,
        "dateModified": ISO_DATETIME,
        "inLanguage": {"enum": ["id", "en"]},
        "isAccessibleForFree": {"const": True},
        "author": {
            "type": "array",
            "minItems": 1,
            "items": {"oneOf": [PERSON, ORGANIZATION]},
        },
        "publisher": {
            **ORGANIZATION,
            "required": ["@type", "name", "url", "logo"],
            "properties": {
                **ORGANIZATION["properties"],
                "name": {"const": "Warta Industri"},
                "logo": IMAGE_OBJECT,
            },
        },
        "image": IMAGE_OBJECT,
    },
}

SEED_AUTHORS = {
    # slug prefix: (type, name) of each author
    "gubernur-banten": [("Organization", "RubrikBanten")],
    "dinas-perindustrian-ntb": [("Organization", "Warta Industri")],
    "pt-ksp-undang": [("Organization", "Warta Industri")],
    "pemkot-cilegon-gandeng-japnas": [("Organization", "infobanten.id")],
    "pemkot-cilegon-dan-kementerian": [("Person", "Ika")],
}


@pytest.mark.django_db
class TestNewsArticleJsonLd:
    @pytest.mark.parametrize("prefix", ["", "/en"])
    @pytest.mark.parametrize(("slug", "authors"), SEED_AUTHORS.items())
    def test_every_seed_article_has_valid_json_ld_with_its_author(
        self, client, seed_data, prefix, slug, authors
    ):
        url = prefix + Article.objects.get(slug__startswith=slug).get_absolute_url()
        data = page_json_ld(client, url)
        jsonschema.validate(data, NEWS_ARTICLE)
        assert [(a["@type"], a["name"]) for a in data["author"]] == authors
        assert data["url"] == f"http://testserver{url}"
        assert data["mainEntityOfPage"]["@id"] == data["url"]
        assert data["inLanguage"] == "id"

    def test_the_desk_is_never_a_person(self, client, seed_data):
        article = Article.objects.get(byline="Redaksi")
        data = page_json_ld(client, article.get_absolute_url())
        assert all(author["@type"] != "Person" for author in data["author"])
        assert data["author"][0]["url"] == "https://infobanten.id/"

    def test_publisher_logo_is_the_committed_png(self, client, seed_data):
        article = Article.objects.first()
        logo = page_json_ld(client, article.get_absolute_url())["publisher"]["logo"]
        response = client.get(logo["url"].removeprefix("http://testserver"))
        assert response.status_code == 200
        image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
        assert image.format == "PNG"
        assert image.size == (logo["width"], logo["height"]) == share.LOGO_SIZE

    def test_image_carries_caption_and_credit(self, client, make_article):
        article = make_article(
            featured_image="articles/abc/original.jpg",
            featured_image_alt="Tungku baja",
            featured_image_caption="Tungku di pabrik baja Cilegon.",
            featured_image_credit="Foto: Humas KS",
            image_width=2000,
            image_height=1000,
            image_renditions={"480": "articles/abc/480.webp", "1600": "a/1600.webp"},
        )
        data = page_json_ld(client, article.get_absolute_url())
        jsonschema.validate(data, NEWS_ARTICLE)
        assert data["image"] == {
            "@type": "ImageObject",
            "url": "http://testserver/media/a/1600.webp",
            "contentUrl": "http://testserver/media/a/1600.webp",
            "width": 1600,
            "height": 800,
            "caption": "Tungku di pabrik baja Cilegon.",
            "creditText": "Foto: Humas KS",
        }

    def test_several_people_are_several_authors(self, client, make_article):
        article = make_article(byline="Ika dan Budi Santoso")
        data = page_json_ld(client, article.get_absolute_url())
        assert data["author"] == [
            {"@type": "Person", "name": "Ika"},
            {"@type": "Person", "name": "Budi Santoso"},
        ]

    def test_modified_is_never_before_published(self, client, make_article):
        article = make_article()
        later = timezone.now() - datetime.timedelta(seconds=5)
        Article.objects.filter(pk=article.pk).update(
            publish_at=later, updated_at=later - datetime.timedelta(days=2)
        )
        data = page_json_ld(client, article.get_absolute_url())
        assert data["dateModified"] == data["datePublished"]

    def test_keywords_are_entities_and_keywords(
        self, client, make_article, make_entity
    ):
        article = make_article(entities=[make_entity("PT Krakatau Steel")])
        article.keywords.add("baja")
        data = page_json_ld(client, article.get_absolute_url())
        assert data["keywords"] == ["PT Krakatau Steel", "baja"]

    def test_without_its_own_image_the_share_image_stands_in(
        self, client, make_article
    ):
        data = page_json_ld(client, make_article().get_absolute_url())
        assert data["image"] == {
            "@type": "ImageObject",
            "url": "http://testserver/static/warta/share.png",
            "contentUrl": "http://testserver/static/warta/share.png",
            "width": 1200,
            "height": 630,
        }

    def test_seed_articles_count_their_words_after_loaddata(self, client, seed_data):
        # The fixtures carry no word counts: loaddata's raw saves derive them.
        for article in Article.objects.all():
            data = page_json_ld(client, article.get_absolute_url())
            words = len(richtext.WORD.findall(article.body_text))
            assert data["wordCount"] == words > 50
