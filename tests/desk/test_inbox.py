"""The "Untuk saya" inbox on the desk (issue 29 item 5): mentions, assignments
and returned stories, with an unread count; marked read by POST only."""

import pytest
from django.urls import reverse

from articles import editorial
from articles.models import Article, Notification
from tests.editorial.test_workflow import change_url, form_data, logged_in

Status = Article.Status
INBOX = reverse("admin:articles_inbox")


def note_data(article, text):
    return {
        **form_data(article),
        "notes-TOTAL_FORMS": 1,
        "notes-INITIAL_FORMS": 0,
        "notes-0-text": text,
    }


@pytest.fixture
def assigned(editor, contributor, make_article):
    article = make_article(
        "Tugas liputan smelter", status=Status.DRAFT, created_by=editor
    )
    article.assignee = contributor
    editorial.article_update(article=article, by=editor)
    return article


@pytest.mark.django_db
class TestInbox:
    def test_the_desk_shows_the_unread_count_and_the_newest(
        self, client, contributor, assigned
    ):
        logged_in(client, contributor)
        page = client.get(reverse("admin:index"))
        inbox = page.context["inbox"]
        assert inbox.unread == 1
        assert [n.article for n in inbox.latest] == [assigned]
        html = page.content.decode()
        assert "Untuk saya" in html and "1 belum dibaca" in html
        assert "Tugas liputan smelter" in html

    def test_reading_the_page_does_not_mark_read_a_post_does(
        self, client, contributor, assigned
    ):
        logged_in(client, contributor)
        page = client.get(INBOX)
        assert page.status_code == 200
        assert "Tugas liputan smelter" in page.content.decode()
        assert Notification.objects.unread().count() == 1
        (notice,) = Notification.objects.all()
        response = client.post(INBOX, {"id": notice.pk})
        assert response.status_code == 302
        assert not Notification.objects.unread().exists()
        assert client.get(reverse("admin:index")).context["inbox"].unread == 0

    def test_another_persons_inbox_is_not_shown_nor_marked(
        self, client, editor, assigned
    ):
        logged_in(client, editor)
        assert "Tugas liputan smelter" not in client.get(INBOX).content.decode()
        client.post(INBOX, {"all": "1"})
        assert Notification.objects.unread().count() == 1

    def test_an_assignment_taken_back_no_longer_shows_its_title(
        self, client, editor, contributor, assigned
    ):
        assigned.assignee = None
        editorial.article_update(article=assigned, by=editor)
        logged_in(client, contributor)
        assert client.get(reverse("admin:index")).context["inbox"].unread == 0
        assert "Tugas liputan smelter" not in client.get(INBOX).content.decode()

    def test_a_note_warns_its_writer_of_who_it_did_not_reach(
        self, client, editor, contributor, make_article
    ):
        draft = make_article("Draf rahasia", status=Status.DRAFT, created_by=editor)
        logged_in(client, editor)
        response = client.post(
            change_url(draft),
            note_data(draft, "Cek @kontributor dan @tidakada."),
            follow=True,
        )
        shown = [str(m) for m in response.context["messages"]]
        assert any("@tidakada" in m and "tidak ada" in m.lower() for m in shown), shown
        assert any("@kontributor" in m and "tidak dapat membuka" in m for m in shown)
        assert draft.notes.count() == 1  # the note itself was kept
        assert not Notification.objects.exists()

    def test_an_article_with_notifications_can_be_deleted(
        self, client, editor, assigned
    ):
        logged_in(client, editor)
        url = reverse("admin:articles_article_delete", args=[assigned.pk])
        assert "izin" not in client.get(url).content.decode()
        assert client.post(url, {"post": "yes"}).status_code == 302
        assert not Notification.objects.exists()
