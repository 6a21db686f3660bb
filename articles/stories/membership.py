"""Keeping stories: which articles belong to which story, and which version
the public lists show (attach, detach, merge, split, canonical, re-check on
save). Membership is its own row (``StoryMember``): an import that finds an
archived article's copy does not raise that article's version under an editor
who has it open. What the desk decides (merge, split, canonical) is for those
who may change stories."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from articles.freshness import content_changed, mark_stale
from articles.models import Article, workflow
from articles.models.stories import Signature, Story, StoryMember
from articles.stories import compare
from articles.stories.index import (
    PARAMS,
    Sig,
    days_apart,
    is_same_story,
)
from articles.stories.index import compare as compare_sig
from articles.stories.matching import (
    article_day,
    find_same_story,
    index_article,
    seen_at,
)

Method = StoryMember.Method


def _require_desk(by) -> None:
    """Only who may change stories merges, splits or picks the canonical
    version: a person's decision, so one is always named (the newsroom's own
    processes attach and detach articles, they never make these)."""
    if by is None or not by.has_perm("articles.change_story"):
        raise PermissionDenied(_("You may not change stories."))


def _default_canonical(members):
    """The earliest article with a known source, else the earliest."""
    ordered = sorted(members, key=lambda a: (seen_at(a), a.pk))
    with_source = [a for a in ordered if a.source_id]
    return (with_source or ordered)[0] if ordered else None


def stories_refresh(story_ids) -> None:
    """Recompute first and last seen and the default canonical article of the
    stories with ``story_ids``; delete those left without articles. Three
    queries however many stories."""
    story_ids = set(story_ids)
    if not story_ids:
        return
    members = {}
    rows = (
        StoryMember.objects.filter(story_id__in=story_ids)
        .select_related("article")
        .only(
            "story_id",
            "article__source_id",
            "article__original_published_on",
            "article__publish_at",
            "article__created_at",
        )
    )
    for member in rows.iterator(chunk_size=5000):
        members.setdefault(member.story_id, []).append(member.article)
    Story.objects.filter(pk__in=story_ids - set(members)).delete()
    stories = list(Story.objects.filter(pk__in=members))
    for story in stories:
        articles = members[story.pk]
        seen = [seen_at(a) for a in articles]
        story.first_seen, story.last_seen = min(seen), max(seen)
        if not (
            story.canonical_by_desk and story.canonical_id in {a.pk for a in articles}
        ):
            story.canonical_by_desk = False
            story.canonical = _default_canonical(articles)
    Story.objects.bulk_update(
        stories, ["first_seen", "last_seen", "canonical", "canonical_by_desk"]
    )
    _public_changed(story_ids)


def _public_changed(story_ids) -> None:
    """Move the content stamp if the stories with ``story_ids`` have a public
    article: which version lists show, and "also reported by", may have changed
    (stories of drafts and articles in review change nothing public)."""
    public = list(
        Article.objects.published()
        .filter(story_member__story_id__in=list(story_ids))
        .values_list("pk", flat=True)
    )
    if public:
        # Which version of each story is listed, and so counted, may have moved.
        content_changed(articles=public)


@transaction.atomic
def story_attach(
    *, article, to, match=None, method=Method.SAVE, by=None, story=None
) -> Story:
    """Put ``article`` in the story of ``to`` (an article it copies), starting a
    story of the two if ``to`` is in none; record what ``article`` adds to it."""
    story = story or getattr(_member(to), "story", None)
    if story is None:
        story = Story.objects.create()
        StoryMember.objects.create(story=story, article=to, method=method, added_by=by)
    StoryMember.objects.update_or_create(
        article=article,
        defaults={
            "story": story,
            "matched": to,
            "similarity": round(match.score, 3) if match else None,
            "additions": compare.additions(to.body_text, article.body_text),
            "method": method,
            "added_by": by,
        },
    )
    stories_refresh([story.pk])
    return story


def _member(article) -> StoryMember | None:
    return StoryMember.objects.filter(article=article).select_related("story").first()


@transaction.atomic
def story_detach(*, article) -> None:
    """Take ``article`` out of its story (a story left with one article ends)."""
    member = _member(article)
    if member is None:
        return
    if workflow.is_public(article):
        mark_stale(articles=[article.pk])  # with the story it leaves
    member.delete()
    if workflow.is_public(article):
        content_changed(articles=[article.pk])
    _end_singletons([member.story_id])


def _end_singletons(story_ids) -> None:
    """Stories with fewer than two articles end, unless the desk made them."""
    lone = (
        Story.objects.filter(pk__in=list(story_ids))
        .annotate(size=Count("members"))
        .filter(size__lt=2)
        .exclude(members__method=Method.DESK)
    )
    StoryMember.objects.filter(story__in=lone).delete()
    Story.objects.filter(pk__in=list(lone.values_list("pk", flat=True))).delete()
    stories_refresh(story_ids)


@transaction.atomic
def stories_merge(*, stories, into, by) -> Story:
    """Move every article of ``stories`` into ``into`` (placed by the desk)."""
    _require_desk(by)
    others = [s.pk for s in stories if s.pk != into.pk]
    StoryMember.objects.filter(story_id__in=[*others, into.pk]).update(
        story=into, method=Method.DESK, added_by=by
    )
    Story.objects.filter(pk__in=others).delete()
    stories_refresh([into.pk])
    into.refresh_from_db()
    return into


@transaction.atomic
def story_split(*, story, articles, by) -> Story:
    """Move ``articles`` (members of ``story``) into a story of their own. Both
    stories are then the desk's: a rebuild keeps them as they are."""
    _require_desk(by)
    ids = [a.pk for a in articles]
    new = Story.objects.create()
    StoryMember.objects.filter(story=story, article_id__in=ids).update(
        story=new, method=Method.DESK, added_by=by, matched=None
    )
    StoryMember.objects.filter(story=story).update(method=Method.DESK)
    stories_refresh([story.pk, new.pk])
    return new


@transaction.atomic
def story_set_canonical(*, story, article, by) -> Story:
    """Make ``article`` (a member) the version the public lists show."""
    _require_desk(by)
    if not StoryMember.objects.filter(story=story, article=article).exists():
        raise ValueError("The canonical article must belong to the story.")
    story.canonical = article
    story.canonical_by_desk = True
    story.save(update_fields=["canonical", "canonical_by_desk"])
    _public_changed([story.pk])
    return story


def article_text_changed(*, article, by=None) -> None:
    """After ``article``'s text changed (or it was created): index the new
    text; a copy that no longer matches any article of its story leaves it, and
    an article in no story joins the one it now copies. The desk's placements
    stay as they are."""
    sig = index_article(article)
    member = _member(article)
    if member is not None:
        if member.method == Method.DESK:
            return
        if sig is None:  # too short to compare now: no longer a known copy
            story_detach(article=article)
            return
        others = Signature.objects.filter(
            article__story_member__story_id=member.story_id
        ).exclude(article_id=article.pk)
        day = article_day(article)
        if any(
            is_same_story(
                compare_sig(sig, Sig.from_bytes(row.minhash, row.hashes, row.figures)),
                PARAMS,
                days_apart(day, row.day),
            )
            for row in others
        ):
            return
        story_detach(article=article)
    found = find_same_story(sig, article_day(article), exclude=[article.pk])
    if found is not None:
        story_attach(
            article=article,
            to=Article.objects.get(pk=found.article_id),
            match=found.match,
            method=Method.SAVE,
            by=by,
        )


def before_article_deleted(sender, instance, **kwargs):
    instance._story_id = (
        StoryMember.objects.filter(article_id=instance.pk)
        .values_list("story_id", flat=True)
        .first()
    )


def after_article_deleted(sender, instance, **kwargs):
    """A story that lost an article: a new canonical if it was that one, and
    the story ends if one article is left."""
    story_id = getattr(instance, "_story_id", None)
    if story_id is not None:
        _end_singletons([story_id])
