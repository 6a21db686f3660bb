"""Each person's own automatic copy of the article form they are typing in.

The open form posts its fields every few seconds while it has unsaved
changes; they are kept per (person, article), or per person for a new
article, and never written over the article. After a crash or a closed tab
the form offers them back ("Pulihkan salinan otomatis dari 20.14"); saving
the article, or discarding the copy, deletes it.

Restoring works like re-applying refused edits (``recovery``): what the
person changed relative to the version they had open goes into the form on
top of the current version, so a field only a colleague changed since is
not put back to its old value."""

import json

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.editorial import recovery
from articles.models import Article, AutosaveCopy, workflow

EVERY = 5  # seconds between the open form's copies while it has changes
MAX_CHARS = 2_000_000  # of the copy as JSON: an article body is far smaller


class CopyRefused(ValidationError):
    """The posted copy is not kept (too large, or not form fields)."""


def _may_keep(user, article) -> bool:
    if article is None:
        return user.has_perm("articles.add_article")
    return user.has_perm("articles.change_article") and workflow.can_edit(user, article)


def autosave_store(*, user, article, data: QueryDict, fields) -> AutosaveCopy:
    """Keep ``data`` (a posted form) as ``user``'s copy of ``article``
    (``None``: a new article). Only the form's ``fields`` are kept (a split
    date and time by their parts); the article itself is never written."""
    if not _may_keep(user, article):
        raise PermissionDenied(_("You may not edit this article."))
    try:
        base = int(data.get("expected_version") or 0)
    except ValueError as exc:
        raise CopyRefused(_("The form's version is not a number.")) from exc
    kept = {
        key: data.getlist(key)
        for key in data
        if key.rsplit("_", 1)[0] in fields or key in fields
        if key not in recovery.NOT_KEPT
    }
    if not kept:
        raise CopyRefused(_("Nothing of the article's form was sent."))
    size = len(json.dumps(kept, ensure_ascii=False))
    if size > MAX_CHARS:
        raise CopyRefused(
            _("The automatic copy is too large (%(size)d characters).") % {"size": size}
        )
    copy, _created = AutosaveCopy.objects.update_or_create(
        user=user,
        article=article,
        defaults={"data": kept, "base_version": base, "saved_at": timezone.now()},
    )
    return copy


def autosave_of(*, user, article) -> AutosaveCopy | None:
    """``user``'s copy of ``article`` (``None``: of a new article), if any."""
    return AutosaveCopy.objects.filter(user=user, article=article).first()


def autosave_forget(*, user, article) -> None:
    AutosaveCopy.objects.filter(user=user, article=article).delete()


def restorable(form_class, article, copy) -> dict:
    """The form values to put back from ``copy``: each field the person
    changed, by the form's own ``changed_data`` against the version they had
    open (or against the article as it is, when that revision is gone; an
    empty form for a new article). A text field the form would refuse (a body
    that would lose words) comes back as typed: a restore keeps every
    character, the save decides."""
    data = QueryDict(mutable=True)
    for key, values in copy.data.items():
        data.setlistdefault(key, []).extend(values)
    if article is None:
        instance, base = Article(), {}
    else:
        base = recovery._initial_at(form_class, article, copy.base_version)
        if base is None:
            base = form_class(instance=article).initial
        instance = recovery._fresh(article)
    form = form_class(data=data, files={}, instance=instance, initial=base)
    form.user = None  # only read the values: the save is checked when it happens
    form.is_valid()
    values = {}
    for name in form.changed_data:
        if name in recovery.NOT_COMPARED or name not in data:
            continue
        if name == "body" and recovery._same_html(data.get(name), base.get(name)):
            continue  # the editor re-serialised the text without changing it
        if name == "keywords":
            values[name] = data.get(name, "")
        elif name in form.cleaned_data:
            values[name] = form.cleaned_data[name]
        elif isinstance(form.fields[name], forms.CharField):
            values[name] = data.get(name, "")
    return values


def pending(form_class, article, copy) -> dict:
    """What restoring ``copy`` would change in the form as it opens now:
    ``restorable`` without the values the article already has. Empty when
    the copy holds nothing unsaved (a copy sent just as the person saved)."""
    values = restorable(form_class, article, copy)
    if article is None or not values:
        return values
    form = form_class(instance=article)
    differing = {}
    for name, value in values.items():
        current = form.initial.get(name)
        if name == "body":
            if not recovery._same_html(value, current):
                differing[name] = value
            continue
        field = form.fields[name]
        shown = recovery.display(name, field, value)
        if shown != recovery.display(name, field, current):
            differing[name] = value
    return differing
