"""Revisions: who, when, what (tags included), and restoring them safely."""

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from articles import editorial
from articles.models import Article
from entities.admin_base import GuardedHistoryAdmin
from entities.models import Entity
from tests.editorial.test_workflow import change_url, form_data, logged_in

Status = Article.Status


def revision_url(article, revision):
    return reverse(
        "admin:articles_article_simple_history", args=[article.pk, revision.history_id]
    )


def restore_data(client, url, article, **fields):
    """What the restore page posts: its own form, as shown."""
    page = client.get(url)
    form = page.context["adminform"].form
    data = form_data(article, **fields)
    for name in ("title", "standfirst", "body"):
        data[name] = form.initial[name]
    data["expected_version"] = form["expected_version"].value()
    for name in ("regions", "topics", "entities"):
        data[name] = [obj.pk for obj in form.initial.get(name, [])]
    data["keywords"] = ", ".join(tag.name for tag in form.initial.get("keywords", []))
    return data


@pytest.mark.django_db
class TestRevisions:
    def test_every_save_is_a_revision_with_who_and_when(
        self, client, editor, make_article
    ):
        article = make_article(title="Versi satu")
        logged_in(client, editor)
        client.post(change_url(article), form_data(article, title="Versi dua"))
        history = list(article.history.order_by("history_date"))
        assert [h.title for h in history] == ["Versi satu", "Versi dua"]
        assert history[-1].history_user == editor
        page = client.get(reverse("admin:articles_article_history", args=[article.pk]))
        assert page.status_code == 200
        rows = page.context["page_obj"].object_list
        assert [r.title for r in rows] == ["Versi dua", "Versi satu"]

    def test_revisions_record_tags(self, client, editor, make_article, make_topic):
        """Finding 9: history showed no tag changes."""
        topic = make_topic("Baja")
        article = make_article(title="Bertopik")
        logged_in(client, editor)
        client.post(change_url(article), form_data(article, topics=[topic.pk]))
        latest = article.history.order_by("-history_date").first()
        assert latest.tags["topics"] == [[topic.pk, "Baja"]]
        page = client.get(reverse("admin:articles_article_history", args=[article.pk]))
        assert "+ Topik: Baja" in page.content.decode()

    def test_restore_brings_back_content_and_tags(
        self, client, editor, make_article, make_topic, make_entity
    ):
        """Finding 9: restoring a revision kept today's tags."""
        old_topic, new_topic = make_topic("Lama"), make_topic("Baru")
        entity = make_entity("PT Lama")
        article = make_article(title="Versi satu", body="Isi satu.")
        editorial.article_update(
            article=article,
            by=editor,
            tags={"topics": [old_topic], "entities": [entity]},
        )
        logged_in(client, editor)
        client.post(
            change_url(article),
            form_data(
                article,
                title="Versi dua",
                body="Isi dua.",
                topics=[new_topic.pk],
                entities=[],
            ),
        )
        first = article.history.filter(title="Versi satu").latest("history_date")
        url = revision_url(article, first)
        response = client.post(url, restore_data(client, url, article))
        assert response.status_code == 302, response.context["adminform"].form.errors
        article.refresh_from_db()
        assert (article.title, article.body) == ("Versi satu", "Isi satu.")
        assert list(article.topics.all()) == [old_topic]
        assert list(article.entities.all()) == [entity]
        latest = article.history.order_by("-history_date").first()
        assert latest.history_change_reason.startswith("Memulihkan")
        assert latest.tags["topics"] == [[old_topic.pk, "Lama"]]

    def test_restore_says_which_tags_no_longer_exist(
        self, client, editor, make_article, make_entity
    ):
        gone = make_entity("PT Sudah Dihapus")
        article = make_article(title="Versi satu")
        editorial.article_update(article=article, by=editor, tags={"entities": [gone]})
        logged_in(client, editor)
        client.post(change_url(article), form_data(article, title="Versi dua"))
        first = article.history.filter(title="Versi satu").latest("history_date")
        gone.delete()
        url = revision_url(article, first)
        response = client.post(url, restore_data(client, url, article), follow=True)
        messages = [str(m) for m in response.context["messages"]]
        assert any("PT Sudah Dihapus" in m for m in messages), messages
        article.refresh_from_db()
        assert article.title == "Versi satu"

    def test_restore_is_refused_when_the_article_changed_meanwhile(
        self, client, editor, make_article
    ):
        article = make_article(title="Versi satu")
        logged_in(client, editor)
        client.post(change_url(article), form_data(article, title="Versi dua"))
        first = article.history.order_by("history_date").first()
        url = revision_url(article, first)
        data = restore_data(client, url, article)
        article.refresh_from_db()
        article.title = "Versi tiga"
        editorial.article_update(article=article, by=editor)
        response = client.post(url, data)
        assert response.status_code == 200
        article.refresh_from_db()
        assert article.title == "Versi tiga"


@pytest.mark.django_db
class TestRevertNeedsChangePermission:
    """Finding 2: a contributor rewrote any entity by POSTing the history revert
    form, which needed only view permission."""

    def test_every_model_with_history_uses_the_guarded_admin(self):
        with_history = [
            model
            for model, model_admin in admin.site._registry.items()
            if isinstance(model_admin, SimpleHistoryAdmin)
        ]
        assert {m._meta.label for m in with_history} >= {
            "articles.Article",
            "entities.Entity",
        }
        for model in with_history:
            assert isinstance(admin.site._registry[model], GuardedHistoryAdmin), model

    def test_contributor_cannot_revert_an_entity(
        self, client, contributor, editor, make_entity
    ):
        entity = make_entity("PT Krakatau Steel", description="Asli")
        entity.description = "Diubah redaktur"
        entity._history_user = editor
        entity.save()
        first = entity.history.order_by("history_date").first()
        url = reverse(
            "admin:entities_entity_simple_history", args=[entity.pk, first.history_id]
        )
        logged_in(client, contributor)
        response = client.post(
            url,
            {
                "name": "Nama Palsu",
                "slug": "nama-palsu",
                "kind": "person",
                "description": "Ditulis ulang",
                "aliases-TOTAL_FORMS": 0,
                "aliases-INITIAL_FORMS": 0,
            },
        )
        assert response.status_code == 403
        entity.refresh_from_db()
        assert (entity.name, entity.description) == (
            "PT Krakatau Steel",
            "Diubah redaktur",
        )

    def test_contributor_cannot_revert_an_article_they_may_not_edit(
        self, client, contributor, editor, make_article
    ):
        article = make_article(title="Terbit")
        logged_in(client, editor)
        client.post(change_url(article), form_data(article, title="Terbit lagi"))
        first = article.history.order_by("history_date").first()
        logged_in(client, contributor)
        response = client.post(
            revision_url(article, first), form_data(article, title="Diganti")
        )
        assert response.status_code == 403
        article.refresh_from_db()
        assert article.title == "Terbit lagi"

    def test_an_editor_revert_of_an_entity_goes_through_the_service(
        self, client, editor, make_entity
    ):
        entity = make_entity("Nama Lama")
        first = entity.history.order_by("history_date").first()
        entity.name = "Nama Baru"
        entity.save()
        url = reverse(
            "admin:entities_entity_simple_history", args=[entity.pk, first.history_id]
        )
        logged_in(client, editor)
        response = client.post(
            url,
            {
                "name": "Nama Lama",
                "slug": entity.slug,
                "kind": entity.kind,
                "description": "",
                "expected_version": entity.version,
                "aliases-TOTAL_FORMS": 0,
                "aliases-INITIAL_FORMS": 0,
            },
        )
        assert response.status_code == 302
        entity.refresh_from_db()
        assert entity.name == "Nama Lama"
        # Renaming through the service keeps the other name as an alias.
        assert list(entity.aliases.values_list("name", flat=True)) == ["Nama Baru"]

    @pytest.mark.parametrize(
        "url",
        [
            "/admin/articles/article/abc/history/",
            "/admin/articles/article/1/history/x/",
            "/admin/entities/entity/abc/history/1/",
            "/admin/entities/entity/%C3%A9/history/",
        ],
    )
    def test_non_numeric_ids_are_not_found(self, client, editor, url):
        """Finding 10: non-numeric ids in history URLs answered 500."""
        logged_in(client, editor)
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_merge_split_and_undo_raise_versions_and_record_revisions(
    client, editor, make_article, make_entity
):
    """Finding 6: a split or undo-merge was silently reverted by an editor who had
    the article open, because those services never raised the version."""
    from entities import services as entity_services

    ks, dup = make_entity("PT Krakatau Steel"), make_entity("Krakatau Steel")
    article = make_article(entities=[dup])
    stale = form_data(article, title="Judul dari form lama")
    (log,) = entity_services.entity_merge(survivor=ks, others=[dup], by=editor)
    article.refresh_from_db()
    assert [e.name for e in article.entities.all()] == ["PT Krakatau Steel"]
    latest = article.history.order_by("-history_date").first()
    assert latest.tags["entities"] == [[ks.pk, "PT Krakatau Steel"]]

    logged_in(client, editor)
    assert client.post(change_url(article), stale).status_code == 200  # refused

    before = Article.objects.get(pk=article.pk).version
    stale = form_data(article)
    entity_services.entity_merge_undo(merge=log, by=editor)
    assert Article.objects.get(pk=article.pk).version == before + 1
    assert client.post(change_url(article), stale).status_code == 200  # refused
    restored = Entity.objects.get(name="Krakatau Steel")
    assert [e.pk for e in article.entities.all()] == [restored.pk]

    before = Article.objects.get(pk=article.pk).version
    stale = form_data(article)
    entity_services.entity_split(
        entity=restored,
        name="KS Baru",
        kind="organisation",
        article_ids=[article.pk],
        by=editor,
    )
    assert Article.objects.get(pk=article.pk).version == before + 1
    assert client.post(change_url(article), stale).status_code == 200  # refused
    assert [e.name for e in article.entities.all()] == ["KS Baru"]


@pytest.mark.django_db
def test_restoring_a_draft_revision_of_a_live_article_keeps_it_live(
    client, editor, make_user, make_article
):
    """Issue 25: the old revision was a draft; restoring it unpublished the live
    article (its public address 404ed) and only said "berhasil diubah"."""
    article = make_article(title="Draf awal", status=Status.DRAFT, body="Isi awal.")
    draft = article.history.latest("history_date")
    assignee = make_user("Editor", "redaktur_piket")
    article.title, article.body = "Terbit", "Isi terbit."
    editorial.article_update(article=article, by=editor, transition="publish")
    article.assignee, article.is_featured = assignee, True
    editorial.article_update(article=article, by=editor)
    published_at = Article.objects.get(pk=article.pk).publish_at

    logged_in(client, editor)
    url = revision_url(article, draft)
    page = client.get(url)
    # The restore form shows where the article stands now, not the draft's.
    form = page.context["adminform"].form
    assert form.initial["assignee"] == assignee.pk
    assert form.initial["is_featured"] is True
    response = client.post(url, restore_data(client, url, article), follow=True)

    article.refresh_from_db()
    assert (article.title, article.body) == ("Draf awal", "Isi awal.")
    assert article.status == Status.PUBLISHED
    assert article.publish_at == published_at
    assert (article.assignee, article.is_featured) == (assignee, True)
    assert client.get(article.get_absolute_url()).status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert any("Terbit" in m and "tetap" in m for m in messages), messages
