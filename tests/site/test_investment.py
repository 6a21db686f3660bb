"""The public investment tracker (issue 31): totals equal a direct sum of the
accepted facts of public articles, pages per region and company with an SVG
chart and its table, CSV; query counts."""

import json
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db.models import Sum
from django.urls import reverse

from articles import facts
from articles.facts import selectors
from articles.models import Article, Fact
from tests.newsroom.test_html_validity import JAVA, VNU

BODY = (
    "<p>PT Baja Raya akan berinvestasi Rp1,2 triliun di Kabupaten Batang, dan "
    "menyerap 2.000 tenaga kerja.</p>"
)


@pytest.fixture
def tracked(make_article, make_region, make_topic, editor):
    """Three articles: two public ones with accepted facts in two regencies of
    one province, and a draft whose accepted facts are not public."""
    jateng = make_region("Jawa Tengah", code="33")
    batang = make_region("Batang", code="33.25", parent=jateng, kind="regency")
    kendal = make_region("Kendal", code="33.24", parent=jateng, kind="regency")
    topic = make_topic("Baja")
    bodies = [
        (BODY, Article.Status.PUBLISHED),
        (
            "<p>PT Baja Raya menanamkan investasi Rp 500 miliar di Kabupaten Kendal "
            "dan US$4 juta untuk gudang.</p>",
            Article.Status.PUBLISHED,
        ),
        (
            "<p>PT Lain menanamkan investasi Rp 9 triliun di Kabupaten Kendal.</p>",
            Article.Status.DRAFT,
        ),
    ]
    for body, status in bodies:
        article = make_article(body=body, status=status, topics=[topic])
        facts.article_extract_facts(article=article)
    Fact.objects.filter(kind="investment").update(region=kendal)
    Fact.objects.filter(article__body__contains="Batang").update(region=batang)
    facts.facts_decide(facts=Fact.objects.all(), accept=True, by=editor)
    return jateng


def direct_sum(**filters):
    return Fact.objects.filter(
        review="accepted",
        kind="investment",
        currency="IDR",
        article__status=Article.Status.PUBLISHED,
        **filters,
    ).aggregate(total=Sum("value"))["total"]


@pytest.mark.django_db
class TestTotals:
    def test_a_province_is_the_sum_of_its_regencies_accepted_public_facts(
        self, tracked
    ):
        (province,) = selectors.totals_by_province()
        assert province.key == tracked
        assert province.rupiah == direct_sum(region__path__startswith=tracked.path)
        assert province.rupiah == Decimal("1700000000000")
        assert province.foreign == {"USD": Decimal("4000000")}
        assert province.count == 3

    def test_company_year_and_topic_totals_equal_a_direct_sum(self, tracked):
        (company,) = selectors.totals_by_company()
        assert (company.label, company.rupiah) == ("PT Baja Raya", direct_sum())
        assert sum(t.rupiah for t in selectors.totals_by_year()) == direct_sum()
        (topic,) = selectors.totals_by_topic()
        assert topic.rupiah == direct_sum()


@pytest.mark.django_db
class TestPages:
    def test_the_index_in_a_fixed_number_of_queries(
        self, client, tracked, django_assert_num_queries
    ):
        client.get(reverse("articles:investment"))  # the taxonomy memo warmed
        cache.clear()
        # The content stamp, then one query per table: years, provinces,
        # companies, topics; whatever the number of facts.
        with django_assert_num_queries(5):
            page = client.get(reverse("articles:investment"))
        assert page.status_code == 200
        html = page.content.decode()
        assert "Jawa Tengah" in html
        assert "Rp1,7 triliun" in html
        assert "Rp9 triliun" not in html  # the draft's fact

    def test_a_region_page_has_an_accessible_svg_chart_and_a_table(
        self, client, tracked, django_assert_num_queries
    ):
        url = reverse("articles:investment-region", args=[tracked.slug])
        client.get(url)
        cache.clear()
        # The stamp, the facts with their articles and regions, the years.
        with django_assert_num_queries(3):
            page = client.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html
        assert '<title id="chart-years-title">' in html
        assert "<table" in html and "<caption>" in html
        assert "Rp1,2 triliun" in html and "/artikel/" in html

    def test_a_company_page_and_an_unknown_one(self, client, tracked):
        page = client.get(reverse("articles:investment-company", args=["baja-raya"]))
        assert page.status_code == 200
        assert "PT Baja Raya" in page.content.decode()
        unknown = reverse("articles:investment-company", args=["tidak-ada"])
        assert client.get(unknown).status_code == 404

    def test_csv_holds_only_public_facts(self, client, tracked):
        response = client.get(reverse("articles:investment-csv"))
        assert response.status_code == 200
        lines = response.content.decode().splitlines()
        assert lines[0].startswith("article,imported_from")
        assert not any("9000000000000" in line for line in lines)
        assert len(lines) == 1 + Fact.objects.public().count()


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.skipif(not JAVA, reason="HTML check skipped: no Java")
def test_the_tracker_pages_are_valid_html(client, tracked, tmp_path):
    """The Nu HTML Checker over the index, a region's and a company's page, in
    both languages (the SVG chart inline)."""
    pages = {
        "index": reverse("articles:investment"),
        "region": reverse("articles:investment-region", args=[tracked.slug]),
        "company": reverse("articles:investment-company", args=["baja-raya"]),
    }
    for name, url in pages.items():
        for language, prefix in (("id", ""), ("en", "/en")):
            response = client.get(prefix + url)
            assert response.status_code == 200, (name, language)
            (tmp_path / f"{name}-{language}.html").write_bytes(response.content)
    files = sorted(str(p) for p in tmp_path.glob("*.html"))
    result = subprocess.run(
        [JAVA, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout"]
        + files,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.stdout.startswith("{"), result.stderr
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}"
        for m in json.loads(result.stdout)["messages"]
        if m.get("type") == "error"
    ]
    assert errors == []
