"""The content stamp: what the public site shows, as one value.

The stamp is ``ContentVersion.version`` (raised in the same transaction as any
change to what the public site shows) plus the newest publish time that has
passed, which moves by itself when a scheduled article goes live. It is read
once per request, in one indexed query; every worker process sees a change at
once because it lives in the database, whatever the cache backend.
"""

import contextvars
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_datetime


@dataclass(frozen=True)
class Stamp:
    version: int
    changed_at: datetime | None
    latest_publish: datetime | None

    @property
    def key(self) -> str:
        changed = self.changed_at.timestamp() if self.changed_at else 0
        latest = self.latest_publish.timestamp() if self.latest_publish else 0
        return f"{self.version}-{changed:.6f}-{latest:.6f}"

    @property
    def last_modified(self) -> datetime | None:
        moments = [m for m in (self.changed_at, self.latest_publish) if m]
        return max(moments) if moments else None


_request_stamp: contextvars.ContextVar = contextvars.ContextVar("warta_stamp")


_stamp_sql: dict = {}


def _latest_publish():
    """Publish times of the public articles, newest first."""
    from articles.models import Article

    return Article.objects.published().order_by("-publish_at").values("publish_at")


def _stamp_query():
    """The stamp's SQL, compiled by the ORM once per process and database (it has
    no parameters that change), since compiling costs more than running it."""
    from articles.models import ContentVersion

    key = (connection.alias, connection.vendor)
    if key not in _stamp_sql:
        latest = Subquery(_latest_publish()[:1])
        _stamp_sql[key] = (
            ContentVersion.objects.filter(pk=1)
            .annotate(latest=latest)
            .values_list("version", "changed_at", "latest")
            .query.sql_with_params()
        )
    return _stamp_sql[key]


def _as_datetime(value):
    if value is None:
        return None
    if not isinstance(value, datetime):  # SQLite hands raw text to a cursor
        value = parse_datetime(value)
    return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value


def read_stamp() -> Stamp:
    """Read the stamp from the database (one query)."""
    sql, params = _stamp_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:  # never bumped since the tables were emptied
        newest = _latest_publish().first()
        return Stamp(0, None, newest["publish_at"] if newest else None)
    version, changed_at, latest = row
    return Stamp(version, _as_datetime(changed_at), _as_datetime(latest))


def current_stamp() -> Stamp:
    """The stamp for this request (read once), or a fresh one outside requests."""
    holder = _request_stamp.get(None)
    if holder is None:
        return read_stamp()
    if not holder:
        holder.append(read_stamp())
    return holder[0]


def bump(**kwargs):
    """Record that public content changed. A signal receiver, also called directly
    after bulk writes that send no signals."""
    from articles.models import ContentVersion

    now = timezone.now()
    if not ContentVersion.objects.filter(pk=1).update(
        version=F("version") + 1, changed_at=now
    ):
        ContentVersion.objects.get_or_create(
            pk=1, defaults={"version": 1, "changed_at": now}
        )
    holder = _request_stamp.get(None)
    if holder:
        holder.clear()
    forget_stamp()


# The stamp kept in a shared cache (``WARTA_STAMP_IN_CACHE``), so that a cached
# page costs no database round trip (``front``).
STAMP_KEY = "warta:stamp"


def stamp_in_cache() -> bool:
    return getattr(settings, "WARTA_STAMP_IN_CACHE", False)


def cached_stamp() -> Stamp | None:
    """The stamp as kept in the shared cache, if it is there and still valid
    (no scheduled article has gone live since it was read)."""
    entry = cache.get(STAMP_KEY)
    if entry is None:
        return None
    stamp, valid_until = entry
    if valid_until is not None and timezone.now() >= valid_until:
        return None
    return stamp


def remember_stamp(stamp: Stamp) -> None:
    """Keep ``stamp`` in the shared cache until the next scheduled publish time
    (or ``WARTA_STAMP_CACHE_SECONDS`` at most, should a drop ever be lost)."""
    from articles.models import Article

    valid_until = (
        Article.objects.scheduled()
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    cache.set(STAMP_KEY, (stamp, valid_until), settings.WARTA_STAMP_CACHE_SECONDS)


def forget_stamp() -> None:
    """Called by every write that moves the stamp: now, and again once the write
    commits (a reader may have kept the old stamp in between)."""
    if not stamp_in_cache():
        return
    cache.delete(STAMP_KEY)
    transaction.on_commit(lambda: cache.delete(STAMP_KEY))


def drop_kept_stamp(sender, **kwargs):
    """``newsroom.cache_breaker.recovered`` receiver: while Redis was left alone
    (its circuit breaker open), writes could not drop the stamp kept there, so
    it is dropped when Redis answers again."""
    if stamp_in_cache():
        cache.delete(STAMP_KEY)


def page_address(request) -> str:
    """A page as the reader asked for it: scheme, host, path and query (a page
    built for one host must not be served to another)."""
    return f"{request.scheme}://{request.get_host()}{request.get_full_path()}"


def digest(text: str) -> str:
    """A short, key-safe fingerprint of ``text``."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def cached(name: str, compute, *, stamp: Stamp | None = None):
    """Return ``compute()``, cached under ``name`` (any text) for the current
    stamp."""
    stamp = stamp or current_stamp()
    key = f"warta:{digest(name)}:{stamp.key}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.WARTA_DATA_CACHE_SECONDS)
    return value
