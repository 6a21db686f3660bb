"""The article form's live side (issue 29, items 2 and 3): who else has the
article open (a heartbeat, never a lock), the person's own automatic copy
(never written over the article, offered back after a crash) and the preview
of the public page with unsaved values."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import editorial
from articles.editorial import autosave, presence
from articles.models import Article, AutosaveCopy, EditingPresence
from tests.editorial.test_workflow import change_url, form_data


def url(name, article=None):
    if article is None:
        return reverse(f"admin:articles_article_{name}_new")
    return reverse(f"admin:articles_article_{name}", args=[article.pk])


@pytest.fixture
def draft(make_article, contributor):
    return make_article(
        "Pabrik baja Cilegon",
        status=Article.Status.DRAFT,
        created_by=contributor,
        body="<p>Paragraf satu.</p><p>Paragraf dua.</p>",
    )


@pytest.fixture
def budi(make_user):
    user = make_user("Editor", "budi")
    user.first_name = "Budi"
    user.save()
    return user


@pytest.mark.django_db
class TestPresence:
    def test_an_editor_sees_who_else_has_the_article_open_and_since_when(
        self, client, editor, budi, draft
    ):
        since = datetime.datetime(2026, 12, 7, 13, 14, tzinfo=datetime.UTC)
        presence.presence_beat(article=draft, user=budi, now=since)
        EditingPresence.objects.update(seen=timezone.now())
        client.force_login(editor)
        page = client.get(change_url(draft)).content.decode()
        # 13.14 UTC is 20.14 in Jakarta, written with a dot.
        assert "Budi sedang menyunting artikel ini sejak 20.14" in page
        answer = client.post(url("presence", draft)).json()
        assert [o["message"] for o in answer["others"]] == [
            "Budi sedang menyunting artikel ini sejak 20.14"
        ]
        # Budi sees the editor, not himself.
        client.force_login(budi)
        others = client.post(url("presence", draft)).json()["others"]
        assert [o["name"] for o in others] == ["redaktur"]

    def test_a_silent_form_is_forgotten_after_a_minute_and_locks_nothing(
        self, client, editor, budi, draft
    ):
        long_ago = timezone.now() - datetime.timedelta(seconds=61)
        presence.presence_beat(article=draft, user=budi, now=long_ago)
        client.force_login(editor)
        assert client.post(url("presence", draft)).json()["others"] == []
        # Budi's stale presence never stopped the save.
        response = client.post(change_url(draft), form_data(draft, title="Baru"))
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.title == "Baru"

    def test_the_safety_net_stays_a_stale_save_is_still_refused(
        self, client, editor, budi, draft
    ):
        client.force_login(editor)
        held = form_data(draft)
        client.post(url("presence", draft))
        editorial.article_update(article=draft, by=budi)
        response = client.post(change_url(draft), {**held, "title": "Lama"})
        assert response.status_code == 200
        draft.refresh_from_db()
        assert draft.title == "Pabrik baja Cilegon"

    def test_a_renewed_heartbeat_keeps_since_a_stale_one_starts_again(
        self, budi, draft
    ):
        start = timezone.now() - datetime.timedelta(minutes=5)
        for seconds in (0, 20, 40):
            presence.presence_beat(
                article=draft,
                user=budi,
                now=start + datetime.timedelta(seconds=seconds),
            )
        assert EditingPresence.objects.get().since == start
        later = start + datetime.timedelta(seconds=40 + 61)
        presence.presence_beat(article=draft, user=budi, now=later)
        assert EditingPresence.objects.get().since == later

    def test_leaving_removes_the_entry(self, client, budi, editor, draft):
        crashed = timezone.now() - datetime.timedelta(days=2)
        presence.presence_beat(article=draft, user=editor, now=crashed)
        client.force_login(budi)
        client.post(url("presence", draft))
        client.post(url("leave", draft))
        # And the entries of pages that never said they left, a day on.
        assert not EditingPresence.objects.exists()
        client.force_login(editor)
        assert client.post(url("presence", draft)).json()["others"] == []

    def test_only_who_may_open_the_article_sees_who_is_there(
        self, client, make_user, budi, draft
    ):
        presence.presence_beat(article=draft, user=budi)
        stranger = make_user("Contributor")  # not hers: another's draft
        client.force_login(stranger)
        response = client.post(url("presence", draft))
        assert response.status_code == 404
        assert b"Budi" not in response.content
        assert not EditingPresence.objects.filter(user=stranger).exists()

    def test_heartbeat_is_a_csrf_protected_post(self, editor, draft):
        from django.test import Client

        strict = Client(enforce_csrf_checks=True)
        strict.force_login(editor)
        assert strict.post(url("presence", draft)).status_code == 403
        assert strict.get(url("presence", draft)).status_code == 405
        assert not EditingPresence.objects.exists()


@pytest.mark.django_db
class TestAutosave:
    def test_the_copy_is_kept_and_never_written_over_the_article(
        self, client, editor, draft
    ):
        client.force_login(editor)
        before = Article.objects.filter(pk=draft.pk).values().get()
        data = form_data(draft, title="Judul yang belum disimpan")
        response = client.post(url("autosave", draft), data)
        assert response.status_code == 200
        assert "Salinan otomatis disimpan pukul" in response.json()["message"]
        assert Article.objects.filter(pk=draft.pk).values().get() == before
        copy = AutosaveCopy.objects.get(user=editor, article=draft)
        assert copy.data["title"] == ["Judul yang belum disimpan"]
        assert copy.base_version == draft.version
        assert "csrfmiddlewaretoken" not in copy.data
        assert not any(key.startswith("notes-") for key in copy.data)

    def test_the_form_offers_it_back_and_restores_it(self, client, editor, draft):
        client.force_login(editor)
        client.post(
            url("autosave", draft),
            form_data(draft, title="Judul pulih", body="<p>Teks yang pulih.</p>"),
        )
        page = client.get(change_url(draft)).content.decode()
        assert "Pulihkan salinan otomatis dari" in page
        assert 'name="discard_autosave"' in page
        restored = client.get(change_url(draft), {"autosave": "restore"})
        form = restored.context["adminform"].form
        assert form.initial["title"] == "Judul pulih"
        assert form.initial["body"] == "<p>Teks yang pulih.</p>"
        # Still the stored article until the person saves.
        draft.refresh_from_db()
        assert draft.title == "Pabrik baja Cilegon"

    def test_restoring_keeps_what_only_a_colleague_changed_since(
        self, client, editor, budi, draft
    ):
        client.force_login(editor)
        client.post(url("autosave", draft), form_data(draft, title="Judul saya"))
        draft.standfirst = "Ringkasan dari Budi."
        editorial.article_update(article=draft, by=budi)
        restored = client.get(change_url(draft), {"autosave": "restore"})
        form = restored.context["adminform"].form
        assert form.initial["title"] == "Judul saya"
        assert form.initial["standfirst"] == "Ringkasan dari Budi."

    def test_without_the_opened_revision_it_is_compared_with_the_article(
        self, client, editor, draft
    ):
        client.force_login(editor)
        client.post(url("autosave", draft), form_data(draft, title="Judul saya"))
        draft.history.all().delete()  # e.g. a row loaded without its revision
        restored = client.get(change_url(draft), {"autosave": "restore"})
        form = restored.context["adminform"].form
        assert form.initial["title"] == "Judul saya"
        assert form.initial["body"] == draft.body

    def test_a_body_the_save_would_refuse_comes_back_as_typed(self, editor, draft):
        from articles.desk.forms import ArticleAdminForm

        body = "<p>Kata <script>hilang</script> di sini.</p>"
        copy = AutosaveCopy.objects.create(
            user=editor,
            article=draft,
            base_version=draft.version,
            data={"title": [draft.title], "body": [body]},
        )
        values = autosave.restorable(ArticleAdminForm, draft, copy)
        assert values["body"] == body

    def test_saving_the_article_deletes_the_copy(self, client, editor, draft):
        client.force_login(editor)
        client.post(url("autosave", draft), form_data(draft, title="Sementara"))
        response = client.post(change_url(draft), form_data(draft, title="Tetap"))
        assert response.status_code == 302
        assert not AutosaveCopy.objects.exists()

    def test_a_copy_holding_nothing_unsaved_is_not_offered(self, client, editor, draft):
        """A copy sent just as the person saved says what the article says."""
        client.force_login(editor)
        held = form_data(draft, title="Tetap")
        client.post(change_url(draft), held)
        client.post(url("autosave", draft), held)  # arrived after the save
        page = client.get(change_url(draft)).content.decode()
        assert "Pulihkan salinan otomatis" not in page
        assert not AutosaveCopy.objects.exists()

    def test_discard_deletes_it(self, client, editor, draft):
        client.force_login(editor)
        client.post(url("autosave", draft), form_data(draft, title="Sementara"))
        response = client.post(change_url(draft), {"discard_autosave": "1"})
        assert response.status_code == 302
        assert not AutosaveCopy.objects.exists()
        draft.refresh_from_db()
        assert draft.title == "Pabrik baja Cilegon"

    def test_a_new_article_has_its_copy_too(self, client, contributor):
        client.force_login(contributor)
        data = {"title": "Artikel baru", "body": "<p>Belum disimpan.</p>"}
        assert client.post(url("autosave"), data).status_code == 200
        add = reverse("admin:articles_article_add")
        assert "Pulihkan salinan otomatis dari" in client.get(add).content.decode()
        form = client.get(add, {"autosave": "restore"}).context["adminform"].form
        assert form.initial["title"] == "Artikel baru"
        assert form.initial["body"] == "<p>Belum disimpan.</p>"
        copy = AutosaveCopy.objects.get()
        assert copy.article is None and copy.user == contributor

    def test_an_oversize_or_empty_copy_is_refused_with_400(self, client, editor, draft):
        client.force_login(editor)
        huge = "<p>" + "kata " * 420_000 + "</p>"
        response = client.post(url("autosave", draft), {"body": huge})
        assert response.status_code == 400
        assert "terlalu besar" in response.json()["error"]
        nothing = client.post(url("autosave", draft), {"csrfmiddlewaretoken": "x"})
        assert nothing.status_code == 400
        bad = client.post(
            url("autosave", draft), {"title": "x", "expected_version": "v"}
        )
        assert bad.status_code == 400
        assert not AutosaveCopy.objects.exists()

    def test_who_may_not_edit_the_article_keeps_no_copy(self, client, make_user, draft):
        client.force_login(make_user("Contributor"))
        response = client.post(url("autosave", draft), {"title": "x"})
        assert response.status_code == 404
        assert not AutosaveCopy.objects.exists()

    def test_each_person_has_their_own_copy(self, client, editor, budi, draft):
        for user, title in ((editor, "Versi redaktur"), (budi, "Versi Budi")):
            client.force_login(user)
            client.post(url("autosave", draft), form_data(draft, title=title))
        client.force_login(editor)
        form = (
            client.get(change_url(draft), {"autosave": "restore"})
            .context["adminform"]
            .form
        )
        assert form.initial["title"] == "Versi redaktur"


@pytest.mark.django_db
class TestPreview:
    def test_the_preview_is_the_public_page_with_the_unsaved_values(
        self, client, editor, draft
    ):
        client.force_login(editor)
        data = form_data(
            draft,
            title="Judul pratinjau",
            body='<p>Teks <b>tebal</b> <img src=x onerror="alert(1)"></p>',
            keywords="baja, ekspor",
        )
        answer = client.post(url("preview", draft), data).json()
        html = answer["html"]
        assert "Judul pratinjau" in html
        assert "<strong>tebal</strong>" in html
        assert "onerror" not in html  # cleaned as a save cleans it
        assert "ekspor" in html
        assert answer["words"] == 2
        draft.refresh_from_db()
        assert draft.title == "Pabrik baja Cilegon"
        assert draft.version == 1

    def test_the_preview_of_a_live_article_says_readers_see_the_saved_one(
        self, client, editor, make_article
    ):
        live = make_article(title="Pabrik pipa baja mulai produksi")
        assert live.is_public
        client.force_login(editor)
        html = client.post(url("preview", live), form_data(live)).json()["html"]
        # The preview is of the unsaved changes; readers keep the saved page.
        assert "menampilkan perubahan Anda yang belum disimpan" in html
        assert "seperti terakhir disimpan" in html
        assert "tidak dapat melihat halaman ini" not in html

    def test_a_new_article_can_be_previewed(self, client, contributor):
        client.force_login(contributor)
        answer = client.post(
            url("preview"), {"title": "Baru", "body": "<p>Satu dua.</p>"}
        )
        assert answer.status_code == 200
        assert "Satu dua." in answer.json()["html"]
        # The editor is around the frame: no link back into it from inside.
        assert "/None/" not in answer.json()["html"]
        assert not Article.objects.filter(title="Baru").exists()

    def test_a_body_that_would_lose_words_is_a_400_with_the_message(
        self, client, editor, draft, monkeypatch
    ):
        from articles.models import richtext

        # As before the markup rule: "<p dan q>" read as a tag, its words lost.
        monkeypatch.setattr(richtext, "prepare", lambda value, **kwargs: value)
        client.force_login(editor)
        data = form_data(draft, body="Jika <p dan q> maka r.")
        response = client.post(url("preview", draft), data)
        assert response.status_code == 400
        assert "(dan, p, q)" in response.json()["error"]

    def test_no_preview_for_who_may_not_open_the_article(
        self, client, make_user, draft
    ):
        client.force_login(make_user("Contributor"))
        response = client.post(url("preview", draft), form_data(draft))
        assert response.status_code == 404
        client.logout()
        response = client.post(url("preview", draft), form_data(draft))
        assert response.status_code == 302  # to the login page
        assert b"Paragraf" not in response.content


def live_queries(captured):
    return [
        q["sql"]
        for q in captured.captured_queries
        if "editingpresence" in q["sql"] or "autosavecopy" in q["sql"]
    ]


@pytest.mark.django_db
def test_the_article_form_still_opens_in_few_queries(
    client, editor, draft, django_assert_max_num_queries
):
    """The change form (17 queries before this) and the add form (5)."""
    client.force_login(editor)
    client.get(change_url(draft))  # the session; the presence row created
    with django_assert_max_num_queries(20) as captured:
        assert client.get(change_url(draft)).status_code == 200
    # Renew the heartbeat, read who else is there, look for a copy.
    assert len(live_queries(captured)) == 3, json.dumps(live_queries(captured))
    add = reverse("admin:articles_article_add")
    client.get(add)
    with django_assert_max_num_queries(6) as captured:
        assert client.get(add).status_code == 200
    assert len(live_queries(captured)) == 1  # the copy of "a new article"
