"""Quotes attributed to people (issue 31, item 4): stored per article, the
speaker resolved to the person entity, shown on the person's page newest
first, hidden by an editor (a revision)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import facts
from articles.models import Article, Quote
from entities.models import Entity

BODY = (
    '<p>"Pabrik itu siap beroperasi tahun depan," kata Bupati Batang Wahyu Budi '
    "Santoso, Senin.</p><p>Wahyu menuturkan investasi terus masuk.</p>"
)


@pytest.fixture
def wahyu(make_entity):
    return make_entity("Wahyu Budi Santoso", kind=Entity.Kind.PERSON)


@pytest.fixture
def quoted(make_article, wahyu):
    article = make_article(body=BODY, entities=[wahyu])
    facts.article_extract_quotes(article=article)
    return article


@pytest.mark.django_db
class TestQuotes:
    def test_quotes_are_stored_with_the_person(self, quoted, wahyu):
        rows = list(quoted.quotes.values_list("kind", "speaker", "entity"))
        assert rows == [
            ("direct", "Wahyu Budi Santoso", wahyu.pk),
            ("indirect", "Wahyu Budi Santoso", wahyu.pk),
        ]
        # Extracting again adds nothing.
        assert facts.article_extract_quotes(article=quoted) == []

    def test_the_persons_page_shows_what_they_said(self, client, quoted, wahyu):
        page = client.get(wahyu.get_absolute_url())
        assert page.status_code == 200
        html = page.content.decode()
        assert "<q>Pabrik itu siap beroperasi tahun depan,</q>" in html
        assert quoted.get_absolute_url() in html

    def test_a_hidden_quote_leaves_the_page_and_the_article_has_a_revision(
        self, client, quoted, wahyu, editor
    ):
        revisions = quoted.history.count()
        direct = quoted.quotes.get(kind="direct")
        facts.quote_hide(quote=direct, by=editor)
        assert quoted.history.count() == revisions + 1
        assert list(facts.quotes_of(wahyu)) == [quoted.quotes.get(kind="indirect")]
        html = client.get(wahyu.get_absolute_url()).content.decode()
        assert "siap beroperasi" not in html

    def test_quotes_of_unpublished_articles_are_not_shown(self, make_article, wahyu):
        draft = make_article(body=BODY, status=Article.Status.DRAFT)
        facts.article_extract_quotes(article=draft)
        assert draft.quotes.count() == 2
        assert list(facts.quotes_of(wahyu)) == []

    def test_a_contributor_may_not_hide_on_someone_elses_article(
        self, quoted, contributor
    ):
        with pytest.raises(PermissionDenied):
            facts.quote_hide(quote=quoted.quotes.first(), by=contributor)

    def test_the_hide_action_in_the_quote_list(self, client, editor, quoted):
        client.force_login(editor)
        response = client.post(
            reverse("admin:articles_quote_changelist"),
            {
                "action": "hide_quotes",
                "_selected_action": list(Quote.objects.values_list("pk", flat=True)),
            },
        )
        assert response.status_code == 302
        assert set(Quote.objects.values_list("hidden", flat=True)) == {True}
