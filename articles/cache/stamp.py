"""The content stamp, and everything keyed by it: cached counts, the cached
taxonomy, the page cache and conditional GET.

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
from django.db import connection
from django.db.models import F, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.utils.translation import get_language


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
    from .models import Article

    return Article.objects.published().order_by("-publish_at").values("publish_at")


def _stamp_query():
    """The stamp's SQL, compiled by the ORM once per process and database (it has
    no parameters that change), since compiling costs more than running it."""
    from .models import ContentVersion

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
    from .models import ContentVersion

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


def _bump_on_m2m(action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump()


def connect_signals():
    from entities.models import Entity, EntityAlias, Region

    from .models import Article, Source, TaggedEntity, TaggedKeyword, Topic

    for model in (
        Article,
        Region,
        Topic,
        Source,
        Entity,
        EntityAlias,
        TaggedEntity,
        TaggedKeyword,
    ):
        uid = f"warta.bump.{model._meta.label}"
        post_save.connect(bump, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(bump, sender=model, dispatch_uid=uid + ".delete")
    for through in (
        Article.regions.through,
        Article.topics.through,
        TaggedEntity,
        TaggedKeyword,
    ):
        m2m_changed.connect(
            _bump_on_m2m,
            sender=through,
            dispatch_uid=f"warta.bump.m2m.{through._meta.label}",
        )


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


_memo: dict = {}


def memoised(name: str, compute):
    """Like ``cached`` but kept in this process (for data read on every request,
    such as the taxonomy, where unpickling would cost more than it saves)."""
    key = current_stamp().key
    entry = _memo.get(name)
    if entry is None or entry[0] != key:
        entry = (key, compute())
        _memo[name] = entry
    return entry[1]


def public_page(view):
    """Mark ``view`` as a public page: cached per URL and stamp, with ETag and
    Last-Modified, by ``ContentStampMiddleware``."""
    view.warta_public_page = True
    return view


class ContentStampMiddleware:
    """Reads the stamp once per request and, for views marked ``public_page``,
    answers conditional GETs with 304 and serves and fills the page cache.

    Public pages are the same for every visitor (the language is in the URL), so
    one cached copy serves everyone; the stamp in the key makes a publish or an
    edit visible at once, in every worker.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_stamp.set([])
        try:
            response = self.get_response(request)
            key = getattr(request, "_warta_page_key", None)
            if key:
                self.finish(request, response, key)
            return response
        finally:
            _request_stamp.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD") or not getattr(
            view_func, "warta_public_page", False
        ):
            return None
        stamp = current_stamp()
        etag = '"{}"'.format(
            digest(f"{stamp.key}|{get_language()}|{request.get_full_path()}")
        )
        request._warta_page_key = (etag, stamp)
        last_modified = stamp.last_modified
        conditional = get_conditional_response(
            request,
            etag=etag,
            last_modified=int(last_modified.timestamp()) if last_modified else None,
        )
        if conditional is not None:
            return conditional
        seconds = settings.WARTA_PAGE_CACHE_SECONDS
        if seconds:
            cached_response = cache.get(f"warta:page:{etag}")
            if cached_response is not None:
                request._warta_page_hit = True
                return cached_response
        return None

    def finish(self, request, response, key):
        etag, stamp = key
        if response.status_code not in (200, 304):
            return
        # The stamp's, not a view's own (feeds set one from their items): the
        # validators must be the ones ``process_view`` checks.
        response.headers["ETag"] = etag
        if stamp.last_modified:
            response.headers["Last-Modified"] = http_date(
                stamp.last_modified.timestamp()
            )
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        if not response.streaming:
            # Feeds are written piece by piece; one piece is one write to the
            # socket instead of hundreds.
            response.content = response.content
        seconds = settings.WARTA_PAGE_CACHE_SECONDS
        if (
            seconds
            and response.status_code == 200
            and request.method == "GET"
            and not getattr(request, "_warta_page_hit", False)
            and not response.streaming
            and not response.cookies
        ):
            if hasattr(response, "render") and not response.is_rendered:
                response.add_post_render_callback(
                    lambda r: cache.set(f"warta:page:{etag}", r, seconds)
                )
            else:
                cache.set(f"warta:page:{etag}", response, seconds)


def taxonomy():
    """The regions, topics and sources, loaded once per stamp in this process."""
    return memoised("taxonomy", Taxonomy.load)


@dataclass
class Taxonomy:
    """Every region, topic and source, indexed the ways pages look them up; all
    derived once when loaded."""

    regions: dict
    region_by_slug: dict
    region_by_code: dict
    region_by_path: dict
    region_children_of: dict
    topics: dict
    topic_by_slug: dict
    topic_children_of: dict
    sources: dict
    source_by_slug: dict

    @classmethod
    def load(cls):
        from entities.models import Region

        from .models import Source, Topic

        regions = {r.pk: r for r in Region.objects.all()}
        topics = {t.pk: t for t in Topic.objects.select_related("parent")}
        sources = {s.pk: s for s in Source.objects.all()}
        return cls(
            regions=regions,
            region_by_slug={r.slug: r for r in regions.values()},
            region_by_code={r.code: r for r in regions.values()},
            region_by_path={r.path: r for r in regions.values()},
            region_children_of=_children_by_name(regions.values()),
            topics=topics,
            topic_by_slug={t.slug: t for t in topics.values()},
            topic_children_of=_children_by_name(topics.values()),
            sources=sources,
            source_by_slug={s.slug: s for s in sources.values()},
        )

    def region_subtree(self, region) -> list:
        return [r for r in self.regions.values() if r.path.startswith(region.path)]

    def region_children(self, region) -> list:
        """The regions directly below ``region`` (None: the roots), by name."""
        return list(self.region_children_of.get(region.pk if region else None, ()))

    def region_ancestors(self, region) -> list:
        """The regions above ``region``, from the root down."""
        parts = region.path.strip("/").split("/")[:-1]
        paths = ["/" + "/".join(parts[: n + 1]) + "/" for n in range(len(parts))]
        return [self.region_by_path[p] for p in paths if p in self.region_by_path]

    def topic_children(self, topic) -> list:
        return list(self.topic_children_of.get(topic.pk, ()))

    def topic_subtree(self, topic) -> list:
        found, frontier = [topic], [topic]
        while frontier:
            frontier = [child for t in frontier for child in self.topic_children(t)]
            found += frontier
        return found


def _children_by_name(objects) -> dict:
    children = {}
    for obj in sorted(objects, key=lambda o: o.name):
        children.setdefault(obj.parent_id, []).append(obj)
    return children
