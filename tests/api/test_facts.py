"""/api/v1/facts/ (issue 31): only accepted facts of public articles, filters
by kind, region (sub-regions included) and company, 400 on bad parameters."""

import pytest
from django.core.cache import cache

from tests.site.test_investment import tracked  # noqa: F401  (the fixture)

URL = "/api/v1/facts/"


@pytest.mark.django_db
class TestFactsAPI:
    def test_public_facts_with_their_articles(self, client, tracked):  # noqa: F811
        data = client.get(URL).json()
        assert data["count"] == 4  # the draft's accepted fact is left out
        kinds = sorted(row["kind"] for row in data["results"])
        assert kinds == ["investment", "investment", "investment", "jobs"]
        row = next(r for r in data["results"] if r["value"] == 1_200_000_000_000)
        assert row["currency"] == "IDR"
        assert row["company_slug"] == "baja-raya"
        assert row["region"]["code"] == "33.25"
        assert row["article"]["url"].startswith("http")

    def test_filters(self, client, tracked):  # noqa: F811
        by_kind = client.get(URL, {"kind": "jobs"}).json()
        assert [r["value"] for r in by_kind["results"]] == [2000]
        in_province = client.get(URL, {"region": tracked.slug, "kind": "investment"})
        assert in_province.json()["count"] == 3
        assert client.get(URL, {"company": "tidak-ada"}).json()["count"] == 0

    @pytest.mark.parametrize(
        "query",
        [
            {"kind": "gaji"},
            {"region": "tidak-ada"},
            {"page": "x"},
            {"page": "9"},
            {"warna": "merah"},
        ],
    )
    def test_bad_parameters_are_400(self, client, tracked, query):  # noqa: F811
        response = client.get(URL, query)
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_parameters"

    def test_queries_do_not_grow_with_facts(
        self,
        client,
        tracked,  # noqa: F811
        django_assert_num_queries,
    ):
        client.get(URL)
        cache.clear()
        # The stamp, the count, the page of facts with articles and regions.
        with django_assert_num_queries(3):
            assert client.get(URL).status_code == 200
