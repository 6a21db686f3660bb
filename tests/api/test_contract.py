"""The API's filters are the HTML list's: for the same query string both accept
or both refuse it, and they find the same articles.

Compared like with like: the HTML list holds every match, newest first, except
that a text search orders it in relevance tiers; the API pages through every
match, always newest first. So without ``q`` the ids must be equal in order,
with ``q`` equal as sets, and the HTML list's count is the API's ``count``.
"""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.snapshots import shared

from .conftest import hours_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(newsroom, make_article):
    """The newsroom and forty more articles across its public vocabulary, over
    several weeks (built once per run: tests/snapshots.py)."""
    return shared("api.corpus", lambda: build_corpus(newsroom, make_article))


def build_corpus(newsroom, make_article):
    regions = [r for key, r in newsroom["regions"].items() if key != "secret"]
    topics = list(newsroom["topics"].values())[:3]
    entities = [e for key, e in newsroom["entities"].items() if key != "secret"]
    sources = [newsroom["sources"]["rubrik"], newsroom["sources"]["wire"], None]
    for n in range(40):
        make_article(
            f"Kabar industri {n} {'baja' if n % 3 else 'nikel'}",
            body=f"Paragraf tentang {'Cilegon' if n % 2 else 'Sumbawa'} nomor {n}.",
            regions=regions[n % 4 : n % 4 + 1 + n % 2],
            topics=topics[n % 3 : n % 3 + 1],
            entities=entities[n % 4 : n % 4 + 1 + n % 3],
            source=sources[n % 3],
            publish_at=hours_ago(7 + 11 * n),
        )
    return newsroom


def html_ids(client, query):
    response = client.get("/artikel/?" + query)
    if response.status_code != 200:
        return response.status_code, None
    paginator = response.context["paginator"]
    ids = paginator.page_ids(0, paginator.count)
    assert len(ids) == paginator.count
    return 200, ids


def api_ids(api, query):
    response = api.get("/api/v1/articles/?" + query)
    if response.status_code != 200:
        return response.status_code, None
    return 200, api.ids("/api/v1/articles/?" + query)


def assert_same(client, api, query):
    status, html = html_ids(client, query)
    api_status, ids = api_ids(api, query)
    assert api_status == status, query
    if status != 200:
        return
    if "q=" in query:
        assert sorted(ids) == sorted(html), query
    else:
        assert ids == html, query


QUERIES = [
    "",
    "region=banten",
    "region=kota-cilegon",
    "region=ntb",
    "region=indonesia",
    "topic={industry}",
    "topic={steel}",
    "entity=pt-krakatau-steel",
    "entity=pt-krakatau-steel&entity=helmi-budiman",
    "entity=kementerian-perindustrian&entity=kota-cilegon",
    "kind=person",
    "kind=place",
    "source={wire}",
    "region=banten&topic={industry}&entity=pt-krakatau-steel",
    "q=baja",
    "q=Cilegon",
    "q=KS",
    "q=baja+cilegon&region=banten",
    "q=krakatau",
    "date_from={day}",
    "date_to={day}",
    "date_from={day}&date_to={day}",
    # Refused by both.
    "region=tidak-ada",
    "entity={secret}",
    "topic={secret_topic}",
    "date_from=2025-02-30",
]


@pytest.mark.parametrize("template", QUERIES)
def test_the_same_query_finds_the_same_articles(client, api, corpus, template):
    query = template.format(
        industry=corpus["topics"]["industry"].slug,
        steel=corpus["topics"]["steel"].slug,
        secret_topic=corpus["topics"]["secret"].slug,
        wire=corpus["sources"]["wire"].slug,
        secret=corpus["entities"]["secret"].slug,
        day=hours_ago(24 * 3).date().isoformat(),
    )
    assert_same(client, api, query)


@given(data=st.data())
@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_any_combination_of_filters_agrees(client, api, corpus, data):
    values = {
        "region": ["banten", "kota-cilegon", "kabupaten-serang", "ntb", "indonesia"],
        "topic": [t.slug for t in corpus["topics"].values()],
        "entity": [e.slug for e in corpus["entities"].values()],
        "kind": ["person", "organisation", "place", "other"],
        "source": [s.slug for s in corpus["sources"].values()],
        "date_from": [hours_ago(24 * d).date().isoformat() for d in (1, 5, 20)],
        "date_to": [hours_ago(24 * d).date().isoformat() for d in (0, 5, 20)],
        "q": ["baja", "nikel", "Cilegon", "KS", "kabar industri", "Helmi Budiman"],
    }
    query = []
    for name in data.draw(st.sets(st.sampled_from(sorted(values)), max_size=4)):
        if name == "entity":
            chosen = data.draw(
                st.lists(st.sampled_from(values[name]), min_size=1, max_size=2)
            )
            query += [(name, value) for value in chosen]
        else:
            query.append((name, data.draw(st.sampled_from(values[name]))))
    assert_same(client, api, urlencode(query))
