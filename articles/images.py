"""Featured images: refuse hostile uploads before decoding, then make renditions."""

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")


def validate_image(file) -> None:
    """Raise ``ValidationError`` unless ``file`` is a JPEG, PNG or WebP within the
    byte and pixel limits.

    Only the header is read to learn the format and size: an image that would
    decode to more than ``WARTA_IMAGE_MAX_PIXELS`` (a decompression bomb) is
    refused without decoding a pixel. ``verify()`` then checks the structure.
    """
    max_bytes = settings.WARTA_IMAGE_MAX_BYTES
    max_pixels = settings.WARTA_IMAGE_MAX_PIXELS
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("The image is %(size)d MB; the limit is %(limit)d MB.")
            % {"size": size // 2**20 or 1, "limit": max_bytes // 2**20},
            code="image_too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
                if image.format not in ALLOWED_FORMATS:
                    raise ValidationError(
                        _("%(format)s images are not accepted; use JPEG, PNG or WebP.")
                        % {"format": image.format},
                        code="image_format",
                    )
                if width * height > max_pixels:
                    raise ValidationError(
                        _(
                            "The image is %(width)d×%(height)d pixels; the limit is "
                            "%(limit)d megapixels."
                        )
                        % {
                            "width": width,
                            "height": height,
                            "limit": max_pixels // 1_000_000,
                        },
                        code="image_pixels",
                    )
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("The image declares too many pixels to be safe to open."),
            code="image_bomb",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("The file is not a readable JPEG, PNG or WebP image."),
            code="image_invalid",
        ) from exc
    finally:
        if hasattr(file, "seek"):
            file.seek(position)


def make_renditions(field_file, key) -> dict[str, str]:
    """Write WebP copies of an (already validated) image at the configured widths
    no larger than the original, and return ``{width: storage name}``."""
    field_file.open("rb")
    try:
        with Image.open(field_file) as original:
            original = ImageOps.exif_transpose(original)
            if original.mode not in ("RGB", "RGBA"):
                original = original.convert("RGBA" if "A" in original.mode else "RGB")
            renditions = {}
            for width in settings.WARTA_IMAGE_RENDITION_WIDTHS:
                if width > original.width and renditions:
                    break
                copy = original.copy()
                copy.thumbnail((min(width, original.width), 10 * width))
                buffer = io.BytesIO()
                copy.save(buffer, "WEBP", quality=82, method=4)
                name = f"renditions/articles/{key}/{width}.webp"
                if default_storage.exists(name):
                    default_storage.delete(name)
                renditions[str(width)] = default_storage.save(
                    name, ContentFile(buffer.getvalue())
                )
    finally:
        field_file.close()
    return renditions
