"""The media library: images added through ``editorial.media`` with the same
guard as featured images, referenced from bodies the sanitiser keeps, searched
and uploaded from the body editor's picker, and kept by ``media_cleanup``."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from articles.editorial import media as services
from articles.models import MediaImage, richtext
from articles.models.media import reference

from .test_images import bomb_png, image_bytes, upload

PICKER = "admin:articles_mediaimage_picker"
UPLOAD = "admin:articles_mediaimage_upload"


def jpeg_with_gps():
    image = Image.new("RGB", (1400, 900), (200, 40, 40))
    exif = Image.Exif()
    exif[0x8825] = {2: (6.0, 7.0, 8.0)}  # GPSInfo: a latitude
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


@pytest.fixture
def library_image(editor):
    def make(caption="Pabrik baja di Cilegon", credit="Foto: Humas", **words):
        return services.media_image_create(
            file=upload("pabrik.png", image_bytes()),
            alt_text=words.pop("alt_text", "Cerobong pabrik baja"),
            caption=caption,
            credit=credit,
            by=editor,
        )

    return make


# The body's reference ---------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ('<p>a</p><figure data-media="12"></figure>', '<figure data-media="12">'),
        # Anything else on or in the figure goes; its words stay, after it.
        (
            '<figure data-media="7" class="x" onclick="alert(1)">'
            '<img src="x" onerror="alert(1)"><figcaption>kata</figcaption></figure>',
            '<figure data-media="7"></figure><p>kata</p>',
        ),
    ],
)
def test_a_reference_survives_sanitising_and_nothing_else_of_a_figure(given, kept):
    cleaned = richtext.sanitize(given)
    assert kept in cleaned
    assert "onclick" not in cleaned and "onerror" not in cleaned
    assert "<img" not in cleaned and 'class="' not in cleaned
    assert richtext.sanitize(cleaned) == cleaned  # round-trips


@pytest.mark.parametrize(
    "given",
    [
        '<figure data-media="x1">kata</figure>',
        '<figure data-media="0">kata</figure>',
        '<figure data-media="1 onmouseover=alert(1)">kata</figure>',
        '<figure data-media="javascript:alert(1)">kata</figure>',
        "<figure>kata</figure>",
        '<figure data-media="12345678901234567890">kata</figure>',
    ],
)
def test_a_figure_without_a_plain_id_is_a_paragraph(given):
    assert richtext.sanitize(given) == "<p>kata</p>"


# The service ----------------------------------------------------------------------


def test_an_image_is_stored_clean_under_the_library_with_renditions(editor):
    image = services.media_image_create(
        file=upload("phone.jpg", jpeg_with_gps(), "image/jpeg"),
        alt_text="Jalan tol",
        caption="Tol baru",
        credit="Foto: Dinas PU",
        by=editor,
    )
    assert image.file.name.startswith("library/")
    assert image.uploaded_by == editor
    assert (image.image_width, image.image_height) == (1400, 900)
    assert set(image.image_renditions) >= {"480"}
    stored = Path(settings.MEDIA_ROOT) / image.file.name
    with Image.open(stored) as opened:
        assert not opened.getexif()  # GPS and maker gone
    assert image.image_srcset.count("w,") >= 1


@pytest.mark.parametrize(
    ("content", "code"),
    [(bomb_png(), "image_bomb"), (b"<svg onload=alert(1)>", "image_invalid")],
)
def test_hostile_files_are_refused_and_nothing_is_stored(editor, content, code):
    with pytest.raises(ValidationError) as refused:
        services.media_image_create(
            file=upload("x.png", content), alt_text="x", by=editor
        )
    assert refused.value.code == code
    assert not MediaImage.objects.exists()
    assert not (Path(settings.MEDIA_ROOT) / "library").exists()


def test_alt_text_is_required_and_the_stored_files_go_with_the_refusal(editor):
    with pytest.raises(ValidationError):
        services.media_image_create(
            file=upload("x.png", image_bytes()), alt_text="", by=editor
        )
    assert not MediaImage.objects.exists()
    library = Path(settings.MEDIA_ROOT) / "library"
    assert not [p for p in library.rglob("*") if p.is_file()]


def test_only_users_with_the_permission_write(make_user, library_image):
    from django.contrib.auth.models import User

    outsider = User.objects.create_user("luar", password="x", is_staff=True)
    with pytest.raises(PermissionDenied):
        services.media_image_create(
            file=upload("x.png", image_bytes()), alt_text="x", by=outsider
        )
    image = library_image()
    contributor = make_user("Contributor")
    with pytest.raises(PermissionDenied):
        services.media_image_update(image=image, by=contributor, credit="Saya")
    with pytest.raises(PermissionDenied):
        services.media_image_delete(image=image, by=contributor)


def test_deleting_removes_the_files_after_commit(
    editor, library_image, django_capture_on_commit_callbacks
):
    image = library_image()
    files = [Path(settings.MEDIA_ROOT) / name for name in image.files()]
    assert all(path.exists() for path in files)
    with django_capture_on_commit_callbacks(execute=True):
        services.media_image_delete(image=image, by=editor)
    assert not any(path.exists() for path in files)


def test_media_cleanup_keeps_library_files(library_image):
    image = library_image()
    call_command("media_cleanup", "--min-age=0", stdout=io.StringIO())
    assert all((Path(settings.MEDIA_ROOT) / n).exists() for n in image.files())
    stray = Path(settings.MEDIA_ROOT) / "library" / "stray" / "original.png"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(image_bytes())
    call_command("media_cleanup", "--min-age=0", stdout=io.StringIO())
    assert not stray.exists()


def test_usage_lists_the_articles_whose_body_places_the_image(
    make_article, library_image
):
    image, other = library_image(), library_image()
    using = make_article(body=f"<p>Satu.</p>{reference(image.pk)}")
    make_article(body=f"<p>Dua.</p>{reference(other.pk)}")
    make_article(body=f'<p>data-media="{image.pk}" sebagai teks</p>')
    assert list(image.usage()) == [using]


# The admin and the picker ---------------------------------------------------------


def test_the_admin_adds_searches_and_shows_usage(
    client, editor, make_article, library_image
):
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_mediaimage_add"),
        {
            "file": upload("gudang.png", image_bytes()),
            "alt_text": "Gudang logistik",
            "caption": "Gudang baru di Karawang",
            "credit": "Foto: Kawasan Industri",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    image = MediaImage.objects.get(caption="Gudang baru di Karawang")
    assert image.file.name.startswith("library/") and image.image_renditions
    library_image(caption="Lain", credit="Foto: Lain", alt_text="Lain")
    listing = client.get(
        reverse("admin:articles_mediaimage_changelist"), {"q": "Kawasan"}
    )
    assert b"Gudang baru di Karawang" in listing.content
    assert b"Lain" not in listing.content.split(b"result_list")[-1]
    assert b'class="image-thumb"' in listing.content
    article = make_article("Artikel bergambar", body=f"<p>x</p>{reference(image.pk)}")
    change = client.get(reverse("admin:articles_mediaimage_change", args=[image.pk]))
    assert article.title.encode() in change.content


def test_editing_the_credit_keeps_the_file(client, editor, library_image):
    image = library_image()
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_mediaimage_change", args=[image.pk]),
        {"alt_text": image.alt_text, "caption": image.caption, "credit": "Foto: Baru"},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.credit == "Foto: Baru" and image.file.name.startswith("library/")


def test_the_picker_searches_caption_credit_and_alt(client, contributor, library_image):
    first = library_image(caption="Smelter nikel", credit="Foto: A", alt_text="tungku")
    library_image(caption="Pelabuhan", credit="Foto: Bintang", alt_text="kapal")
    client.force_login(contributor)

    def found(q):
        answer = client.get(reverse(PICKER), {"q": q}).json()["results"]
        return sorted(image["caption"] for image in answer)

    assert found("") == ["Pelabuhan", "Smelter nikel"]
    assert found("nikel") == ["Smelter nikel"]
    assert found("bintang") == ["Pelabuhan"]
    assert found("kapal") == ["Pelabuhan"]
    assert found("tidak-ada") == []
    named = client.get(reverse(PICKER), {"ids": f"{first.pk},x,99999999999999999999"})
    assert [image["id"] for image in named.json()["results"]] == [first.pk]
    assert client.post(reverse(PICKER)).status_code == 405


def test_the_picker_uploads_and_refuses_with_messages(client, contributor):
    client.force_login(contributor)
    ok = client.post(
        reverse(UPLOAD),
        {"file": upload("a.png", image_bytes()), "alt_text": "Tambang", "caption": ""},
    )
    assert ok.status_code == 201
    made = MediaImage.objects.get(pk=ok.json()["id"])
    assert made.uploaded_by == contributor and ok.json()["thumbnail"]
    bomb = client.post(
        reverse(UPLOAD), {"file": upload("b.png", bomb_png()), "alt_text": "x"}
    )
    assert bomb.status_code == 400 and bomb.json()["errors"]
    no_alt = client.post(reverse(UPLOAD), {"file": upload("c.png", image_bytes())})
    assert no_alt.status_code == 400
    assert MediaImage.objects.count() == 1


def test_the_picker_is_closed_to_outsiders(client, db):
    from django.contrib.auth.models import User

    outsider = User.objects.create_user("luar", password="x", is_staff=True)
    client.force_login(outsider)
    assert client.get(reverse(PICKER)).status_code == 403
    response = client.post(
        reverse(UPLOAD), {"file": upload("a.png", image_bytes()), "alt_text": "x"}
    )
    assert response.status_code == 403
    assert not MediaImage.objects.exists()


def test_the_article_form_opens_as_fast_with_images_in_the_body(
    client, editor, make_article, library_image
):
    """The editor reads no library row to open the form: a body with ten
    references costs the queries of a body with none."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    images = [library_image(caption=f"Gambar {n}") for n in range(10)]
    plain = make_article(body="<p>Tanpa gambar.</p>")
    placed = make_article(
        body="<p>Dengan gambar.</p>" + "".join(reference(i.pk) for i in images)
    )
    client.force_login(editor)

    def opened(article):
        url = reverse("admin:articles_article_change", args=[article.pk])
        client.get(url)  # the session, the taxonomy memo
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response.content.decode()

    base, _page = opened(plain)
    count, page = opened(placed)
    assert count == base
    assert 'data-media-picker="/admin/articles/mediaimage/picker/"' in page
    assert "Sisipkan gambar" in page
    assert page.count("&lt;figure data-media=&quot;") == 10  # in the textarea


def test_a_full_disk_is_a_form_error_and_nothing_is_kept(client, editor, settings):
    settings.WARTA_MEDIA_FREE_MARGIN = 10**18  # more than any disk has free
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_mediaimage_add"),
        {"file": upload("a.png", image_bytes()), "alt_text": "Penuh"},
    )
    assert response.status_code == 200
    assert "Disk media penuh" in response.content.decode()
    picker = client.post(
        reverse(UPLOAD), {"file": upload("a.png", image_bytes()), "alt_text": "x"}
    )
    assert picker.status_code == 400 and picker.json()["errors"]
    assert not MediaImage.objects.exists()
    assert not (Path(settings.MEDIA_ROOT) / "library").exists()
