"""A pending revision of a live article (Wagtail's draft of a live page,
WordPress's pending changes): the edited text and tags wait here while readers
keep seeing the article as it is. Publishing it is one ordinary save of the
article (``editorial.drafts``); nothing that reads ``Article`` sees it before.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from entities.models import version_field


class ArticleDraft(models.Model):
    """One per article at a time: the content fields it changes (``values``:
    field attname → JSON value), its tags (a ``history.snapshot``), who wrote
    it and when, and a time to publish it by itself (``publish_at``)."""

    article = models.OneToOneField(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="pending_draft",
    )
    values = models.JSONField(_("fields"), default=dict)
    tags = models.JSONField(_("tags"), default=dict)
    # The live article's version the draft was last saved on.
    base_version = models.PositiveIntegerField(_("based on version"))
    version = version_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("saved"), auto_now=True)
    publish_at = models.DateTimeField(_("publish the revision at"), null=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Why the scheduled publishing did not happen (shown on the review page).
    schedule_error = models.TextField(_("scheduling error"), blank=True)

    class Meta:
        verbose_name = _("draft revision")
        verbose_name_plural = _("draft revisions")
        indexes = [
            models.Index(
                fields=("publish_at",),
                name="draft_due",
                condition=models.Q(publish_at__isnull=False),
            )
        ]

    def __str__(self):
        return str(_("Draft revision of article %(id)s") % {"id": self.article_id})
