"""Draft revisions of a live article (Wagtail's draft of a live page,
WordPress's pending changes).

Editing a published article can be saved as a draft revision
(``models.ArticleDraft``, one per article) while readers keep seeing the
article as it is: the ``Article`` row is not touched, so pages, feeds, the API,
the sitemaps and every cache keep the live text. An editor reviews what the
revision changes and publishes it (``draft_publish``: one ``article_update``,
so the revision history, the derived fields, the word count and the content
stamp follow as for any save), schedules it (``draft_schedule``; the worker's
scheduler runs ``drafts_publish_due`` every minute) or discards it.

A revision records the live values it was based on (``base``) as well as its
own. What it changes is applied onto the article as it is when it is published
(``merged``): a field or a tag the revision left alone keeps whatever the live
article has then, so a tag an editor added to the live article after the
revision began is not taken away by publishing it.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.editorial import history
from articles.editorial.update import (
    EditConflict,
    _keyword_tags,
    article_update,
    conflict_message,
)
from articles.models import Article, ArticleDraft, workflow

log = logging.getLogger(__name__)

# The fields a revision carries (attnames): the article's text and its
# details. Where the article stands (status, publish time, featured, assignee)
# and the image file apply at once or not at all (``LIVE_ONLY``).
FIELDS = (
    "title",
    "slug",
    "standfirst",
    "body",
    "source_id",
    "original_url",
    "original_published_on",
    "dateline",
    "dateline_region_id",
    "byline",
    "credit",
    "language",
    "featured_image_alt",
    "featured_image_caption",
    "featured_image_credit",
)
LIVE_ONLY = ("publish_at", "is_featured", "assignee_id", "featured_image")


def _to_json(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _from_json(name, value):
    return Article._meta.get_field(name).to_python(value)


def values_of(article) -> dict:
    """The revision's fields of ``article`` as JSON values."""
    return {name: _to_json(getattr(article, name)) for name in FIELDS}


def _merged_tags(live: dict, base: dict, draft: dict) -> dict:
    merged = {}
    for field in history.TAG_FIELDS:
        before = {pk for pk, _name in base.get(field, [])}
        after = {pk for pk, _name in draft.get(field, [])}
        pairs = [p for p in live.get(field, []) if p[0] not in before - after]
        have = {pk for pk, _name in pairs}
        pairs += [p for p in draft.get(field, []) if p[0] not in before | have]
        merged[field] = sorted(pairs, key=lambda p: p[1])
    return merged


def merged(draft, *, live=None, live_tags=None) -> tuple[dict, dict]:
    """What the article would be with ``draft`` published now: its fields
    (attname → value) and its tags (a snapshot). ``live``/``live_tags``: the
    article and its tag snapshot, when the caller has them."""
    live = live or draft.article
    if live_tags is None:
        live_tags = history.snapshot(history.current_tags(live))
    base = draft.values.get("base", {})
    mine = draft.values.get("draft", {})
    fields = {}
    for name in FIELDS:
        if name in mine and mine[name] != base.get(name):
            fields[name] = _from_json(name, mine[name])
        else:
            fields[name] = getattr(live, name)
    tags = _merged_tags(
        live_tags, draft.tags.get("base", {}), draft.tags.get("draft", {})
    )
    return fields, tags


def as_published(draft, *, live=None) -> Article:
    """An unsaved copy of the article with ``draft`` applied, carrying its
    tag snapshot as ``tags`` (what ``desk.compare`` compares)."""
    live = live or draft.article
    live_tags = history.snapshot(history.current_tags(live))
    fields, tags = merged(draft, live=live, live_tags=live_tags)
    copy = Article.objects.get(pk=live.pk)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.tags = tags
    return copy


def _draft_conflict():
    return EditConflict(
        _(
            "Someone saved, published or discarded the draft revision of this "
            "article after you opened it. Nothing was saved; open the article "
            "again."
        ),
        "conflict",
    )


def _stored(article, *, lock=True):
    rows = Article.objects.filter(pk=article.pk)
    if lock:
        rows = rows.select_for_update()
    stored = rows.values(
        "version", "status", "created_by_id", *LIVE_ONLY, *FIELDS
    ).first()
    if stored is None:
        raise ValidationError(
            _("This article was deleted after you opened it; nothing was saved.")
        )
    return stored


def _as_stored(article, stored) -> Article:
    return Article(
        pk=article.pk,
        title=stored["title"],
        status=stored["status"],
        publish_at=stored["publish_at"],
        created_by_id=stored["created_by_id"],
        assignee_id=stored["assignee_id"],
    )


def draft_version(article) -> int | None:
    """The version of ``article``'s pending revision (``None``: there is none)."""
    return (
        ArticleDraft.objects.filter(article_id=article.pk)
        .values_list("version", flat=True)
        .first()
    )


def check_draft_unchanged(article, expected_draft) -> None:
    """Raise ``EditConflict`` unless ``article``'s pending revision is still the
    one a form showed (``expected_draft``: its version, ``None`` for none).
    Locks it until the transaction ends."""
    current = (
        ArticleDraft.objects.select_for_update()
        .filter(article_id=article.pk)
        .values_list("version", flat=True)
        .first()
    )
    if current != (expected_draft or None):
        raise _draft_conflict()


def draft_check(*, article, by, expected_version=None, expected_draft=None) -> dict:
    """Check that ``by`` may save ``article`` (its fields set to the edit) as a
    draft revision: return the live row as stored (locked), or raise.

    Raises ``EditConflict`` if the live article or its revision changed since
    the form was opened, ``PermissionDenied`` unless ``by`` may
    (``workflow.can_save_draft``), ``ValidationError`` if the edit changes what
    a revision does not carry (``LIVE_ONLY``)."""
    stored = _stored(article)
    if expected_version is not None and expected_version != stored["version"]:
        raise EditConflict(conflict_message(article, expected_version), "conflict")
    check_draft_unchanged(article, expected_draft)
    if not workflow.can_save_draft(by, _as_stored(article, stored)):
        raise PermissionDenied(
            _("You may not save a draft revision of “%(title)s”.")
            % {"title": stored["title"]}
        )
    changed = _live_only_changes(article, stored)
    if changed:
        raise ValidationError(
            _(
                "A draft revision carries the text, its details and tags, not "
                "%(fields)s. Nothing was saved: undo that change, or make it "
                "with a normal save."
            )
            % {"fields": ", ".join(changed)}
        )
    return stored


def _live_only_changes(article, stored) -> list[str]:
    changed = []
    for name in LIVE_ONLY:
        value, before = getattr(article, name), stored[name]
        if name == "featured_image":
            value, before = value.name or "", before or ""
        if value != before:
            field = Article._meta.get_field(name.removesuffix("_id"))
            changed.append(str(field.verbose_name))
    return changed


@transaction.atomic
def draft_save(
    *,
    article,
    by,
    tags=None,
    expected_version=None,
    expected_draft=None,
    stored=None,
) -> ArticleDraft:
    """Save the edit of the live ``article`` (its fields set, unsaved) as its
    pending revision for ``by``; the article itself is not changed. ``tags`` as
    for ``article_update``; ``stored``: what ``draft_check`` returned earlier in
    this transaction (else it is checked here)."""
    if stored is None:
        stored = draft_check(
            article=article,
            by=by,
            expected_version=expected_version,
            expected_draft=expected_draft,
        )
    article.full_clean(exclude=["slug"] if not article.slug else None)
    live_tags = history.current_tags(article)
    planned = dict(live_tags)
    for name, values in (tags or {}).items():
        planned[name] = _keyword_tags(values) if name == "keywords" else list(values)
    draft = ArticleDraft.objects.filter(article_id=article.pk).first()
    if draft is None:
        draft = ArticleDraft(article_id=article.pk, created_by=by)
    else:
        draft.version += 1
    draft.values = {
        "base": {name: _to_json(stored[name]) for name in FIELDS},
        "draft": values_of(article),
    }
    draft.tags = {
        "base": history.snapshot(live_tags),
        "draft": history.snapshot(planned),
    }
    draft.base_version = stored["version"]
    draft.updated_by = by
    draft.save()
    return draft


def draft_applied(*, article, expected_draft) -> None:
    """After a save of ``article`` from a form that showed its pending revision
    (``expected_draft``, checked by ``check_draft_unchanged`` in the same
    transaction): what was saved includes the revision, which goes."""
    ArticleDraft.objects.filter(article_id=article.pk, version=expected_draft).delete()


def _require_publisher(by):
    if by is None or not workflow.can_publish(by):
        raise PermissionDenied(_("Only editors publish or schedule a draft revision."))


def _locked_draft(article, expected_draft):
    rows = ArticleDraft.objects.select_for_update().filter(article_id=article.pk)
    draft = rows.first()
    stale = expected_draft is not None and draft and draft.version != expected_draft
    if draft is None or stale:
        raise _draft_conflict()
    return draft


@transaction.atomic
def draft_publish(
    *, article, by, expected_version=None, expected_draft=None
) -> tuple[Article, list[str]]:
    """Publish ``article``'s pending revision for ``by`` (an editor): one
    ``article_update`` of the live article with what the revision changes,
    then the revision is gone. ``expected_version``/``expected_draft``: the
    live version and the revision a person reviewed (a later change of either
    refuses). Returns the article and the names of tags that no longer exist
    (they cannot be applied)."""
    _require_publisher(by)
    draft = _locked_draft(article, expected_draft)
    live = Article.objects.select_for_update().get(pk=article.pk)
    fields, tags = merged(draft, live=live)
    for name, value in fields.items():
        setattr(live, name, value)
    found, missing = history.restorable(tags)
    article_update(
        article=live,
        by=by,
        expected_version=expected_version,
        tags=found,
        reason=_("Published a draft revision"),
    )
    draft.delete()
    return live, missing


@transaction.atomic
def draft_schedule(*, article, by, when, expected_draft=None) -> ArticleDraft:
    """Publish ``article``'s pending revision by itself at ``when`` (ahead);
    ``when=None`` takes the schedule away. For editors."""
    _require_publisher(by)
    draft = _locked_draft(article, expected_draft)
    if when is not None and when <= timezone.now():
        raise ValidationError(
            _("Choose a time in the future to schedule the revision.")
        )
    draft.publish_at = when
    draft.scheduled_by = by if when else None
    draft.schedule_error = ""
    draft.version += 1
    draft.save()
    return draft


@transaction.atomic
def draft_discard(*, article, by, expected_draft=None) -> None:
    """Throw ``article``'s pending revision away: an editor, or whoever may
    write it (``workflow.can_save_draft``)."""
    if not (workflow.can_publish(by) or workflow.can_save_draft(by, article)):
        raise PermissionDenied(_("You may not discard this draft revision."))
    _locked_draft(article, expected_draft).delete()


def drafts_publish_due(*, now=None) -> int:
    """Publish every revision whose time has come, as the editor who scheduled
    it (the worker's scheduler calls this every minute). A revision that cannot
    be published (the editor lost the right, a conflict) keeps waiting,
    unscheduled, with the reason on its review page. Returns how many were
    published."""
    now = now or timezone.now()
    published = 0
    due = ArticleDraft.objects.filter(publish_at__lte=now).select_related(
        "article", "scheduled_by"
    )
    for draft in due.order_by("publish_at", "pk"):
        try:
            draft_publish(
                article=draft.article,
                by=draft.scheduled_by,
                expected_draft=draft.version,
            )
            published += 1
        except (PermissionDenied, ValidationError) as exc:
            log.warning("draft revision %s not published: %s", draft.pk, exc)
            message = "; ".join(getattr(exc, "messages", None) or [str(exc)])
            ArticleDraft.objects.filter(pk=draft.pk).update(
                publish_at=None, schedule_error=message
            )
    return published
