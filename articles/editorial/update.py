"""Writes on articles: the one update service, status changes, bulk curation,
and the newsroom's roles.

``article_update`` is the only way an article is saved from the newsroom (the
admin form, restoring a revision, the workflow buttons, the services below):
it locks the row, refuses a save based on an older version, applies the
workflow rules (``articles.models.workflow``) and the defaults (author, status stamp,
publish time), sets the tags and records a revision that carries them.
"""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from articles.editorial import history, images, notifications
from articles.models import Article, ArticleRedirect, workflow
from articles.stories import services as story_services

Status = Article.Status

# Fields only editors may set; a contributor's save may not change them.
EDITOR_FIELDS = ("publish_at", "is_featured", "assignee_id")


class EditConflict(ValidationError):
    """Someone saved the article after this edit began; nothing was saved."""


def _stored(article, *, lock):
    rows = Article.objects.filter(pk=article.pk)
    if lock:
        rows = rows.select_for_update()
    return rows.values(
        "version",
        "status",
        "created_by_id",
        "assignee_id",
        "featured_image",
        "image_renditions",
        "slug",
        "content_hash",
        *EDITOR_FIELDS[:2],
    ).first()


def article_check(*, article, by, expected_version=None, lock=True) -> dict | None:
    """Check that ``by`` may save ``article`` as it stands (fields already set):
    return what the database holds (``None`` for a new article), or raise.

    Raises ``EditConflict`` if the article changed since ``expected_version``,
    ``PermissionDenied`` if the workflow forbids the save, ``ValidationError``
    if the article no longer exists. With ``lock`` the row stays locked until
    the transaction ends, so the check still holds when the save happens.
    """
    if article.pk is None:
        workflow.check_transition(
            from_status=Status.DRAFT, to_status=article.status, by=by
        )
        if not workflow.can_publish(by) and (
            article.publish_at or article.is_featured or article.assignee_id
        ):
            raise PermissionDenied(_("Only editors schedule, feature or assign."))
        return None
    stored = _stored(article, lock=lock)
    if stored is None:
        raise ValidationError(
            _("This article was deleted after you opened it; nothing was saved.")
        )
    if expected_version is not None and expected_version != stored["version"]:
        raise EditConflict(conflict_message(article, expected_version), "conflict")
    as_stored = Article(
        pk=article.pk,
        title=article.title,
        status=stored["status"],
        created_by_id=stored["created_by_id"],
        assignee_id=stored["assignee_id"],
    )
    workflow.require_edit(by, as_stored)
    workflow.check_transition(
        from_status=stored["status"], to_status=article.status, by=by
    )
    if not workflow.can_publish(by):
        changed = [
            name for name in EDITOR_FIELDS if getattr(article, name) != stored[name]
        ]
        if changed:
            raise PermissionDenied(_("Only editors schedule, feature or assign."))
    return stored


def conflict_message(article, expected_version) -> str:
    """Who changed ``article`` after version ``expected_version``, when, and
    which fields and tags."""
    revisions = article.history.order_by("-history_date", "-history_id")
    latest = revisions.first()
    if latest is None:
        return _(
            "Someone changed this article after you opened it. Your changes "
            "were not saved; open the article again."
        )
    who = latest.history_user or _("Someone")
    when = date_format(localtime(latest.history_date), "DATETIME_FORMAT")
    changed = []
    seen = revisions.filter(version=expected_version).first()
    if seen:
        changed = [
            str(Article._meta.get_field(change.field).verbose_name)
            for change in latest.diff_against(seen).changes
            if change.field not in ("version", "status_changed_at", "status_changed_by")
        ]
        changed += history.tag_changes(seen.tags, latest.tags)
    message = _(
        "%(who)s changed this article at %(when)s, after you opened it. "
        "Your changes were not saved, so nothing was overwritten. "
    ) % {"who": who, "when": when}
    if changed:
        message += _("They changed: %(fields)s. ") % {"fields": ", ".join(changed)}
    return message + _(
        "Your edits are kept below: open the latest version and apply them there."
    )


def _stamp_status(article, *, from_status, by):
    """Record who changed the status and when; return the reason for the
    revision."""
    reason = ""
    if article.status != from_status:
        article.status_changed_at = timezone.now()
        article.status_changed_by = by
        reason = _("Status: %(from)s → %(to)s") % {
            "from": Status(from_status).label,
            "to": Status(article.status).label,
        }
    return reason


@transaction.atomic
def article_update(
    *,
    article,
    by,
    expected_version=None,
    tags=None,
    reason="",
) -> Article:
    """Save ``article`` (new, or edited with its fields already set) for ``by``.

    ``expected_version`` is the version the edit started from (``None``: the
    current one); ``tags`` maps any of ``regions``, ``topics``, ``entities``
    (objects) and ``keywords`` (names) to the full new set. See
    ``article_check`` for what is refused. Sets the author of a new article,
    records status changes, defaults the publish time on publishing, and writes
    one revision carrying the tags. A replaced image's files are deleted once
    the save commits (a new one was stored by ``images.stage``).
    """
    stored = article_check(article=article, by=by, expected_version=expected_version)
    from_status = stored["status"] if stored else Status.DRAFT
    if stored is None:
        article.created_by = by
    else:
        # ``save()`` raises the version from what the database holds.
        article.version = stored["version"]
    status_reason = _stamp_status(article, from_status=from_status, by=by)
    article._change_reason = (reason or status_reason)[:100]
    article._history_user = by
    planned = history.current_tags(article)
    if tags:
        planned.update({name: list(values) for name, values in tags.items()})
        if "keywords" in tags:
            planned["keywords"] = _keyword_tags(tags["keywords"])
    article._history_tags = history.snapshot(planned)
    article.full_clean(exclude=["slug"] if not article.slug else None)
    article.save()
    if tags:
        for name in ("regions", "topics", "entities"):
            if name in tags:
                getattr(article, name).set(list(tags[name]))
        if "keywords" in tags:
            article.keywords.set(planned["keywords"])
    if stored and stored["slug"] != article.slug:
        # The old address keeps working: it answers 301 to the new one.
        ArticleRedirect.objects.update_or_create(
            old_slug=stored["slug"], defaults={"article": article}
        )
    ArticleRedirect.objects.filter(old_slug=article.slug).delete()
    notifications.status_changed(article, from_status=from_status, by=by)
    if stored and stored["featured_image"] != article.featured_image.name:
        images.delete_after_commit(
            images.files_of(stored["featured_image"], stored["image_renditions"])
        )
    if stored is None or stored["content_hash"] != article.content_hash:
        # A new or changed text: index it, and check which story it belongs to.
        story_services.article_text_changed(article=article, by=by)
    return article


def _keyword_tags(names):
    from taggit.models import Tag

    tags = []
    for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
        tag = Tag.objects.filter(name__iexact=name).first()
        tags.append(tag or Tag.objects.create(name=name))
    return tags


@transaction.atomic
def article_set_status(*, article, to_status, by, publish_at=None) -> Article:
    """Move one article to ``to_status`` (a future ``publish_at`` schedules it)."""
    article.status = to_status
    if publish_at is not None:
        article.publish_at = publish_at
    return article_update(article=article, by=by)


@transaction.atomic
def articles_set_status(*, articles, to_status, by) -> int:
    """Move every article in ``articles`` to ``to_status``, all or none."""
    count = 0
    for article in articles.select_for_update(of=("self",)).order_by("pk"):
        if article.status != to_status:
            article_set_status(article=article, to_status=to_status, by=by)
            count += 1
    return count


@transaction.atomic
def articles_tag(
    *, articles, by, add: bool, topic=None, region=None, entity=None
) -> int:
    """Add (or remove) one topic, region or entity on every article, all or none.

    Each goes through ``article_update``, so each article's version is raised
    (a colleague's older copy of it cannot silently put the old tags back) and
    its revision records the new tags.
    """
    (target,) = [value for value in (topic, region, entity) if value is not None]
    field = "topics" if topic else "regions" if region else "entities"
    verb = _("Added") if add else _("Removed")
    count = 0
    for article in articles.select_for_update(of=("self",)).order_by("pk"):
        current = list(getattr(article, field).all())
        if add:
            new = current if target in current else [*current, target]
        else:
            new = [value for value in current if value != target]
        article_update(
            article=article,
            by=by,
            tags={field: new},
            reason=f"{verb} {target._meta.verbose_name} {target}",
        )
        count += 1
    return count


ROLES = {
    "Contributor": (
        "articles.add_articlenote",
        "articles.view_articlenote",
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.view_source",
        "articles.view_topic",
        "articles.view_suggestion",
        "articles.change_suggestion",
        "articles.view_story",
        "entities.view_entity",
        "entities.view_entityalias",
        "entities.view_region",
    ),
    "Editor": (
        "articles.add_articlenote",
        "articles.view_articlenote",
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.publish_article",
        "articles.add_source",
        "articles.change_source",
        "articles.delete_source",
        "articles.view_source",
        "articles.add_topic",
        "articles.change_topic",
        "articles.delete_topic",
        "articles.view_topic",
        "articles.view_suggestion",
        "articles.change_suggestion",
        "articles.view_story",
        "articles.change_story",
        "entities.add_entity",
        "entities.change_entity",
        "entities.delete_entity",
        "entities.view_entity",
        "entities.merge_entity",
        "entities.add_entityalias",
        "entities.change_entityalias",
        "entities.delete_entityalias",
        "entities.view_entityalias",
        "entities.view_entitymerge",
        "entities.add_region",
        "entities.change_region",
        "entities.view_region",
    ),
}


def roles_sync() -> dict[str, int]:
    """Create the Contributor and Editor groups with exactly their permissions.

    Idempotent: run after every migration and by ``manage.py sync_roles``.
    Returns the number of permissions per group.
    """
    result = {}
    for name, codes in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = []
        for code in codes:
            app_label, codename = code.split(".")
            permissions.append(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.set(permissions)
        result[name] = len(permissions)
    return result


@transaction.atomic
def note_add(*, article, text, by):
    """Add an internal note to ``article`` (whoever may edit it may note it);
    colleagues it mentions with ``@username`` are told by mail."""
    from articles.models import ArticleNote

    if not workflow.can_view(by, article):
        raise PermissionDenied
    note = ArticleNote(article=article, author=by, text=text)
    note.full_clean()
    note.save()
    notifications.note_added(note)
    return note
