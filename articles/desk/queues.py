"""The editor's desk: what needs doing, for the person looking at it.

``desk_for(user)`` is the admin's home page: counts of every queue in one query,
and the first few articles of the queues worth seeing at a glance (a constant
number of queries, whatever the size of the newsroom). Each queue is also a
filter of the article list (``QUEUES``), so every count links to its articles.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, workflow
from articles.models.suggestions import Suggestion

Status = workflow.Status
RECENT = timedelta(days=7)


def _pending_suggestions():
    return Exists(
        Suggestion.objects.filter(
            article=OuterRef("pk"), status=Suggestion.Status.PENDING
        )
    )


def queue_q(name, user) -> Q:
    """The condition of queue ``name`` for ``user`` (see ``QUEUES``)."""
    now = timezone.now()
    mine = Q(created_by=user) | Q(assignee=user)
    return {
        "my_drafts": Q(created_by=user, status=Status.DRAFT),
        "assigned": Q(assignee=user, status__in=workflow.CONTRIBUTOR_STATES),
        "returned": Q(created_by=user, status=Status.DRAFT)
        & Q(status_changed_by__isnull=False)
        & ~Q(status_changed_by=user),
        "waiting": Q(created_by=user, status=Status.REVIEW),
        "review": Q(status=Status.REVIEW),
        "scheduled": workflow.scheduled_q(),
        "recently_published": workflow.public_q() & Q(publish_at__gte=now - RECENT),
        "suggestions": Q(has_pending=True),
        "imports": ~Q(imported_from="") & Q(created_at__gte=now - RECENT),
        # Live articles with a draft revision waiting: a contributor's own.
        "pending_changes": Q(pending_draft__isnull=False)
        & (Q() if workflow.can_publish(user) else mine),
    }[name]


@dataclass
class Queue:
    name: str
    label: str
    count: int
    # The first few, when the desk shows them; otherwise just the count.
    articles: list = field(default_factory=list)

    @property
    def query(self) -> str:
        return f"desk={self.name}"


# Newest submission first: a story sent a minute ago is the one an editor is
# asked about (it was last, on page 8 of 8). Never submitted (imported straight
# into review): after those that were.
SUBMITTED = F("status_changed_at").desc(nulls_last=True)

# (name, label, shown to contributors, articles listed on the desk, order)
QUEUES = [
    ("my_drafts", _("My drafts"), True, 5, "-updated_at"),
    ("returned", _("Returned to me"), True, 5, "-status_changed_at"),
    ("assigned", _("Assigned to me"), True, 5, "-updated_at"),
    # What she sent stays on her desk until an editor decides.
    ("waiting", _("Waiting for review"), True, 5, SUBMITTED),
    ("review", _("Needs review"), False, 5, SUBMITTED),
    ("scheduled", _("Scheduled"), False, 5, "publish_at"),
    ("recently_published", _("Published this week"), True, 5, "-publish_at"),
    ("suggestions", _("With pending suggestions"), True, 0, "-updated_at"),
    ("imports", _("Imported this week"), False, 5, "-created_at"),
    ("pending_changes", _("Pending changes"), True, 5, "-pending_draft__updated_at"),
]
QUEUE_LABELS = {name: label for name, label, *_rest in QUEUES}
QUEUE_ORDERS = {name: order for name, *_rest, order in QUEUES}


def list_ordering(params) -> tuple | None:
    """The article list's order when it shows one queue (``?desk=review``) or
    the articles in review (``?workflow=review``): the queue's own order, as on
    the desk. None: the list's usual order."""
    name = params.get("desk")
    if name not in QUEUE_ORDERS and params.get("workflow") == "review":
        name = "review"
    return (QUEUE_ORDERS[name], "-pk") if name in QUEUE_ORDERS else None


def articles_for(user):
    """The articles ``user`` may see, annotated for the queues."""
    return Article.objects.visible_to(user).annotate(has_pending=_pending_suggestions())


def desk_for(user) -> list[Queue]:
    """The queues ``user`` works through: every count in one query, then the
    first articles of the queues that list them (one query each)."""
    editor = workflow.can_publish(user)
    shown = [q for q in QUEUES if editor or q[2]]
    base = articles_for(user)
    counts = base.aggregate(
        **{name: Count("pk", filter=queue_q(name, user)) for name, *_ in shown}
    )
    queues = []
    for name, label, _contributors, listed, order in shown:
        queue = Queue(name, str(label), counts[name])
        if listed and queue.count:
            rows = base.filter(queue_q(name, user)).select_related(
                "source", "created_by"
            )
            if name == "pending_changes":
                # Who saved the revision and when, without its text.
                rows = rows.select_related("pending_draft__updated_by").defer(
                    "pending_draft__values", "pending_draft__tags"
                )
            queue.articles = list(
                rows.defer("body", "body_text").order_by(order, "-pk")[:listed]
            )
        queues.append(queue)
    return queues
