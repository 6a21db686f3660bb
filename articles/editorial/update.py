"""Saving one article: ``article_update`` is the only way an article is saved
from the newsroom (the admin form, restoring a revision, the workflow buttons,
the bulk services, accepted suggestions). It locks the row, refuses a save
based on an older version, checks the workflow's rules for the user
(``models.workflow``), applies the workflow button pressed, the defaults
(author, status stamp, publish time), sets the tags and records a revision
that carries them."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from articles import stories as story_services
from articles.editorial import history, images, notifications
from articles.models import Article, ArticleRedirect, workflow

Status = Article.Status

# Fields only editors may set; a contributor's save may not change them.
EDITOR_FIELDS = ("publish_at", "is_featured", "assignee_id")


class EditConflict(ValidationError):
    """Someone saved the article after this edit began; nothing was saved."""


@dataclass(frozen=True)
class Checked:
    """What ``article_check`` found: the row as the database holds it (``None``
    for a new article), locked until the transaction ends."""

    stored: dict | None


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


def apply_transition(article, transition: str, *, now=None) -> None:
    """Apply a workflow button (``workflow.TRANSITION_BUTTONS``) to ``article``:
    its new status and publish time. Scheduling needs a publish time ahead."""
    target, timing = workflow.TRANSITION_BUTTONS[transition]
    now = now or timezone.now()
    if timing == "future" and not (article.publish_at and article.publish_at > now):
        raise ValidationError(
            {"publish_at": _("Choose a time in the future to schedule the article.")}
        )
    article.status = target
    if timing == "now":
        article.publish_at = now


def article_check(
    *, article, by, expected_version=None, transition=None, lock=True
) -> Checked:
    """Check that ``by`` may save ``article`` as it stands (fields already set,
    and the workflow button ``transition`` if one was pressed, which this
    applies): return what the database holds (``Checked``), or raise.

    Raises ``EditConflict`` if the article changed since ``expected_version``,
    ``PermissionDenied`` if the workflow forbids the save, ``ValidationError``
    if the article no longer exists or the button cannot apply. With ``lock``
    the row stays locked until the transaction ends, so the check still holds
    when the save happens: pass what this returned to ``article_update`` as
    ``checked`` to save in the same transaction without reading it again.
    """
    if transition:
        apply_transition(article, transition)
    if article.pk is None:
        workflow.check_transition(
            from_status=Status.DRAFT, to_status=article.status, by=by
        )
        if not workflow.can_publish(by) and (
            article.publish_at or article.is_featured or article.assignee_id
        ):
            raise PermissionDenied(_("Only editors schedule, feature or assign."))
        return Checked(None)
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
    return Checked(stored)


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
    transition=None,
    tags=None,
    reason="",
    checked=None,
) -> Article:
    """Save ``article`` (new, or edited with its fields already set) for ``by``.

    ``expected_version`` is the version the edit started from (``None``: the
    current one); ``transition`` the workflow button pressed, if any; ``tags``
    maps any of ``regions``, ``topics``, ``entities`` (objects) and
    ``keywords`` (names) to the full new set. See ``article_check`` for what is
    refused; ``checked`` is what ``article_check`` returned for this article
    and user earlier in the same transaction (the row still locked), so that
    a form that checked while validating does not read and lock it twice.
    Sets the author of a new article, records status changes, defaults the
    publish time on publishing, and writes one revision carrying the tags. A
    replaced image's files are deleted once the save commits (a new one was
    stored by ``images.stage``).
    """
    if checked is None:
        checked = article_check(
            article=article,
            by=by,
            expected_version=expected_version,
            transition=transition,
        )
    stored = checked.stored
    from_status = stored["status"] if stored else Status.DRAFT
    if stored is None:
        article.created_by = by
    else:
        # ``save()`` raises the version from what the database holds.
        article.version = stored["version"]
    status_reason = _stamp_status(article, from_status=from_status, by=by)
    article._change_reason = (reason or status_reason)[:100]
    article._history_user = by
    current = history.current_tags(article)
    planned = dict(current)
    if tags:
        planned.update({name: list(values) for name, values in tags.items()})
        if "keywords" in tags:
            planned["keywords"] = _keyword_tags(tags["keywords"])
    article._history_tags = history.snapshot(planned)
    article.full_clean(exclude=["slug"] if not article.slug else None)
    article.save()
    # Tags set only where they change: setting the same ones again told every
    # cache and count that public content changed (a live article's unchanged
    # save moved the content stamp four times and marked its counts stale).
    for name in ("regions", "topics", "entities", "keywords"):
        if tags and name in tags and _ids(planned[name]) != _ids(current[name]):
            getattr(article, name).set(list(planned[name]))
    if stored and stored["slug"] != article.slug:
        # The old address keeps working: it answers 301 to the new one.
        ArticleRedirect.objects.update_or_create(
            old_slug=stored["slug"], defaults={"article": article}
        )
    ArticleRedirect.objects.filter(old_slug=article.slug).delete()
    notifications.status_changed(article, from_status=from_status, by=by)
    if article.assignee_id and article.assignee_id != (stored or {}).get("assignee_id"):
        notifications.assigned(article, by=by)
    if stored and stored["featured_image"] != article.featured_image.name:
        images.delete_after_commit(
            images.files_of(stored["featured_image"], stored["image_renditions"])
        )
    if stored is None or stored["content_hash"] != article.content_hash:
        # A new or changed text: index it, and check which story it belongs to.
        story_services.article_text_changed(article=article, by=by)
    return article


def _ids(items) -> set:
    return {getattr(item, "pk", item) for item in items}


def _keyword_tags(names):
    from taggit.models import Tag

    tags = []
    for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
        tag = Tag.objects.filter(name__iexact=name).first()
        tags.append(tag or Tag.objects.create(name=name))
    return tags
