"""The quote: words an article attributes to a person, shown on the person's
page unless an editor hides it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from entities.models import Entity


class Quote(models.Model):
    """A direct or indirect quote of an article, with its speaker as written
    and, when the newsroom knows the person, the entity."""

    class Kind(models.TextChoices):
        DIRECT = "direct", _("Direct")
        INDIRECT = "indirect", _("Indirect")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="quotes",
    )
    key = models.CharField(_("key"), max_length=64, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    speaker = models.CharField(_("speaker"), max_length=200)
    entity = models.ForeignKey(
        Entity,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
    )
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(_("position in the text"), default=0)
    hidden = models.BooleanField(_("hidden"), default=False)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ("article", "position")
        constraints = [
            models.UniqueConstraint(fields=("article", "key"), name="quote_unique_key"),
        ]

    def __str__(self):
        return f"{self.speaker}: {self.text[:60]}"
