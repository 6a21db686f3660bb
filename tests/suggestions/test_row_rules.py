"""Red team round two (issue 32, High): the suggestions list and its search
show a contributor only suggestions of articles they may open. Each test
failed before the fix."""

import pytest
from django.urls import reverse

from articles.models import Article
from articles.models.suggestions import Suggestion

pytestmark = pytest.mark.security


@pytest.fixture
def suggestions(make_article, contributor):
    hidden = make_article("Draf rahasia redaksi", status=Article.Status.REVIEW)
    own = make_article(
        "Draf milik kontributor", status=Article.Status.DRAFT, created_by=contributor
    )
    made = {}
    for article, name in ((hidden, "Tersembunyi Jaya"), (own, "Terlihat Makmur")):
        made[name] = Suggestion.objects.create(
            article=article,
            kind="organisation",
            name=name,
            evidence=f"Kalimat bukti tentang {name}.",
            confidence=0.9,
        )
    return made


def test_list_and_search_show_only_articles_the_contributor_may_open(
    suggestions, client, contributor
):
    client.force_login(contributor)
    url = reverse("admin:articles_suggestion_changelist")
    for query in ({}, {"q": "Tersembunyi"}, {"q": "rahasia"}, {"q": "Kalimat"}):
        page = client.get(url, query)
        shown = [s.name for s in page.context["cl"].result_list]
        assert "Tersembunyi Jaya" not in shown
        assert "Draf rahasia redaksi" not in page.content.decode()
    assert [s.name for s in client.get(url).context["cl"].result_list] == [
        "Terlihat Makmur"
    ]
    hidden = suggestions["Tersembunyi Jaya"]
    page = client.get(reverse("admin:articles_suggestion_change", args=[hidden.pk]))
    assert page.status_code == 302  # Django's "does not exist" redirect
    assert "Tersembunyi" not in client.get(page.url).content.decode()


def test_editors_see_every_suggestion(suggestions, client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:articles_suggestion_changelist")).content.decode()
    assert "Tersembunyi Jaya" in html and "Terlihat Makmur" in html
