"""Random and malicious values in every public URL parameter: never a 500, never a
change to the data."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Suggestion
from entities.models import Entity, Region

MALICIOUS = [
    "' OR 1=1 --",
    "1; DROP TABLE articles_article; --",
    "%27%20OR%20%271%27=%271",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "${7*7}",
    "__proto__",
    "9" * 400,
    "-1",
    "0",
    "1e309",
    "NaN",
    "last",
    "２",  # a full-width digit
    "banten",
    "kota-cilegon",
    "2025-02-30",
    "9999-12-31",
    "0000-00-00",
    "person",
    "\u202e",
    "ﷺ" * 50,
    "\x00",
    "regions__path__startswith",
]
PARAMETERS = [
    "page",
    "per_page",
    "q",
    "region",
    "topic",
    "entity",
    "kind",
    "source",
    "date_from",
    "date_to",
    "language",
    "format",
    "order",
    "regions__path",
]
values = st.one_of(
    st.sampled_from(MALICIOUS),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
queries = st.dictionaries(
    st.one_of(st.sampled_from(PARAMETERS), st.text(min_size=1, max_size=20)),
    st.one_of(values, st.lists(values, min_size=1, max_size=3)),
    max_size=6,
)
PAGES = [
    "/",
    "/artikel/",
    "/en/artikel/",
    "/wilayah/banten/",
    "/topik/industri/",
    "/entitas/kota-cilegon/",
    "/sumber/rubrikbanten/",
    "/indeks/",
    "/feed/",
    "/wilayah/banten/feed/atom/",
    "/artikel/gubernur-banten-kunjungi-krakatau-steel-dorong-regulasi-baja-ber-sni/",
    "/sitemap-articles.xml",
]


def snapshot():
    return (
        Article.objects.count(),
        Entity.objects.count(),
        Region.objects.count(),
        Suggestion.objects.count(),
        list(Article.objects.order_by("pk").values_list("version", "status", "title")),
    )


@pytest.mark.django_db
@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(page=st.sampled_from(PAGES), query=queries)
def test_public_parameters_never_cause_a_server_error(client, seed_data, page, query):
    before = snapshot()
    response = client.get(page, query)
    assert response.status_code in {200, 400, 404}, (page, query, response.status_code)
    assert snapshot() == before


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    slug=st.text(max_size=80),
    prefix=st.sampled_from(["artikel", "wilayah", "topik", "entitas", "sumber"]),
)
def test_random_paths_are_404_not_500(client, seed_data, slug, prefix):
    response = client.get(f"/{prefix}/{slug}/")
    assert response.status_code in {200, 301, 400, 404}
