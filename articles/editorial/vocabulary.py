"""Writes on the desk's own vocabulary: a topic saved from the admin (a
restored revision included), with its permission and version checked here."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from entities.versioning import version_check, version_raise


@transaction.atomic
def topic_update(*, topic, by, reason="", expected_version=None):
    """Save a new or edited ``topic`` (its fields already set) with a revision.

    Needs ``articles.add_topic`` (new) or ``articles.change_topic``.
    ``expected_version`` is the version the edit started from: if the topic
    changed since, the save is refused (``ValidationError``, code
    ``conflict``) and nothing is written."""
    permission = "articles.change_topic" if topic.pk else "articles.add_topic"
    if not by.has_perm(permission):
        raise PermissionDenied(_("You may not change topics."))
    version_check(topic, expected_version)
    version_raise(topic)
    topic._change_reason = reason[:100]
    topic._history_user = by
    topic.full_clean()
    topic.save()
    return topic
