"""Featured images: refuse hostile uploads before decoding, store clean copies
under names nobody can guess, and never leave a row pointing at a missing file.

- ``validate_image`` reads the header (format, byte and pixel limits, so a
  decompression bomb is refused without decoding a pixel), then decodes the
  whole image, so a truncated or damaged file is refused instead of failing
  later.
- ``stage`` turns an upload into what is stored and served: the orientation
  applied, every piece of metadata (EXIF with GPS, XMP, comments, the colour
  profile: colours are converted to sRGB instead) dropped, re-encoded in the
  format the file really is (its extension follows; a phone's MPO is a JPEG), plus
  WebP renditions; all under ``articles/<random>/``. If storage refuses (disk
  full, read-only, a file-size limit), what was written is removed, the file
  cut short included, and ``ImageNotStored`` says so: all or nothing.
- Files are deleted only after the transaction that stops using them commits
  (``delete_after_commit``): a replaced image, a deleted article.
- ``orphans`` finds files no article refers to (a worker killed between
  writing files and committing); ``manage.py media_cleanup`` removes them.
"""

import contextlib
import io
import os
import secrets
import shutil
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "MPO")
# Phones save "multi-picture" JPEGs (MPO: the photo and a second frame, for
# depth or a preview); the photo is the first frame, stored as a JPEG.
STORED_AS = {"MPO": "JPEG"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
DIRECTORY = "articles"
LIBRARY = "library"  # the media library's images (``MediaImage``)


class ImageNotStored(ValidationError):
    """Storage refused the files (full, read-only); nothing was kept."""


def validate_image(file) -> None:
    """Raise ``ValidationError`` unless ``file`` is a whole, readable JPEG, PNG
    or WebP within the byte and pixel limits.

    The header is checked first: an image that would decode to more than
    ``WARTA_IMAGE_MAX_PIXELS`` (a decompression bomb) is refused without
    decoding a pixel. Then the image is decoded in full.
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
            if hasattr(file, "seek"):
                file.seek(position)
            with Image.open(file) as image:
                image.load()  # a truncated file fails here, not on the page
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("The image declares too many pixels to be safe to open."),
            code="image_bomb",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("The file is not a whole, readable JPEG, PNG or WebP image."),
            code="image_invalid",
        ) from exc
    finally:
        if hasattr(file, "seek"):
            file.seek(position)


@dataclass
class StagedImage:
    """An upload written to storage: the clean original and its renditions."""

    name: str
    width: int = 0
    height: int = 0
    renditions: dict = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [self.name, *self.renditions.values()]


def _in_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """``image`` with its colours converted from its embedded profile ``icc``
    to sRGB, which browsers assume, so no profile need be stored: an uploaded
    profile is never copied (bytes appended to it were published as they
    came). A profile that cannot be read is dropped."""
    if not icc:
        return image
    mode = "RGBA" if "A" in image.getbands() else "RGB"
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if image.mode not in ("RGB", "RGBA", "CMYK"):
            image = image.convert(mode)
        converted = ImageCms.profileToProfile(
            image, source, SRGB, outputMode=mode if image.mode != "CMYK" else "RGB"
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image
    converted.info = {}
    return converted


SRGB = ImageCms.createProfile("sRGB")


def _clean_copy(image: Image.Image, fmt: str) -> bytes:
    """``image`` re-encoded with no metadata (its colours already in sRGB)."""
    buffer = io.BytesIO()
    options = {}
    if fmt == "JPEG":
        image = image.convert("RGB") if image.mode not in ("RGB", "L") else image
        image.save(buffer, "JPEG", quality=90, optimize=True, **options)
    elif fmt == "PNG":
        image.save(buffer, "PNG", optimize=True, **options)
    else:
        image.save(buffer, "WEBP", quality=90, **options)
    return buffer.getvalue()


def _renditions(image: Image.Image) -> dict[int, bytes]:
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.mode else "RGB")
    renditions = {}
    for width in settings.WARTA_IMAGE_RENDITION_WIDTHS:
        if width > image.width and renditions:
            break
        copy = image.copy()
        copy.thumbnail((min(width, image.width), 10 * width))
        buffer = io.BytesIO()
        copy.save(buffer, "WEBP", quality=82, method=4)
        renditions[width] = buffer.getvalue()
    return renditions


def stage(file, *, directory=DIRECTORY) -> StagedImage:
    """Write a validated upload's clean copy and renditions to storage under a
    fresh random folder of ``directory``; return their names. On any storage
    error, remove what was written and raise ``ImageNotStored``."""
    file.seek(0)
    with Image.open(file) as opened:
        fmt = STORED_AS.get(opened.format, opened.format)
        image = ImageOps.exif_transpose(opened)
        image.load()
        # exif_transpose keeps the info dict; nothing of it is written.
        image.info = {}
        image = _in_srgb(image, opened.info.get("icc_profile"))
    folder = f"{directory}/{secrets.token_urlsafe(18)}"
    original = _clean_copy(image, fmt)
    renditions = _renditions(image)
    needed = len(original) + sum(len(r) for r in renditions.values())
    require_free_space(needed)
    written = []
    try:
        staged = StagedImage(
            name=_save(f"{folder}/original.{EXTENSIONS[fmt]}", original, written),
            width=image.width,
            height=image.height,
        )
        for width, content in renditions.items():
            staged.renditions[str(width)] = _save(
                f"{folder}/{width}.webp", content, written
            )
    except OSError as exc:
        delete_files(written)
        _remove_empty_folder(folder)
        raise ImageNotStored(
            _(
                "The image could not be stored (%(reason)s); nothing was saved. "
                "Tell whoever runs the site."
            )
            % {"reason": exc.strerror or type(exc).__name__},
            code="image_not_stored",
        ) from exc
    return staged


def _save(name, content, written) -> str:
    # Noted before the write: one cut short (disk full, file-size limit) leaves
    # part of the file under this name, to be removed with the rest. The
    # folder is new and random, so the name is ours.
    written.append(name)
    stored = default_storage.save(name, ContentFile(content))
    written[-1] = stored
    return stored


def _remove_empty_folder(folder) -> None:
    with contextlib.suppress(OSError, NotImplementedError):
        os.rmdir(default_storage.path(folder))


def require_free_space(needed: int, *, path=None) -> None:
    """Raise ``ImageNotStored`` unless the media folder's disk has ``needed``
    bytes free (plus a margin of ``WARTA_MEDIA_FREE_MARGIN``)."""
    path = Path(path or settings.MEDIA_ROOT)
    while not path.exists() and path != path.parent:
        path = path.parent
    free = shutil.disk_usage(path).free
    if free < needed + settings.WARTA_MEDIA_FREE_MARGIN:
        raise ImageNotStored(
            _(
                "The media disk is full (%(free)d MB free); nothing was saved. "
                "Tell whoever runs the site."
            )
            % {"free": free // 2**20},
            code="image_no_space",
        )


def delete_files(names) -> None:
    """Delete stored files now, ignoring those already gone."""
    for name in names:
        if name:
            with contextlib.suppress(OSError):
                default_storage.delete(name)


def delete_unreferenced(names) -> None:
    """Delete those of ``names`` that no article's image refers to (checked
    after the writing transaction ended: committed rows keep their files)."""
    from articles.models import Article

    names = [name for name in names if name]
    if not names:
        return
    kept = set()
    for row in Article.objects.filter(
        featured_image__in=[n for n in names if "/original." in n]
    ).values("featured_image", "image_renditions"):
        kept.update(files_of(row["featured_image"], row["image_renditions"]))
    delete_files([name for name in names if name not in kept])


def delete_after_commit(names) -> None:
    """Delete stored files once the current transaction commits (never when it
    rolls back: the rows would still point at them)."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: delete_files(names))


def files_of(featured_image, renditions) -> list[str]:
    """The stored names of an article's image: the original and renditions."""
    name = getattr(featured_image, "name", featured_image) or ""
    return [name, *(renditions or {}).values()] if name else []


def orphans(referenced: set[str]) -> list[str]:
    """Stored image files that no article or library image refers to."""
    root = Path(settings.MEDIA_ROOT)
    found = []
    for top in (DIRECTORY, "renditions", LIBRARY):
        base = root / top
        if base.exists():
            for path in base.rglob("*"):
                name = path.relative_to(root).as_posix()
                if path.is_file() and name not in referenced:
                    found.append(name)
    return sorted(found)


def delete_files_of_article(sender, instance, **kwargs):
    """``post_delete`` receiver: the article's image files go once the deletion
    commits."""
    delete_after_commit(files_of(instance.featured_image, instance.image_renditions))
