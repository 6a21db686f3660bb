"""The standing pages an Indonesian news site must have (Dewan Pers norms):
the masthead, about, contact, the cyber media guidelines, the corrections log
and privacy. Editors write them in the admin as rich text, in both languages;
every save is a revision."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from articles.models import richtext
from entities.text import check_text_fields

# slug (its address, /<slug>/) -> its name in the footer. Fixed: the footer is
# on every page and reads no row for it.
STANDING_PAGES = {
    "redaksi": _("Editorial team"),
    "tentang": _("About us"),
    "kontak": _("Contact"),
    "pedoman-media-siber": _("Cyber media guidelines"),
    "koreksi": _("Corrections"),
    "privasi": _("Privacy"),
}


class StandingPageManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class StandingPage(models.Model):
    """One standing page: its Indonesian text, and its English text where an
    editor wrote one (an English page shows the Indonesian text otherwise)."""

    slug = models.SlugField(
        _("page"),
        max_length=40,
        unique=True,
        choices=[(slug, label) for slug, label in STANDING_PAGES.items()],
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Paragraphs, subheadings, bold, italic, links, lists and quotes; any "
            "other formatting is removed, the text is always kept."
        ),
    )
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    body_en = models.TextField(_("text in English"), blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    objects = StandingPageManager()
    history = HistoricalRecords(
        verbose_name=_("standing page revision"),
        verbose_name_plural=_("standing page revisions"),
    )

    class Meta:
        verbose_name = _("standing page")
        verbose_name_plural = _("standing pages")
        ordering = ("pk",)

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Whatever saves it, the stored text is the sanitised one.
        self.body = richtext.sanitize(self.body)
        self.body_en = richtext.sanitize(self.body_en)
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(f"articles:page-{self.slug}")

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        check_text_fields(self)
        for name in ("body", "body_en"):
            try:
                setattr(self, name, richtext.sanitize(getattr(self, name)))
            except richtext.TextWouldBeLost as exc:
                raise ValidationError({name: exc}) from exc

    def in_language(self, language=None) -> tuple[str, str, str]:
        """``(title, body, language of that text)`` for a page in ``language``
        (the active one): the English text where written, else Indonesian."""
        language = language or get_language()
        if language == "en" and self.body_en.strip():
            return self.title_en or self.title, self.body_en, "en"
        return self.title, self.body, "id"
