"""Red team round two (issue 32, High): stories show a contributor only the
articles the article form lets them open. Each test failed before the fix."""

import datetime

import pytest
from django.urls import reverse

from articles import editorial
from articles.models import Article, StoryMember

from .test_services import body

pytestmark = pytest.mark.security


@pytest.fixture
def hidden_story(editor, make_source):
    """Two versions of one story, both in review (not the contributor's)."""

    def make(name, outlet):
        article = Article(
            title=f"Rahasia {name}",
            body=body(name),
            source=make_source(outlet),
            original_published_on=datetime.date(2025, 3, 10),
            status=Article.Status.REVIEW,
        )
        return editorial.article_update(article=article, by=editor)

    a, b = make("s01_a.txt", "BantenPos"), make("s01_b.txt", "Kabar Industri")
    member = StoryMember.objects.get(article=b)
    assert StoryMember.objects.get(article=a).story_id == member.story_id
    return member.story, a, b


@pytest.fixture
def contributor_client(client, contributor):
    client.force_login(contributor)
    return client


def test_compare_view_is_404_for_articles_a_contributor_may_not_open(
    hidden_story, contributor_client, client, editor
):
    story, a, b = hidden_story
    url = reverse("admin:articles_story_compare", args=[story.pk, a.pk, b.pk])
    page = contributor_client.get(url)
    assert page.status_code == 404
    assert a.body_text[:40] not in page.content.decode()
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_story_list_and_page_hide_unpublished_titles(hidden_story, contributor_client):
    story, a, _b = hidden_story
    listing = contributor_client.get(reverse("admin:articles_story_changelist"))
    assert listing.status_code == 200
    assert "Rahasia" not in listing.content.decode()
    page = contributor_client.get(
        reverse("admin:articles_story_change", args=[story.pk])
    )
    assert page.status_code == 404


def test_story_page_lists_only_the_members_a_contributor_may_open(
    hidden_story, contributor, contributor_client
):
    story, a, b = hidden_story
    # The canonical version is published; the other one stays in review.
    canonical = Article.objects.get(pk=story.canonical_id)
    other = b if canonical.pk == a.pk else a
    Article.objects.filter(pk=canonical.pk).update(
        status=Article.Status.PUBLISHED,
        publish_at=datetime.datetime(2025, 3, 10, tzinfo=datetime.UTC),
    )
    page = contributor_client.get(
        reverse("admin:articles_story_change", args=[story.pk])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert canonical.title in html
    assert other.title not in html
    compare = reverse(
        "admin:articles_story_compare", args=[story.pk, canonical.pk, other.pk]
    )
    assert contributor_client.get(compare).status_code == 404


def test_story_autocomplete_finds_no_unpublished_title(
    hidden_story, contributor_client, client, editor
):
    url = reverse("admin:autocomplete")
    params = {
        "app_label": "articles",
        "model_name": "storymember",
        "field_name": "story",
        "term": "Rahasia",
    }
    found = contributor_client.get(url, params)
    assert found.status_code == 200
    assert found.json()["results"] == []
    client.force_login(editor)
    assert len(client.get(url, params).json()["results"]) == 1


def test_article_form_story_note_names_no_version_the_reader_may_not_open(
    editor, contributor, contributor_client, make_source
):
    def write(name, outlet, by, title):
        article = Article(
            title=title,
            body=body(name),
            source=make_source(outlet),
            original_published_on=datetime.date(2025, 3, 10),
            status=Article.Status.REVIEW if by == editor else Article.Status.DRAFT,
        )
        return editorial.article_update(article=article, by=by)

    write("s01_a.txt", "BantenPos", editor, "Versi redaksi yang dirahasiakan")
    own = write("s01_b.txt", "Kabar Industri", contributor, "Versi kontributor")
    assert StoryMember.objects.get(article=own).matched_id is not None
    page = contributor_client.get(
        reverse("admin:articles_article_change", args=[own.pk])
    )
    assert page.status_code == 200
    assert "Versi redaksi yang dirahasiakan" not in page.content.decode()


def test_story_decisions_need_a_person_with_the_permission(hidden_story, contributor):
    """Issue 26: the desk's story decisions refuse a contributor, and a call
    that names nobody (it used to pass as "the newsroom's own processes")."""
    from django.core.exceptions import PermissionDenied

    from articles import stories

    story, a, b = hidden_story
    for user in (contributor, None):
        with pytest.raises(PermissionDenied):
            stories.story_set_canonical(story=story, article=b, by=user)
        with pytest.raises(PermissionDenied):
            stories.story_split(story=story, articles=[b], by=user)
        with pytest.raises(PermissionDenied):
            stories.stories_merge(stories=[story], into=story, by=user)
    assert StoryMember.objects.filter(story=story).count() == 2
