"""/wilayah/, /topik/, /entitas/ and /sumber/: every region, topic, entity and
source with published articles, with the counts their own pages show."""

import pytest

from articles.models import Article
from entities.models import Entity

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocabulary(make_article, make_region, make_topic, make_source, make_entity):
    province = make_region("Provinsi Indeks", code="95")
    city = make_region("Kota Indeks", parent=province, code="95.01", kind="city")
    topic = make_topic("Topik Indeks")
    source = make_source("Sumber Indeks")
    person = make_entity("Tokoh Indeks", kind=Entity.Kind.PERSON)
    company = make_entity("PT Indeks")
    for n in range(3):
        make_article(
            regions=[city],
            topics=[topic],
            source=source,
            entities=[person, company][: n + 1],
        )
    make_article(regions=[province], entities=[company], status=Article.Status.DRAFT)
    return {
        "province": province,
        "city": city,
        "topic": topic,
        "source": source,
        "person": person,
        "company": company,
    }


def count_beside(html, url):
    """The count printed after the link to ``url``."""
    after = html.split(f'href="{url}"', 1)[1]
    return int(after.split('class="count">', 1)[1].split("<", 1)[0])


def test_the_region_index_lists_every_depth_with_rolled_up_counts(client, vocabulary):
    html = client.get("/wilayah/").content.decode()
    assert count_beside(html, vocabulary["province"].get_absolute_url()) == 3
    assert count_beside(html, vocabulary["city"].get_absolute_url()) == 3
    page = client.get(vocabulary["province"].get_absolute_url())
    assert page.context["paginator"].count == 3


def test_the_topic_and_source_indexes_count_like_their_pages(client, vocabulary):
    html = client.get("/topik/").content.decode()
    assert count_beside(html, vocabulary["topic"].get_absolute_url()) == 3
    html = client.get("/sumber/").content.decode()
    assert count_beside(html, vocabulary["source"].get_absolute_url()) == 3


def test_the_entity_index_ranks_public_entities(client, vocabulary):
    response = client.get("/entitas/")
    assert response.status_code == 200
    rows = [(e.pk, n) for e, n in response.context["page_obj"].object_list]
    assert rows[:2] == [(vocabulary["person"].pk, 3), (vocabulary["company"].pk, 2)]
    people = client.get("/entitas/", {"kind": "person"}).context["page_obj"]
    assert [e.pk for e, _n in people.object_list] == [vocabulary["person"].pk]


@pytest.mark.parametrize(
    ("query", "status"), [({"kind": "planet"}, 400), ({"page": "99"}, 404)]
)
def test_bad_entity_index_parameters_are_refused(client, vocabulary, query, status):
    assert client.get("/entitas/", query).status_code == status


@pytest.mark.parametrize("path", ["/wilayah/", "/topik/", "/entitas/", "/sumber/"])
def test_an_index_page_costs_few_queries(
    client, vocabulary, path, django_assert_max_num_queries
):
    client.get(path)
    with django_assert_max_num_queries(6):
        assert client.get(path).status_code == 200
