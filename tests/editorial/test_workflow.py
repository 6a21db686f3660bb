"""The editorial workflow through the admin: roles, states, bulk actions,
concurrent edits, history and preview."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles import editorial
from articles.models import Article

Status = Article.Status
CHANGELIST = "admin:articles_article_changelist"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


# The workflow button that moves an article to a state.
TRANSITION_TO = {"review": "review", "published": "publish", "draft": "draft"}
TRANSITION_TO["archived"] = "archive"


def form_data(article, **overrides):
    """What the admin change form posts for ``article`` as it stands now; a
    ``status`` override presses the workflow button that moves it there."""
    article.refresh_from_db()
    status = overrides.pop("status", None)
    if status and status != article.status:
        overrides.setdefault("transition", TRANSITION_TO[status])
    data = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "language": article.language,
        "regions": [r.pk for r in article.regions.all()],
        "topics": [t.pk for t in article.topics.all()],
        "entities": [e.pk for e in article.entities.all()],
        "keywords": "",
        "expected_version": article.version,
        **NO_NEW_NOTE,
    }
    if article.publish_at:
        local = timezone.localtime(article.publish_at)
        data["publish_at_0"] = local.strftime("%Y-%m-%d")
        data["publish_at_1"] = local.strftime("%H:%M:%S")
    data.update(overrides)
    return data


# The internal-notes inline, with no note written.
NO_NEW_NOTE = {"notes-TOTAL_FORMS": 0, "notes-INITIAL_FORMS": 0}


def logged_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.django_db
class TestRoles:
    def test_migrate_creates_both_groups(self):
        contributor = Group.objects.get(name="Contributor")
        editor = Group.objects.get(name="Editor")
        assert not contributor.permissions.filter(codename="publish_article").exists()
        assert editor.permissions.filter(codename="publish_article").exists()
        assert editor.permissions.filter(codename="merge_entity").exists()

    def test_sync_is_idempotent(self):
        before = {
            g.name: set(g.permissions.values_list("pk", flat=True))
            for g in Group.objects.all()
        }
        editorial.roles_sync()
        editorial.roles_sync()
        after = {
            g.name: set(g.permissions.values_list("pk", flat=True))
            for g in Group.objects.all()
        }
        assert before == after


@pytest.mark.django_db
class TestContributor:
    def test_creates_a_draft_and_submits_it_for_review(self, client, contributor):
        logged_in(client, contributor)
        response = client.post(
            reverse("admin:articles_article_add"),
            {
                "title": "Draf baru",
                "slug": "draf-baru",
                "body": "Isi.",
                "transition": "",
                "language": "id",
                "keywords": "",
                "suggestions-TOTAL_FORMS": 0,
                "suggestions-INITIAL_FORMS": 0,
                **NO_NEW_NOTE,
            },
        )
        assert response.status_code == 302
        article = Article.objects.get(slug="draf-baru")
        assert article.created_by == contributor

        response = client.post(change_url(article), form_data(article, status="review"))
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.status == Status.REVIEW
        assert article.status_changed_by == contributor

    def test_posting_published_is_refused(self, client, contributor, make_article):
        article = make_article(status=Status.REVIEW, created_by=contributor)
        logged_in(client, contributor)

        response = client.post(
            change_url(article), form_data(article, status="published")
        )

        assert response.status_code == 200
        assert response.context["adminform"].form.non_field_errors()
        article.refresh_from_db()
        assert article.status == Status.REVIEW
        assert not Article.objects.published().exists()

    def test_workflow_buttons_offer_no_publishing(
        self, client, contributor, make_article
    ):
        article = make_article(status=Status.DRAFT, created_by=contributor)
        logged_in(client, contributor)
        page = client.get(change_url(article))
        assert [name for name, *_ in page.context["workflow_buttons"]] == ["review"]
        assert 'name="transition" value="review"' in page.content.decode()
        assert 'value="publish"' not in page.content.decode()
        assert "publish_at" not in page.context["adminform"].form.fields

    def test_cannot_see_the_publish_actions(self, client, contributor, make_article):
        make_article(status=Status.REVIEW, created_by=contributor)
        logged_in(client, contributor)
        actions = (
            client.get(reverse(CHANGELIST))
            .context["action_form"]
            .fields["action"]
            .choices
        )
        names = {name for name, _ in actions}
        assert "make_review" in names
        assert not names & {
            "make_published",
            "make_archived",
            "make_draft",
            "add_topic",
            "delete_selected",
        }

    def test_posting_the_publish_action_changes_nothing(
        self, client, contributor, make_article
    ):
        article = make_article(status=Status.REVIEW, created_by=contributor)
        logged_in(client, contributor)
        client.post(
            reverse(CHANGELIST),
            {"action": "make_published", "_selected_action": [article.pk]},
        )
        article.refresh_from_db()
        assert article.status == Status.REVIEW

    def test_cannot_edit_published_work(self, client, contributor, make_article):
        article = make_article()
        logged_in(client, contributor)
        page = client.get(change_url(article))
        assert page.status_code == 200
        assert not page.context["has_change_permission"]  # a read-only view
        response = client.post(change_url(article), form_data(article, title="Diubah"))
        assert response.status_code == 403
        article.refresh_from_db()
        assert article.title != "Diubah"

    def test_cannot_delete_published_work(self, client, contributor, make_article):
        article = make_article()
        logged_in(client, contributor)
        url = reverse("admin:articles_article_delete", args=[article.pk])
        assert client.post(url, {"post": "yes"}).status_code == 403
        assert Article.objects.filter(pk=article.pk).exists()

    def test_can_delete_a_draft(self, client, contributor, make_article):
        article = make_article(status=Status.DRAFT, created_by=contributor)
        logged_in(client, contributor)
        url = reverse("admin:articles_article_delete", args=[article.pk])
        assert client.post(url, {"post": "yes"}).status_code == 302
        assert not Article.objects.filter(pk=article.pk).exists()

    def test_service_refuses_publishing_whatever_the_caller(
        self, contributor, make_article
    ):
        article = make_article(status=Status.REVIEW, created_by=contributor)
        with pytest.raises(PermissionDenied):
            editorial.article_set_status(
                article=article, to_status=Status.PUBLISHED, by=contributor
            )


@pytest.mark.django_db
class TestEditor:
    def test_publishes_from_review_and_is_recorded(self, client, editor, make_article):
        article = make_article(status=Status.REVIEW)
        logged_in(client, editor)
        response = client.post(
            change_url(article), form_data(article, status="published")
        )
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.is_public
        assert article.status_changed_by == editor
        latest = article.history.first()
        assert latest.history_user == editor
        assert "→" in latest.history_change_reason

    def test_schedules_with_a_future_time(self, client, editor, make_article):
        article = make_article(status=Status.REVIEW)
        when = timezone.localtime() + datetime.timedelta(days=2)
        logged_in(client, editor)
        client.post(
            change_url(article),
            form_data(
                article,
                transition="schedule",
                publish_at_0=when.strftime("%Y-%m-%d"),
                publish_at_1=when.strftime("%H:%M:%S"),
            ),
        )
        article.refresh_from_db()
        assert article.is_scheduled
        assert not Article.objects.published().filter(pk=article.pk).exists()
        queue = client.get(reverse(CHANGELIST), {"workflow": "scheduled"})
        assert list(queue.context["cl"].result_list) == [article]

    def test_workflow_queues(self, client, editor, make_article):
        review = make_article(status=Status.REVIEW)
        make_article(status=Status.DRAFT)
        logged_in(client, editor)
        queue = client.get(reverse(CHANGELIST), {"workflow": "review"})
        assert list(queue.context["cl"].result_list) == [review]
        no_source = client.get(reverse(CHANGELIST), {"has_source": "no"})
        assert len(no_source.context["cl"].result_list) == 2

    def test_bulk_publish_is_all_or_nothing(self, client, editor, make_article):
        good = make_article(status=Status.REVIEW)
        broken = make_article(status=Status.REVIEW)
        Article.objects.filter(pk=broken.pk).update(body="")  # fails validation
        logged_in(client, editor)
        client.post(
            reverse(CHANGELIST),
            {"action": "make_published", "_selected_action": [good.pk, broken.pk]},
        )
        assert not Article.objects.filter(status=Status.PUBLISHED).exists()

    def test_bulk_archive_and_return_to_draft(self, client, editor, make_article):
        articles = [make_article() for _ in range(3)]
        logged_in(client, editor)
        ids = [a.pk for a in articles]
        client.post(
            reverse(CHANGELIST), {"action": "make_archived", "_selected_action": ids}
        )
        assert set(Article.objects.values_list("status", flat=True)) == {
            Status.ARCHIVED
        }
        client.post(
            reverse(CHANGELIST), {"action": "make_draft", "_selected_action": ids}
        )
        assert set(Article.objects.values_list("status", flat=True)) == {Status.DRAFT}

    @pytest.mark.parametrize("kind", ["topic", "region", "entity"])
    def test_bulk_add_and_remove_through_an_intermediate_page(
        self, client, editor, make_article, make_topic, make_region, make_entity, kind
    ):
        value = {"topic": make_topic, "region": make_region, "entity": make_entity}[
            kind
        ]()
        articles = [make_article() for _ in range(3)]
        versions = {a.pk: a.version for a in articles}
        ids = [a.pk for a in articles]
        logged_in(client, editor)

        page = client.post(
            reverse(CHANGELIST), {"action": f"add_{kind}", "_selected_action": ids}
        )
        assert page.status_code == 200
        assert "form" in page.context

        client.post(
            reverse(CHANGELIST),
            {
                "action": f"add_{kind}",
                "_selected_action": ids,
                "apply": "1",
                "value": value.pk,
            },
        )
        manager = {"topic": "topics", "region": "regions", "entity": "entities"}[kind]
        for article in Article.objects.filter(pk__in=ids):
            assert value in getattr(article, manager).all()
            assert article.version == versions[article.pk] + 1

        client.post(
            reverse(CHANGELIST),
            {
                "action": f"remove_{kind}",
                "_selected_action": ids,
                "apply": "1",
                "value": value.pk,
            },
        )
        for article in Article.objects.filter(pk__in=ids):
            assert value not in getattr(article, manager).all()


@pytest.mark.django_db
class TestConcurrentEdits:
    def test_second_save_of_the_same_version_is_refused(
        self, client, editor, make_user, make_article
    ):
        article = make_article(title="Judul awal")
        other_editor = make_user("Editor", "redaktur_dua")
        mine = form_data(article, title="Judul saya")  # both opened version N
        theirs = form_data(article, title="Judul mereka", body="Isi baru dari mereka.")

        other = client.__class__()
        logged_in(other, other_editor)
        assert other.post(change_url(article), theirs).status_code == 302

        logged_in(client, editor)
        response = client.post(change_url(article), mine)

        assert response.status_code == 200
        errors = response.context["adminform"].form.non_field_errors()
        assert "redaktur_dua" in errors[0]
        # The admin speaks Indonesian: the fields they changed, by label.
        changed = errors[0].split("Yang diubah: ", 1)[1].split(".")[0].split(", ")
        assert {"judul", "isi"} <= set(changed)
        article.refresh_from_db()
        assert article.title == "Judul mereka"

    def test_a_save_between_loading_and_rendering_is_not_undone(
        self, client, editor, make_user, make_article
    ):
        """The change page is rendered outside a transaction: if a colleague saves
        between the moment the article is read and the moment the form is built,
        the form must still expect the version whose content it shows."""
        from articles.desk.forms import ArticleAdminForm

        article = make_article(title="Judul awal")
        shown = Article.objects.get(pk=article.pk)  # what the page read
        colleague = Article.objects.get(pk=article.pk)
        colleague.title = "Judul rekan"
        colleague.save()  # saved before the form is built
        form_class = type("Form", (ArticleAdminForm,), {"user": editor})
        form = form_class(instance=shown)
        assert form["expected_version"].value() == shown.version

        data = form_data(article, title="Judul saya")
        data["expected_version"] = form["expected_version"].value()
        logged_in(client, editor)
        response = client.post(change_url(article), data)
        assert response.status_code == 200  # refused
        article.refresh_from_db()
        assert article.title == "Judul rekan"

    def test_a_form_without_a_version_is_refused(self, client, editor, make_article):
        article = make_article()
        data = form_data(article, title="Tanpa versi")
        del data["expected_version"]
        logged_in(client, editor)
        assert client.post(change_url(article), data).status_code == 200
        article.refresh_from_db()
        assert article.title != "Tanpa versi"

    def test_bulk_tagging_invalidates_open_forms(
        self, client, editor, make_article, make_topic
    ):
        article = make_article()
        stale = form_data(article, title="Judul lama")
        editorial.articles_tag(
            articles=Article.objects.filter(pk=article.pk),
            by=editor,
            add=True,
            topic=make_topic(),
        )
        logged_in(client, editor)
        assert client.post(change_url(article), stale).status_code == 200
        assert article.topics.count() == 1


@pytest.mark.django_db
class TestOwnership:
    """Finding 3 of the security review: contributors edited and deleted other
    people's drafts (an editor's article returned to draft included) and saw
    everyone's unpublished work."""

    def test_contributors_cannot_see_others_unpublished_work(
        self, client, contributor, make_user, make_article
    ):
        colleague = make_user("Contributor")
        own = make_article(status=Status.DRAFT, created_by=contributor)
        assigned = make_article(status=Status.REVIEW, assignee=contributor)
        theirs = make_article(status=Status.DRAFT, created_by=colleague)
        scheduled = make_article(
            status=Status.PUBLISHED,
            publish_at=timezone.now() + datetime.timedelta(days=1),
        )
        live = make_article()
        logged_in(client, contributor)
        listed = set(client.get(reverse(CHANGELIST)).context["cl"].result_list)
        assert listed == {own, assigned, live}
        for hidden in (theirs, scheduled):
            assert client.get(change_url(hidden)).status_code == 302  # "not found"
            history = reverse("admin:articles_article_history", args=[hidden.pk])
            assert client.get(history).status_code == 404
            preview = reverse("articles:preview", args=[hidden.pk])
            assert client.get(preview).status_code == 404

    def test_contributors_cannot_edit_or_delete_others_drafts(
        self, client, contributor, editor, make_article
    ):
        returned = make_article(status=Status.DRAFT, created_by=editor)
        logged_in(client, contributor)
        response = client.post(
            change_url(returned), form_data(returned, title="Diubah kontributor")
        )
        assert response.status_code in (302, 403)
        delete = reverse("admin:articles_article_delete", args=[returned.pk])
        assert client.post(delete, {"post": "yes"}).status_code in (302, 403)
        returned.refresh_from_db()
        assert returned.title != "Diubah kontributor"
        with pytest.raises(PermissionDenied):
            returned.title = "Lewat layanan"
            editorial.article_update(article=returned, by=contributor)

    def test_an_assigned_contributor_works_on_the_article(
        self, client, contributor, editor, make_article
    ):
        article = make_article(
            status=Status.DRAFT, created_by=editor, assignee=contributor
        )
        logged_in(client, contributor)
        response = client.post(change_url(article), form_data(article, title="Baru"))
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.title == "Baru"

    def test_contributors_cannot_assign_or_feature(
        self, contributor, make_user, make_article
    ):
        article = make_article(status=Status.DRAFT, created_by=contributor)
        article.assignee = make_user("Contributor")
        with pytest.raises(PermissionDenied):
            editorial.article_update(article=article, by=contributor)


@pytest.mark.django_db
class TestPreview:
    def test_staff_preview_a_draft_as_the_public_would_see_it(
        self, client, contributor, make_article
    ):
        article = make_article(
            status=Status.DRAFT, title="Draf rahasia", created_by=contributor
        )
        preview = reverse("articles:preview", args=[article.pk])
        assert client.get(article.get_absolute_url()).status_code == 404
        anonymous = client.get(preview)
        assert anonymous.status_code == 302
        assert "/admin/login/" in anonymous["Location"]

        logged_in(client, contributor)
        response = client.get(preview)
        assert response.status_code == 200
        assert "Draf rahasia" in response.content.decode()
        assert response.context["preview"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "private" in response["Cache-Control"]
        # still not public, even for staff, at the public address
        assert client.get(article.get_absolute_url()).status_code == 404

    def test_view_on_site_points_to_preview_until_published(self, make_article):
        from articles.desk.articles import ArticleAdmin

        draft = make_article(status=Status.DRAFT)
        live = make_article()
        admin = ArticleAdmin(Article, None)
        assert admin.view_on_site(draft) == draft.get_preview_url()
        assert admin.view_on_site(live) == live.get_absolute_url()


@pytest.mark.django_db
def test_admin_works_in_both_languages(client, editor, seed_data):
    logged_in(client, editor)
    assert "Artikel" in client.get("/admin/articles/article/").content.decode()
    english = client.get("/en/admin/articles/article/").content.decode()
    assert "Select article to change" in english


@pytest.mark.django_db
def test_regions_and_topics_autocomplete_for_contributors(
    client, contributor, seed_data
):
    logged_in(client, contributor)
    for field, term in (("regions", "Cilegon"), ("topics", "baja"), ("entities", "KS")):
        response = client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "articles",
                "model_name": "article",
                "field_name": field,
                "term": term,
            },
        )
        assert response.status_code == 200, field
        assert response.json()["results"], field
