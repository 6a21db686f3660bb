"""The editor's desk (issue 13): the admin home per role, workflow buttons,
scheduled articles, internal notes, assignment and notification mail."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles import editorial
from articles.desk import queues as desk
from articles.models import Article, ArticleNote
from tests.editorial.test_workflow import change_url, form_data, logged_in

Status = Article.Status
CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def newsroom(make_article, make_user, contributor, editor):
    """A contributor's and an editor's work in every state."""
    other = make_user("Contributor")
    soon = timezone.now() + datetime.timedelta(days=1)
    made = {
        "mine": make_article(status=Status.DRAFT, created_by=contributor),
        "mine_review": make_article(status=Status.REVIEW, created_by=contributor),
        "theirs": make_article(status=Status.DRAFT, created_by=other),
        "assigned": make_article(
            status=Status.DRAFT, created_by=editor, assignee=contributor
        ),
        "scheduled": make_article(status=Status.PUBLISHED, publish_at=soon),
        # make_article's default dates go back an hour per article made.
        "live": make_article(publish_at=timezone.now() - datetime.timedelta(hours=1)),
    }
    returned = make_article(status=Status.REVIEW, created_by=contributor)
    editorial.article_set_status(article=returned, to_status=Status.DRAFT, by=editor)
    made["returned"] = returned
    made["live"].suggestions.create(
        kind="person", key="person:x", name="X", confidence=0.5
    )
    return made


def counts(page):
    return {queue.name: queue.count for queue in page.context["desk"]}


@pytest.mark.django_db
class TestDesk:
    def test_a_contributor_sees_their_own_queues(self, client, contributor, newsroom):
        logged_in(client, contributor)
        page = client.get(reverse("admin:index"))
        assert counts(page) == {
            "my_drafts": 2,  # their draft and the one returned to them
            "returned": 1,
            "waiting": 1,  # what they submitted, until an editor decides
            "assigned": 1,
            "recently_published": 1,
            "suggestions": 1,  # on the live article, which they may see
            "pending_changes": 0,
        }
        listed = [a.pk for q in page.context["desk"] for a in q.articles]
        assert newsroom["theirs"].pk not in listed
        assert "Perlu ditinjau" not in page.content.decode()

    def test_an_editor_sees_review_scheduled_and_imports(
        self, client, editor, newsroom
    ):
        logged_in(client, editor)
        page = client.get(reverse("admin:index"))
        found = counts(page)
        assert found["review"] == 1 and found["scheduled"] == 1
        scheduled = next(q for q in page.context["desk"] if q.name == "scheduled")
        assert scheduled.articles == [newsroom["scheduled"]]
        assert "imports" in found

    def test_every_count_links_to_its_list(self, client, editor, contributor, newsroom):
        for user in (contributor, editor):
            logged_in(client, user)
            for queue in client.get(reverse("admin:index")).context["desk"]:
                listed = client.get(f"{CHANGELIST}?{queue.query}")
                assert listed.status_code == 200
                assert listed.context["cl"].result_count == queue.count, queue.name

    def test_the_desk_costs_a_constant_number_of_queries(
        self, client, editor, newsroom, make_article, django_assert_max_num_queries
    ):
        logged_in(client, editor)
        client.get(reverse("admin:index"))
        for _ in range(30):
            make_article(status=Status.REVIEW)
        with django_assert_max_num_queries(12):
            client.get(reverse("admin:index"))

    def test_branding_and_no_technical_apps(self, client, editor):
        logged_in(client, editor)
        page = client.get(reverse("admin:index")).content.decode()
        assert "Warta Industri" in page and "Administrasi Django" not in page
        assert "taggit" not in page and "Tag" not in [
            app["name"]
            for app in client.get(reverse("admin:index")).context["app_list"]
        ]
        assert 'hreflang="en"' in page  # the language switch

    def test_a_fresh_submission_comes_first_in_the_review_queue(
        self, client, editor, contributor, make_article
    ):
        """Issue 25: the review queue listed a fresh submission last (page 8 of
        8): in review, articles have no publish time to sort by."""
        for _ in range(55):
            make_article(status=Status.REVIEW)
        Article.objects.update(
            status_changed_at=timezone.now() - datetime.timedelta(days=2)
        )
        fresh = make_article(status=Status.DRAFT, created_by=contributor)
        editorial.article_set_status(
            article=fresh, to_status=Status.REVIEW, by=contributor
        )
        logged_in(client, editor)
        for query in ("desk=review", "workflow=review"):
            listed = client.get(f"{CHANGELIST}?{query}").context["cl"].result_list
            assert listed[0] == fresh, query
        review = next(q for q in desk.desk_for(editor) if q.name == "review")
        assert review.articles[0] == fresh

    def test_a_contributor_sees_what_she_submitted_waiting(
        self, client, contributor, newsroom
    ):
        """Issue 25: a submitted article disappeared from her desk."""
        logged_in(client, contributor)
        page = client.get(reverse("admin:index"))
        waiting = next(q for q in page.context["desk"] if q.name == "waiting")
        assert waiting.articles == [newsroom["mine_review"]]
        assert "Menunggu tinjauan" in page.content.decode()

    def test_queue_definitions_match_the_desk(self, editor, newsroom):
        queues = {q.name: q.count for q in desk.desk_for(editor)}
        assert queues["review"] == Article.objects.filter(status=Status.REVIEW).count()


@pytest.mark.django_db
class TestWorkflowButtons:
    def test_an_editor_publishes_schedules_and_returns_with_buttons(
        self, client, editor, make_article
    ):
        article = make_article(status=Status.REVIEW)
        logged_in(client, editor)
        page = client.get(change_url(article))
        assert [name for name, *_ in page.context["workflow_buttons"]] == [
            "publish",
            "schedule",
            "draft",
            "archive",
        ]
        assert "status" not in page.context["adminform"].form.fields

        when = timezone.localtime() + datetime.timedelta(days=2)
        response = client.post(
            change_url(article),
            form_data(
                article,
                transition="schedule",
                publish_at_0=when.strftime("%Y-%m-%d"),
                publish_at_1=when.strftime("%H:%M:%S"),
            ),
        )
        assert response.status_code == 302  # stays on the article
        assert response["Location"] == change_url(article)
        article.refresh_from_db()
        assert article.is_scheduled
        listed = client.get(CHANGELIST).content.decode()
        assert "Terjadwal · " in listed

        client.post(change_url(article), form_data(article, transition="publish"))
        article.refresh_from_db()
        assert article.is_public

    def test_scheduling_needs_a_future_time(self, client, editor, make_article):
        article = make_article(status=Status.REVIEW)
        logged_in(client, editor)
        response = client.post(
            change_url(article), form_data(article, transition="schedule")
        )
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["publish_at"]
        article.refresh_from_db()
        assert article.status == Status.REVIEW

    def test_a_forged_button_is_refused_by_the_service(
        self, client, contributor, make_article
    ):
        article = make_article(status=Status.REVIEW, created_by=contributor)
        logged_in(client, contributor)
        response = client.post(
            change_url(article), form_data(article, transition="publish")
        )
        assert response.status_code == 200
        article.refresh_from_db()
        assert article.status == Status.REVIEW


def note_data(article, text, **overrides):
    return {
        **form_data(article, **overrides),
        "notes-TOTAL_FORMS": 1,
        "notes-INITIAL_FORMS": 0,
        "notes-0-text": text,
    }


@pytest.mark.django_db
class TestNotesAndMail:
    def test_notes_are_internal_and_mention_colleagues(
        self,
        client,
        editor,
        make_user,
        make_article,
        django_capture_on_commit_callbacks,
    ):
        colleague = make_user("Editor", "sari")
        colleague.email = "sari@warta.example"
        colleague.save()
        article = make_article(title="Berita bercatatan")
        logged_in(client, editor)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                change_url(article),
                note_data(article, "Cek angka investasinya, @sari ya."),
            )
        assert response.status_code == 302
        (note,) = ArticleNote.objects.all()
        assert note.author == editor and "@sari" in note.text
        (message,) = mail.outbox
        assert message.to == ["sari@warta.example"]
        assert "Berita bercatatan" in message.subject
        assert (
            "Cek angka investasinya"
            not in client.get(article.get_absolute_url()).content.decode()
        )
        page = client.get(change_url(article)).content.decode()
        assert "Cek angka investasinya" in page

    def test_restoring_a_revision_keeps_the_notes(self, editor, make_article):
        article = make_article(title="Satu")
        editorial.note_add(article=article, text="Catatan", by=editor)
        article.title = "Dua"
        editorial.article_update(article=article, by=editor)
        assert article.notes.count() == 1

    def test_status_changes_tell_the_people_concerned(
        self,
        editor,
        contributor,
        make_user,
        make_article,
        django_capture_on_commit_callbacks,
    ):
        for user, address in ((editor, "ed@warta.example"), (contributor, "co@x.id")):
            user.email = address
            user.save()
        article = make_article(status=Status.DRAFT, created_by=contributor)
        with django_capture_on_commit_callbacks(execute=True):
            editorial.article_set_status(
                article=article, to_status=Status.REVIEW, by=contributor
            )
        assert [m.to for m in mail.outbox] == [["ed@warta.example"]]
        with django_capture_on_commit_callbacks(execute=True):
            editorial.article_set_status(
                article=article, to_status=Status.DRAFT, by=editor
            )
        assert mail.outbox[-1].to == ["co@x.id"]
        assert "Dikembalikan" in mail.outbox[-1].subject
        with django_capture_on_commit_callbacks(execute=True):
            editorial.article_set_status(
                article=article, to_status=Status.PUBLISHED, by=editor
            )
        assert mail.outbox[-1].to == ["co@x.id"]
        assert len(mail.outbox) == 3  # nobody is told of their own move

    def test_a_failing_mail_server_does_not_fail_the_save(
        self, settings, editor, contributor, make_article, caplog
    ):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing there
        editor.email = "ed@warta.example"
        editor.save()
        article = make_article(status=Status.DRAFT, created_by=contributor)
        from django.db import transaction

        with transaction.atomic():
            editorial.article_set_status(
                article=article, to_status=Status.REVIEW, by=contributor
            )
        article.refresh_from_db()
        assert article.status == Status.REVIEW
