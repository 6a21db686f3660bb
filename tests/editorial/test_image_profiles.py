"""Red team round two (issue 32, Low): an uploaded image's ICC profile was
copied byte for byte (text appended to it was published), and phones' MPO
photos were refused as "MPO images are not accepted" for a ``.jpg``. Each
test failed before the fix."""

import io

import pytest
from PIL import Image, ImageCms

from articles.editorial.images import validate_image

from . import test_images
from .test_images import images_of, upload

pytestmark = [pytest.mark.django_db, pytest.mark.security]

SECRET = b"TEKS-TERSELIP-DI-PROFIL " * 20


def jpeg_with_profile(profile: bytes, color=(200, 40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), color).save(buffer, "JPEG", icc_profile=profile)
    return buffer.getvalue()


def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def test_text_appended_to_the_profile_is_not_published(
    client, editor, make_article, settings
):
    article = make_article()
    content = jpeg_with_profile(srgb_profile() + SECRET)
    assert SECRET in content
    response = test_images.TestUpload.post_image(
        None, client, editor, article, upload("foto.jpg", content, "image/jpeg")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    for name in images_of(article):
        raw = (settings.MEDIA_ROOT / name).read_bytes()
        assert b"TEKS-TERSELIP" not in raw
        with Image.open(settings.MEDIA_ROOT / name) as stored:
            assert not stored.info.get("icc_profile")
    with Image.open(settings.MEDIA_ROOT / article.featured_image.name) as stored:
        red, green, blue = stored.convert("RGB").getpixel((10, 10))
    # Converted to sRGB from sRGB: the colour is (about) what was uploaded.
    assert abs(red - 200) <= 6 and abs(green - 40) <= 6 and abs(blue - 40) <= 6


def test_a_profile_that_cannot_be_read_is_dropped(
    client, editor, make_article, settings
):
    article = make_article()
    content = jpeg_with_profile(b"bukan profil warna " + SECRET)
    response = test_images.TestUpload.post_image(
        None, client, editor, article, upload("foto.jpg", content, "image/jpeg")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    raw = (settings.MEDIA_ROOT / article.featured_image.name).read_bytes()
    assert b"TEKS-TERSELIP" not in raw


def mpo_bytes() -> bytes:
    buffer = io.BytesIO()
    first, second = (Image.new("RGB", (300, 200), c) for c in ("red", "blue"))
    first.save(buffer, "MPO", save_all=True, append_images=[second])
    return buffer.getvalue()


def test_a_phone_mpo_photo_is_accepted_and_stored_as_jpeg(
    client, editor, make_article, settings
):
    content = mpo_bytes()
    with Image.open(io.BytesIO(content)) as probe:
        assert probe.format == "MPO"
    validate_image(io.BytesIO(content))  # no ValidationError
    article = make_article()
    response = test_images.TestUpload.post_image(
        None, client, editor, article, upload("foto.jpg", content, "image/jpeg")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.featured_image.name.endswith(".jpg")
    with Image.open(settings.MEDIA_ROOT / article.featured_image.name) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (300, 200)
        red, green, blue = stored.convert("RGB").getpixel((10, 10))
    assert red > 200 and blue < 60  # the first frame, the photo
