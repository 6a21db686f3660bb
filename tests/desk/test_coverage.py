"""The coverage dashboard (issue 31, item 5): province × root topic counts of
published articles in the last 30/90/365 days, provinces with none, facts
waiting; each cell links to the article list behind it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import facts
from articles.models import Article

URL = reverse("admin:articles_coverage")


@pytest.fixture
def covered(make_article, make_region, make_topic):
    jateng = make_region("Jawa Tengah", code="33")
    batang = make_region("Batang", code="33.25", parent=jateng, kind="regency")
    kendal = make_region("Kendal", code="33.24", parent=jateng, kind="regency")
    make_region("Papua", code="91")
    industri = make_topic("Industri")
    baja = make_topic("Baja", parent=industri)
    now = timezone.now()
    # One article in two regencies of one province counts once. The builder
    # dates each article an hour before the last, so the times are given.
    recent = now - datetime.timedelta(days=1)
    make_article(regions=[batang, kendal], topics=[baja], publish_at=recent)
    make_article(regions=[batang], topics=[industri], publish_at=recent)
    make_article(
        regions=[kendal],
        topics=[industri],
        publish_at=now - datetime.timedelta(days=60),
    )
    make_article(regions=[kendal], topics=[industri], status=Article.Status.DRAFT)
    pending = make_article(
        body="<p>Investasi Rp 500 miliar masuk.</p>", status=Article.Status.DRAFT
    )
    facts.article_extract_facts(article=pending)
    return jateng, industri


@pytest.mark.django_db
class TestCoverage:
    def test_counts_by_province_and_root_topic(self, client, editor, covered):
        jateng, industri = covered
        client.force_login(editor)
        page = client.get(URL, {"days": "30"})
        assert page.status_code == 200
        rows = {
            province.name: (total, row)
            for province, total, row in page.context["table"]
        }
        total, row = rows["Jawa Tengah"]
        assert total == 2
        assert [cell.count for cell in row] == [2]
        assert [p.name for p in page.context["uncovered"]] == ["Papua"]
        assert page.context["pending_facts"] == 1
        wider = client.get(URL, {"days": "90"})
        rows = {p.name: (t, r) for p, t, r in wider.context["table"]}
        assert rows["Jawa Tengah"][0] == 3

    def test_a_cell_links_to_the_articles_behind_it(self, client, editor, covered):
        client.force_login(editor)
        page = client.get(URL, {"days": "30"})
        rows = {p.name: r for p, _t, r in page.context["table"]}
        listing = client.get(rows["Jawa Tengah"][0].url)
        assert listing.status_code == 200
        assert listing.context["cl"].result_count == 2

    def test_other_periods_are_404_and_contributors_may_look(
        self, client, contributor, covered
    ):
        client.force_login(contributor)
        assert client.get(URL, {"days": "7"}).status_code == 404
        assert client.get(URL).status_code == 200

    def test_queries_do_not_grow_with_articles(
        self, client, editor, covered, django_assert_max_num_queries
    ):
        client.force_login(editor)
        client.get(URL)
        with django_assert_max_num_queries(12):
            assert client.get(URL).status_code == 200


@pytest.mark.django_db
class TestReachedFromTheDesk:
    """The dashboard and the job list are linked from the desk, not only
    reachable by their address (the admin walk)."""

    def test_an_editor_has_both_links(self, client, editor):
        client.force_login(editor)
        page = client.get(reverse("admin:index")).content.decode()
        assert f'href="{URL}">Liputan per provinsi</a>' in page
        jobs = reverse("admin:articles_job_changelist")
        assert f'href="{jobs}">Pekerjaan latar</a>' in page

    def test_a_contributor_has_the_job_list_only(self, client, contributor):
        client.force_login(contributor)
        page = client.get(reverse("admin:index")).content.decode()
        assert URL not in page
        assert "Pekerjaan latar</a>" in page
