"""Draft revisions of a live article at the desk (issue 29, item 1): the change
form's "Simpan sebagai revisi draf", the form showing the revision, the review
page with its diff and actions, the "Perubahan tertunda" queue."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import editorial
from articles.models import Article, ArticleDraft
from tests.editorial.test_drafts import edited
from tests.editorial.test_workflow import change_url, form_data, logged_in

CHANGELIST = reverse("admin:articles_article_changelist")


def review_url(article):
    return reverse("admin:articles_article_draft", args=[article.pk])


@pytest.fixture
def live(make_article, make_topic):
    return make_article(
        "Pabrik baja Cilegon mulai produksi",
        body="<p>Produksi dimulai Senin.</p>",
        topics=[make_topic("Baja")],
    )


def public_text(client, article):
    client.logout()
    return client.get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db
class TestChangeForm:
    def test_save_draft_keeps_readers_on_the_live_text(self, client, editor, live):
        logged_in(client, editor)
        form = client.get(change_url(live)).content.decode()
        assert 'name="_save_draft"' in form and "Simpan sebagai revisi draf" in form
        data = form_data(live, body="<p>Produksi ditunda sampai Juni.</p>")
        response = client.post(change_url(live), {**data, "_save_draft": "1"})
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert response["Location"] == change_url(live)
        live.refresh_from_db()
        assert live.body == "<p>Produksi dimulai Senin.</p>"
        assert ArticleDraft.objects.filter(article=live).exists()
        # The form shows the revision, with the banner; the public page, the
        # live text.
        form = client.get(change_url(live))
        html = form.content.decode()
        assert "Artikel ini punya revisi draf yang belum terbit" in html
        assert form.context["adminform"].form["body"].value() == (
            "<p>Produksi ditunda sampai Juni.</p>"
        )
        page = public_text(client, live)
        assert "Produksi dimulai Senin." in page and "ditunda" not in page

    def test_a_normal_save_publishes_what_the_form_shows(self, client, editor, live):
        editorial.draft_save(article=edited(live, title="Judul dari revisi"), by=editor)
        logged_in(client, editor)
        opened = client.get(change_url(live)).context["adminform"].form
        data = {
            **form_data(live, title=opened["title"].value(), byline="Redaksi"),
            "expected_draft": opened["expected_draft"].value(),
            "_continue": "1",
        }
        assert client.post(change_url(live), data).status_code == 302
        live.refresh_from_db()
        assert (live.title, live.byline) == ("Judul dari revisi", "Redaksi")
        assert not ArticleDraft.objects.exists()
        assert "Judul dari revisi" in public_text(client, live)

    def test_a_normal_save_never_loses_a_newer_revision(
        self, client, editor, make_user, live
    ):
        other = make_user("Editor")
        editorial.draft_save(article=edited(live, title="Revisi satu"), by=editor)
        logged_in(client, editor)
        opened = client.get(change_url(live)).context["adminform"].form
        # A colleague saves the revision again while the form is open.
        editorial.draft_save(
            article=edited(live, title="Revisi dua"), by=other, expected_draft=1
        )
        data = {
            **form_data(live, title="Revisi satu"),
            "expected_draft": opened["expected_draft"].value(),
        }
        response = client.post(change_url(live), data)
        assert response.status_code == 200
        assert "revisi draf" in str(
            response.context["adminform"].form.non_field_errors()
        )
        live.refresh_from_db()
        assert live.title == "Pabrik baja Cilegon mulai produksi"
        assert ArticleDraft.objects.get().values["draft"]["title"] == "Revisi dua"

    def test_a_form_opened_before_the_revision_leaves_it_waiting(
        self, client, editor, live
    ):
        logged_in(client, editor)
        data = form_data(live, byline="Redaksi")  # opened: no revision yet
        editorial.draft_save(article=edited(live, title="Revisi"), by=editor)
        assert client.post(change_url(live), data).status_code == 302
        live.refresh_from_db()
        assert live.byline == "Redaksi"
        assert ArticleDraft.objects.get().values["draft"]["title"] == "Revisi"

    def test_a_refused_revision_is_kept_and_reapplied(
        self, client, editor, make_user, live
    ):
        colleague = make_user("Editor")
        editorial.draft_save(article=edited(live, title="Judul rekan"), by=colleague)
        logged_in(client, editor)
        opened = client.get(change_url(live)).context["adminform"].form
        data = {
            **form_data(live, title="Judul rekan", byline="Redaksi Banten"),
            "expected_draft": opened["expected_draft"].value(),
            "_save_draft": "1",
        }
        editorial.draft_save(
            article=edited(live, title="Judul rekan 2"), by=colleague, expected_draft=1
        )
        assert client.post(change_url(live), data).status_code == 200  # refused
        assert ArticleDraft.objects.get().values["draft"]["byline"] == ""
        # Her edit goes onto the form as it is now, which expects the newer
        # revision. The title she had (the older revision's) differs from the
        # live one, so it counts as hers: it is marked changed by both.
        page = client.get(change_url(live) + "?reapply=1")
        form = page.context["adminform"].form
        assert form["byline"].value() == "Redaksi Banten"
        assert form["title"].value() == "Judul rekan"
        assert "Judul" in page.context["refused"].both_changed
        assert form["expected_draft"].value() == 2
        again = {**data, "title": "Judul rekan 2", "expected_draft": 2}
        assert client.post(change_url(live), again).status_code == 302
        values = ArticleDraft.objects.get().values["draft"]
        assert values["title"] == "Judul rekan 2"
        assert values["byline"] == "Redaksi Banten"

    def test_a_contributor_only_saves_a_revision_of_her_live_article(
        self, client, contributor, make_article
    ):
        own = make_article(created_by=contributor, body="<p>Teks terbit.</p>")
        logged_in(client, contributor)
        form = client.get(change_url(own)).content.decode()
        assert 'name="_save_draft"' in form
        assert 'name="_save"' not in form and 'name="_continue"' not in form
        data = form_data(own, body="<p>Teks usulan.</p>")
        refused = client.post(change_url(own), data)
        assert refused.status_code == 200
        assert (
            client.post(change_url(own), {**data, "_save_draft": "1"}).status_code
            == 302
        )
        own.refresh_from_db()
        assert own.body == "<p>Teks terbit.</p>"
        assert ArticleDraft.objects.get().created_by == contributor
        # Not hers: no form to save at all.
        other = make_article()
        response = client.post(
            change_url(other), {**form_data(other), "_save_draft": "1"}
        )
        assert response.status_code == 403
        assert ArticleDraft.objects.count() == 1

    def test_a_draft_article_has_no_revision_button(self, client, editor, make_article):
        article = make_article(status=Article.Status.DRAFT)
        logged_in(client, editor)
        assert (
            'name="_save_draft"' not in client.get(change_url(article)).content.decode()
        )
        client.post(change_url(article), {**form_data(article), "_save_draft": "1"})
        assert not ArticleDraft.objects.exists()

    def test_the_form_opens_in_a_constant_number_of_queries(
        self, client, editor, live, make_article, make_topic, django_assert_num_queries
    ):
        logged_in(client, editor)
        client.get(change_url(live))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as without:
            client.get(change_url(live))
        editorial.draft_save(article=edited(live, title="Revisi"), by=editor)
        with CaptureQueriesContext(connection) as with_draft:
            client.get(change_url(live))
        # The revision costs a fixed few queries: its row, the live tags it
        # is applied onto (four kinds), its topics (the kinds it names).
        assert len(with_draft) - len(without) <= 6
        # Other articles' revisions and more tags on this one cost nothing.
        for n in range(5):
            other = make_article()
            editorial.draft_save(article=edited(other, title=f"R{n}"), by=editor)
        editorial.draft_save(
            article=edited(live, title="Revisi 2"),
            by=editor,
            tags={"topics": [make_topic() for _ in range(6)]},
            expected_draft=1,
        )
        with django_assert_num_queries(len(with_draft)):
            client.get(change_url(live))


@pytest.mark.django_db
class TestReviewPage:
    def test_review_then_publish(self, client, editor, live, make_topic):
        editorial.draft_save(
            article=edited(live, body="<p>Produksi ditunda sampai Juni.</p>"),
            by=editor,
            tags={"topics": [make_topic("Semen")]},
        )
        logged_in(client, editor)
        page = client.get(review_url(live))
        assert page.status_code == 200
        changes = {c.label: c.diff for c in page.context["changes"]}
        assert set(changes) == {"Isi", "Tag"}
        marked = [(s.op, s.text) for s in changes["Isi"] if s.op in ("del", "ins")]
        assert marked == [("del", "dimulai Senin."), ("ins", "ditunda sampai Juni.")]
        draft = ArticleDraft.objects.get()
        post = {"expected_draft": draft.version, "expected_version": live.version}
        response = client.post(review_url(live), {**post, "action": "publish"})
        assert response.status_code == 302
        assert "ditunda sampai Juni" in public_text(client, live)
        live.refresh_from_db()
        assert [t.name for t in live.topics.all()] == ["Semen"]
        assert not ArticleDraft.objects.exists()

    def test_schedule_and_discard(self, client, editor, live):
        editorial.draft_save(article=edited(live, title="Revisi"), by=editor)
        logged_in(client, editor)
        post = {"expected_draft": 1, "expected_version": live.version}
        client.post(review_url(live), {**post, "action": "schedule", "publish_at": ""})
        assert ArticleDraft.objects.get().publish_at is None
        when = timezone.localtime() + datetime.timedelta(days=1)
        client.post(
            review_url(live),
            {
                **post,
                "action": "schedule",
                "publish_at": when.strftime("%Y-%m-%dT%H:%M"),
            },
        )
        draft = ArticleDraft.objects.get()
        assert draft.publish_at == when.replace(second=0, microsecond=0)
        assert draft.scheduled_by == editor
        client.post(
            review_url(live), {**post, "expected_draft": 2, "action": "discard"}
        )
        assert not ArticleDraft.objects.exists()
        live.refresh_from_db()
        assert live.title == "Pabrik baja Cilegon mulai produksi"

    def test_bad_input_is_400_or_404(self, client, editor, contributor, live):
        logged_in(client, editor)
        assert client.get(review_url(live)).status_code == 302  # no revision
        editorial.draft_save(article=edited(live, title="Revisi"), by=editor)
        for post in (
            {"expected_draft": "x", "expected_version": 1, "action": "publish"},
            {"expected_draft": 1, "expected_version": live.version, "action": "boom"},
            {},
        ):
            assert client.post(review_url(live), post).status_code == 400, post
        url = reverse("admin:articles_article_draft", args=[99999999])
        assert client.get(url).status_code == 404
        # A contributor may not see another's revision.
        logged_in(client, contributor)
        assert client.get(review_url(live)).status_code == 404

    def test_a_contributor_cannot_publish(self, client, contributor, make_article):
        own = make_article(created_by=contributor)
        editorial.draft_save(article=edited(own, title="Revisi"), by=contributor)
        logged_in(client, contributor)
        post = {"expected_draft": 1, "expected_version": own.version}
        client.post(review_url(own), {**post, "action": "publish"})
        own.refresh_from_db()
        assert own.title != "Revisi" and ArticleDraft.objects.exists()


@pytest.mark.django_db
class TestQueue:
    def test_pending_changes_on_the_desk_and_the_list(
        self, client, editor, live, make_article, django_assert_max_num_queries
    ):
        logged_in(client, editor)
        editorial.draft_save(article=edited(live, title="Revisi"), by=editor)
        desk = client.get(reverse("admin:index"))
        queue = {q.name: q for q in desk.context["desk"]}["pending_changes"]
        assert queue.label == "Perubahan tertunda" and queue.count == 1
        assert review_url(live) in desk.content.decode()
        listed = client.get(f"{CHANGELIST}?desk=pending_changes")
        assert [a.pk for a in listed.context["cl"].result_list] == [live.pk]
        for n in range(6):
            other = make_article()
            editorial.draft_save(article=edited(other, title=f"R{n}"), by=editor)
        with django_assert_max_num_queries(14):
            desk = client.get(reverse("admin:index"))
        queue = {q.name: q for q in desk.context["desk"]}["pending_changes"]
        assert queue.count == 7 and len(queue.articles) == 5
