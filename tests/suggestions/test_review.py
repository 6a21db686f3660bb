"""The suggestion review page and the admin's import page (issue 13): one row
per thing with the sentence that mentions it, decisions by row or by kind,
suggesting again. The import page is tested in tests/jobs/test_import_page.py."""

import pytest
from django.urls import reverse

from articles import editorial as article_services
from articles.models import Article, Suggestion
from articles.suggestions import services

Status = Suggestion.Status
IMPORT = reverse("admin:articles_import")


def review_url(article):
    return reverse("admin:articles_article_suggestions", args=[article.pk])


@pytest.fixture
def suggested(make_article, make_region):
    banten = make_region("Banten", code="36")
    make_region("Kota Cilegon", code="36.72", parent=banten, kind="city")
    article = make_article(
        status=Article.Status.DRAFT,
        body=(
            "<p>Wali Kota Cilegon Rudi Hartanto meninjau pabrik PT Krakatau Steel di "
            "Kota Cilegon, Senin.</p><p>Menurut Rudi, produksi naik.</p>"
        ),
    )
    services.article_suggest(article=article)
    return article


def row_with(page, name):
    for group in page.context["groups"]:
        for row in group.pending + group.decided:
            if any(s.name == name for s in row.suggestions):
                return group, row
    raise AssertionError(f"no row for {name}")


@pytest.mark.django_db
class TestReviewPage:
    def test_rows_grouped_by_kind_with_the_sentence_marked(
        self, client, editor, suggested
    ):
        client.force_login(editor)
        page = client.get(review_url(suggested))
        assert page.status_code == 200
        group, row = row_with(page, "Rudi Hartanto")
        assert group.kind == "person"
        # The first sentence that names him, whole, with the name marked.
        assert str(row.evidence) == (
            "Wali Kota Cilegon <mark>Rudi Hartanto</mark> meninjau pabrik PT Krakatau "
            "Steel di Kota Cilegon, Senin."
        )

    def test_a_region_and_its_place_are_one_row_decided_together(
        self, client, editor, suggested
    ):
        client.force_login(editor)
        page = client.get(review_url(suggested))
        _group, row = row_with(page, "Kota Cilegon")
        kinds = sorted(s.kind for s in row.suggestions)
        assert kinds == ["place", "region"]
        client.post(review_url(suggested), {"decide": f"accept:{row.ids}"})
        assert suggested.regions.filter(code="36.72").exists()
        assert set(
            suggested.suggestions.filter(code="36.72").values_list("status", flat=True)
        ) == {Status.ACCEPTED}

    def test_accept_one_row_and_reject_another(self, client, editor, suggested):
        client.force_login(editor)
        page = client.get(review_url(suggested))
        _g, person = row_with(page, "Rudi Hartanto")
        _g, company = row_with(page, "PT Krakatau Steel")
        response = client.post(
            review_url(suggested), {"decide": f"accept:{person.ids}"}
        )
        assert response.status_code == 302
        client.post(review_url(suggested), {"decide": f"reject:{company.ids}"})
        assert suggested.entities.filter(name="Rudi Hartanto").exists()
        assert not suggested.entities.filter(name="PT Krakatau Steel").exists()
        assert suggested.suggestions.get(name="PT Krakatau Steel").status == (
            Status.REJECTED
        )
        page = client.get(review_url(suggested))
        assert "Rudi Hartanto" not in [
            s.name
            for group in page.context["groups"]
            for row in group.pending
            for s in row.suggestions
        ]

    def test_reject_a_whole_kind(self, client, editor, suggested):
        client.force_login(editor)
        page = client.get(review_url(suggested))
        organisations = next(
            g for g in page.context["groups"] if g.kind == "organisation"
        )
        client.post(
            review_url(suggested), {"decide": f"reject:{organisations.pending_ids}"}
        )
        statuses = set(
            suggested.suggestions.filter(kind="organisation").values_list(
                "status", flat=True
            )
        )
        assert statuses == {Status.REJECTED}
        assert suggested.suggestions.filter(kind="person", status=Status.PENDING)

    def test_ids_of_another_article_are_ignored(
        self, client, editor, suggested, make_article
    ):
        other = make_article(body="<p>Gubernur Banten Andra Soni berbicara.</p>")
        services.article_suggest(article=other)
        theirs = other.suggestions.first()
        client.force_login(editor)
        client.post(review_url(suggested), {"decide": f"accept:{theirs.pk}"})
        theirs.refresh_from_db()
        assert theirs.status == Status.PENDING

    def test_suggest_again_after_editing_keeps_rejections(
        self, client, editor, suggested
    ):
        client.force_login(editor)
        company = suggested.suggestions.get(name="PT Krakatau Steel")
        client.post(review_url(suggested), {"decide": f"reject:{company.pk}"})
        suggested.body += "<p>Gubernur Banten Andra Soni juga hadir.</p>"
        article_services.article_update(article=suggested, by=editor)
        response = client.post(review_url(suggested), {"suggest_again": "1"})
        assert response.status_code == 302
        names = set(suggested.suggestions.values_list("name", flat=True))
        assert "Andra Soni" in names
        assert suggested.suggestions.filter(name="PT Krakatau Steel").count() == 1
        assert suggested.suggestions.get(name="PT Krakatau Steel").status == (
            Status.REJECTED
        )

    def test_a_contributor_may_read_but_not_decide_on_published_work(
        self, client, contributor, make_article
    ):
        article = make_article(
            body="<p>Gubernur Banten Andra Soni meninjau pabrik.</p>",
            created_by=contributor,
        )
        services.article_suggest(article=article)
        client.force_login(contributor)
        page = client.get(review_url(article))
        assert page.status_code == 200
        assert not page.context["can_decide"]
        assert "decide" not in page.content.decode()
        pending = article.suggestions.first()
        response = client.post(review_url(article), {"decide": f"accept:{pending.pk}"})
        assert response.status_code == 403
        pending.refresh_from_db()
        assert pending.status == Status.PENDING

    def test_a_contributor_cannot_open_another_contributors_draft(
        self, client, contributor, make_user, suggested
    ):
        suggested.created_by = make_user("Contributor")
        suggested.save()
        client.force_login(contributor)
        assert client.get(review_url(suggested)).status_code == 404
