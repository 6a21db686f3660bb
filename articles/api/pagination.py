"""Keyset pages over the one list order, newest first: ``(-publish_at, -pk)``
(``listing.newest_ids``).

A cursor is a position in that order (a publish time and an id) plus a
direction, signed with the site's secret: opaque to clients, and any change to
it is refused (400) instead of being trusted. A page after a position is the
articles strictly older than it, so articles published meanwhile never shift or
repeat the pages a client is walking; every page costs one indexed range scan,
however deep.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core import signing

SALT = "warta.api.cursor"
# Ids are 64-bit integers in both databases.
MAX_ID = 2**63 - 1


class InvalidCursor(ValueError):
    pass


@dataclass(frozen=True)
class Cursor:
    publish_at: datetime
    pk: int
    # False: the page after this position (older); True: the page before it.
    backwards: bool = False

    def encode(self) -> str:
        return signing.Signer(salt=SALT).sign_object(
            [self.publish_at.isoformat(), self.pk, int(self.backwards)]
        )

    @classmethod
    def decode(cls, token: str) -> "Cursor":
        try:
            when, pk, backwards = signing.Signer(salt=SALT).unsign_object(token)
            when = datetime.fromisoformat(when)
        except (signing.BadSignature, ValueError, TypeError) as exc:
            raise InvalidCursor from exc
        if (
            when.tzinfo is None
            or type(pk) is not int
            or not 0 < pk <= MAX_ID
            or backwards not in (0, 1)
        ):
            raise InvalidCursor
        return cls(when, pk, bool(backwards))

    @classmethod
    def at(cls, article, *, backwards=False) -> "Cursor":
        return cls(article.publish_at, article.pk, backwards)


@dataclass
class Page:
    items: list
    next: Cursor | None
    previous: Cursor | None


def after(queryset, cursor: Cursor):
    """The articles of ``queryset`` older than ``cursor``'s position, newest first
    (a range on ``publish_at``, ties broken by id)."""
    return (
        queryset.filter(publish_at__lte=cursor.publish_at)
        .exclude(publish_at=cursor.publish_at, pk__gte=cursor.pk)
        .order_by("-publish_at", "-pk")
    )


def before(queryset, cursor: Cursor):
    """The articles of ``queryset`` newer than ``cursor``'s position, oldest
    first."""
    return (
        queryset.filter(publish_at__gte=cursor.publish_at)
        .exclude(publish_at=cursor.publish_at, pk__lte=cursor.pk)
        .order_by("publish_at", "pk")
    )


def page(queryset, *, cursor: Cursor | None, size: int) -> Page:
    """Return the page of ``size`` articles of ``queryset`` at ``cursor`` (the
    newest when ``None``), with the cursors of its neighbours: one query."""
    if cursor is not None and cursor.backwards:
        rows = list(before(queryset, cursor)[: size + 1])
        more_before = len(rows) > size
        items = rows[:size][::-1]
        return Page(
            items,
            next=Cursor.at(items[-1]) if items else cursor_after(cursor),
            previous=Cursor.at(items[0], backwards=True)
            if more_before and items
            else None,
        )
    ordered = (
        queryset.order_by("-publish_at", "-pk")
        if cursor is None
        else after(queryset, cursor)
    )
    rows = list(ordered[: size + 1])
    items = rows[:size]
    return Page(
        items,
        next=Cursor.at(items[-1]) if len(rows) > size else None,
        previous=Cursor.at(items[0], backwards=True)
        if cursor is not None and items
        else None,
    )


def cursor_after(cursor: Cursor) -> Cursor:
    """Going forwards from where a backwards cursor stood."""
    return Cursor(cursor.publish_at, cursor.pk + 1, False)


def batches(queryset, *, size: int, cursor: Cursor | None = None, limit=None):
    """Yield lists of at most ``size`` articles of ``queryset``, newest first,
    from ``cursor`` on, ``limit`` in all (no limit when ``None``): one query per
    batch and never more than one batch in memory."""
    remaining = limit
    while remaining is None or remaining > 0:
        take = size if remaining is None else min(size, remaining)
        ordered = (
            queryset.order_by("-publish_at", "-pk")
            if cursor is None
            else after(queryset, cursor)
        )
        batch = list(ordered[:take])
        if not batch:
            return
        yield batch
        if len(batch) < take:
            return
        cursor = Cursor.at(batch[-1])
        if remaining is not None:
            remaining -= len(batch)
