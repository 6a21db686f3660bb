"""Suggestions as the desk reads them (issue 25, Lows): nothing already tagged
proposed again, one person once, whole sentences as evidence, one count."""

import pytest
from django.urls import reverse

from articles.models import Article, Suggestion
from articles.suggestions import review, services
from entities.extraction.proposals import Proposal

Status = Suggestion.Status


@pytest.mark.django_db
def test_a_tagged_region_is_not_proposed_again_as_region_or_place(
    make_article, make_region
):
    banten = make_region("Banten", code="36")
    article = make_article(
        status=Article.Status.DRAFT,
        regions=[banten],
        body="<p>Gubernur Banten meninjau pabrik di Serang, Banten, Senin.</p>",
    )
    made = services.article_suggest(article=article)
    assert [s.name for s in made if s.code == "36"] == []


def test_one_person_under_two_name_forms_is_one_suggestion():
    full = Proposal("person", "Andra Soni", "Gubernur Andra Soni hadir.", 0.7)
    short = Proposal("person", "Andra", "Kata Andra.", 0.8)
    titled = Proposal("person", "Dr. Andra Soni", "Dr. Andra Soni tiba.", 0.6)
    other = Proposal("person", "Budi Santoso", "Budi Santoso hadir.", 0.7)
    folded = services.fold_name_forms([short, full, other, titled])
    # The fullest form leads; the others are its aliases.
    assert [p.name for p in folded] == ["Budi Santoso", "Dr. Andra Soni"]
    assert titled.aliases == {"Andra Soni", "Andra"}
    assert titled.confidence == 0.8


def test_evidence_is_not_cut_at_a_thousands_separator():
    text = (
        "Pabrik baru itu menyerap 1.200 tenaga kerja lokal. Produksi naik 3.5 persen."
    )
    assert str(review.evidence(text, ["tenaga kerja"])) == (
        "Pabrik baru itu menyerap 1.200 <mark>tenaga kerja</mark> lokal."
    )


@pytest.mark.django_db
def test_the_form_and_the_review_page_count_the_same(
    client, editor, make_article, make_region
):
    banten = make_region("Banten", code="36")
    make_region("Kota Cilegon", code="36.72", parent=banten, kind="city")
    article = make_article(
        status=Article.Status.DRAFT,
        body=(
            "<p>Wali Kota Cilegon Rudi Hartanto meninjau pabrik PT Krakatau Steel di "
            "Kota Cilegon, Senin.</p>"
        ),
    )
    services.article_suggest(article=article)
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_suggestions", args=[article.pk]))
    rows = page.context["pending"]
    assert article.suggestions.filter(status=Status.PENDING).count() > rows
    form = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert f"Tinjau {rows} usulan" in form.content.decode()
    assert review.pending_count(article) == rows


@pytest.mark.django_db
def test_deciding_returns_to_the_group_not_the_top(
    client, editor, make_article, make_region
):
    banten = make_region("Banten", code="36")
    make_region("Kota Cilegon", code="36.72", parent=banten, kind="city")
    article = make_article(
        status=Article.Status.DRAFT,
        body=(
            "<p>Wali Kota Cilegon Rudi Hartanto meninjau pabrik PT Krakatau Steel di "
            "Kota Cilegon, Senin.</p>"
        ),
    )
    services.article_suggest(article=article)
    person = article.suggestions.get(kind="person")
    place = article.suggestions.get(kind="place")
    client.force_login(editor)
    url = reverse("admin:articles_article_suggestions", args=[article.pk])
    response = client.post(url, {"decide": f"reject:{person.pk}"})
    assert response["Location"] == url + "#group-person"
    response = client.post(url, {"decide": f"reject:{place.pk}"})
    assert response["Location"] == url + "#group-region"
