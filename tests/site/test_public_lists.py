"""The plans that keep public lists fast at 100k articles (docs/performance.md,
"Public lists without a window") list exactly the articles the plain plans
list: a big region walked in the list's order, a kind filter, facets counted
over the matches' ids, search tiers read from the text index first; and a
list page stays within six queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, sql
from articles.publiccounts import recount as counts
from articles.site import listing
from entities.models import Entity

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(make_region, make_article, make_entity, make_topic):
    """A province with a city, twenty-odd articles in one, the other, both or
    elsewhere (a draft among them); people and companies mentioned."""
    province = make_region("Provinsi Besar", code="97")
    city = make_region("Kota Besar", parent=province, code="97.01", kind="city")
    elsewhere = make_region("Provinsi Lain", code="96")
    person = make_entity("Budi Daftar", kind=Entity.Kind.PERSON)
    company = make_entity("PT Daftar")
    topic = make_topic("Topik Daftar")
    start = timezone.now() - datetime.timedelta(days=100)
    places = [[province], [city], [province, city], [elsewhere]]
    for n in range(22):
        make_article(
            f"Kabar nikel {n}" if n % 2 else f"Kabar baja {n}",
            regions=places[n % 4],
            entities=[person] if n % 3 == 0 else [company],
            topics=[topic] if n % 5 else [],
            publish_at=start + datetime.timedelta(days=n),
            status=Article.Status.DRAFT if n == 7 else Article.Status.PUBLISHED,
        )
    return province


def newest_first(articles) -> list[int]:
    return [
        a.pk for a in sorted(articles, key=lambda a: (a.publish_at, a.pk), reverse=True)
    ]


def in_province_by_hand(province) -> list[int]:
    public = listing.public_articles().prefetch_related("regions")
    return newest_first(
        a
        for a in public
        if any(r.path.startswith(province.path) for r in a.regions.all())
    )


@pytest.mark.parametrize("frequent", [False, True])
def test_both_region_plans_list_the_same_articles(province, frequent):
    from articles.freshness import taxonomy

    subtree = [r.pk for r in taxonomy().region_subtree(province)]
    found = listing.public_articles().in_regions(subtree, frequent=frequent)
    ids = list(found.order_by("-publish_at", "-pk").values_list("pk", flat=True))
    assert ids == in_province_by_hand(province)
    assert len(ids) == 17


def test_a_big_region_page_walks_to_its_oldest_article(client, province, settings):
    # Every region counts as big: its pages walk the list checking each article.
    settings.WARTA_FREQUENT_ENTITY = 1
    expected = in_province_by_hand(province)
    first = client.get(f"/wilayah/{province.slug}/", {"per_page": 3})
    paginator = first.context["paginator"]
    ids = []
    for number in range(1, paginator.num_pages + 1):
        page = client.get(f"/wilayah/{province.slug}/", {"per_page": 3, "page": number})
        ids += [a.pk for a in page.context["articles"]]
    assert paginator.count == len(expected)
    assert ids == expected


def test_a_kind_filter_lists_articles_mentioning_that_kind_once(province):
    expected = {
        a.pk
        for a in listing.public_articles().prefetch_related("entities")
        if any(e.kind == Entity.Kind.PERSON for e in a.entities.all())
    }
    found = list(
        listing.public_articles()
        .mentioning_kind(Entity.Kind.PERSON)
        .values_list("pk", flat=True)
    )
    assert len(found) == len(set(found))
    assert set(found) == expected and expected


def test_an_id_list_passes_any_number_of_ids_as_one_parameter(province):
    ids = list(Article.objects.values_list("pk", flat=True))
    # Far more ids than SQLite takes as separate parameters (32,766).
    many = ids + list(range(10_000_000, 10_040_000))
    assert Article.objects.filter(pk__in=sql.id_list(many)).count() == len(ids)
    assert not Article.objects.filter(pk__in=sql.id_list([])).exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's text index")
def test_search_tiers_read_the_text_index_first(client, province):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/artikel/", {"q": "nikel", "region": province.slug})
    assert response.status_code == 200
    tiers = [q["sql"] for q in queries if "articles_article_text MATCH" in q["sql"]]
    assert tiers and all(
        'FROM "articles_article_text" CROSS JOIN "articles_article"' in q
        for q in tiers
        if "UNION ALL" in q
    )
    titles = [a.title for a in response.context["articles"]]
    assert titles and all("nikel" in t for t in titles)


@pytest.mark.parametrize(
    "params",
    [
        {"topic": "Topik Daftar", "kind": Entity.Kind.PERSON},
        {"q": "nikel"},
    ],
)
def test_filtered_pages_take_six_queries_first_and_deepest(client, province, params):
    from articles.models import Topic

    params = {**params, "region": province.slug}
    if "topic" in params:
        params["topic"] = Topic.objects.get(name=params["topic"]).slug
    counts.refresh()
    first = client.get("/artikel/", {**params, "per_page": 2})
    assert first.context["paginator"].num_pages > 1
    sizes = []
    for page in (1, "last"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/artikel/", {**params, "per_page": 2, "page": page})
        assert response.status_code == 200
        sizes.append(len(queries))
    assert sizes[0] == sizes[1] <= 6
