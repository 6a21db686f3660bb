"""Every list reaches its last article: numbered pages to the end, each page
read from the nearer end of the list (articles.site.paging)."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from articles.site import listing
from tests.snapshots import shared

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(make_article, make_region):
    """Nineteen public articles in one region, two of them sharing a publish
    time (the order breaks the tie by id), and a draft (built once per run:
    tests/snapshots.py)."""

    def build():
        region = make_region("Provinsi Arsip", code="98")
        start = timezone.now() - datetime.timedelta(days=400)
        days = [start + datetime.timedelta(days=n) for n in range(18)]
        articles = [make_article(regions=[region], publish_at=day) for day in days]
        articles.append(
            make_article(regions=[region], publish_at=articles[5].publish_at)
        )
        make_article(regions=[region], status=Article.Status.DRAFT)
        return region

    return shared("site.paging.archive", build)


def newest_first(queryset):
    return list(queryset.order_by("-publish_at", "-pk").values_list("pk", flat=True))


def walk(client, url, per_page):
    """The ids of every page of ``url`` in order, and the pages' count."""
    first = client.get(url, {"per_page": per_page})
    assert first.status_code == 200
    paginator = first.context["paginator"]
    ids = []
    for number in range(1, paginator.num_pages + 1):
        response = client.get(url, {"per_page": per_page, "page": number})
        assert response.status_code == 200
        ids += [article.pk for article in response.context["articles"]]
    return ids, paginator


@pytest.mark.parametrize("per_page", [2, 3, 7, 19])
def test_the_list_pages_through_every_article_in_order(client, archive, per_page):
    ids, paginator = walk(client, "/artikel/", per_page)
    expected = newest_first(listing.public_articles())
    assert paginator.count == len(expected) == 19
    assert ids == expected


@pytest.mark.parametrize("per_page", [2, 5])
def test_a_region_page_reaches_its_oldest_article(client, archive, per_page):
    ids, paginator = walk(client, f"/wilayah/{archive.slug}/", per_page)
    assert ids == newest_first(listing.articles_in_region(region=archive))
    assert paginator.count == 19


def test_the_page_after_the_last_is_a_404(client, archive):
    assert client.get("/artikel/", {"per_page": 2, "page": 10}).status_code == 200
    assert client.get("/artikel/", {"per_page": 2, "page": 11}).status_code == 404


def test_the_pagination_names_the_last_page(client, archive):
    html = client.get("/artikel/", {"per_page": 2}).content.decode()
    assert 'href="?per_page=2&amp;page=10"' in html
    assert "Halaman 1 dari 10" in html
