"""Finding the story a text belongs to: each article's signature and band
keys in the index (``index_rows``, ``index_article``), and the archived article
a new text copies best (``find_same_story``: one query whatever the size of the
archive, the band keys of the new text within the date window selecting the
candidates, whose signatures and stories come back)."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from articles.models.stories import Band, Signature, StoryMember
from articles.stories.index import (
    PARAMS,
    Match,
    Sig,
    band_keys,
    lookup_days,
    same_story_matches,
    signature,
)


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
    window = lookup_days(PARAMS)
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
