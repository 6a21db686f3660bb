"""Rebuilding the index and the stories found by text, for every article."""

from django.db import connection, transaction
from django.db.models import DateTimeField
from django.db.models.functions import Cast, Coalesce

from articles.freshness import content_changed
from articles.models import Article
from articles.models.stories import Band, Signature, Story, StoryMember
from articles.stories.index import PARAMS, signature
from articles.stories.matching import article_day, index_rows, insert_bands
from articles.stories.membership import stories_refresh
from articles.stories.memory import assign_stories

Method = StoryMember.Method


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
