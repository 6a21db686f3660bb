"""Optimistic locking for the vocabulary: an edit based on an older version
than the database holds is refused, as the article form refuses it.

Any model with a ``version`` field and django-simple-history's ``history``
(``Entity``, and ``articles``' ``Topic``) uses these; the form carries the
version it was opened at, the service checks it under a row lock and raises
the version it saves.
"""

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _


def version_lock(instance) -> int | None:
    """Lock ``instance``'s row until the transaction ends and return the
    version stored in it (``None`` for a new object)."""
    if instance.pk is None:
        return None
    return (
        type(instance)
        ._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("version", flat=True)
        .first()
    )


def version_check(instance, expected_version) -> int | None:
    """Lock ``instance``'s row and refuse (``ValidationError``, code
    ``conflict``) when it changed since ``expected_version``; ``None`` expects
    nothing (a service's own caller). Return the stored version."""
    stored = version_lock(instance)
    if None not in (stored, expected_version) and int(expected_version) != stored:
        raise ValidationError(conflict_message(instance), code="conflict")
    return stored


def version_raise(instance) -> None:
    """Set the version ``instance`` is saved with: one more than stored."""
    stored = version_lock(instance)
    instance.version = (stored or 0) + 1


def conflict_message(instance) -> str:
    """Who changed ``instance`` last and when, and what to do."""
    latest = instance.history.order_by("-history_date").first()
    who = (
        latest.history_user.get_username()
        if latest is not None and latest.history_user
        else _("someone")
    )
    when = (
        date_format(localtime(latest.history_date), "DATETIME_FORMAT")
        if latest is not None
        else "–"
    )
    return _(
        "“%(name)s” was changed by %(who)s at %(when)s after you opened it, so "
        "your save was refused and nothing was overwritten. Your edits are kept "
        "below: open the latest version (its history shows the change) in a new "
        "tab and apply them there."
    ) % {"name": instance, "who": who, "when": when}
