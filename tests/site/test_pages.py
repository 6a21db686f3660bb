"""The standing pages (issue 30, item 1): at their addresses in both
languages, linked from every page's footer, edited in the admin with
revisions, and new text shown at once."""

import pytest
from django.urls import reverse

from articles.models import STANDING_PAGES, StandingPage

pytestmark = pytest.mark.django_db

ADDRESSES = [f"/{slug}/" for slug in STANDING_PAGES]


@pytest.mark.parametrize("path", ADDRESSES)
def test_every_standing_page_answers_in_both_languages(client, seed_data, path):
    page = StandingPage.objects.get(slug=path.strip("/"))
    indonesian = client.get(path)
    assert indonesian.status_code == 200
    assert f'<h1 id="page-title">{page.title}</h1>' in indonesian.content.decode()
    english = client.get("/en" + path).content.decode()
    assert f'<h1 id="page-title">{page.title_en}</h1>' in english


@pytest.mark.parametrize("path", ["/", "/artikel/", "/en/indeks/", "/tidak-ada/"])
def test_every_page_links_them_in_its_footer(client, seed_data, path):
    html = client.get(path).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    prefix = "/en" if path.startswith("/en") else ""
    for address in ADDRESSES:
        assert f'href="{prefix}{address}"' in footer


def test_an_english_page_without_english_text_shows_the_indonesian_marked(client):
    StandingPage.objects.create(slug="privasi", title="Privasi", body="<p>Teks.</p>")
    html = client.get("/en/privasi/").content.decode()
    assert '<h1 id="page-title" lang="id">Privasi</h1>' in html


def test_a_page_nobody_wrote_is_not_found(client):
    assert client.get("/kontak/").status_code == 404


def test_editors_edit_them_with_revisions_and_readers_see_it_at_once(
    client, editor, seed_data
):
    page = StandingPage.objects.get(slug="kontak")
    revisions = page.history.count()
    assert "Tulisan baru" not in client.get("/kontak/").content.decode()
    client.force_login(editor)
    url = reverse("admin:articles_standingpage_change", args=[page.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "slug": "kontak",
            "title": "Kontak redaksi",
            "body": "<p>Tulisan baru.</p><script>alert(1)</script>",
            "title_en": page.title_en,
            "body_en": page.body_en,
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body == "<p>Tulisan baru.</p>"
    assert page.history.count() == revisions + 1
    client.logout()
    html = client.get("/kontak/").content.decode()
    assert "Tulisan baru." in html and "Kontak redaksi" in html


def test_contributors_may_read_them_only(client, contributor, seed_data):
    page = StandingPage.objects.get(slug="kontak")
    client.force_login(contributor)
    url = reverse("admin:articles_standingpage_change", args=[page.pk])
    response = client.post(url, {"slug": "kontak", "title": "X", "body": "<p>X</p>"})
    assert response.status_code == 403
    page.refresh_from_db()
    assert page.title == "Kontak"
