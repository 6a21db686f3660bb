"""Telling the people an article concerns when something happens to it: in the
admin ("Untuk saya", a ``Notification`` each) and by mail, a copy.

- submitted for review: the editors (mail);
- returned to draft by someone else: its author (in-app and mail);
- published (or scheduled, with the time): its author and assignee (mail);
- assigned to someone: the assignee (in-app and mail);
- a note that mentions ``@username``: that colleague (in-app and mail), if
  they may open the article; the writer is told who was not reached.

Nobody is told about their own action. Mail goes through Django's email
framework (the console in development, SMTP as configured in production) after
the change commits; a mail server that fails is logged, never an error for the
editor who saved.
"""

import logging
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Notification, workflow

logger = logging.getLogger("warta.notifications")
MENTION = re.compile(r"(?<![\w@])@([\w.+-]+)")
# A mention at the end of a sentence or clause ("tanya @redaktur.") ends
# before its punctuation; usernames may contain "." "+" "-", so the name as
# written is tried first.
TRAILING = ".+-"
Status = workflow.Status
Kind = Notification.Kind


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


def _notify(recipients, *, kind, article, by) -> None:
    Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, article=article, actor=by)
        for user in recipients
    )


def _mail_after_commit(recipients, article, by, subject_text, *, when=None) -> None:
    def send():
        with translation.override(settings.LANGUAGE_CODE):
            values = {"title": article.title}
            if when is not None:
                values["when"] = when_text(when)
            subject = subject_text % values
            body = _("%(who)s: %(what)s\n\n%(link)s\n") % {
                "who": by,
                "what": subject,
                "link": _link(article),
            }
            _send(recipients, subject, body)

    transaction.on_commit(send)


def when_text(moment) -> str:
    """A time as the newsroom reads it: "8 Desember 2026, 09.00 WIB"."""
    local = timezone.localtime(moment)
    return f"{date_format(local, 'j F Y, H.i')} {local.tzname()}"


def status_changed(article, *, from_status, by) -> None:
    """Tell who a status change concerns (mail once it commits; a story
    returned to its author also in her inbox)."""
    to_status = article.status
    if to_status == from_status:
        return
    User = get_user_model()
    when = None
    if to_status == Status.REVIEW:
        recipients = User.objects.filter(
            is_active=True, groups__permissions__codename="publish_article"
        ).distinct()
        subject_text = gettext_lazy("For review: %(title)s")
    elif to_status == Status.DRAFT and from_status == Status.REVIEW:
        recipients = [article.created_by] if article.created_by else []
        subject_text = gettext_lazy("Returned to you: %(title)s")
    elif to_status == Status.PUBLISHED and workflow.is_scheduled(article):
        recipients = [u for u in (article.created_by, article.assignee) if u]
        # The mail says when: "scheduled" alone left the author guessing.
        when = article.publish_at
        subject_text = gettext_lazy("Scheduled for %(when)s: %(title)s")
    elif to_status == Status.PUBLISHED:
        recipients = [u for u in (article.created_by, article.assignee) if u]
        subject_text = gettext_lazy("Published: %(title)s")
    else:
        return
    recipients = [u for u in recipients if u.pk != getattr(by, "pk", None)]
    if not recipients:
        return
    if to_status == Status.DRAFT:
        _notify(recipients, kind=Kind.RETURNED, article=article, by=by)
    _mail_after_commit(recipients, article, by, subject_text, when=when)


def assigned(article, *, by) -> None:
    """Tell ``article``'s (new) assignee, unless she assigned herself."""
    assignee = article.assignee
    if assignee is None or assignee.pk == getattr(by, "pk", None):
        return
    _notify([assignee], kind=Kind.ASSIGNMENT, article=article, by=by)
    subject_text = gettext_lazy("Assigned to you: %(title)s")
    _mail_after_commit([assignee], article, by, subject_text)


@dataclass
class Mentions:
    """Who a note's ``@names`` reached, and who they did not."""

    reached: list = field(default_factory=list)
    # Names no active colleague has.
    unknown: list = field(default_factory=list)
    # Colleagues who may not open the article: told nothing, not even its title.
    cannot_open: list = field(default_factory=list)


def mentions_in(text, *, article, author) -> Mentions:
    """Resolve the ``@names`` of ``text`` written by ``author`` on ``article``."""
    written = list(dict.fromkeys(MENTION.findall(text)))
    if not written:
        return Mentions()
    candidates = {n for name in written for n in (name, name.rstrip(TRAILING))}
    users = {
        user.username: user
        for user in get_user_model().objects.filter(
            username__in=candidates, is_active=True, is_staff=True
        )
    }
    found = Mentions()
    for name in written:
        user = users.get(name) or users.get(name.rstrip(TRAILING))
        if user is None:
            found.unknown.append(name.rstrip(TRAILING) or name)
        elif user.pk == author.pk:
            continue
        elif not workflow.can_view(user, article):
            found.cannot_open.append(user)
        elif user not in found.reached:
            found.reached.append(user)
    return found


def note_added(note) -> Mentions:
    """Tell the colleagues a note mentions (in-app, and mail once it commits);
    return who was reached and who was not, for the writer."""
    found = mentions_in(note.text, article=note.article, author=note.author)
    if not found.reached:
        return found
    _notify(found.reached, kind=Kind.MENTION, article=note.article, by=note.author)

    def send():
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("%(who)s mentioned you on %(title)s") % {
                "who": note.author,
                "title": note.article.title,
            }
            _send(found.reached, subject, f"{note.text}\n\n{_link(note.article)}\n")

    transaction.on_commit(send)
    return found


@transaction.atomic
def notifications_mark_read(*, ids=None, by) -> int:
    """Mark ``by``'s unread notifications read (those of ``ids``, or all):
    nobody marks another person's. Returns how many."""
    rows = Notification.objects.filter(recipient=by).unread()
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())
