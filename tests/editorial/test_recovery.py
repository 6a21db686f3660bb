"""Refused edits are kept and re-applied with one click (issue 13, item 10):
after a save is refused as stale, the editor's changes survive a reload, are
shown beside the current version, and go back onto it without overwriting
what only their colleague changed."""

import pytest

from articles import editorial
from articles.editorial import recovery
from articles.models import Article, Topic

from .test_workflow import change_url, form_data


@pytest.fixture
def opened(make_article, editor, make_user):
    """An article the editor opened at its version 1 (the form data they
    hold), then a colleague changed and saved."""
    article = make_article(
        status=Article.Status.DRAFT,
        title="Judul awal",
        body="<p>Paragraf satu.</p><p>Paragraf dua.</p>",
        standfirst="Ringkasan awal.",
    )
    held = form_data(article)
    colleague = make_user("Editor")
    article.standfirst = "Ringkasan dari rekan."
    editorial.article_update(article=article, by=colleague)
    return article, held


def refused_save(client, article, held, **changes):
    held = {**held, **changes}
    response = client.post(change_url(article), held)
    assert response.status_code == 200, "the stale save must be refused"
    assert recovery.refused_as_stale(response.context["adminform"].form)
    return response


@pytest.mark.django_db
class TestRefusedEdits:
    def test_refused_edits_are_shown_beside_the_current_version(
        self, client, editor, opened
    ):
        article, held = opened
        client.force_login(editor)
        response = refused_save(client, article, held, title="Judul dari saya")
        refused = response.context["refused"]
        assert [d.name for d in refused.differences] == ["title"]
        (title,) = refused.differences
        assert (title.yours, title.current) == ("Judul dari saya", "Judul awal")
        assert not title.both_changed
        # Still there after a reload, with the way back.
        page = client.get(change_url(article))
        assert page.context["refused"].differences[0].yours == "Judul dari saya"
        assert "?reapply=1" in page.content.decode()

    def test_reapply_keeps_the_colleagues_changes_and_saves(
        self, client, editor, opened
    ):
        article, held = opened
        client.force_login(editor)
        refused_save(
            client,
            article,
            held,
            title="Judul dari saya",
            body="<p>Paragraf satu, diperbaiki.</p><p>Paragraf dua.</p>",
        )
        page = client.get(change_url(article) + "?reapply=1")
        form = page.context["adminform"].form
        assert form["title"].value() == "Judul dari saya"
        assert "diperbaiki" in form["body"].value()
        assert form["standfirst"].value() == "Ringkasan dari rekan."
        article.refresh_from_db()
        assert form["expected_version"].value() == article.version
        saved = client.post(
            change_url(article),
            form_data(article, title=form["title"].value(), body=form["body"].value()),
        )
        assert saved.status_code == 302
        article.refresh_from_db()
        assert article.title == "Judul dari saya"
        assert "diperbaiki" in article.body
        assert article.standfirst == "Ringkasan dari rekan."
        # Saved: nothing is kept any more.
        assert "refused" not in client.get(change_url(article)).context

    def test_a_field_both_changed_is_marked_and_shows_both(
        self, client, editor, opened
    ):
        article, held = opened
        client.force_login(editor)
        response = refused_save(
            client, article, held, standfirst="Ringkasan dari saya."
        )
        (difference,) = response.context["refused"].differences
        assert difference.both_changed
        assert difference.yours == "Ringkasan dari saya."
        assert difference.current == "Ringkasan dari rekan."
        assert len(response.context["refused"].both_changed) == 1

    def test_tags_are_reapplied(self, client, editor, opened, make_topic):
        article, held = opened
        steel = make_topic("Baja")
        client.force_login(editor)
        refused_save(client, article, held, topics=[steel.pk])
        page = client.get(change_url(article) + "?reapply=1")
        topics = page.context["adminform"].form["topics"].value()
        assert [getattr(t, "pk", t) for t in topics] == [steel.pk]
        assert Topic.objects.count() == 1

    def test_an_unchanged_body_written_differently_is_not_an_edit(
        self, client, editor, opened
    ):
        article, held = opened
        client.force_login(editor)
        response = refused_save(
            client,
            article,
            held,
            title="Judul dari saya",
            body="<p>Paragraf satu.</p>\n\n<p>Paragraf dua.</p>",
        )
        assert [d.name for d in response.context["refused"].differences] == ["title"]

    def test_discard_forgets_them(self, client, editor, opened):
        article, held = opened
        client.force_login(editor)
        refused_save(client, article, held, title="Judul dari saya")
        response = client.post(change_url(article), {"discard_refused": "1"})
        assert response.status_code == 302
        assert "refused" not in client.get(change_url(article)).context
        assert Article.objects.get(pk=article.pk).title == "Judul awal"

    @pytest.mark.security
    def test_a_plain_link_does_not_discard_them(self, client, editor, opened):
        """Issue 32 (Low): following ``?discard_refused=1`` (a link, an image
        someone planted) discarded them; now only the form's POST does."""
        article, held = opened
        client.force_login(editor)
        refused_save(client, article, held, title="Judul dari saya")
        page = client.get(change_url(article) + "?discard_refused=1")
        assert page.status_code == 200
        assert page.context["refused"].differences
        html = page.content.decode()
        assert 'name="discard_refused"' in html
        assert 'class="button" href="?discard_refused' not in html
        assert "refused" in client.get(change_url(article)).context

    def test_kept_per_user_and_never_shown_to_others(
        self, client, editor, opened, make_user
    ):
        article, held = opened
        client.force_login(editor)
        refused_save(client, article, held, title="Judul dari saya")
        client.force_login(make_user("Editor"))
        assert "refused" not in client.get(change_url(article)).context


@pytest.mark.django_db
class TestRefusedNoteAndDiff:
    """Issue 25: the note typed with a refused save was lost, and recovering
    the body showed two full texts with nothing marked."""

    def test_the_note_typed_with_a_refused_save_comes_back(
        self, client, editor, opened
    ):
        article, held = opened
        client.force_login(editor)
        held = {
            **held,
            "notes-TOTAL_FORMS": 1,
            "notes-INITIAL_FORMS": 0,
            "notes-0-text": "Angka dari siaran pers, @redaktur.",
        }
        refused_save(client, article, held, title="Judul dari saya")
        page = client.get(change_url(article))
        assert page.context["refused"].note == "Angka dari siaran pers, @redaktur."
        assert "Angka dari siaran pers" in page.content.decode()
        reapplied = client.get(change_url(article) + "?reapply=1")
        (notes,) = [
            f
            for f in reapplied.context["inline_admin_formsets"]
            if f.formset.prefix == "notes"
        ]
        assert notes.formset.forms[0]["text"].value() == (
            "Angka dari siaran pers, @redaktur."
        )
        assert not article.notes.exists()

    def test_a_recovered_body_shows_the_words_that_differ(self, client, editor, opened):
        article, held = opened
        client.force_login(editor)
        words = " ".join(f"kata{n}" for n in range(200))
        article.body = f"<p>{words}</p>"
        editorial.article_update(article=article, by=editor)
        held = form_data(article)
        article.standfirst = "Sekali lagi dari rekan."
        editorial.article_update(article=article, by=editor)
        mine = words.replace("kata100", "KATA-SERATUS")
        response = refused_save(client, article, held, body=f"<p>{mine}</p>")
        (body,) = response.context["refused"].differences
        assert [(s.op, s.text) for s in body.diff if s.op in ("del", "ins")] == [
            ("del", "kata100"),
            ("ins", "KATA-SERATUS"),
        ]
        page = response.content.decode()
        html = page[page.index('<section class="refused-edits"') :]
        html = html[: html.index("</section>")]
        assert '<del><span class="visually-hidden">[dihapus: </span>kata100' in html
        assert (
            '<ins><span class="visually-hidden">[ditambahkan: </span>KATA-SERATUS'
            in html
        )
        assert "kata3 " not in html  # far from the change: left out, not repeated
