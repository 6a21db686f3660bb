"""The media library's writes: an image added (checked and stored clean like a
featured image), its words corrected, or deleted; each checks the user's
permission itself. A change shows in every article that places the image, so
it renews the public pages (``content_changed``)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from articles.editorial import images
from articles.freshness import content_changed
from articles.models import MediaImage


def _require(user, action: str) -> None:
    if user is None or not user.has_perm(f"articles.{action}_mediaimage"):
        raise PermissionDenied(_("You may not change the media library."))


def media_image_stage(file) -> images.StagedImage:
    """Validate ``file`` (format, byte and pixel limits, whole) and store its
    clean copy and renditions under ``library/``; ``ImageNotStored`` (a
    ``ValidationError``) if storage refuses, with nothing kept."""
    images.validate_image(file)
    return images.stage(file, directory=images.LIBRARY)


def media_image_create(
    *, file=None, staged=None, alt_text, caption="", credit="", by
) -> MediaImage:
    """Save a library image of ``file`` (validated and stored here) or of an
    upload already ``staged`` by ``media_image_stage`` (a form does, to show
    storage errors as form errors); on any failure nothing stays stored."""
    if by is None or not by.has_perm("articles.add_mediaimage"):
        if staged is not None:
            images.delete_files(staged.names)
        _require(by, "add")
    if staged is None:
        staged = media_image_stage(file)
    image = MediaImage(
        file=staged.name,
        alt_text=alt_text,
        caption=caption,
        credit=credit,
        image_width=staged.width,
        image_height=staged.height,
        image_renditions=staged.renditions,
        uploaded_by=by,
    )
    try:
        image.full_clean()
        with transaction.atomic():
            image.save()
    except BaseException:
        images.delete_files(staged.names)
        raise
    return image


@transaction.atomic
def media_image_update(*, image: MediaImage, by, **words) -> MediaImage:
    """Save ``image``'s alt text, caption or credit (``words``)."""
    _require(by, "change")
    for name, value in words.items():
        if name not in ("alt_text", "caption", "credit"):
            raise TypeError(name)
        setattr(image, name, value)
    image.full_clean()
    image.save(update_fields=[*words])
    content_changed()
    return image


@transaction.atomic
def media_image_delete(*, image: MediaImage, by) -> None:
    """Delete ``image``; its files go once the deletion commits. Articles that
    placed it show nothing in its place."""
    _require(by, "delete")
    files = image.files()
    image.delete()
    images.delete_after_commit(files)
    content_changed()
