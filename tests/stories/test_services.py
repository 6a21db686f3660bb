"""Keeping stories: attach, merge, split, canonical, re-check on save, deleted
articles, rebuild; and lists that show a story once."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles import editorial as article_services
from articles import stories as services
from articles.evaluation.stories import DEFAULT_SET
from articles.importing.parsers import parse_text
from articles.models import Article, Band, Signature, Story, StoryMember
from articles.site import related


def body(name):
    """A labelled text as paragraphs of HTML (the form's body)."""
    text = parse_text((DEFAULT_SET / name).read_text(), origin=name).text
    return "".join(f"<p>{p}</p>" for p in text.split("\n\n"))


@pytest.fixture
def write(editor):
    """Save a new article the newsroom's way (``article_update``)."""

    def make(name, *, source=None, day=datetime.date(2025, 3, 10), **fields):
        article = Article(
            title=fields.pop("title", name),
            body=body(name),
            source=source,
            original_published_on=day,
            status=fields.pop("status", Article.Status.PUBLISHED),
            publish_at=fields.pop("publish_at", timezone.now()),
            **fields,
        )
        return article_services.article_update(article=article, by=editor)

    return make


def story_of(article):
    return StoryMember.objects.get(article=article).story


def test_a_saved_copy_joins_the_story_and_is_indexed(write, make_source):
    original = write("s01_a.txt", source=make_source("BantenPos"))
    copy = write("s01_b.txt", source=make_source("Kabar Industri"))
    assert Signature.objects.filter(article=copy).exists()
    assert Band.objects.filter(article=copy).count() == 64
    story = story_of(copy)
    assert story == story_of(original)
    member = StoryMember.objects.get(article=copy)
    assert member.matched == original
    assert member.method == StoryMember.Method.SAVE
    assert story.canonical == original


def test_editing_a_copy_into_another_text_takes_it_out(write, editor):
    original = write("s01_a.txt")
    copy = write("s01_b.txt")
    assert Story.objects.count() == 1
    copy.body = body("s02_a.txt")
    article_services.article_update(article=copy, by=editor)
    assert not StoryMember.objects.filter(article=copy).exists()
    # A story of one article ends.
    assert Story.objects.count() == 0
    assert not StoryMember.objects.filter(article=original).exists()


def test_an_unchanged_text_is_not_checked_again(write, editor, monkeypatch):
    article = write("s01_a.txt")
    called = []
    monkeypatch.setattr(
        services, "article_text_changed", lambda **kwargs: called.append(kwargs)
    )
    article.title = "Judul baru"
    article_services.article_update(article=article, by=editor)
    assert called == []


def test_canonical_is_the_earliest_with_a_known_source(write, make_source):
    early = write("s01_a.txt", day=datetime.date(2025, 3, 9))
    sourced = write("s01_b.txt", source=make_source(), day=datetime.date(2025, 3, 10))
    write("s01_c.txt", source=make_source(), day=datetime.date(2025, 3, 11))
    story = story_of(early)
    assert story.canonical == sourced
    assert timezone.localdate(story.first_seen) == datetime.date(2025, 3, 9)
    assert timezone.localdate(story.last_seen) == datetime.date(2025, 3, 11)


def test_the_desk_picks_the_canonical_and_a_refresh_keeps_it(write, editor):
    write("s01_a.txt")
    chosen = write("s01_c.txt")
    story = story_of(chosen)
    services.story_set_canonical(story=story, article=chosen, by=editor)
    write("s01_d.txt")
    story.refresh_from_db()
    assert story.canonical == chosen and story.canonical_by_desk
    with pytest.raises(ValueError):
        services.story_set_canonical(story=story, article=write("s02_a.txt"), by=editor)


def test_merge_and_split(write, editor):
    a = write("s01_a.txt")
    write("s01_b.txt")
    c = write("s02_a.txt", day=datetime.date(2025, 4, 17))
    write("s02_b.txt", day=datetime.date(2025, 4, 17))
    first, second = story_of(a), story_of(c)
    merged = services.stories_merge(stories=[first, second], into=first, by=editor)
    assert merged.members.count() == 4
    assert Story.objects.count() == 1
    assert set(merged.members.values_list("method", flat=True)) == {"desk"}
    new = services.story_split(story=merged, articles=[c], by=editor)
    assert list(new.members.values_list("article", flat=True)) == [c.pk]
    assert merged.members.count() == 3
    # The desk's stories survive a rebuild as they are, even one of one article.
    call_command("rebuild_stories", verbosity=0)
    assert story_of(c) == new
    assert story_of(a) == merged


def test_deleting_the_canonical_article_picks_another_or_ends_the_story(write):
    a = write("s01_a.txt")
    b = write("s01_b.txt")
    c = write("s01_c.txt")
    story = story_of(a)
    a.delete()
    story.refresh_from_db()
    assert story.canonical in (b, c)
    b.delete()
    assert not Story.objects.filter(pk=story.pk).exists()
    assert not StoryMember.objects.filter(article=c).exists()


def test_rebuild_finds_the_stories_saved_articles_would(write):
    write("s01_a.txt")
    write("s01_b.txt")
    write("s01_d.txt")
    write("s02_a.txt", day=datetime.date(2025, 4, 17))
    before = {
        frozenset(s.members.values_list("article_id", flat=True))
        for s in Story.objects.all()
    }
    Signature.objects.all().delete()
    Band.objects.all().delete()
    StoryMember.objects.all().delete()
    Story.objects.all().delete()
    call_command("rebuild_stories", verbosity=0)
    after = {
        frozenset(s.members.values_list("article_id", flat=True))
        for s in Story.objects.all()
    }
    assert after == before
    assert Signature.objects.count() == 4
    # Every article but each story's first says which article it copies.
    firsts = {min(group) for group in after}
    assert all(
        m.matched_id for m in StoryMember.objects.all() if m.article_id not in firsts
    )


def test_lists_show_a_story_once(write):
    a = write("s01_a.txt")
    b = write("s01_b.txt")
    other = write("s02_a.txt", day=datetime.date(2025, 4, 17))
    story = story_of(a)
    assert story.canonical == a
    assert set(Article.objects.listed()) == {a, other}
    # The canonical version not public: the story's published versions show.
    Article.objects.filter(pk=a.pk).update(status=Article.Status.REVIEW)
    assert set(Article.objects.listed()) == {b, other}


def test_coverage_names_the_other_public_versions_and_their_extra_tags(
    write, make_region, make_entity, make_source
):
    a = write("s01_a.txt", source=make_source("BantenPos"))
    b = write("s01_b.txt", source=make_source("Kabar Industri"))
    c = write("s01_c.txt", status=Article.Status.REVIEW)
    region, entity = make_region("Kota Cilegon"), make_entity("PT KBCT")
    b.regions.set([region])
    b.entities.set([entity])
    from articles.site.listing import attach_tags

    attach_tags([a])
    found = related.coverage(a)
    assert found.others == [b]  # c is in review: not named to readers
    assert found.regions == [region]
    assert found.entities == [entity]
    assert related.coverage(c).others == [a, b]


def test_story_changes_that_readers_see_move_the_content_stamp(write, editor):
    from articles.models import ContentVersion

    def version():
        row = ContentVersion.objects.filter(pk=1).first()
        return row.version if row else 0

    a = write("s01_a.txt", status=Article.Status.REVIEW, publish_at=None)
    b = write("s01_b.txt", status=Article.Status.REVIEW, publish_at=None)
    story = story_of(a)
    before = version()
    services.story_set_canonical(story=story, article=b, by=editor)
    assert version() == before  # nothing public: caches stay
    article_services.articles_set_status(
        articles=Article.objects.filter(pk__in=[a.pk, b.pk]),
        to_status=Article.Status.PUBLISHED,
        by=editor,
    )
    before = version()
    services.story_set_canonical(story=story, article=a, by=editor)
    assert version() > before
    assert list(Article.objects.listed()) == [a]


def test_a_rebuild_keeps_what_a_copy_adds(write):
    write("s01_a.txt")
    copy = write("s01_d.txt")
    adds = StoryMember.objects.get(article=copy).additions
    assert "Agus Salim Mubarok" in adds["names"]
    call_command("rebuild_stories", verbosity=0)
    member = StoryMember.objects.get(article=copy)
    assert member.method == StoryMember.Method.REBUILD
    assert member.additions == adds


def test_looking_a_text_up_is_one_query(write, django_assert_num_queries):
    from articles.stories.index import signature

    write("s01_a.txt")
    write("s01_b.txt")
    sig = signature(
        parse_text((DEFAULT_SET / "s01_c.txt").read_text(), origin="c").text
    )
    with django_assert_num_queries(1):
        found = services.find_same_story(sig, datetime.date(2025, 3, 10))
    assert found.story_id == Story.objects.get().pk
