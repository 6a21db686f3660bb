"""Corrections and right of reply (issue 30, item 3): an editor adds a dated
note to a published article, a revision of its own; the article shows it with
"Diperbarui …", /koreksi/ lists it, feeds and ninjs carry the update."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from articles import editorial
from articles.models import Article, ArticleCorrection
from articles.site import feeds, listing

pytestmark = pytest.mark.django_db
Kind = ArticleCorrection.Kind


def correct(article, by, text="Nilai investasi Rp 2 triliun, bukan Rp 20 triliun."):
    return editorial.article_correct(
        article=article, kind=Kind.CORRECTION, text=text, by=by
    )


def test_a_correction_is_a_revision_of_its_own(make_article, editor):
    article = make_article()
    revisions, version = article.history.count(), article.version
    note = correct(article, editor)
    article.refresh_from_db()
    assert article.corrected_at == note.published_at
    assert article.version == version + 1
    assert article.history.count() == revisions + 1
    assert article.history.first().history_change_reason == "Koreksi"
    assert note.created_by == editor


def test_only_editors_and_only_published_articles(make_article, contributor, editor):
    with pytest.raises(PermissionDenied):
        correct(make_article(), contributor)
    with pytest.raises(ValidationError):
        correct(make_article(status=Article.Status.DRAFT), editor)
    assert not ArticleCorrection.objects.exists()


def test_the_article_shows_it_and_its_updated_time(client, make_article, editor):
    article = make_article()
    assert "Diperbarui" not in client.get(article.get_absolute_url()).content.decode()
    correct(article, editor)
    editorial.article_correct(
        article=article, kind=Kind.REPLY, text="Tanggapan PT Contoh.", by=editor
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<dt>Diperbarui</dt>" in html
    notes = html[html.index('id="corrections"') :]
    assert notes.index("Koreksi") < notes.index("Hak jawab")
    assert "bukan Rp 20 triliun." in notes and "Tanggapan PT Contoh." in notes


def test_the_corrections_page_lists_them(client, seed_data, make_article, editor):
    assert "Belum ada koreksi." in client.get("/koreksi/").content.decode()
    article = make_article(title="Pabrik baja baru")
    correct(article, editor)
    draft_note = make_article(title="Artikel yang ditarik")
    correct(draft_note, editor)
    Article.objects.filter(pk=draft_note.pk).update(status=Article.Status.ARCHIVED)
    html = client.get("/koreksi/").content.decode()
    assert f'href="{article.get_absolute_url()}#corrections"' in html
    assert "Artikel yang ditarik" not in html


def test_feeds_and_ninjs_carry_the_update(client, make_article, editor):
    article = make_article()
    note = correct(article, editor)
    atom = client.get("/feed/atom/").content.decode()
    entry = atom[atom.index(article.get_absolute_url()) :]
    updated = re.search(r"<updated>([^<]+)</updated>", entry).group(1)
    article.refresh_from_db()
    assert datetime.datetime.fromisoformat(updated) == article.updated_at
    assert article.updated_at >= note.published_at
    data = client.get(f"/api/v1/articles/{article.pk}/ninjs").json()
    assert data["descriptions"][-1]["role"] == "correction"
    assert data["descriptions"][-1]["value"].endswith("bukan Rp 20 triliun.")


def test_editors_add_one_in_the_admin(client, make_article, editor):
    article = make_article()
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_articlecorrection_add"),
        {"article": article.pk, "kind": "clarification", "text": "Klarifikasi."},
    )
    assert response.status_code == 302
    note = ArticleCorrection.objects.get()
    assert (note.kind, note.created_by) == ("clarification", editor)
    change = reverse("admin:articles_articlecorrection_change", args=[note.pk])
    client.post(change, {"article": article.pk, "kind": "reply", "text": "Ubah."})
    note.refresh_from_db()
    assert note.text == "Klarifikasi."


def test_feed_entries_carry_the_notes_themselves(
    client, make_article, editor, django_assert_num_queries
):
    corrected = [make_article(title=f"Dikoreksi {n}") for n in range(3)]
    plain = make_article(title="Tanpa koreksi")
    for n, article in enumerate(corrected):
        correct(article, editor, text=f"Catatan <{n}> & koreksi\nbaris dua.")
    atom = client.get("/feed/atom/").content.decode()
    rss = client.get("/feed/").content.decode()
    for feed in (atom, rss):
        for n, article in enumerate(corrected):
            start = feed.index(article.get_absolute_url())
            entry = feed[start : feed.index("</", feed.index("content", start))]
            # Escaped once as HTML inside the feed's own escaping.
            assert f"Catatan &amp;lt;{n}&amp;gt; &amp;amp; koreksi" in entry
            assert "Koreksi" in entry
        start = feed.index(plain.get_absolute_url())
        assert "Catatan" not in feed[start : start + 2000].split("<entry")[0]
    # The notes of every corrected entry come in one query, not one per entry.
    rows = listing.newest(listing.public_articles(), 30)
    with django_assert_num_queries(1):
        html = [feeds.corrections_html(a) for a in feeds.with_corrections(rows)]
    assert sum("Catatan" in h for h in html) == 3
