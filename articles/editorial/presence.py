"""Who else has an article's form open: a heartbeat per (person, article),
renewed by the open form every ``HEARTBEAT`` seconds and ignored once older
than ``STALE``. It only informs ("Budi sedang menyunting artikel ini sejak
20.14"); it never locks. A save from a stale version is still refused
(``update.EditConflict``), whoever was shown as present.

Kept in the database rather than the cache: every worker sees the same
entries, with any cache backend."""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from articles.models import EditingPresence

HEARTBEAT = 20  # seconds between an open form's heartbeats
STALE = datetime.timedelta(seconds=60)  # older than this, an entry is ignored
FORGOTTEN = datetime.timedelta(days=1)  # older than this, it is deleted


@dataclass(frozen=True)
class Present:
    name: str
    since: datetime.datetime

    @property
    def since_shown(self) -> str:
        """The time in the site's time zone, as the newsroom writes it: 20.14."""
        return time_format(timezone.localtime(self.since), "H.i")

    @property
    def message(self) -> str:
        return _("%(name)s is editing this article since %(time)s") % {
            "name": self.name,
            "time": self.since_shown,
        }


def presence_beat(*, article, user, now=None) -> None:
    """``user`` has ``article``'s form open now. An entry gone stale starts
    again: "since" is when this stretch of editing began."""
    now = now or timezone.now()
    renewed = EditingPresence.objects.filter(
        article=article, user=user, seen__gte=now - STALE
    ).update(seen=now)
    if renewed:
        return
    # Gone stale, or not there yet.
    updated = EditingPresence.objects.filter(article=article, user=user).update(
        since=now, seen=now
    )
    if updated:
        return
    try:
        with transaction.atomic():
            EditingPresence.objects.create(
                article=article, user=user, since=now, seen=now
            )
    except IntegrityError:
        # The same person's other tab created it in between: it is renewed.
        EditingPresence.objects.filter(article=article, user=user).update(seen=now)


def presence_leave(*, article, user, now=None) -> None:
    """``user`` closed the form (its page was hidden for good). Entries whose
    page never said so (a crash, a lost connection) go a day later, here."""
    now = now or timezone.now()
    EditingPresence.objects.filter(
        Q(article=article, user=user) | Q(seen__lt=now - FORGOTTEN)
    ).delete()


def others_present(*, article, user, now=None) -> list[Present]:
    """Everybody but ``user`` whose heartbeat on ``article`` is fresh, the
    earliest first. The caller decides who may see this (whoever may open
    the article)."""
    now = now or timezone.now()
    rows = (
        EditingPresence.objects.filter(article=article, seen__gte=now - STALE)
        .exclude(user=user)
        .select_related("user")
        .order_by("since", "pk")
    )
    return [
        Present(
            name=row.user.get_full_name() or row.user.get_username(), since=row.since
        )
        for row in rows
    ]
