"""The newsroom's in-app notifications ("Untuk saya"): what a colleague did
that concerns someone (a mention, an assignment, a story returned to her),
kept until she has read it. Mail is only a copy of these."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_user(self, user):
        """Return ``user``'s notifications, newest first."""
        return self.filter(recipient=user).order_by("-created", "-pk")


class Notification(models.Model):
    """One thing that concerns ``recipient`` on ``article``, done by ``actor``."""

    class Kind(models.TextChoices):
        MENTION = "mention", _("mentioned you")
        ASSIGNMENT = "assignment", _("assigned you")
        RETURNED = "returned", _("returned to you")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created = models.DateTimeField(_("when"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # The desk reads one person's unread ones, newest first.
            models.Index(
                fields=["recipient", "read_at", "-created"], name="notification_inbox"
            ),
        ]

    def __str__(self):
        return f"{self.actor} {self.get_kind_display()}: {self.article}"
