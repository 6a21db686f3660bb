"""An article's featured image, as an abstract model the article builds on."""

from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext_lazy as _


class Renditions:
    """Resized copies of a stored image, read from ``image_renditions``
    (width in pixels → stored name), ``image_width`` and ``image_height``:
    shared by the featured image and the media library (``MediaImage``)."""

    def _renditions(self) -> list[tuple[int, str]]:
        return sorted(
            (
                (int(width), name)
                for width, name in (self.image_renditions or {}).items()
            ),
        )

    @property
    def image_srcset(self) -> str:
        """The ``srcset`` of the featured image's renditions (empty if none)."""
        return ", ".join(
            f"{default_storage.url(name)} {width}w"
            for width, name in self._renditions()
        )

    def image_rendition(self, width=960) -> dict | None:
        """The largest rendition no wider than ``width`` (else the smallest):
        ``{"url", "width", "height"}``. Public pages link renditions only."""
        renditions = self._renditions()
        if not renditions:
            return None
        fitting = [r for r in renditions if r[0] <= width] or renditions[:1]
        chosen_width, name = fitting[-1]
        height = None
        if self.image_width and self.image_height:
            shown = min(chosen_width, self.image_width)
            height = round(self.image_height * shown / self.image_width)
            chosen_width = shown
        return {
            "url": default_storage.url(name),
            "width": chosen_width,
            "height": height,
        }


class FeaturedImage(Renditions, models.Model):
    """An article's featured image: the file (stored by ``editorial.images``
    under a random folder, metadata stripped), what it shows and who made it,
    and the resized copies public pages link (never the original)."""

    featured_image = models.ImageField(
        _("featured image"), upload_to="articles/", blank=True
    )
    featured_image_alt = models.CharField(
        _("image alt text"),
        max_length=300,
        blank=True,
        help_text=_("Describe the image for readers who cannot see it."),
    )
    featured_image_caption = models.CharField(
        _("image caption"),
        max_length=300,
        blank=True,
        help_text=_("What the picture shows, printed under it."),
    )
    featured_image_credit = models.CharField(
        _("image credit"),
        max_length=150,
        blank=True,
        help_text=_("Who took or owns the picture, e.g. Foto: Humas Pemprov Banten."),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_renditions = models.JSONField(
        _("image renditions"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Resized copies of the featured image, by width in pixels."),
    )

    class Meta:
        abstract = True

    @property
    def card_image(self) -> dict | None:
        return self.image_rendition(480)

    @property
    def hero_image(self) -> dict | None:
        return self.image_rendition(960)

    @property
    def share_image(self) -> dict | None:
        return self.image_rendition(1600)
