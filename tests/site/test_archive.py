"""The date archive: /arsip/<yyyy>/ and /arsip/<yyyy>/<mm>/, and the same under
region, topic and entity pages, with counts per month in the newsroom's time
zone."""

import datetime
import zoneinfo

import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(year, month, day, hour=12):
    return datetime.datetime(year, month, day, hour, tzinfo=JAKARTA)


@pytest.fixture
def dated(make_article, make_region, make_topic, make_entity):
    region = make_region("Provinsi Tanggal", code="97")
    topic = make_topic("Topik Tanggal")
    entity = make_entity("PT Tanggal")
    tagged = {"regions": [region], "topics": [topic], "entities": [entity]}
    made = {
        "march": [
            make_article(publish_at=at(2025, 3, d), **tagged) for d in (2, 9, 30)
        ],
        # 1 April 00:30 in Jakarta is still 31 March in UTC: an April article.
        "april": [make_article(publish_at=at(2025, 4, 1, hour=0), **tagged)],
        "old": [make_article(publish_at=at(2023, 11, 5))],
    }
    make_article(status=Article.Status.DRAFT, publish_at=at(2025, 3, 3), **tagged)
    return {"region": region, "topic": topic, "entity": entity, **made}


def test_a_month_lists_its_articles_and_every_month_its_count(client, dated):
    response = client.get("/arsip/2025/03/", {"per_page": 2})
    assert response.status_code == 200
    assert response.context["paginator"].count == 3
    months = {p.month: p.count for p, _url in response.context["months"]}
    assert months == {3: 3, 4: 1}
    newest = [a.pk for a in response.context["articles"]]
    assert newest == [dated["march"][2].pk, dated["march"][1].pk]
    last = client.get("/arsip/2025/03/", {"per_page": 2, "page": 2})
    assert [a.pk for a in last.context["articles"]] == [dated["march"][0].pk]


def test_a_year_lists_every_article_of_the_year(client, dated):
    response = client.get("/arsip/2025/")
    assert response.context["paginator"].count == 4
    html = response.content.decode()
    assert 'href="/arsip/2025/04/"' in html


def test_the_archive_index_lists_the_years_with_counts(client, dated):
    response = client.get("/arsip/")
    years = {p.year: p.count for p, _url in response.context["years"]}
    assert years == {2025: 4, 2023: 1}


@pytest.mark.parametrize("scope", ["region", "topic", "entity"])
def test_the_archive_under_a_page_lists_only_its_articles(client, dated, scope):
    base = dated[scope].get_absolute_url()
    response = client.get(f"{base}arsip/2025/03/")
    assert response.status_code == 200
    assert response.context["paginator"].count == 3
    years = client.get(f"{base}arsip/").context["years"]
    assert [(p.year, p.count) for p, _url in years] == [(2025, 4)]


@pytest.mark.parametrize(
    "path",
    [
        "/arsip/2025/13/",
        "/arsip/2025/00/",
        "/arsip/99999/",
        "/wilayah/tidak-ada/arsip/",
    ],
)
def test_an_impossible_period_or_unknown_page_is_a_404(client, dated, path):
    assert client.get(path).status_code == 404


def test_a_month_page_costs_few_queries(client, dated, django_assert_max_num_queries):
    client.get("/arsip/2025/03/")
    with django_assert_max_num_queries(6):
        assert client.get("/arsip/2025/03/", {"page": 1}).status_code == 200
