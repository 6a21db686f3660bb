"""What list pages tell search engines: each page is its own canonical page,
rel=prev/next point at its neighbours, facet combinations are noindex, and a
Google News sitemap lists the last 48 hours."""

import datetime
import re

import pytest
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def six(make_article, make_region):
    region = make_region("Provinsi Mesin Cari", code="96")
    return [make_article(regions=[region]) for _ in range(6)], region


def head(response):
    return response.content.decode().split("</head>")[0]


def link(html, rel):
    found = re.findall(rf'<link rel="{rel}" href="([^"]+)"', html)
    return found[0] if found else None


def test_page_two_is_its_own_canonical_page_with_prev_and_next(client, six):
    html = head(client.get("/artikel/", {"page": 2, "per_page": 2}))
    assert link(html, "canonical") == "http://testserver/artikel/?page=2"
    assert link(html, "prev") == "http://testserver/artikel/?per_page=2"
    assert link(html, "next") == "http://testserver/artikel/?per_page=2&amp;page=3"
    assert 'name="robots"' not in html


def test_the_first_page_has_no_prev_and_the_last_no_next(client, six):
    first = head(client.get("/artikel/", {"per_page": 2}))
    assert link(first, "canonical") == "http://testserver/artikel/"
    assert link(first, "prev") is None
    last = head(client.get("/artikel/", {"per_page": 2, "page": 3}))
    assert link(last, "next") is None


def test_a_region_page_two_is_self_canonical(client, six):
    _articles, region = six
    html = head(client.get(f"/wilayah/{region.slug}/", {"page": 2, "per_page": 5}))
    assert link(html, "canonical") == f"http://testserver/wilayah/{region.slug}/?page=2"


@pytest.mark.parametrize("query", [{"region": "x"}, {"q": "artikel"}])
def test_a_facet_combination_is_followed_not_indexed(client, six, query):
    _articles, region = six
    if "region" in query:
        query = {"region": region.slug}
    html = head(client.get("/artikel/", query))
    assert '<meta name="robots" content="noindex,follow">' in html


def test_the_unfiltered_list_is_indexed(client, six):
    assert 'name="robots"' not in head(client.get("/artikel/"))


def test_the_news_sitemap_lists_the_last_48_hours(client, make_article):
    now = timezone.now()
    fresh = make_article("Berita & baru", publish_at=now - datetime.timedelta(hours=47))
    make_article("Berita lama", publish_at=now - datetime.timedelta(hours=49))
    make_article("Draf", status=Article.Status.DRAFT)
    response = client.get("/news-sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    xml = response.content.decode()
    assert xml.count("<url>") == 1
    assert f"http://testserver{fresh.get_absolute_url()}" in xml
    assert "<news:title>Berita &amp; baru</news:title>" in xml
    assert "<news:language>id</news:language>" in xml
    assert "news-sitemap.xml" in client.get("/robots.txt").content.decode()


def test_the_sitemap_lists_the_standing_pages_and_the_authors(client, seed_data):
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-standing.xml" in index
    assert "/sitemap-authors.xml" in index
    standing = client.get("/sitemap-standing.xml").content.decode()
    for slug in ("redaksi", "tentang", "kontak", "pedoman-media-siber", "koreksi"):
        assert f"/{slug}/</loc>" in standing
        assert f"/en/{slug}/</loc>" in standing
    assert "<lastmod>" in standing
    authors = client.get("/sitemap-authors.xml").content.decode()
    for slug in ("rina-pratiwi", "budi-santoso", "ika"):
        assert f"/penulis/{slug}/</loc>" in authors
