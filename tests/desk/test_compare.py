"""Comparing any two revisions of an article (issue 25): chosen in its
history, each field that differs shown word by word."""

import re

import pytest
from django.urls import reverse

from articles import editorial
from articles.models import Article
from tests.editorial.test_workflow import logged_in

Status = Article.Status


def compare_url(article, older, newer):
    url = reverse("admin:articles_article_compare", args=[article.pk])
    return f"{url}?from={older.history_id}&to={newer.history_id}"


@pytest.fixture
def revised(editor, make_article, make_topic):
    words = " ".join(f"kata{n}" for n in range(300))
    article = make_article("Judul pertama", body=f"<p>{words}</p>", status=Status.DRAFT)
    article.title = "Judul kedua"
    editorial.article_update(article=article, by=editor)
    article.body = f"<p>{words.replace('kata150', 'KATA-BARU')}</p>"
    editorial.article_update(
        article=article, by=editor, tags={"topics": [make_topic("Baja")]}
    )
    first, *_middle, last = article.history.order_by("history_date", "history_id")
    return article, first, last


@pytest.mark.django_db
class TestCompare:
    def test_any_two_revisions_compare_word_by_word(self, client, editor, revised):
        article, first, last = revised
        logged_in(client, editor)
        page = client.get(compare_url(article, first, last))
        assert page.status_code == 200
        changes = {c.label: c.diff for c in page.context["changes"]}
        assert set(changes) == {"Judul", "Isi", "Tag"}, set(changes)
        marked = [(s.op, s.text) for s in changes["Isi"] if s.op in ("del", "ins")]
        assert marked == [("del", "kata150"), ("ins", "KATA-BARU")]
        assert ("ins", "Topik: Baja") in [(s.op, s.text) for s in changes["Tag"]]
        html = page.content.decode()
        assert "kata3 " not in html  # the body's far, unchanged words are left out
        # The same pair either way round: older to newer.
        flipped = client.get(compare_url(article, last, first))
        assert [c.label for c in flipped.context["changes"]] == list(changes)

    def test_the_history_offers_the_choice(self, client, editor, revised):
        article, first, last = revised
        logged_in(client, editor)
        url = reverse("admin:articles_article_history", args=[article.pk])
        html = client.get(url).content.decode()
        assert 'name="from"' in html and 'name="to"' in html
        assert reverse("admin:articles_article_compare", args=[article.pk]) in html
        checked = re.findall(r'name="(from|to)" value="(\d+)"[^>]*checked', html)
        assert dict(checked)["to"] == str(last.history_id)

    def test_bad_or_foreign_revisions_are_not_found(
        self, client, editor, revised, make_article
    ):
        article, first, last = revised
        other = make_article()
        logged_in(client, editor)
        url = reverse("admin:articles_article_compare", args=[article.pk])
        for query in ("", "?from=x&to=1", f"?from={first.history_id}&to=99999999"):
            assert client.get(url + query).status_code == 404, query
        foreign = other.history.first()
        assert client.get(compare_url(article, first, foreign)).status_code == 404

    def test_a_contributor_cannot_compare_what_she_cannot_open(
        self, client, contributor, revised
    ):
        article, first, last = revised
        logged_in(client, contributor)
        assert client.get(compare_url(article, first, last)).status_code == 404


@pytest.mark.django_db
def test_the_history_reads_properly(client, editor, contributor, make_article):
    """Issue 25: the history showed "Deleted pengguna (pk=None)" for a first
    assignment, "None →" for a first publish time, and the revision page's
    breadcrumb said "Articles"."""
    article = make_article("Satu", status=Status.DRAFT, created_by=contributor)
    article.assignee = contributor
    editorial.article_update(article=article, by=editor)
    editorial.article_set_status(article=article, to_status=Status.PUBLISHED, by=editor)
    logged_in(client, editor)
    url = reverse("admin:articles_article_history", args=[article.pk])
    html = client.get(url).content.decode()
    table = html[html.index('id="change-history"') : html.index("</table>")]
    assert "pk=None" not in table and "Deleted" not in table
    assert "None" not in table
    assert "—" in table and "kontributor" in table
    revision = article.history.order_by("history_id").first()
    page = client.get(
        reverse(
            "admin:articles_article_simple_history",
            args=[article.pk, revision.history_id],
        )
    ).content.decode()
    crumbs = page[page.index('class="breadcrumbs"') :][:600]
    assert "Articles" not in crumbs and ">Artikel</a>" in crumbs
