"""Stories in the newsroom: the list, merge, canonical, split and the
side-by-side comparison (escaped)."""

import datetime

import pytest
from django.urls import reverse

from articles import editorial as article_services
from articles.models import Article, Story, StoryMember
from articles.site import related

from .test_services import body


@pytest.fixture
def story(editor, make_source):
    def make(name, outlet, day=datetime.date(2025, 3, 10)):
        article = Article(
            title=name,
            body=body(name),
            source=make_source(outlet),
            original_published_on=day,
            status=Article.Status.REVIEW,
        )
        return article_services.article_update(article=article, by=editor)

    articles = [
        make("s01_a.txt", "BantenPos"),
        make("s01_b.txt", "Kabar Industri"),
        make("s01_c.txt", "Cilegon Today"),
    ]
    other = [
        make("s02_a.txt", "Sumbawa News", datetime.date(2025, 4, 17)),
        make("s02_b.txt", "Indonusa", datetime.date(2025, 4, 17)),
    ]
    return articles, other


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def test_the_list_shows_size_outlets_and_dates(story, admin_client):
    page = admin_client.get(reverse("admin:articles_story_changelist"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "BantenPos, Cilegon Today, Kabar Industri" in html
    assert "Indonusa, Sumbawa News" in html
    size_three = admin_client.get(
        reverse("admin:articles_story_changelist") + "?size=3"
    ).content.decode()
    assert "BantenPos" in size_three and "Indonusa" not in size_three


def test_merge_action(story, admin_client):
    response = admin_client.post(
        reverse("admin:articles_story_changelist"),
        {
            "action": "merge_stories",
            "_selected_action": list(Story.objects.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 302
    assert Story.objects.get().members.count() == 5


def test_pick_the_canonical_version(story, admin_client):
    articles, _other = story
    current = StoryMember.objects.get(article=articles[0]).story
    url = reverse("admin:articles_story_change", args=[current.pk])
    admin_client.post(url, {"canonical": articles[2].pk})
    current.refresh_from_db()
    assert current.canonical == articles[2] and current.canonical_by_desk
    # Not a member: refused.
    response = admin_client.post(url, {"canonical": story[1][0].pk})
    assert response.status_code == 404


def test_split_articles_off(story, admin_client):
    articles, _other = story
    current = StoryMember.objects.get(article=articles[0]).story
    url = reverse("admin:articles_story_change", args=[current.pk])
    page = admin_client.get(url).content.decode()
    assert "Kabar Industri" in page and "Jadikan utama" in page
    admin_client.post(url, {"split": "1", "articles": [articles[2].pk]})
    assert StoryMember.objects.get(article=articles[2]).story != current
    assert current.members.count() == 2


def test_a_contributor_sees_stories_but_changes_nothing(story, client, contributor):
    client.force_login(contributor)
    articles, _other = story
    # Published: a contributor sees only stories of articles they may open
    # (tests/stories/test_row_rules.py).
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(
        status=Article.Status.PUBLISHED,
        publish_at=datetime.datetime(2025, 3, 10, tzinfo=datetime.UTC),
    )
    current = StoryMember.objects.get(article=articles[0]).story
    url = reverse("admin:articles_story_change", args=[current.pk])
    page = client.get(url).content.decode()
    assert articles[0].title in page
    assert "Jadikan utama" not in page
    assert client.post(url, {"canonical": articles[2].pk}).status_code == 403


def test_the_comparison_marks_differences_and_escapes_text(editor, admin_client):
    def make(text):
        article = Article(
            title="Pabrik <b>baja</b>",
            body="".join(f"<p>{line}</p>" for line in text),
            status=Article.Status.REVIEW,
            original_published_on=datetime.date(2025, 3, 10),
        )
        return article_services.article_update(article=article, by=editor)

    shared = [" ".join(f"kata{n}" for n in range(k, k + 60)) for k in range(0, 300, 60)]
    a = make(shared)
    b = make([*shared, "Kutipan &lt;script&gt;alert(1)&lt;/script&gt; baru"])
    member = StoryMember.objects.get(article=b)
    url = reverse("admin:articles_story_compare", args=[member.story_id, a.pk, b.pk])
    html = admin_client.get(url).content.decode()
    assert "<ins>Kutipan &lt;script&gt;alert(1)&lt;/script&gt; baru</ins>" in html
    assert "<script>alert(1)" not in html
    assert "Pabrik &lt;b&gt;baja&lt;/b&gt;" in html
    # An article outside the story: 404.
    outside = reverse(
        "admin:articles_story_compare", args=[member.story_id, a.pk, 999_999]
    )
    assert admin_client.get(outside).status_code == 404


def test_the_article_form_notes_an_article_in_no_story(editor, admin_client):
    article = article_services.article_update(
        article=Article(
            title="Sendiri",
            body="<p>Satu paragraf saja.</p>",
            status=Article.Status.DRAFT,
            publish_at=None,
        ),
        by=editor,
    )
    page = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert page.status_code == 200
    assert 'class="story-note"' not in page.content.decode()
    assert related.coverage(article).story is None


def test_the_article_list_filters_copies(story, admin_client):
    articles, other = story
    url = reverse("admin:articles_article_changelist")
    copies = admin_client.get(url + "?story=copy").context["cl"].result_list
    assert {a.pk for a in copies} == {articles[1].pk, articles[2].pk, other[1].pk}
    alone = admin_client.get(url + "?story=none").context["cl"].result_list
    assert not {a.pk for a in alone} & {a.pk for a in articles + other}
