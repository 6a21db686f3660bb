"""Text as typed: stored exactly, escaped on output, refused only when it holds
characters no database or feed can carry."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

# NUL (PostgreSQL refuses it), the other C0 controls except tab, line feed and
# carriage return, lone surrogates and the two non-characters XML forbids.
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def unstorable(value) -> list[str]:
    """The characters of ``value`` that cannot be stored, as U+XXXX codes."""
    if not isinstance(value, str):
        return []
    return sorted({f"U+{ord(c):04X}" for c in UNSTORABLE.findall(value)})


def check_text_fields(instance) -> None:
    """Raise ``ValidationError`` naming every text field of ``instance`` that holds
    characters which cannot be stored; nothing is changed or dropped."""
    errors = {}
    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            codes = unstorable(getattr(instance, field.attname))
            if codes:
                errors[field.name] = ValidationError(
                    _("Contains characters that cannot be stored: %(codes)s.")
                    % {"codes": ", ".join(codes)},
                    code="unstorable",
                )
    if errors:
        raise ValidationError(errors)
