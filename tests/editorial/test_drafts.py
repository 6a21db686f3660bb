"""Draft revisions of a live article (issue 29, item 1): saved beside the live
article, which readers keep seeing; published by an editor as one ordinary
save, scheduled, or discarded."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles import editorial
from articles.editorial import drafts
from articles.models import Article, ArticleDraft

Status = Article.Status


def edited(article, **fields):
    """A fresh copy of ``article`` with ``fields`` set, as a form leaves it."""
    copy = Article.objects.get(pk=article.pk)
    for name, value in fields.items():
        setattr(copy, name, value)
    return copy


@pytest.fixture
def live(make_article, make_topic):
    return make_article(
        "Pabrik baja Cilegon mulai produksi",
        body="<p>Produksi dimulai Senin.</p>",
        standfirst="Ringkasan lama.",
        topics=[make_topic("Baja")],
    )


@pytest.mark.django_db
class TestSaveDraft:
    def test_the_live_article_is_untouched(self, client, editor, live, make_topic):
        version = live.version
        semen = make_topic("Semen")
        draft = editorial.draft_save(
            article=edited(live, title="Judul baru", body="<p>Produksi ditunda.</p>"),
            by=editor,
            tags={"topics": [semen]},
            expected_version=version,
        )
        live.refresh_from_db()
        assert live.title == "Pabrik baja Cilegon mulai produksi"
        assert live.version == version
        assert [t.name for t in live.topics.all()] == ["Baja"]
        assert draft.values["draft"]["title"] == "Judul baru"
        assert draft.created_by == editor and draft.base_version == version
        # Readers see the live text.
        page = client.get(live.get_absolute_url()).content.decode()
        assert "Produksi dimulai Senin." in page and "ditunda" not in page

    def test_a_contributor_drafts_her_own_live_article_only(
        self, contributor, make_article
    ):
        own = make_article(created_by=contributor)
        other = make_article()
        editorial.draft_save(article=edited(own, title="Baru"), by=contributor)
        assert ArticleDraft.objects.filter(article=own).exists()
        with pytest.raises(PermissionDenied):
            editorial.draft_save(article=edited(other, title="Baru"), by=contributor)

    def test_only_live_articles_have_draft_revisions(self, editor, make_article):
        for article in (
            make_article(status=Status.DRAFT),
            make_article(publish_at=timezone.now() + datetime.timedelta(days=1)),
        ):
            with pytest.raises(PermissionDenied):
                editorial.draft_save(article=edited(article, title="x"), by=editor)

    def test_stale_saves_are_refused(self, editor, live):
        editorial.draft_save(article=edited(live, title="Satu"), by=editor)
        # Opened before that revision existed: refused, the revision is kept.
        with pytest.raises(editorial.EditConflict):
            editorial.draft_save(
                article=edited(live, title="Dua"), by=editor, expected_draft=None
            )
        # Opened on an older live version: refused too.
        with pytest.raises(editorial.EditConflict):
            editorial.draft_save(
                article=edited(live, title="Dua"),
                by=editor,
                expected_version=live.version - 1,
                expected_draft=1,
            )
        assert ArticleDraft.objects.get(article=live).values["draft"]["title"] == "Satu"

    def test_what_a_revision_does_not_carry_is_refused(self, editor, live):
        later = timezone.now() + datetime.timedelta(days=3)
        with pytest.raises(ValidationError, match="waktu terbit"):
            editorial.draft_save(article=edited(live, publish_at=later), by=editor)
        assert not ArticleDraft.objects.exists()


@pytest.mark.django_db
class TestPublishDraft:
    def test_publishing_is_one_save_of_the_article(
        self, client, editor, live, make_topic
    ):
        semen = make_topic("Semen")
        editorial.draft_save(
            article=edited(live, body="<p>Produksi ditunda sampai Juni.</p>"),
            by=editor,
            tags={"topics": [semen]},
        )
        before = live.history.count()
        article, missing = editorial.draft_publish(article=live, by=editor)
        assert missing == []
        live.refresh_from_db()
        assert live.body == "<p>Produksi ditunda sampai Juni.</p>"
        assert live.word_count == 4 and "Juni" in live.body_text
        assert [t.name for t in live.topics.all()] == ["Semen"]
        assert live.history.count() == before + 1
        assert not ArticleDraft.objects.exists()
        page = client.get(live.get_absolute_url()).content.decode()
        assert "ditunda sampai Juni" in page

    def test_contributors_do_not_publish(self, contributor, make_article):
        own = make_article(created_by=contributor)
        editorial.draft_save(article=edited(own, title="Baru"), by=contributor)
        with pytest.raises(PermissionDenied):
            editorial.draft_publish(article=own, by=contributor)
        with pytest.raises(PermissionDenied):
            editorial.draft_schedule(
                article=own,
                by=contributor,
                when=timezone.now() + datetime.timedelta(hours=1),
            )
        editorial.draft_discard(article=own, by=contributor)
        assert not ArticleDraft.objects.exists()

    def test_what_the_live_article_gained_meanwhile_is_kept(
        self, editor, live, make_topic
    ):
        """Only what the revision changed is applied: a tag and a field changed
        on the live article after the revision began stay."""
        editorial.draft_save(article=edited(live, title="Judul revisi"), by=editor)
        semen = make_topic("Semen")
        live.refresh_from_db()
        live.standfirst = "Ringkasan baru langsung."
        editorial.article_update(
            article=live, by=editor, tags={"topics": [*live.topics.all(), semen]}
        )
        editorial.draft_publish(article=live, by=editor)
        live.refresh_from_db()
        assert live.title == "Judul revisi"
        assert live.standfirst == "Ringkasan baru langsung."
        assert sorted(t.name for t in live.topics.all()) == ["Baja", "Semen"]

    def test_a_reviewed_revision_changed_since_is_refused(self, editor, live):
        editorial.draft_save(article=edited(live, title="Satu"), by=editor)
        editorial.draft_save(
            article=edited(live, title="Dua"), by=editor, expected_draft=1
        )
        with pytest.raises(editorial.EditConflict):
            editorial.draft_publish(article=live, by=editor, expected_draft=1)
        live.refresh_from_db()
        assert live.title == "Pabrik baja Cilegon mulai produksi"


@pytest.mark.django_db
class TestScheduledDrafts:
    def test_a_due_revision_is_published_by_itself(self, client, editor, live):
        editorial.draft_save(article=edited(live, title="Judul terjadwal"), by=editor)
        soon = timezone.now() + datetime.timedelta(minutes=30)
        editorial.draft_schedule(article=live, by=editor, when=soon)
        assert drafts.drafts_publish_due() == 0
        live.refresh_from_db()
        assert live.title != "Judul terjadwal"
        assert drafts.drafts_publish_due(now=soon + datetime.timedelta(seconds=1)) == 1
        live.refresh_from_db()
        assert live.title == "Judul terjadwal"
        assert live.history.first().history_user == editor
        url = reverse("articles:detail", kwargs={"slug": live.slug})
        assert "Judul terjadwal" in client.get(url).content.decode()

    def test_a_time_in_the_past_is_refused(self, editor, live):
        editorial.draft_save(article=edited(live, title="x"), by=editor)
        with pytest.raises(ValidationError):
            editorial.draft_schedule(
                article=live, by=editor, when=timezone.now() - datetime.timedelta(1)
            )

    def test_a_revision_that_cannot_be_published_waits_with_the_reason(
        self, editor, live
    ):
        editorial.draft_save(article=edited(live, title="x"), by=editor)
        soon = timezone.now() + datetime.timedelta(minutes=5)
        editorial.draft_schedule(article=live, by=editor, when=soon)
        editor.groups.clear()
        editor = type(editor).objects.get(pk=editor.pk)  # no cached permissions
        later = soon + datetime.timedelta(minutes=1)
        assert drafts.drafts_publish_due(now=later) == 0
        draft = ArticleDraft.objects.get()
        assert draft.publish_at is None and "Hanya redaktur" in draft.schedule_error


@pytest.mark.django_db
def test_the_worker_publishes_due_revisions_every_minute():
    from django.utils.module_loading import import_string
    from django_q.models import Schedule

    schedule = Schedule.objects.get(name="warta-drafts")
    assert (schedule.schedule_type, schedule.minutes) == (Schedule.MINUTES, 1)
    assert import_string(schedule.func) is drafts.drafts_publish_due


@pytest.mark.django_db
def test_deleting_the_article_deletes_its_revision(editor, live):
    editorial.draft_save(article=edited(live, title="Revisi"), by=editor)
    editorial.article_delete(article=live, by=editor)
    assert not ArticleDraft.objects.exists()
