"""Telling colleagues (issue 25, issue 29 item 5, issue 32): mentions that
reach people or say why not, assignments, returned stories, the scheduled time;
every one in the person's inbox, mail a copy."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from articles import editorial
from articles.editorial import notifications
from articles.models import Article, Notification

Status = Article.Status
Kind = Notification.Kind


@pytest.fixture
def with_mail(editor, contributor):
    editor.email, contributor.email = "redaktur@warta.example", "ko@warta.example"
    editor.save()
    contributor.save()


@pytest.mark.django_db
class TestMentions:
    def test_a_mention_at_the_end_of_a_sentence_reaches_the_user(
        self,
        editor,
        make_user,
        make_article,
        with_mail,
        django_capture_on_commit_callbacks,
    ):
        writer = make_user("Editor", "sari")
        article = make_article("Pabrik baja baru")
        with django_capture_on_commit_callbacks(execute=True):
            note = editorial.note_add(
                article=article, text="Tolong cek angkanya, @redaktur.", by=writer
            )
        assert note.mentions.reached == [editor] and not note.mentions.unknown
        (notice,) = Notification.objects.all()
        assert (notice.recipient, notice.kind, notice.actor) == (
            editor,
            Kind.MENTION,
            writer,
        )
        assert [m.to for m in mail.outbox] == [["redaktur@warta.example"]]

    def test_a_username_with_a_dot_is_still_found_as_written(
        self, make_user, make_article, editor
    ):
        dotted = make_user("Editor", "budi.s")
        note = editorial.note_add(
            article=make_article(), text="@budi.s dan @budi.s.", by=editor
        )
        assert note.mentions.reached == [dotted]

    def test_an_unknown_name_is_reported_not_dropped(self, editor, make_article):
        note = editorial.note_add(
            article=make_article(), text="Tanya @redaksi!", by=editor
        )
        assert note.mentions.unknown == ["redaksi"]
        assert not Notification.objects.exists()

    def test_someone_who_cannot_open_the_article_is_told_nothing(
        self,
        editor,
        contributor,
        make_article,
        with_mail,
        django_capture_on_commit_callbacks,
    ):
        """Issue 32: the mention mailed the title and text of a draft to a
        contributor who may not open it."""
        draft = make_article("Rahasia embargo", status=Status.DRAFT, created_by=editor)
        with django_capture_on_commit_callbacks(execute=True):
            note = editorial.note_add(
                article=draft, text="@kontributor lihat ini", by=editor
            )
        assert note.mentions.cannot_open == [contributor]
        assert not note.mentions.reached
        assert mail.outbox == [] and not Notification.objects.exists()


@pytest.mark.django_db
class TestWorkflowNotices:
    def test_assignment_tells_the_assignee(
        self,
        editor,
        contributor,
        make_article,
        with_mail,
        django_capture_on_commit_callbacks,
    ):
        article = make_article(status=Status.DRAFT, created_by=editor)
        article.assignee = contributor
        with django_capture_on_commit_callbacks(execute=True):
            editorial.article_update(article=article, by=editor)
        (notice,) = Notification.objects.all()
        assert (notice.recipient, notice.kind) == (contributor, Kind.ASSIGNMENT)
        (message,) = mail.outbox
        assert message.to == ["ko@warta.example"]
        assert "Ditugaskan kepada Anda" in message.subject
        # Saving again, still assigned to her, tells her nothing new.
        article.title = "Judul baru"
        editorial.article_update(article=article, by=editor)
        assert Notification.objects.count() == 1

    def test_a_returned_story_is_in_its_authors_inbox(
        self, editor, contributor, make_article
    ):
        article = make_article(status=Status.REVIEW, created_by=contributor)
        editorial.article_set_status(article=article, to_status=Status.DRAFT, by=editor)
        (notice,) = Notification.objects.all()
        assert (notice.recipient, notice.kind, notice.actor) == (
            contributor,
            Kind.RETURNED,
            editor,
        )

    def test_the_scheduled_mail_says_when(
        self,
        editor,
        contributor,
        make_article,
        with_mail,
        django_capture_on_commit_callbacks,
    ):
        article = make_article(status=Status.REVIEW, created_by=contributor)
        when = timezone.make_aware(datetime.datetime(2030, 3, 8, 9, 30))
        with django_capture_on_commit_callbacks(execute=True):
            editorial.article_set_status(
                article=article, to_status=Status.PUBLISHED, by=editor, publish_at=when
            )
        (message,) = mail.outbox
        assert "8 Maret 2030, 09.30 WIB" in message.subject
        assert "8 Maret 2030, 09.30 WIB" in message.body


@pytest.mark.django_db
def test_marking_read_touches_only_ones_own(editor, contributor, make_article):
    article = make_article(status=Status.DRAFT, created_by=editor)
    article.assignee = contributor
    editorial.article_update(article=article, by=editor)
    (notice,) = Notification.objects.all()
    assert notifications.notifications_mark_read(ids=[notice.pk], by=editor) == 0
    assert notifications.notifications_mark_read(ids=[notice.pk], by=contributor) == 1
    notice.refresh_from_db()
    assert notice.read_at is not None


# Red team round two (issue 32, Low): a title with a line break silently stopped
# the workflow mails (Django refuses a subject with one as a header injection).
@pytest.mark.security
@pytest.mark.django_db
def test_a_title_with_a_line_break_still_mails_on_one_subject_line(
    editor, contributor, make_article, django_capture_on_commit_callbacks
):
    editor.email = "ed@warta.example"
    editor.save()
    article = make_article(status=Article.Status.DRAFT, created_by=contributor)
    # Stored as given (a save keeps every character); only the mail folds it.
    Article.objects.filter(pk=article.pk).update(title="Pabrik baja\r\nCilegon")
    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        editorial.article_set_status(
            article=article, to_status=Article.Status.REVIEW, by=contributor
        )
    (message,) = mail.outbox
    assert message.to == ["ed@warta.example"]
    assert "Pabrik baja Cilegon" in message.subject
    assert "\n" not in message.subject and "\r" not in message.subject
