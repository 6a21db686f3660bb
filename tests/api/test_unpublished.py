"""Only what the public site shows: drafts, articles in review, scheduled and
archived articles, and vocabulary only they use, are unreachable through every
endpoint (the same ``published()`` rule as the pages)."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db

SECRET_WORDS = ("rahasia", "Rahasia", "Terjadwal", "Arsip", "Draf")


def every_response(api, newsroom):
    """The body of every endpoint, filtered and not."""
    public = newsroom["public"][0]
    paths = [
        "/api/v1/articles/?page_size=100",
        "/api/v1/articles/?q=rahasia",
        "/api/v1/articles/?region=banten&page_size=100",
        "/api/v1/articles/?topic=" + newsroom["topics"]["steel"].slug,
        "/api/v1/articles/?entity=pt-krakatau-steel",
        f"/api/v1/articles/{public.pk}/",
        f"/api/v1/articles/{public.pk}/ninjs",
        "/api/v1/articles/export",
        "/api/v1/articles/export?format=csv",
        "/api/v1/articles/export?format=ninjs",
        "/api/v1/regions/",
        "/api/v1/topics/",
        "/api/v1/sources/",
        "/api/v1/entities/?page_size=100",
        "/api/v1/entities/?q=rahasia",
        "/api/v1/entities/pt-krakatau-steel/",
        "/api/v1/entities/kementerian-perindustrian/",
    ]
    for path in paths:
        response = api.get(path)
        assert response.status_code == 200, (path, response.content)
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        yield path, body.decode()


def test_no_endpoint_shows_anything_unpublished(api, newsroom):
    hidden = newsroom["hidden"].values()
    for path, body in every_response(api, newsroom):
        for word in SECRET_WORDS:
            assert word not in body, (path, word)
        for article in hidden:
            assert f"/{article.slug}/" not in body, path
            assert f'"id":{article.pk},' not in body.replace(" ", ""), path


@pytest.mark.parametrize("state", ["draft", "review", "scheduled", "archived"])
def test_unpublished_articles_are_404(api, newsroom, state):
    article = newsroom["hidden"][state]
    for path in (
        f"/api/v1/articles/{article.pk}/",
        f"/api/v1/articles/{article.pk}/ninjs",
    ):
        response = api.get(path)
        assert response.status_code == 404
        assert article.title not in response.content.decode()


def test_counts_leave_unpublished_articles_out(api, newsroom):
    regions = api.get("/api/v1/regions/").data["results"]
    (country,) = regions
    assert country["article_count"] == 5
    banten = next(p for p in country["children"] if p["code"] == "36")
    # The draft in Cilegon and the scheduled article in Banten are not counted.
    assert banten["article_count"] == 4
    cilegon = next(r for r in banten["children"] if r["code"] == "36.72")
    assert cilegon["article_count"] == 2
    ks = api.get("/api/v1/entities/pt-krakatau-steel/").data
    assert ks["article_count"] == 3


@pytest.mark.parametrize(
    ("parameter", "key"),
    [("entity", "secret"), ("topic", "secret"), ("source", "secret")],
)
def test_vocabulary_only_drafts_use_is_refused_like_an_unknown_value(
    api, client, newsroom, parameter, key
):
    collection = {"entity": "entities", "topic": "topics", "source": "sources"}
    value = newsroom[collection[parameter]][key].slug
    response = api.get("/api/v1/articles/", {parameter: value})
    assert response.status_code == 400
    assert list(response.data["parameters"]) == [parameter]
    unknown = api.get("/api/v1/articles/", {parameter: value + "-tidak-ada"})
    assert [
        message.replace(value + "-tidak-ada", value)
        for message in unknown.data["parameters"][parameter]
    ] == response.data["parameters"][parameter]
    # The HTML list neither offers nor accepts it (and so never names it).
    page = client.get("/artikel/", {parameter: value})
    assert page.status_code == 400
    assert b"Rahasia" not in client.get("/artikel/").content
    assert b"rahasia" not in client.get("/artikel/").content


def test_entities_only_drafts_use_have_no_entry(api, newsroom):
    secret = newsroom["entities"]["secret"]
    assert api.get(f"/api/v1/entities/{secret.slug}/").status_code == 404
    slugs = [e["slug"] for e in api.get("/api/v1/entities/").data["results"]]
    assert secret.slug not in slugs
    assert api.get("/api/v1/entities/", {"q": "Rahasia Corp"}).data["results"] == []


def test_a_region_only_drafts_use_is_not_in_the_tree(api, newsroom):
    body = api.get("/api/v1/regions/").content.decode()
    assert "52.99" not in body and "Pulau Rahasia" not in body
    # Regions are the official gazetteer: filtering by one is allowed, and
    # finds nothing public.
    assert api.ids(data={"region": "pulau-rahasia"}) == []


def test_a_scheduled_article_appears_when_its_time_comes(api, newsroom):
    scheduled = newsroom["hidden"]["scheduled"]
    assert scheduled.pk not in api.ids()
    Article.objects.filter(pk=scheduled.pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert api.ids()[0] == scheduled.pk
    assert api.get(f"/api/v1/articles/{scheduled.pk}/").status_code == 200


def test_unpublishing_removes_an_article_at_once(api, newsroom, settings):
    settings.WARTA_PAGE_CACHE_SECONDS = 600
    article = newsroom["public"][0]
    assert api.get(f"/api/v1/articles/{article.pk}/").status_code == 200
    assert article.pk in api.ids()
    article.status = Article.Status.DRAFT
    article.save()
    assert api.get(f"/api/v1/articles/{article.pk}/").status_code == 404
    assert article.pk not in api.ids()
