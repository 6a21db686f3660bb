"""Who may move an article where, and the one definition of *public* and
*scheduled*.

Nothing here writes: ``services.article_update`` and the bulk services apply
these rules, the admin asks them what to show. This module imports no model of
its own, so ``models.py`` can build on it.

Roles: an *editor* holds ``articles.publish_article`` and may do anything to any
article. A *contributor* works on the articles they created or are assigned to,
while those are a draft or in review; they see those and what is public, and
never publish, schedule, archive, or touch anyone else's work.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entities.models import version_field


class Status(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    REVIEW = "review", gettext_lazy("In review")
    PUBLISHED = "published", gettext_lazy("Published")
    ARCHIVED = "archived", gettext_lazy("Archived")


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


# Public and scheduled ------------------------------------------------------------


def public_q(prefix: str = "") -> Q:
    """The articles the public may see: published, publish time passed (by the
    database clock, so a scheduled article appears by itself). ``prefix``
    applies it to a related article (``"content_object__"``)."""
    return Q(
        **{
            f"{prefix}status": Status.PUBLISHED,
            f"{prefix}publish_at__isnull": False,
            f"{prefix}publish_at__lte": Now(),
        }
    )


def scheduled_q() -> Q:
    """Published articles whose publish time is still to come."""
    return Q(status=Status.PUBLISHED, publish_at__gt=Now())


def _publish_time(article):
    """The publish time as a datetime (an object built in code may still hold
    the text it was given)."""
    value = article.publish_at
    if isinstance(value, str):
        value = parse_datetime(value)
    return value


def is_public(article, *, now=None) -> bool:
    when = _publish_time(article)
    return (
        article.status == Status.PUBLISHED
        and when is not None
        and when <= (now or timezone.now())
    )


def is_scheduled(article, *, now=None) -> bool:
    when = _publish_time(article)
    return (
        article.status == Status.PUBLISHED
        and when is not None
        and when > (now or timezone.now())
    )


def default_publish_time(article, *, now=None) -> None:
    """Publishing without a time means now (run by ``Article.clean``, so every
    save that validates gets it)."""
    if article.status == Status.PUBLISHED and article.publish_at is None:
        article.publish_at = now or timezone.now()


def same_shown_time(typed, stored) -> bool:
    """Whether the time ``typed`` in a form is ``stored`` as the form shows it:
    to the second, or to the minute when typed without seconds."""
    if typed == stored.replace(microsecond=0):
        return True
    return typed.second == 0 and typed == stored.replace(second=0, microsecond=0)


# Who may do what -------------------------------------------------------------------


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def works_on(user, article) -> bool:
    """Whether ``article`` is ``user``'s own: created by them or assigned to them
    (a new, unsaved article is the creator's)."""
    if article.pk is None:
        return True
    return user.pk is not None and user.pk in (
        article.created_by_id,
        getattr(article, "assignee_id", None),
    )


def visible_q(user, prefix: str = "") -> Q | None:
    """The admin's articles for ``user``: everything for editors (``None``: no
    restriction); for contributors their own and assigned ones, and what is
    public. ``prefix`` applies it to a related article (``"article__"``), so
    every list that shows articles' text (suggestions, stories) keeps the
    article form's row rule."""
    if can_publish(user):
        return None
    return (
        Q(**{f"{prefix}created_by": user})
        | Q(**{f"{prefix}assignee": user})
        | public_q(prefix)
    )


def can_view(user, article) -> bool:
    return can_publish(user) or works_on(user, article) or is_public(article)


def can_edit(user, article) -> bool:
    """Editors edit anything; contributors their own drafts and articles in
    review."""
    if can_publish(user):
        return True
    return article.status in CONTRIBUTOR_STATES and works_on(user, article)


def can_delete(user, article) -> bool:
    """Editors delete anything; contributors only their own drafts."""
    if can_publish(user):
        return True
    return article.status == Status.DRAFT and works_on(user, article)


def can_save_draft(user, article) -> bool:
    """Who may save a draft revision of a live article (or discard one): the
    editors, and the contributors whose article it is (created or assigned).
    Publishing or scheduling the revision is for editors (``can_publish``)."""
    if not is_public(article):
        return False
    return can_publish(user) or works_on(user, article)


def can_change(user, article) -> bool:
    """Whether the change form saves anything of ``user``'s: the article, or a
    draft revision of it (a contributor's live article)."""
    return can_edit(user, article) or can_save_draft(user, article)


def require_edit(user, article) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may change ``article``."""
    if not can_edit(user, article):
        raise PermissionDenied(
            _("You may not change “%(title)s”.") % {"title": article.title}
        )


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


def check_transition(*, from_status, to_status, by) -> None:
    """Raise ``PermissionDenied`` unless ``by`` may move an article between
    states. Contributors only move drafts and articles in review between those
    two states; everything else is for editors."""
    if not can_publish(by) and from_status not in CONTRIBUTOR_STATES:
        raise PermissionDenied(
            _("Only editors can change published or archived articles.")
        )
    if to_status not in allowed_statuses(current=from_status, user=by):
        raise PermissionDenied(
            _("You may not move an article from “%(from)s” to “%(to)s”.")
            % {"from": Status(from_status).label, "to": Status(to_status).label}
        )


# Buttons ------------------------------------------------------------------------

# What each workflow button does: the state it moves to, and how the publish
# time is treated ("now", "future": must lie ahead, None: left alone).
TRANSITION_BUTTONS = {
    "review": (Status.REVIEW, None),
    "publish": (Status.PUBLISHED, "now"),
    "schedule": (Status.PUBLISHED, "future"),
    "draft": (Status.DRAFT, None),
    "archive": (Status.ARCHIVED, None),
}


def buttons_for(user, *, current, scheduled=False) -> list[str]:
    """The workflow buttons ``user`` may press on an article in state
    ``current`` (``scheduled``: published with a time still ahead)."""
    allowed = set(allowed_statuses(current=current, user=user)) - {current}
    names = [
        name
        for name, (target, _time) in TRANSITION_BUTTONS.items()
        if target in allowed
    ]
    if current == Status.PUBLISHED and can_publish(user):
        # Rescheduling, or going live at once, are moves within "published".
        names += ["schedule"] if not scheduled else ["publish", "schedule"]
    return [n for n in TRANSITION_BUTTONS if n in names]


# The fields -------------------------------------------------------------------------


class WorkflowState(models.Model):
    """Where an article stands in the desk's workflow, and who moved it there:
    the fields the rules above read, as an abstract model the article builds
    on."""

    status = models.CharField(
        gettext_lazy("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    publish_at = models.DateTimeField(
        gettext_lazy("publish time"),
        null=True,
        blank=True,
        help_text=gettext_lazy("A future time schedules the article."),
    )
    is_featured = models.BooleanField(gettext_lazy("featured"), default=False)
    version = version_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_articles",
        help_text=gettext_lazy(
            "Who works on the article now; they may edit it like its author."
        ),
    )
    status_changed_at = models.DateTimeField(
        gettext_lazy("status changed"), null=True, blank=True, editable=False
    )
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("status changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def is_public(self):
        return is_public(self)

    @property
    def is_scheduled(self):
        return is_scheduled(self)
