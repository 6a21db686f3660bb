"""The media library: images kept once, with their caption, credit and alt
text, and placed in any article's body by reference.

A body holds ``<figure data-media="123"></figure>`` (the sanitiser keeps
nothing else of a figure); the public page renders it from the library row
(``render``), so a corrected credit shows in every article that uses the
image. An id that no longer exists renders nothing. Which articles use an
image is read from their bodies (``MediaImage.usage``): no table to keep in
step with every write path.
"""

import html
import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models.images import Renditions

# A reference as the sanitiser writes it (digits only, no other attribute).
REFERENCE = re.compile(r'<figure data-media="([0-9]{1,18})"></figure>')


def reference(pk: int) -> str:
    """The body markup that places library image ``pk``."""
    return f'<figure data-media="{int(pk)}"></figure>'


def referenced_ids(body: str) -> list[int]:
    """The library images ``body`` (sanitised HTML) places, in order."""
    return [int(pk) for pk in REFERENCE.findall(body or "")]


class MediaImage(Renditions, models.Model):
    """An image of the library: the file (stored clean by
    ``editorial.images.stage`` under a random folder, as featured images are),
    what it shows, who made it, and its resized copies."""

    file = models.ImageField(_("image"), upload_to="library/", max_length=255)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_("Describe the image for readers who cannot see it."),
    )
    caption = models.CharField(
        _("caption"),
        max_length=300,
        blank=True,
        help_text=_("What the picture shows, printed under it."),
    )
    credit = models.CharField(
        _("credit"),
        max_length=150,
        blank=True,
        help_text=_("Who took or owns the picture, e.g. Foto: Humas Pemprov Banten."),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ("-uploaded_at", "-id")
        verbose_name = _("library image")
        verbose_name_plural = _("media library")
        indexes = [models.Index(fields=["-uploaded_at"], name="media_uploaded_idx")]

    def __str__(self):
        return self.caption or self.alt_text

    def files(self) -> list[str]:
        """The stored names: the original and its renditions."""
        name = self.file.name or ""
        return [name, *(self.image_renditions or {}).values()] if name else []

    def usage(self):
        """The articles whose body places this image, newest first."""
        from articles.models.content import Article

        return Article.objects.filter(body__contains=reference(self.pk)).order_by(
            "-updated_at"
        )

    def as_figure(self, *, absolute=None) -> str:
        """The image as the public page shows it: a responsive ``<img>`` of
        its renditions (never the original) with caption and credit.
        ``absolute`` turns a path into a full URL (feeds)."""
        shown = self.image_rendition(960)
        if shown is None:
            return ""
        absolute = absolute or (lambda url: url)
        srcset = ", ".join(
            f"{absolute(url)} {width}w"
            for width, url in (
                (width, self.image_rendition(width)["url"])
                for width, _name in self._renditions()
            )
        )
        size = f' width="{shown["width"]}"'
        if shown["height"]:
            size += f' height="{shown["height"]}"'
        caption = html.escape(self.caption)
        if self.credit:
            credit = html.escape(self.credit)
            # The same "·" as the editor and the picker put between them.
            caption += f' · <span class="credit">{credit}</span>' if caption else credit
        figcaption = f"<figcaption>{caption.strip()}</figcaption>" if caption else ""
        return (
            '<figure class="media-image">'
            f'<img src="{html.escape(absolute(shown["url"]))}" '
            f'srcset="{html.escape(srcset)}" '
            'sizes="(min-width: 52rem) 46rem, 100vw"'
            f'{size} alt="{html.escape(self.alt_text)}" loading="lazy" '
            f'decoding="async">{figcaption}</figure>'
        )


def render(cleaned: str, *, absolute=None) -> str:
    """Sanitised ``cleaned`` with every library reference replaced by its
    figure (one query, none when there is no reference); an unknown id
    becomes nothing."""
    ids = referenced_ids(cleaned)
    if not ids:
        return cleaned
    found = MediaImage.objects.in_bulk(set(ids))

    def figure(match):
        image = found.get(int(match.group(1)))
        return image.as_figure(absolute=absolute) if image else ""

    return REFERENCE.sub(figure, cleaned)
