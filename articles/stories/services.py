"""Stories: finding the story a text belongs to, and keeping stories (attach,
merge, split, canonical, re-check on save, rebuild).

Reads (``find_same_story``) are one query whatever the size of the archive: the
band keys of the new text within the date window select the candidates, whose
signatures and stories come back. Writes never rewrite an article: membership is its own
row (``StoryMember``), so an import that finds an archived article's copy does
not raise that article's version under an editor who has it open.
"""

import datetime
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, DateTimeField, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from articles.freshness import content_changed, mark_stale
from articles.models import Article, workflow
from articles.models.stories import Band, Signature, Story, StoryMember
from articles.stories import compare
from articles.stories.index import (
    PARAMS,
    Match,
    Sig,
    assign_stories,
    band_keys,
    days_apart,
    is_same_story,
    same_story_matches,
    signature,
)
from articles.stories.index import compare as compare_sig

Method = StoryMember.Method


def _as_day(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def article_day(article) -> datetime.date:
    """The day an article was first seen: its original publication date, else
    its publish time, else when it was created (today for a new one)."""
    return (
        _as_day(article.original_published_on)
        or _as_day(article.publish_at)
        or _as_day(article.created_at)
        or timezone.localdate()
    )


def seen_at(article) -> datetime.datetime:
    """The moment an article was first seen, for a story's first and last seen
    and its earliest article."""
    if article.original_published_on:
        day = article.original_published_on
        return timezone.make_aware(datetime.datetime(day.year, day.month, day.day))
    return article.publish_at or article.created_at


# The index ------------------------------------------------------------------


def index_rows(article, sig: Sig | None, day=None) -> tuple[list, list]:
    """The unsaved ``Signature`` row of ``article`` (saved, with a pk) and its
    ``Band`` rows as ``(article id, key, day)`` for ``insert_bands``: an
    article has 64 of them, a batch thousands, not worth a model instance
    each."""
    if sig is None:
        return [], []
    day = day or article_day(article)
    signature_row = Signature(
        article_id=article.pk,
        content_hash=article.content_hash,
        day=day,
        shingles=sig.shingles,
        minhash=sig.to_bytes(),
        hashes=sig.hashes_bytes(),
        figures=sig.figures_text(),
    )
    bands = [(article.pk, key, day) for key in band_keys(sig)]
    return [signature_row], bands


def index_article(article) -> Sig | None:
    """Put ``article``'s current text in the index (replacing what was there);
    return its signature."""
    sig = signature(article.body_text)
    Signature.objects.filter(article_id=article.pk).delete()
    Band.objects.filter(article_id=article.pk).delete()
    signatures, bands = index_rows(article, sig)
    Signature.objects.bulk_create(signatures)
    insert_bands(bands)
    return sig


def insert_bands(bands) -> None:
    """Insert ``Band`` rows, ``(article id, key, day)`` each, as one prepared
    statement run for every row: an article has 64 of them, and a batch of
    ``bulk_create`` statements would be cut to a few hundred rows each by
    SQLite's parameter limit."""
    if not bands:
        return
    quote = connection.ops.quote_name
    table = quote(Band._meta.db_table)
    columns = ", ".join(quote(name) for name in ("article_id", "key", "day"))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s)",
            bands,
        )


@dataclass
class Found:
    """The archived article a text copies best, and its story (if any)."""

    article_id: int
    match: Match
    story_id: int | None = None


def candidates(sig: Sig, day, *, exclude=()) -> list[tuple]:
    """Archived articles sharing a band key with ``sig`` within the window around
    ``day`` (the ``max_candidates`` sharing most): ``(article id, signature,
    day, story id or None)``. One query."""
    bands = Band.objects.filter(key__in=band_keys(sig))
    window = PARAMS.window_days
    if window is not None and day is not None:
        span = datetime.timedelta(days=window)
        bands = bands.filter(day__range=(day - span, day + span))
    if exclude:
        bands = bands.exclude(article_id__in=list(exclude))
    best = (
        bands.values("article_id")
        .annotate(shared=Count("pk"))
        .order_by("-shared", "-article_id")
        .values("article_id")[: PARAMS.max_candidates]
    )
    story = StoryMember.objects.filter(article_id=OuterRef("article_id"))
    rows = (
        Signature.objects.filter(article_id__in=best)
        .annotate(story_id=Subquery(story.values("story_id")[:1]))
        .values_list("article_id", "minhash", "hashes", "figures", "day", "story_id")
    )
    return [
        (pk, Sig.from_bytes(values, hashes, figures), other_day, story_id)
        for pk, values, hashes, figures, other_day, story_id in rows
    ]


# Band keys looked up in one query by ``archived_keys``.
KEYS_CHUNK = 900


def archived_keys(keys) -> set[int]:
    """Which of the band ``keys`` the archive holds (on any day): one query per
    ``KEYS_CHUNK`` of them. A batch of texts asks this once, and then only the
    texts sharing a key with the archive for their candidates."""
    keys, found = sorted(set(keys)), set()
    for start in range(0, len(keys), KEYS_CHUNK):
        found.update(
            Band.objects.filter(key__in=keys[start : start + KEYS_CHUNK])
            .order_by()
            .values_list("key", flat=True)
            .distinct()
        )
    return found


def find_same_story(
    sig: Sig | None, day, *, exclude=(), archived_keys=None
) -> Found | None:
    """The archived article that ``sig``'s text (seen on ``day``) copies best,
    with its story; ``None`` if none is the same story. Reads only; one query,
    none when ``archived_keys`` (the archive's keys among those of the texts
    looked up, from ``archived_keys()``) holds none of ``sig``'s."""
    if sig is None:
        return None
    if archived_keys is not None and archived_keys.isdisjoint(band_keys(sig)):
        return None
    found = candidates(sig, day, exclude=exclude)
    matches = same_story_matches(
        sig, [(pk, other, other_day) for pk, other, other_day, _story in found], day
    )
    if not matches:
        return None
    pk, match = matches[0]
    story_id = next(story for other, _sig, _day, story in found if other == pk)
    return Found(pk, match, story_id)


# Stories ---------------------------------------------------------------------


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
def stories_merge(*, stories, into, by=None) -> Story:
    """Move every article of ``stories`` into ``into`` (placed by the desk)."""
    others = [s.pk for s in stories if s.pk != into.pk]
    StoryMember.objects.filter(story_id__in=[*others, into.pk]).update(
        story=into, method=Method.DESK, added_by=by
    )
    Story.objects.filter(pk__in=others).delete()
    stories_refresh([into.pk])
    into.refresh_from_db()
    return into


@transaction.atomic
def story_split(*, story, articles, by=None) -> Story:
    """Move ``articles`` (members of ``story``) into a story of their own. Both
    stories are then the desk's: a rebuild keeps them as they are."""
    ids = [a.pk for a in articles]
    new = Story.objects.create()
    StoryMember.objects.filter(story=story, article_id__in=ids).update(
        story=new, method=Method.DESK, added_by=by, matched=None
    )
    StoryMember.objects.filter(story=story).update(method=Method.DESK)
    stories_refresh([story.pk, new.pk])
    return new


@transaction.atomic
def story_set_canonical(*, story, article, by=None) -> Story:
    """Make ``article`` (a member) the version the public lists show."""
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


# Public ----------------------------------------------------------------------


def rebuild(*, chunk=2000, progress=None) -> dict:
    """Recompute the index of every article and the stories found by text.

    The desk's work stays: articles it placed keep their story (and are not
    matched against by the clustering), and its canonical choices hold. Every
    other membership is recomputed the way imports find them: oldest article
    first, each joins the story of the earlier article it copies best. One pass
    over the archive in date order, holding only the articles of the last few
    days in memory. Returns counts.
    """
    progress = progress or (lambda message: None)
    _empty_index()
    desk = set(
        StoryMember.objects.filter(method=Method.DESK).values_list(
            "article_id", flat=True
        )
    )
    seen = Coalesce(
        Cast("original_published_on", DateTimeField()), "publish_at", "created_at"
    )
    # The order first (ids only: sorting whole rows would hold every text in
    # the database's sorter), then the texts a chunk at a time.
    order = list(
        Article.objects.annotate(seen=seen)
        .order_by("seen", "pk")
        .values_list("pk", flat=True)
    )
    total = len(order)
    columns = (
        "pk",
        "body_text",
        "content_hash",
        "original_published_on",
        "publish_at",
        "created_at",
    )

    def items():
        done = 0
        for start in range(0, total, chunk):
            ids = order[start : start + chunk]
            by_pk = Article.objects.only(*columns).in_bulk(ids)
            batch = []
            for pk in ids:
                article = by_pk.get(pk)
                if article is None:  # deleted meanwhile
                    continue
                sig = signature(article.body_text)
                day = article_day(article)
                batch.append((article, sig, day))
                if pk not in desk:
                    yield pk, sig, day
            _write_index(batch)
            done += len(batch)
            progress(f"indexed {done}/{total}")

    assigned = assign_stories(items(), PARAMS)
    groups = {}
    for pk, (root, matched, match) in assigned.items():
        groups.setdefault(root, []).append((pk, matched, match))
    clusters = [members for members in groups.values() if len(members) > 1]
    with transaction.atomic():
        # What a copy adds stays known when it is found copying the same article.
        notes = {
            article_id: (matched_id, additions)
            for article_id, matched_id, additions in StoryMember.objects.exclude(
                method=Method.DESK
            )
            .exclude(additions={})
            .values_list("article_id", "matched_id", "additions")
            .iterator(chunk_size=5000)
        }
        StoryMember.objects.exclude(method=Method.DESK).delete()
        stories = Story.objects.bulk_create([Story() for _ in clusters])
        members = [
            StoryMember(
                story=story,
                article_id=pk,
                matched_id=matched,
                similarity=round(match.score, 3) if match else None,
                additions=notes[pk][1]
                if pk in notes and notes[pk][0] == matched
                else {},
                method=Method.REBUILD,
            )
            for story, cluster in zip(stories, clusters, strict=True)
            for pk, matched, match in cluster
        ]
        StoryMember.objects.bulk_create(members, batch_size=2000)
        Story.objects.filter(members__isnull=True).delete()
        ids = list(Story.objects.values_list("pk", flat=True))
        for start in range(0, len(ids), 5000):  # within SQLite's parameter limit
            stories_refresh(ids[start : start + 5000])
    if connection.vendor == "postgresql":
        # Fresh statistics for the lookups' plans, as after generate_corpus.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {_tables()}")
    content_changed(everything=True)
    return {
        "articles": total,
        "stories": len(clusters),
        "members": len(members),
        "kept_by_desk": len(desk),
    }


def _tables() -> str:
    quote = connection.ops.quote_name
    return ", ".join(quote(m._meta.db_table) for m in (Band, Signature))


def _empty_index() -> None:
    """Drop every signature and band row. On PostgreSQL by TRUNCATE: deleting
    millions of rows would leave them dead in the table until a vacuum (the
    band table read 1.5 GB instead of 0.85 after one rebuild)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Deferred foreign-key checks of rows written earlier in this
            # transaction would refuse the TRUNCATE: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {_tables()}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        return
    with transaction.atomic():
        Band.objects.all().delete()
        Signature.objects.all().delete()


@transaction.atomic
def _write_index(batch) -> None:
    signatures, bands = [], []
    for article, sig, day in batch:
        rows, keys = index_rows(article, sig, day)
        signatures += rows
        bands += keys
    Signature.objects.bulk_create(signatures, batch_size=1000)
    insert_bands(bands)


# Deleting an article (any path: admin, bulk, cascade) -------------------------


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
