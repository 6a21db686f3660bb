"""The public investment tracker (issue 31): totals equal a direct sum of the
accepted facts of public articles, pages per region and company with an SVG
chart and its table, CSV, feeds; query counts."""

import json
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import feedparser
import pytest
from django.core.cache import cache
from django.db.models import Sum
from django.urls import reverse

from articles import facts
from articles.facts import selectors
from articles.models import Article, Fact
from entities.models import Region
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
        # The stamp, the state of the totals, the region's totals (total,
        # counts by kind, years), the ids of the newest facts of each kind,
        # those facts with their articles and regions.
        with django_assert_num_queries(5):
            page = client.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html
        assert '<title id="chart-years-title">' in html
        assert "<table" in html and "<caption>" in html
        assert "Rp1,2 triliun" in html and "/artikel/" in html

    def test_a_region_and_a_company_page_total_equal_a_direct_sum(
        self, client, tracked
    ):
        region = client.get(reverse("articles:investment-region", args=[tracked.slug]))
        assert region.context["total"].rupiah == direct_sum(
            region__path__startswith=tracked.path
        )
        assert region.context["total"].foreign == {"USD": Decimal("4000000")}
        company = client.get(reverse("articles:investment-company", args=["baja-raya"]))
        assert company.context["total"].rupiah == direct_sum(company_slug="baja-raya")
        counts = {kind: n for kind, _, n in company.context["sections"]}
        assert counts == {
            kind: Fact.objects.public().filter(kind=kind).count()
            for kind in ("investment", "jobs")
        }

    def test_a_page_lists_the_newest_facts_of_each_kind_and_counts_all(
        self, client, tracked, monkeypatch
    ):
        monkeypatch.setattr(selectors, "LISTED", 1)
        cache.clear()
        page = client.get(reverse("articles:investment-region", args=[tracked.slug]))
        investments = page.context["groups"]["investment"]
        assert len(investments) == 1
        newest = Fact.objects.public().filter(kind="investment")
        assert investments[0].article == newest.latest("article__publish_at").article
        html = page.content.decode()
        assert "The newest 1 of 3" in html or "1 terbaru dari 3" in html
        assert f"/api/v1/facts/?region={tracked.slug}&amp;kind=investment" in html

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


# Feeds of the tracker (issue 31, item 3): RSS and Atom of the whole tracker, a
# region (sub-regions included) and a company; only public facts; each entry
# one fact with a stable tag id.
FACT_ID = re.compile(r"^tag:testserver,\d{4}:fact/(\d+)$")


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def fact_ids(feed):
    return {int(FACT_ID.match(entry.id).group(1)) for entry in feed.entries}


@pytest.mark.django_db
class TestTrackerFeeds:
    @pytest.mark.parametrize("atom", ["", "-atom"])
    def test_the_region_feed_holds_the_public_facts_of_its_sub_regions(
        self, client, tracked, atom
    ):
        url = reverse(f"articles:investment-region-feed{atom}", args=[tracked.slug])
        feed = parse(client, url)
        public = Fact.objects.public().filter(region__path__startswith=tracked.path)
        assert fact_ids(feed) == set(public.values_list("pk", flat=True))
        assert Fact.objects.exclude(pk__in=public).exists()  # the draft's
        assert feed.feed.title.endswith("Jawa Tengah")
        titles = {entry.title for entry in feed.entries}
        assert "Investasi: Rp1,2 triliun · PT Baja Raya · Batang" in titles
        for entry in feed.entries:
            assert entry.link.startswith("http://testserver/artikel/")
        # A regency's feed: its own facts only.
        batang = Region.objects.get(code="33.25")
        url = reverse(f"articles:investment-region-feed{atom}", args=[batang.slug])
        in_batang = public.filter(region=batang).values_list("pk", flat=True)
        assert 0 < len(in_batang) < public.count()
        assert fact_ids(parse(client, url)) == set(in_batang)

    def test_the_company_feed_and_an_unknown_company(self, client, tracked):
        feed = parse(
            client, reverse("articles:investment-company-feed", args=["baja-raya"])
        )
        public = Fact.objects.public().filter(company_slug="baja-raya")
        assert fact_ids(feed) == set(public.values_list("pk", flat=True))
        assert "PT Baja Raya" in feed.feed.title
        for name in (
            "articles:investment-company-feed",
            "articles:investment-region-feed",
        ):
            assert client.get(reverse(name, args=["tidak-ada"])).status_code == 404

    def test_the_tracker_feed_and_the_pages_link_their_feeds(self, client, tracked):
        feed = parse(client, reverse("articles:investment-feed-atom"))
        assert fact_ids(feed) == set(Fact.objects.public().values_list("pk", flat=True))
        for page, rss in (
            (reverse("articles:investment"), reverse("articles:investment-feed")),
            (
                reverse("articles:investment-region", args=[tracked.slug]),
                reverse("articles:investment-region-feed", args=[tracked.slug]),
            ),
            (
                reverse("articles:investment-company", args=["baja-raya"]),
                reverse("articles:investment-company-feed", args=["baja-raya"]),
            ),
        ):
            html = client.get(page).content.decode()
            assert 'type="application/rss+xml" title=' in html
            assert f'href="{rss}"' in html and f'href="{rss}atom/"' in html


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
