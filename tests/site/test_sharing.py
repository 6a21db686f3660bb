"""OpenGraph and Twitter card tags on every public page type, in both
languages."""

import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from articles.models import Article

SEED_ARTICLE = "gubernur-banten-kunjungi-krakatau-steel-dorong-regulasi-baja-ber-sni"
# Every kind of public page: (name, path, status).
PAGES = [
    ("home", "/", 200),
    ("list", "/artikel/", 200),
    ("search", "/artikel/?q=baja", 200),
    ("region", "/wilayah/banten/", 200),
    ("topic", "/topik/industri/", 200),
    ("entity", "/entitas/kementerian-perindustrian/", 200),
    ("source", "/sumber/rubrikbanten/", 200),
    ("index", "/indeks/", 200),
    ("article", f"/artikel/{SEED_ARTICLE}/", 200),
    ("404", "/artikel/tidak-ada/", 404),
]


class HeadTags(HTMLParser):
    """The ``<meta>`` and ``<link>`` tags of a page, by property/name and rel."""

    def __init__(self):
        super().__init__()
        self.meta, self.links = {}, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.setdefault(attrs.get("rel"), []).append(attrs)


def head_tags(response):
    parser = HeadTags()
    parser.feed(response.content.decode())
    return parser


def one(tags, key):
    values = tags.meta.get(key, [])
    assert len(values) == 1, (key, values)
    assert values[0], key
    return values[0]


@pytest.mark.django_db
class TestEveryPage:
    @pytest.mark.parametrize("prefix", ["", "/en"])
    @pytest.mark.parametrize(("name", "path", "status"), PAGES)
    def test_open_graph_and_twitter_card(
        self, client, seed_data, prefix, name, path, status
    ):
        response = client.get(prefix + path)
        assert response.status_code == status
        tags = head_tags(response)
        canonical = tags.links["canonical"][0]["href"]
        assert one(tags, "og:url") == canonical
        # Each list page is its own canonical page, a search's included (that
        # one is noindex: tests/site/test_seo.py).
        assert canonical == "http://testserver" + prefix + path
        assert one(tags, "og:site_name") == "Warta Industri"
        assert one(tags, "og:locale") == ("en_US" if prefix else "id_ID")
        assert one(tags, "og:locale:alternate") == ("id_ID" if prefix else "en_US")
        title = one(tags, "og:title")
        assert title in response.content.decode().split("<title>")[1]
        assert one(tags, "og:description")
        assert one(tags, "og:type") == ("article" if name == "article" else "website")
        assert one(tags, "og:image").startswith("http://testserver/")
        assert int(one(tags, "og:image:width")) >= 600
        assert int(one(tags, "og:image:height")) >= 315
        assert one(tags, "og:image:alt")
        assert one(tags, "twitter:card") == "summary_large_image"

    @pytest.mark.parametrize(
        ("prefix", "alt"),
        [
            ("", "Warta Industri: berita industri daerah dari Indonesia"),
            ("/en", "Warta Industri: regional industry news from Indonesia"),
        ],
    )
    def test_pages_without_an_image_share_the_site_image(
        self, client, seed_data, prefix, alt
    ):
        tags = head_tags(client.get(prefix + "/wilayah/banten/"))
        assert one(tags, "og:image") == "http://testserver/static/warta/share.png"
        assert (one(tags, "og:image:width"), one(tags, "og:image:height")) == (
            "1200",
            "630",
        )
        assert one(tags, "og:image:type") == "image/png"
        assert one(tags, "og:image:alt") == alt

    def test_object_pages_describe_their_object(self, client, seed_data):
        tags = head_tags(client.get("/wilayah/banten/"))
        assert one(tags, "og:title") == "Banten · Warta Industri"
        assert one(tags, "og:description") == (
            "Berita industri daerah tentang Banten, dari Warta Industri."
        )
        en = head_tags(client.get("/en/sumber/rubrikbanten/"))
        assert one(en, "og:description") == (
            "Regional industry news about RubrikBanten, from Warta Industri."
        )

    def test_titles_are_escaped_once(self, client, make_article, make_source):
        source = make_source("Kabar & <Warta>")
        make_article(source=source)
        content = client.get(f"/sumber/{source.slug}/").content.decode()
        assert (
            '<meta property="og:title" content="Kabar &amp; &lt;Warta&gt; · '
            'Warta Industri">'
        ) in content
        assert "<title>Kabar &amp; &lt;Warta&gt; · Warta Industri</title>" in content


@pytest.mark.django_db
class TestArticlePage:
    def test_article_tags(self, client, seed_data):
        article = Article.objects.get(slug=SEED_ARTICLE)
        tags = head_tags(client.get(article.get_absolute_url()))
        assert one(tags, "og:title") == article.title
        assert one(tags, "og:description") == article.summary()[:300]
        assert one(tags, "article:published_time") == "2025-03-10T09:00:00+07:00"
        assert one(tags, "article:modified_time") >= "2025-03-10T09:00:00+07:00"
        # The top of its first topic ("Ekonomi daerah", under "Ekonomi").
        assert one(tags, "article:section") == "Ekonomi"
        assert "Andra Soni" in tags.meta["article:tag"]
        assert "SNI" in tags.meta["article:tag"]  # a keyword
        # No image of its own: the site's.
        assert one(tags, "og:image").endswith("/static/warta/share.png")

    def test_article_image_is_its_share_rendition(self, client, make_article):
        article = make_article(
            featured_image="articles/abc/original.jpg",
            featured_image_alt="Tungku baja di Cilegon",
            image_width=2400,
            image_height=1200,
            image_renditions={
                "480": "articles/abc/480.webp",
                "960": "articles/abc/960.webp",
                "1600": "articles/abc/1600.webp",
            },
        )
        for prefix in ("", "/en"):
            tags = head_tags(client.get(prefix + article.get_absolute_url()))
            image = one(tags, "og:image")
            assert image == "http://testserver/media/articles/abc/1600.webp"
            assert one(tags, "og:image:width") == "1600"
            assert one(tags, "og:image:height") == "800"
            assert one(tags, "og:image:type") == "image/webp"
            assert one(tags, "og:image:alt") == "Tungku baja di Cilegon"
            assert one(tags, "twitter:image:alt") == "Tungku baja di Cilegon"

    def test_og_url_is_the_english_address_on_english_pages(self, client, seed_data):
        tags = head_tags(client.get(f"/en/artikel/{SEED_ARTICLE}/"))
        assert one(tags, "og:url") == f"http://testserver/en/artikel/{SEED_ARTICLE}/"


@pytest.mark.django_db
class TestShareLinks:
    """WhatsApp, X, Facebook and copy link on article pages (issue 30, item 5),
    as plain links: no third-party script, frame or image."""

    def test_article_pages_link_each_service_with_the_address(
        self, client, make_article
    ):
        article = make_article(title="Pabrik baja & smelter")
        html = client.get(article.get_absolute_url()).content.decode()
        share = html[html.index('class="share"') :]
        share = share[: share.index("</section>")]
        url = quote(f"http://testserver{article.get_absolute_url()}", safe="")
        assert f"https://wa.me/?text=Pabrik+baja+%26+smelter+{url}" in share
        assert (
            f"https://x.com/intent/post?text=Pabrik+baja+%26+smelter&amp;url={url}"
            in (share)
        )
        assert f"https://www.facebook.com/sharer/sharer.php?u={url}" in share
        assert 'data-copy-url="http://testserver/artikel/' in share
        scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
        assert scripts and all(src.startswith("/static/") for src in scripts)
        assert "<iframe" not in html
