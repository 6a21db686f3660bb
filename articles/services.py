"""Writes: the editorial workflow, bulk curation and the newsroom's roles."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import images
from .models import Article

Status = Article.Status

PUBLISH_PERMISSION = "articles.publish_article"

# Allowed moves between states, and whether only editors may make them.
TRANSITIONS = {
    (Status.DRAFT, Status.REVIEW): False,
    (Status.REVIEW, Status.DRAFT): False,
    (Status.DRAFT, Status.PUBLISHED): True,
    (Status.REVIEW, Status.PUBLISHED): True,
    (Status.PUBLISHED, Status.DRAFT): True,
    (Status.PUBLISHED, Status.ARCHIVED): True,
    (Status.ARCHIVED, Status.DRAFT): True,
    (Status.ARCHIVED, Status.PUBLISHED): True,
    (Status.DRAFT, Status.ARCHIVED): True,
    (Status.REVIEW, Status.ARCHIVED): True,
}
CONTRIBUTOR_STATES = frozenset({Status.DRAFT, Status.REVIEW})


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit(user, article) -> bool:
    """Contributors edit drafts and articles in review; editors edit anything."""
    return can_publish(user) or article.status in CONTRIBUTOR_STATES


def allowed_statuses(*, current, user) -> list[str]:
    """Return the states ``user`` may move an article in state ``current`` to
    (``current`` itself included)."""
    publisher = can_publish(user)
    return [
        status
        for status in Status.values
        if status == current
        or (
            (current, status) in TRANSITIONS
            and (publisher or not TRANSITIONS[(current, status)])
        )
    ]


def workflow_check(*, from_status, to_status, by) -> None:
    """Raise ``PermissionDenied`` unless ``by`` may move an article between states.

    Contributors may only work on drafts and articles in review, and only move
    them between those two states; everything else is for editors.
    """
    if not can_publish(by) and from_status not in CONTRIBUTOR_STATES:
        raise PermissionDenied(
            _("Only editors can change published or archived articles.")
        )
    if to_status not in allowed_statuses(current=from_status, user=by):
        raise PermissionDenied(
            _("You may not move an article from “%(from)s” to “%(to)s”.")
            % {"from": Status(from_status).label, "to": Status(to_status).label}
        )


def _stamp(article, *, from_status, by, reason):
    """Record who changed the status and when; default the publish time."""
    if article.status != from_status:
        article.status_changed_at = timezone.now()
        article.status_changed_by = by
        reason = reason or _("Status: %(from)s → %(to)s") % {
            "from": Status(from_status).label,
            "to": Status(article.status).label,
        }
    if article.status == Status.PUBLISHED and article.publish_at is None:
        article.publish_at = timezone.now()
    article._change_reason = reason
    article._history_user = by


@transaction.atomic
def article_save(*, article, previous_status, by, image_changed=False, reason=""):
    """Save an article edited in a form, enforcing the workflow.

    ``previous_status`` is the state the article was in before the edit (for a
    new article, draft). Sets the author of new articles, records status changes,
    defaults the publish time on publishing and renders image renditions when the
    image changed.
    """
    workflow_check(from_status=previous_status, to_status=article.status, by=by)
    if article._state.adding:
        article.created_by = by
    _stamp(article, from_status=previous_status, by=by, reason=reason)
    if image_changed:
        article.image_renditions = {}
    article.save()
    if image_changed and article.featured_image:
        article.image_renditions = images.make_renditions(
            article.featured_image, article.pk
        )
        Article.objects.filter(pk=article.pk).update(
            image_renditions=article.image_renditions
        )
    return article


@transaction.atomic
def article_set_status(*, article, to_status, by, publish_at=None):
    """Move one article to ``to_status`` (a future ``publish_at`` schedules it)."""
    from_status = article.status
    workflow_check(from_status=from_status, to_status=to_status, by=by)
    article.status = to_status
    if publish_at is not None:
        article.publish_at = publish_at
    _stamp(article, from_status=from_status, by=by, reason="")
    article.full_clean()
    article.save()
    return article


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

    Each article's version is raised, so an editor with an older copy of it open
    cannot silently put the old tags back.
    """
    (target,) = [value for value in (topic, region, entity) if value is not None]
    manager_name = "topics" if topic else "regions" if region else "entities"
    verb = _("Added") if add else _("Removed")
    count = 0
    for article in articles.select_for_update(of=("self",)).order_by("pk"):
        if not can_edit(by, article):
            raise PermissionDenied(
                _("You may not change “%(title)s”.") % {"title": article.title}
            )
        manager = getattr(article, manager_name)
        (manager.add if add else manager.remove)(target)
        article._change_reason = f"{verb} {target._meta.verbose_name} {target}"
        article._history_user = by
        article.save(update_fields=["updated_at"])
        count += 1
    return count


ROLES = {
    "Contributor": (
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.view_source",
        "articles.view_topic",
        "entities.view_entity",
        "entities.view_entityalias",
        "entities.view_region",
        "taggit.view_tag",
    ),
    "Editor": (
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
        "taggit.add_tag",
        "taggit.change_tag",
        "taggit.delete_tag",
        "taggit.view_tag",
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
