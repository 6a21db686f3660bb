"""The admin's body field without JavaScript (a textarea of HTML): text
between < and > is kept as typed, pasted Word and Google Docs HTML is
cleaned, and a save that would lose a word is refused, naming it (issues 25
and 32)."""

import pytest
from django.urls import reverse

from articles.models import richtext
from tests.editorial.test_workflow import form_data

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_angle_text_typed_in_the_textarea_is_published_as_typed(
    client, editor, make_article
):
    article = make_article("Rumus")
    client.force_login(editor)
    typed = "<p>Jika <p dan q> maka r. Pilih <b atau c>, <select all>.</p>"
    response = client.post(change_url(article), form_data(article, body=typed))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == (
        "<p>Jika &lt;p dan q&gt; maka r. Pilih &lt;b atau c&gt;, "
        "&lt;select all&gt;.</p>"
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Jika &lt;p dan q&gt; maka r. Pilih &lt;b atau c&gt;" in page
    assert article.body_text == "Jika <p dan q> maka r. Pilih <b atau c>, <select all>."


def test_word_and_google_docs_html_through_the_textarea(client, editor, make_article):
    article = make_article("Tempel")
    client.force_login(editor)
    pasted = (
        "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View>"
        "</w:WordDocument></xml><![endif]-->"
        '<b style="font-weight:normal;" id="docs-internal-guid-9a8b">'
        '<p dir="ltr"><span style="font-weight:400">Pabrik dibuka.</span></p></b>'
        "<table><tr><td>Baja</td><td>1.200</td></tr></table>"
    )
    response = client.post(change_url(article), form_data(article, body=pasted))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == (
        "<p>Pabrik dibuka.</p><table><tbody><tr><td>Baja</td><td>1.200</td></tr>"
        "</tbody></table>"
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Normal" not in page.split('<div class="body"')[1]
    assert '<div class="table-scroll" role="region" tabindex="0"' in page


def test_a_save_that_would_lose_words_is_refused_naming_them(
    client, editor, make_article, monkeypatch
):
    """Were the cleaning to lose words again (``prepare`` broken here on
    purpose), the form says which and nothing is saved."""
    article = make_article("Rumus", body="<p>Lama.</p>")
    client.force_login(editor)
    monkeypatch.setattr(richtext, "prepare", lambda value, **kwargs: value)
    response = client.post(
        change_url(article), form_data(article, body="<p>Jika <p dan q> maka r.</p>")
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["body"]
    assert "(dan, p, q)" in errors[0]
    article.refresh_from_db()
    assert article.body == "<p>Lama.</p>"
