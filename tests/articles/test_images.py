"""Featured images: real generated files, including hostile ones."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.images import validate_image
from articles.models import Article

from .test_workflow import change_url, form_data


def image_bytes(fmt="PNG", size=(1800, 900), color=(20, 90, 160)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def png_chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data))
    )


def bomb_png(width=60_000, height=60_000):
    """A tiny PNG whose header claims billions of pixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + png_chunk(b"IEND", b"")
    )


def upload(name, content, content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("bomb.png", bomb_png(), "image_bomb"),
        ("big.png", bomb_png(8000, 6000), "image_pixels"),
        ("anim.gif", image_bytes("GIF"), "image_format"),
        ("notes.jpg", b"<html><script>alert(1)</script></html>", "image_invalid"),
        ("cut.jpg", image_bytes("JPEG")[:600], "image_invalid"),
        ("empty.png", b"", "image_invalid"),
    ],
)
def test_hostile_files_are_refused_before_decoding(name, content, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_image(upload(name, content))
    assert excinfo.value.code == code


def test_byte_limit(settings):
    settings.WARTA_IMAGE_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as excinfo:
        validate_image(upload("photo.png", image_bytes()))
    assert excinfo.value.code == "image_too_large"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_accepted_formats(fmt):
    validate_image(upload(f"photo.{fmt.lower()}", image_bytes(fmt)))


@pytest.mark.django_db
class TestUpload:
    def post_image(self, client, editor, article, file, alt="Pabrik baja di Cilegon"):
        client.force_login(editor)
        data = form_data(article, featured_image_alt=alt)
        data["featured_image"] = file
        return client.post(change_url(article), data)

    def test_upload_makes_renditions_shown_on_the_public_page(
        self, client, editor, make_article
    ):
        article = make_article()
        response = self.post_image(
            client, editor, article, upload("pabrik.png", image_bytes())
        )
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.featured_image.name.startswith("articles/")
        assert set(article.image_renditions) == {"480", "960", "1600"}
        with Image.open(
            article.featured_image.storage.path(article.image_renditions["480"])
        ) as r:
            assert (r.format, r.width) == ("WEBP", 480)
        client.logout()
        content = client.get(article.get_absolute_url()).content.decode()
        assert 'alt="Pabrik baja di Cilegon"' in content
        assert "480w" in content and "1600w" in content

    def test_small_image_gets_one_rendition_at_its_own_width(
        self, client, editor, make_article
    ):
        article = make_article()
        self.post_image(
            client,
            editor,
            article,
            upload("kecil.jpg", image_bytes("JPEG", (300, 200))),
        )
        article.refresh_from_db()
        assert list(article.image_renditions) == ["480"]

    def test_hostile_upload_is_refused_and_changes_nothing(
        self, client, editor, make_article
    ):
        article = make_article(title="Tanpa gambar")
        response = self.post_image(
            client, editor, article, upload("bomb.png", bomb_png())
        )
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors["featured_image"]
        assert errors
        article.refresh_from_db()
        assert not article.featured_image
        assert article.history.count() == 1

    def test_image_needs_alt_text(self, client, editor, make_article):
        article = make_article()
        response = self.post_image(
            client, editor, article, upload("pabrik.png", image_bytes()), alt=""
        )
        assert response.status_code == 200
        assert not Article.objects.get(pk=article.pk).featured_image
