"""One number everywhere: for random filter combinations the list's count, the
API's ``count`` and every facet's count equal a direct count of the public
articles (worked out here in Python from the rows, not through the site's
queries), also after articles are published and unpublished."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles import editorial
from articles.models import Article
from articles.site import listing
from entities.models import Entity

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(make_region, make_topic, make_source, make_entity, make_article):
    """Thirty articles over a small vocabulary: two provinces (one with two
    cities), a topic with a sub-topic, two sources, four entities of two kinds;
    a few drafts."""
    java = make_region("Jawa Hitung", code="91")
    city_a = make_region("Kota Satu", parent=java, code="91.01", kind="city")
    city_b = make_region("Kota Dua", parent=java, code="91.02", kind="city")
    sumatra = make_region("Sumatra Hitung", code="92")
    regions = [java, city_a, city_b, sumatra]
    industry = make_topic("Industri Hitung")
    steel = make_topic("Baja Hitung", parent=industry)
    energy = make_topic("Energi Hitung")
    topics = [industry, steel, energy]
    sources = [make_source("Sumber Satu"), make_source("Sumber Dua"), None]
    entities = [
        make_entity("PT Hitung Satu"),
        make_entity("PT Hitung Dua"),
        make_entity("Budi Hitung", kind=Entity.Kind.PERSON),
        make_entity("Kota Hitung", kind=Entity.Kind.PLACE),
    ]
    now = timezone.now()
    for n in range(30):
        make_article(
            f"Kabar {'baja' if n % 3 else 'nikel'} {n}",
            status=Article.Status.DRAFT if n % 7 == 6 else Article.Status.PUBLISHED,
            publish_at=now - datetime.timedelta(days=3 * n + 1),
            regions=[regions[n % 4]] + ([regions[(n + 1) % 4]] if n % 5 == 0 else []),
            topics=topics[n % 3 : n % 3 + 1 + n % 2],
            entities=entities[n % 4 : n % 4 + 1 + n % 3],
            source=sources[n % 3],
        )
    return {
        "region": regions,
        "topic": topics,
        "source": [s for s in sources if s],
        "entity": entities,
    }


def expected_ids(filters) -> set[int]:
    """The public (listed) articles matching ``filters``, decided in Python."""
    from articles.freshness import taxonomy

    tax = taxonomy()
    rows = {
        a.pk: a
        for a in listing.public_articles().prefetch_related(
            "regions", "topics", "entities"
        )
    }
    found = set()
    for pk, article in rows.items():
        region_paths = [r.path for r in article.regions.all()]
        topic_lines = {
            t.pk
            for topic in article.topics.all()
            for t in [*tax.topic_ancestors(tax.topics[topic.pk]), tax.topics[topic.pk]]
        }
        entity_ids = {e.pk for e in article.entities.all()}
        kinds = {e.kind for e in article.entities.all()}
        words = f"{article.title} {article.body_text}".lower().split()
        if "region" in filters and not any(
            p.startswith(filters["region"].path) for p in region_paths
        ):
            continue
        if "topic" in filters and filters["topic"].pk not in topic_lines:
            continue
        if "source" in filters and article.source_id != filters["source"].pk:
            continue
        if "entity" in filters and not all(
            e.pk in entity_ids for e in filters["entity"]
        ):
            continue
        if "kind" in filters and filters["kind"] not in kinds:
            continue
        if "q" in filters and filters["q"] not in words:
            continue
        found.add(pk)
    return found


def query_of(filters) -> dict:
    query = {}
    for name, value in filters.items():
        if name == "entity":
            query[name] = [e.slug for e in value]
        elif hasattr(value, "slug"):
            query[name] = value.slug
        else:
            query[name] = value
    return query


def filter_sets(corpus):
    return st.fixed_dictionaries(
        {},
        optional={
            "region": st.sampled_from(corpus["region"]),
            "topic": st.sampled_from(corpus["topic"]),
            "source": st.sampled_from(corpus["source"]),
            "entity": st.lists(
                st.sampled_from(corpus["entity"]), min_size=1, max_size=2, unique=True
            ),
            "kind": st.sampled_from([Entity.Kind.PERSON, Entity.Kind.PLACE]),
            "q": st.sampled_from(["baja", "nikel"]),
        },
    )


def check_counts(client, filters):
    query = query_of(filters)
    response = client.get("/artikel/", query)
    assert response.status_code == 200
    expected = expected_ids(filters)
    assert response.context["paginator"].count == len(expected), query
    api = client.get("/api/v1/articles/", {**query, "page_size": 1})
    assert api.json()["count"] == len(expected), query
    facets = response.context["facets"]
    tax_by_slug = {
        "region": {
            r.slug: r for r in Article.regions.field.related_model.objects.all()
        },
        "topic": {t.slug: t for t in Article.topics.field.related_model.objects.all()},
        "source": {s.slug: s for s in Article.source.field.related_model.objects.all()},
    }
    for name in ("region", "topic", "source"):
        for facet in facets[name]:
            narrowed = {**filters, name: tax_by_slug[name][facet.value]}
            assert facet.count == len(expected_ids(narrowed)), (query, name, facet)
    for facet in facets["kind"]:
        narrowed = {**filters, "kind": facet.value}
        assert facet.count == len(expected_ids(narrowed)), (query, facet)
    for facet in facets["entity"]:
        entity = Entity.objects.get(slug=facet.value)
        chosen = filters.get("entity", [])
        narrowed = {**filters, "entity": [*chosen, entity]}
        if entity not in chosen:
            assert facet.count == len(expected_ids(narrowed)), (query, facet)


@pytest.mark.slow
def test_counts_equal_a_direct_count_for_random_filters(client, corpus, editor):
    @hypothesis_settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(data=st.data())
    def run(data):
        filters = data.draw(filter_sets(corpus))
        check_counts(client, filters)
        # Publish or unpublish one article, or retag one (the postings catch
        # up from their log: ``publiccounts.postings``), then count again.
        article = data.draw(st.sampled_from(list(Article.objects.order_by("pk")[:30])))
        if data.draw(st.booleans()):
            to = (
                Article.Status.DRAFT
                if article.status == Article.Status.PUBLISHED
                else Article.Status.PUBLISHED
            )
            editorial.article_set_status(article=article, to_status=to, by=editor)
        else:
            tags = {
                "regions": data.draw(
                    st.lists(st.sampled_from(corpus["region"]), max_size=2, unique=True)
                ),
                "topics": data.draw(
                    st.lists(st.sampled_from(corpus["topic"]), max_size=2, unique=True)
                ),
                "entities": data.draw(
                    st.lists(st.sampled_from(corpus["entity"]), max_size=3, unique=True)
                ),
            }
            editorial.article_update(article=article, by=editor, tags=tags)
        check_counts(client, filters)

    run()


def test_the_unfiltered_list_says_the_public_count(client, corpus):
    response = client.get("/artikel/")
    assert response.context["paginator"].count == len(expected_ids({}))
    assert "26 artikel" in response.content.decode()


def test_a_search_naming_an_entity_counts_its_articles_too(
    client, corpus, make_article, make_entity
):
    """A search's matches: every word in the text, or tagged with an entity
    the text names exactly (``search.matching``); the count and facets come
    from the text index's ids and the entity's postings."""
    smelter = make_entity("Smelter Hitung")
    make_article("Pabrik baru", entities=[smelter], regions=[corpus["region"][3]])
    make_article("Smelter hitung dibuka")  # the words, no tag
    make_article("Smelter lain")  # one word only
    make_article("Smelter hitung lama", status=Article.Status.DRAFT)
    response = client.get("/artikel/", {"q": "Smelter Hitung"})
    assert response.context["paginator"].count == 2
    regions = {f.value: f.count for f in response.context["facets"]["region"]}
    assert regions == {corpus["region"][3].slug: 1}
    api = client.get("/api/v1/articles/", {"q": "Smelter Hitung", "page_size": 1})
    assert api.json()["count"] == 2
