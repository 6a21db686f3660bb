"""The suggestion: one thing the extractor found in an article."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from entities.kinds import SuggestionKind
from entities.models import Entity


class Decision(models.TextChoices):
    """Where the desk stands on something the extractor proposed (a suggestion,
    a fact)."""

    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Suggestion(models.Model):
    """Something the extractor thinks an article is about, waiting for an editor.

    Accepting it tags the article; a rejected suggestion stays, so that it is not
    proposed again for the same article.
    """

    Kind = SuggestionKind

    Status = Decision

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="suggestions",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    key = models.CharField(_("key"), max_length=200, editable=False)
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    code = models.CharField(_("region code"), max_length=20, blank=True)
    entity = models.ForeignKey(
        Entity,
        verbose_name=_("matching entity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    topic = models.ForeignKey(
        "articles.Topic",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    evidence = models.TextField(_("evidence"), blank=True)
    confidence = models.FloatField(_("confidence"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ("kind", "-confidence", "name")
        constraints = [
            models.UniqueConstraint(
                fields=("article", "key"), name="suggestion_unique_key"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name}"
