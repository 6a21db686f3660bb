"""Edits refused as stale are kept, and can be re-applied onto the current
version with one click.

A save is refused when someone saved the article after the editor opened it
(``services.EditConflict``). The refused form data is then kept server-side,
in the editor's session, with the version it was based on. Until the editor
saves the article or discards them, the change page shows every field they
changed, their value beside the current one, and offers to re-apply: the form
opens on the current version with the fields they changed set to their values
and everything else as their colleague left it. Nothing is saved until they
press a save button.

What the editor changed is decided against the revision they opened (its
fields and tag snapshot), with the form's own ``changed_data``, so a field
only their colleague changed is never overwritten by a stale value.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.forms.models import model_to_dict
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from taggit.utils import edit_string_for_tags

from articles.editorial import history
from articles.editorial.diff import Segment, word_diff
from articles.models import richtext

SESSION_KEY = "warta_refused_edits"
KEEP = 20  # articles with kept edits per session; the oldest go first
# Form data that is not the editor's writing, or cannot be kept (files).
NOT_KEPT = {
    "csrfmiddlewaretoken",
    "expected_version",
    "expected_draft",
    "transition",
    "featured_image",
    "featured_image-clear",
    "_save_draft",
    "_save",
    "_continue",
    "_addanother",
}
NOT_COMPARED = {"expected_version", "expected_draft", "transition", "featured_image"}


def refused_as_stale(form) -> bool:
    return form is not None and form.has_error(NON_FIELD_ERRORS, "conflict")


def keep(request, article, data, files=None) -> None:
    """Keep the refused POST ``data`` of ``article``'s form."""
    try:
        base = int(data.get("expected_version", ""))
    except ValueError:
        return
    kept_data = {
        key: data.getlist(key)
        for key in data
        if key not in NOT_KEPT and not key.startswith("notes-")
    }
    edits = dict(request.session.get(SESSION_KEY, {}))
    edits[str(article.pk)] = {
        "base": base,
        "data": kept_data,
        "at": timezone.now().isoformat(),
        "image": bool(files and files.get("featured_image")),
        # The internal note typed with the refused save: it was not added
        # either, and is offered again with the edits.
        "note": (data.get("notes-0-text") or "").strip(),
    }
    newest = sorted(edits.items(), key=lambda item: item[1]["at"])[-KEEP:]
    request.session[SESSION_KEY] = dict(newest)


def kept(request, article) -> dict | None:
    return request.session.get(SESSION_KEY, {}).get(str(article.pk))


def forget(request, article) -> None:
    edits = dict(request.session.get(SESSION_KEY, {}))
    if edits.pop(str(article.pk), None) is not None:
        request.session[SESSION_KEY] = edits


@dataclass
class Difference:
    name: str
    label: str
    yours: str
    current: str
    both_changed: bool
    # What re-applying changes, word by word: from the current value to yours.
    diff: list[Segment]


@dataclass
class Refused:
    """Kept edits compared with the current version."""

    at: datetime.datetime
    base_version: int
    differences: list[Difference]
    values: dict  # field name -> the editor's cleaned value, to re-apply
    image: bool  # the refused save uploaded an image (files are not kept)
    note: str = ""  # the internal note typed with the refused save

    @property
    def both_changed(self) -> list[str]:
        return [d.label for d in self.differences if d.both_changed]


def compare(form_class, article, entry) -> Refused | None:
    """What the editor changed in ``entry`` (see ``keep``) relative to the
    revision they opened, beside ``article`` as it is now; ``None`` if that
    revision is gone."""
    base = _initial_at(form_class, article, entry["base"])
    if base is None:
        return None
    data = QueryDict(mutable=True)
    for key, values in entry["data"].items():
        data.setlistdefault(key, []).extend(values)
    yours = form_class(data=data, files={}, instance=_fresh(article), initial=base)
    yours.user = None  # only read the values: the save is checked when it happens
    yours.is_valid()
    current = form_class(instance=article).initial
    differences, values = [], {}
    for name in yours.changed_data:
        if name in NOT_COMPARED or name not in yours.cleaned_data:
            continue
        field = yours.fields[name]
        value = yours.cleaned_data[name]
        if name == "body" and _same_html(value, base.get(name)):
            continue  # the editor re-serialised the text without changing it
        # Re-applied as initial values: keywords as the text typed.
        values[name] = data.get(name, "") if name == "keywords" else value
        before = display(name, field, base.get(name))
        yours_shown = display(name, field, value)
        current_shown = display(name, field, current.get(name))
        differences.append(
            Difference(
                name=name,
                label=str(field.label or name).capitalize(),
                yours=yours_shown,
                current=current_shown,
                both_changed=current_shown != before,
                diff=word_diff(current_shown, yours_shown),
            )
        )
    return Refused(
        at=parse_datetime(entry["at"]),
        base_version=entry["base"],
        differences=differences,
        values=values,
        image=entry.get("image", False),
        note=entry.get("note", ""),
    )


def _same_html(one, other) -> bool:
    def canonical(value):
        try:
            cleaned = richtext.sanitize(value or "")
        except richtext.TextWouldBeLost:
            cleaned = value or ""
        return re.sub(r">\s+<", "><", cleaned).strip()

    return canonical(one) == canonical(other)


def _fresh(article):
    """Another instance of ``article`` (a bound form writes onto its instance)."""
    return type(article).objects.get(pk=article.pk)


def _initial_at(form_class, article, version) -> dict | None:
    """The form's initial values for ``article`` as it was at ``version``."""
    revision = (
        article.history.filter(version=version)
        .order_by("-history_date", "-history_id")
        .first()
    )
    if revision is None:
        return None
    fields = form_class._meta.fields
    initial = model_to_dict(revision.instance, fields=fields)
    tags, _missing = history.restorable(revision.tags)
    initial.update({name: objs for name, objs in tags.items() if name in fields})
    return initial


def display(name, field, value) -> str:
    """``value`` of ``field`` as a person reads it."""
    if value in (None, "", [], ()):
        return "—"
    if name == "body":
        return richtext.to_text(value)
    if name == "keywords":
        if isinstance(value, str):
            return value
        return edit_string_for_tags(list(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.QuerySet | list | tuple):
        return ", ".join(sorted(str(_object(field, v)) for v in value)) or "—"
    if isinstance(value, int) and hasattr(field, "queryset"):
        return str(_object(field, value))
    choices = dict(getattr(field, "choices", None) or ())
    return str(choices.get(value, value))


def _object(field, value):
    if isinstance(value, models.Model) or not hasattr(field, "queryset"):
        return value
    return field.queryset.filter(pk=value).first() or value
