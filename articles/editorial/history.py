"""Revisions that tell the truth about tags.

Every revision of an article (django-simple-history) also records the regions,
topics, entities and keywords the article carried (``HistoricalArticle.tags``),
so its history shows tag changes and restoring a revision brings them back. A
tag that no longer exists (an entity merged away, a deleted topic) cannot come
back; ``restorable`` says which.

Writes that change what articles carry without going through
``services.article_update`` (merging, splitting or un-merging entities) call
``record_link_changes``, which raises each article's version (so a form opened
before the change is refused) and writes a revision for it.
"""

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag

from entities.models import Entity, Region

TAG_FIELDS = ("regions", "topics", "entities", "keywords")
# Restoring a revision brings back its content and tags, never where the article
# stands in the workflow (as Wagtail and WordPress do): these stay as they are.
KEPT_ON_RESTORE = (
    "status",
    "publish_at",
    "is_featured",
    "assignee_id",
    "status_changed_at",
    "status_changed_by_id",
)


def _models():
    from articles.models import Topic

    return {"regions": Region, "topics": Topic, "entities": Entity, "keywords": Tag}


def _label(obj) -> str:
    return str(obj.name)


def snapshot(tags: dict) -> dict:
    """The JSON form of ``{field: objects}``: ``{field: [[pk, name], …]}``,
    sorted by name (pks restore, names are shown)."""
    return {
        field: sorted(([obj.pk, _label(obj)] for obj in objects), key=lambda p: p[1])
        for field, objects in tags.items()
    }


def current_tags(article) -> dict:
    """The tags a saved ``article`` carries now, as objects."""
    if article.pk is None:
        return {field: [] for field in TAG_FIELDS}
    return {
        "regions": list(article.regions.all()),
        "topics": list(article.topics.all()),
        "entities": list(article.entities.all()),
        "keywords": list(article.keywords.all()),
    }


def tags_of(article_ids) -> dict[int, dict]:
    """The snapshots of many articles' current tags, in four queries."""
    from articles.models import Article, TaggedEntity, TaggedKeyword

    result = {pk: {field: [] for field in TAG_FIELDS} for pk in article_ids}
    rows = [
        (
            "regions",
            Article.regions.through.objects.filter(
                article_id__in=article_ids
            ).values_list("article_id", "region_id", "region__name"),
        ),
        (
            "topics",
            Article.topics.through.objects.filter(
                article_id__in=article_ids
            ).values_list("article_id", "topic_id", "topic__name"),
        ),
        (
            "entities",
            TaggedEntity.objects.filter(content_object_id__in=article_ids).values_list(
                "content_object_id", "tag_id", "tag__name"
            ),
        ),
        (
            "keywords",
            TaggedKeyword.objects.filter(content_object_id__in=article_ids).values_list(
                "content_object_id", "tag_id", "tag__name"
            ),
        ),
    ]
    for field, values in rows:
        for article_id, pk, name in values:
            result[article_id][field].append([pk, name])
    for tags in result.values():
        for pairs in tags.values():
            pairs.sort(key=lambda p: p[1])
    return result


def fill_revision_tags(sender, instance, history_instance, **kwargs):
    """``pre_create_historical_record`` receiver: record the tags the article is
    being saved with (``instance._history_tags``, set by the service that also
    sets them) or, failing that, the tags it carries now."""
    intended = getattr(instance, "_history_tags", None)
    if intended is None:
        intended = snapshot(current_tags(instance))
    history_instance.tags = intended


def tag_changes(older: dict, newer: dict) -> list[str]:
    """What changed between two snapshots, for people: "+ Topic: Baja"."""
    labels = {
        "regions": _("Region"),
        "topics": _("Topic"),
        "entities": _("Entity"),
        "keywords": _("Keyword"),
    }
    lines = []
    for field in TAG_FIELDS:
        before = {name for _pk, name in (older or {}).get(field, [])}
        after = {name for _pk, name in (newer or {}).get(field, [])}
        lines += [f"+ {labels[field]}: {name}" for name in sorted(after - before)]
        lines += [f"− {labels[field]}: {name}" for name in sorted(before - after)]
    return lines


def restorable(tags: dict) -> tuple[dict, list[str]]:
    """The objects a revision's tag snapshot names that still exist, and the
    names of those that do not (they cannot be restored)."""
    found, missing = {}, []
    for field, model in _models().items():
        pairs = (tags or {}).get(field, [])
        existing = model.objects.in_bulk([pk for pk, _name in pairs])
        found[field] = [existing[pk] for pk, _name in pairs if pk in existing]
        missing += [name for pk, name in pairs if pk not in existing]
    return found, missing


def record_link_changes(article_ids, *, by, reason, chunk=1000) -> int:
    """Raise the version of every article in ``article_ids`` and write a revision
    of each with its tags as they are now. For writes that move tags in bulk."""
    from articles.models import Article

    ids = sorted(set(article_ids))
    public = list(
        Article.objects.published().filter(pk__in=ids).values_list("pk", flat=True)
    )
    if public:
        from articles.freshness import content_changed

        content_changed(articles=public)
    now = timezone.now()
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        Article.objects.filter(pk__in=part).update(
            version=F("version") + 1, updated_at=now
        )
        tags = tags_of(part)
        record_revisions(
            Article.objects.filter(pk__in=part),
            kind="~",
            by=by,
            when=now,
            reason=lambda article: reason,
            tags=lambda article, found=tags: found[article.pk],
        )
    return len(ids)


def record_revisions(articles, *, kind, by, when, reason, tags) -> None:
    """Write one revision of each of ``articles`` as they stand, in bulk (for
    writes that save many articles without ``save()``): ``kind`` is the
    revision type (``+`` created, ``~`` changed), ``reason(article)`` and
    ``tags(article)`` its change reason and tag snapshot."""
    from articles.models import Article

    historical = Article.history.model
    historical.objects.bulk_create(
        (
            historical(
                history_date=when,
                history_type=kind,
                history_user=by,
                history_change_reason=reason(article)[:100],
                tags=tags(article),
                **{
                    field.attname: getattr(article, field.attname)
                    for field in historical.tracked_fields
                },
            )
            for article in articles
        ),
        batch_size=500,
    )


def on_links_changed(sender, *, article_ids, by, reason, **kwargs):
    """``entities.signals.article_links_changed`` receiver."""
    record_link_changes(article_ids, by=by, reason=reason)
