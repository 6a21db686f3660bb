"""Featured images: real generated files, including hostile ones."""

import io
import re
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.editorial.images import validate_image
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

    def test_the_form_shows_a_thumbnail_of_the_saved_image(
        self, client, editor, make_article
    ):
        """Issue 25: after saving, the form showed only the file's name."""
        article = make_article()
        client.force_login(editor)
        page = client.get(change_url(article))
        assert 'class="image-thumb"' not in page.content.decode()
        self.post_image(client, editor, article, upload("pabrik.png", image_bytes()))
        article.refresh_from_db()
        html = client.get(change_url(article)).content.decode()
        (thumb,) = re.findall(r'<img class="image-thumb"[^>]*>', html)
        assert article.image_renditions["480"] in thumb
        assert 'alt="Pabrik baja di Cilegon"' in thumb

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


def jpeg_with_metadata(size=(200, 100), orientation=6):
    """A JPEG carrying GPS coordinates, a camera model, XMP and an orientation
    tag (as phones write them)."""
    from PIL import ExifTags

    image = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = "Kamera Reporter"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (6.0, 1.0, 4.2)
    buffer = io.BytesIO()
    image.save(
        buffer,
        "JPEG",
        exif=exif,
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">lokasi rahasia</x:xmpmeta>',
    )
    return buffer.getvalue()


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
    )


@pytest.mark.django_db
class TestStoredImages:
    """Findings 4, 5 and 20 of the security review, and a media disk that
    refuses writes (issue 18)."""

    post_image = TestUpload.post_image

    def test_gps_and_other_metadata_are_not_published(
        self, client, editor, make_article, settings
    ):
        article = make_article()
        upload_ = upload("foto.jpg", jpeg_with_metadata(), "image/jpeg")
        assert self.post_image(client, editor, article, upload_).status_code == 302
        article.refresh_from_db()
        for name in images_of(article):
            raw = (settings.MEDIA_ROOT / name).read_bytes()
            assert b"lokasi rahasia" not in raw and b"Kamera Reporter" not in raw
            with Image.open(settings.MEDIA_ROOT / name) as stored:
                assert not stored.getexif()
        with Image.open(settings.MEDIA_ROOT / article.featured_image.name) as stored:
            assert stored.size == (100, 200)  # the orientation applied first
        client.logout()
        page = client.get(article.get_absolute_url()).content.decode()
        assert article.featured_image.name not in page  # renditions only
        assert article.image_renditions["480"] in page

    def test_media_names_cannot_be_guessed(self, client, editor, make_article):
        first, second = make_article(), make_article()
        for article in (first, second):
            self.post_image(client, editor, article, upload("a.png", image_bytes()))
            article.refresh_from_db()
        folders = {a.featured_image.name.rsplit("/", 1)[0] for a in (first, second)}
        assert len(folders) == 2
        for article in (first, second):
            folder = article.featured_image.name.rsplit("/", 1)[0]
            token = folder.split("/", 1)[1]
            # 18 random bytes, URL-safe: nothing about the article in it.
            assert re.fullmatch(r"[A-Za-z0-9_-]{24}", token)
            assert all(n.startswith(folder) for n in article.image_renditions.values())

    def test_replaced_and_deleted_images_leave_no_files(
        self,
        client,
        editor,
        make_article,
        settings,
        django_capture_on_commit_callbacks,
    ):
        article = make_article()
        with django_capture_on_commit_callbacks(execute=True):
            self.post_image(client, editor, article, upload("a.png", image_bytes()))
        article.refresh_from_db()
        first = images_of(article)
        with django_capture_on_commit_callbacks(execute=True):
            self.post_image(client, editor, article, upload("b.png", image_bytes()))
        article.refresh_from_db()
        assert stored_files(settings) == sorted(images_of(article))
        assert not set(first) & set(stored_files(settings))
        with django_capture_on_commit_callbacks(execute=True):
            article.delete()
        assert stored_files(settings) == []

    def test_truncated_jpeg_is_refused_and_leaves_no_file(
        self, client, editor, make_article, settings
    ):
        whole = image_bytes("JPEG", (1800, 900))
        article = make_article()
        cut = upload("potong.jpg", whole[: int(len(whole) * 0.7)], "image/jpeg")
        response = self.post_image(client, editor, article, cut)
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["featured_image"]
        assert stored_files(settings) == []

    def test_the_stored_extension_follows_the_content(
        self, client, editor, make_article
    ):
        article = make_article()
        disguised = upload("laporan.pdf", image_bytes("JPEG"), "application/pdf")
        assert self.post_image(client, editor, article, disguised).status_code == 302
        article.refresh_from_db()
        assert article.featured_image.name.endswith("/original.jpg")

    def test_a_full_disk_refuses_the_upload_with_a_message(
        self, client, editor, make_article, settings
    ):
        settings.WARTA_MEDIA_FREE_MARGIN = 10**18  # more than any disk has free
        article = make_article()
        response = self.post_image(
            client, editor, article, upload("a.png", image_bytes())
        )
        assert response.status_code == 200
        (error,) = response.context["adminform"].form.errors["featured_image"]
        assert "Disk media penuh" in error
        article.refresh_from_db()
        assert not article.featured_image and stored_files(settings) == []

    def test_unwritable_storage_refuses_the_upload_and_saves_nothing(
        self, client, editor, make_article, settings, tmp_path
    ):
        blocker = tmp_path / "bukan-folder"
        blocker.write_text("a file where the media folder should be")
        settings.MEDIA_ROOT = blocker
        article = make_article(title="Tetap")
        response = self.post_image(
            client, editor, article, upload("a.png", image_bytes())
        )
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["featured_image"]
        article.refresh_from_db()
        assert not article.featured_image and article.history.count() == 1


def images_of(article):
    return [article.featured_image.name, *article.image_renditions.values()]


@pytest.mark.django_db
def test_media_cleanup_deletes_only_unreferenced_old_files(
    client, editor, make_article, settings
):
    import os

    from django.core.management import call_command

    article = make_article()
    TestUpload().post_image(client, editor, article, upload("a.png", image_bytes()))
    article.refresh_from_db()
    orphan = settings.MEDIA_ROOT / "articles" / "ditinggal" / "original.png"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(image_bytes())
    young = settings.MEDIA_ROOT / "articles" / "baru" / "original.png"
    young.parent.mkdir(parents=True)
    young.write_bytes(image_bytes())
    old = 3 * 3600
    for path in (*[settings.MEDIA_ROOT / n for n in images_of(article)], orphan):
        os.utime(path, (path.stat().st_atime - old, path.stat().st_mtime - old))
    call_command("media_cleanup", verbosity=0)
    assert not orphan.exists() and young.exists()
    assert all((settings.MEDIA_ROOT / n).exists() for n in images_of(article))


STAGE_UNDER_A_FILE_SIZE_LIMIT = """
import io, django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from articles.editorial import images
content = open({path!r}, "rb").read()
try:
    images.stage(SimpleUploadedFile("foto.png", content, content_type="image/png"))
except images.ImageNotStored as exc:
    print("refused:", exc.messages[0])
"""


def test_an_upload_cut_short_by_a_file_size_limit_leaves_nothing(tmp_path):
    """Issue 24, red team finding LOW: an upload refused because a write was
    cut short (here the process's file-size limit, RLIMIT_FSIZE) left a
    half-written original behind."""
    import os
    import random
    import resource
    import subprocess
    import sys
    from pathlib import Path

    noise = Image.frombytes("RGB", (600, 400), random.randbytes(600 * 400 * 3))
    source = tmp_path / "noise.png"
    noise.save(source)  # about 700 KB: past the limit below
    media = tmp_path / "media"
    limit = 64 * 1024

    def limited():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", STAGE_UNDER_A_FILE_SIZE_LIMIT.format(path=str(source))],
        cwd=root,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
            "DJANGO_MEDIA_ROOT": str(media),
            "PYTHONDONTWRITEBYTECODE": "1",
        },
        preexec_fn=limited,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "refused:" in result.stdout, result.stderr
    assert "File too large" in result.stdout
    left = [p.relative_to(media).as_posix() for p in media.rglob("*")]
    assert left in ([], ["articles"])  # no file, no folder of its own
