"""Corrections, clarifications and replies (hak jawab) on published articles:
dated notes the article shows and /koreksi/ lists, as the Pedoman
Pemberitaan Media Siber asks. Added by ``editorial.article_correct`` only."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entities.text import check_text_fields


class ArticleCorrection(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")
        REPLY = "reply", _("Right of reply")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.CORRECTION
    )
    text = models.TextField(
        _("note"),
        help_text=_(
            "What was wrong and what is right, or the reply, as readers will "
            "read it under the article."
        ),
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ("published_at", "pk")
        indexes = [models.Index(fields=("-published_at",), name="correction_newest")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.article}"

    def clean(self):
        check_text_fields(self)
