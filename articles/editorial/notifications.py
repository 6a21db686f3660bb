"""Email to the people an article concerns, when something happens to it.

- submitted for review: the editors;
- returned to draft by someone else: its author;
- published (or scheduled): its author and whoever it is assigned to;
- a note that mentions ``@username``: that colleague.

Nobody is told about their own action. Mail goes through Django's email
framework (the console in development, SMTP as configured in production) after
the change commits; a mail server that fails is logged, never an error for the
editor who saved.
"""

import logging
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from articles.models import workflow

logger = logging.getLogger("warta.notifications")
MENTION = re.compile(r"(?<![\w@])@([\w.+-]+)")
Status = workflow.Status


def _send(recipients, subject, body) -> None:
    addresses = sorted({user.email for user in recipients if user.email})
    if not addresses:
        return
    # A subject is one line: a title with a line break in it (kept in the
    # article, which keeps every character) would make Django refuse the
    # whole mail as a header injection.
    subject = " ".join(subject.split())
    try:
        send_mail(
            f"[Warta Industri] {subject}",
            body,
            None,
            addresses,
            fail_silently=False,
        )
    except Exception:  # the save has committed; the mail server must not undo it
        logger.exception("could not send “%s” to %s", subject, addresses)


def _link(article) -> str:
    return settings.WARTA_SITE_URL.rstrip("/") + reverse(
        "admin:articles_article_change", args=[article.pk]
    )


def status_changed(article, *, from_status, by) -> None:
    """Queue the mail for a status change (sent once the change commits)."""
    to_status = article.status
    if to_status == from_status:
        return
    User = get_user_model()
    if to_status == Status.REVIEW:
        recipients = User.objects.filter(
            is_active=True, groups__permissions__codename="publish_article"
        ).distinct()
        subject_text = _("For review: %(title)s")
    elif to_status == Status.DRAFT and from_status == Status.REVIEW:
        recipients = [article.created_by] if article.created_by else []
        subject_text = _("Returned to you: %(title)s")
    elif to_status == Status.PUBLISHED:
        recipients = [u for u in (article.created_by, article.assignee) if u]
        subject_text = (
            _("Scheduled: %(title)s")
            if workflow.is_scheduled(article)
            else _("Published: %(title)s")
        )
    else:
        return
    recipients = [u for u in recipients if u.pk != getattr(by, "pk", None)]
    if not recipients:
        return

    def send():
        with translation.override(settings.LANGUAGE_CODE):
            subject = subject_text % {"title": article.title}
            body = _("%(who)s: %(what)s\n\n%(link)s\n") % {
                "who": by,
                "what": subject,
                "link": _link(article),
            }
            _send(recipients, subject, body)

    transaction.on_commit(send)


def note_added(note) -> None:
    """Queue mail to the colleagues a note mentions."""
    names = set(MENTION.findall(note.text))
    if not names:
        return
    User = get_user_model()
    recipients = [
        user
        for user in User.objects.filter(
            username__in=names, is_active=True, is_staff=True
        )
        if user.pk != note.author_id
    ]
    if not recipients:
        return

    def send():
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("%(who)s mentioned you on %(title)s") % {
                "who": note.author,
                "title": note.article.title,
            }
            _send(recipients, subject, f"{note.text}\n\n{_link(note.article)}\n")

    transaction.on_commit(send)
