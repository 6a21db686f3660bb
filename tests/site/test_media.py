"""Library images and embedded posts on the public page, in feeds and the API:
rendered from the library (corrected credits show everywhere), unknown ids
render nothing, embeds load only on the reader's click, and only from the
allowlist."""

import re
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.urls import reverse

from articles.editorial import media as services
from articles.models import embeds, richtext
from articles.models.media import reference
from tests.editorial.test_images import image_bytes, upload

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.fixture
def library_image(editor):
    def make(caption="Pabrik baja di Cilegon", credit="Foto: Humas Krakatau"):
        return services.media_image_create(
            file=upload("pabrik.png", image_bytes()),
            alt_text="Cerobong pabrik baja",
            caption=caption,
            credit=credit,
            by=editor,
        )

    return make


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def body_of(html: str) -> str:
    return html.split('<div class="body"', 1)[1].split("</div>\n", 1)[0]


# Library images -------------------------------------------------------------------


def test_a_placed_image_shows_with_renditions_caption_and_credit(
    client, make_article, library_image, editor
):
    image = library_image()
    article = make_article(body=f"<p>Awal.</p>{reference(image.pk)}<p>Akhir.</p>")
    body = body_of(page(client, article))
    figure = re.search(r'<figure class="media-image">.*?</figure>', body).group(0)
    assert 'alt="Cerobong pabrik baja"' in figure
    assert "srcset=" in figure and "480w" in figure
    assert "/media/library/" in figure and "original" not in figure
    assert "Pabrik baja di Cilegon" in figure
    assert 'Cilegon · <span class="credit">Foto: Humas Krakatau</span>' in figure
    assert "data-media" not in body
    # A corrected credit shows in every article at once.
    services.media_image_update(image=image, by=editor, credit="Foto: Redaksi")
    assert "Foto: Redaksi" in page(client, article)


def test_an_unknown_or_deleted_image_renders_nothing(
    client, make_article, library_image, editor
):
    image = library_image()
    article = make_article(
        body=f"<p>Awal.</p>{reference(image.pk)}{reference(999999)}<p>Akhir.</p>"
    )
    services.media_image_delete(image=image, by=editor)
    body = body_of(page(client, article))
    assert "<figure" not in body and "Awal." in body and "Akhir." in body


def test_captions_and_alt_text_are_escaped(client, make_article, editor):
    image = services.media_image_create(
        file=upload("x.png", image_bytes()),
        alt_text='"><script>alert(1)</script>',
        caption="<b>tebal</b>",
        credit="A & B",
        by=editor,
    )
    article = make_article(body=f"<p>x</p>{reference(image.pk)}")
    body = body_of(page(client, article))
    assert "<script>" not in body and "<b>" not in body
    assert "&lt;b&gt;tebal&lt;/b&gt;" in body and "A &amp; B" in body


def test_images_cost_one_query_whatever_their_number(
    client, make_article, library_image, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plain = make_article(body="<p>Tanpa gambar.</p>")
    images = [library_image(caption=f"Gambar {n}") for n in range(3)]
    one = make_article(body=f"<p>Satu.</p>{reference(images[0].pk)}")
    three = make_article(body="<p>Tiga.</p>" + "".join(reference(i.pk) for i in images))

    def count(article):
        client.get(article.get_absolute_url())  # caches warm
        with CaptureQueriesContext(connection) as queries:
            client.get(article.get_absolute_url())
        return len(queries)

    base = count(plain)
    assert count(one) == base + 1
    assert count(three) == base + 1


def test_feeds_and_the_api_give_full_image_addresses(
    client, make_article, library_image
):
    image = library_image()
    article = make_article(body=f"<p>Isi.</p>{reference(image.pk)}")
    rss = client.get(reverse("articles:feed"))
    ElementTree.fromstring(rss.content)  # well-formed
    assert b"http://testserver/media/library/" in rss.content
    data = client.get(f"/api/v1/articles/{article.pk}/ninjs").json()
    html = data["bodies"][0]["value"]
    assert 'src="http://testserver/media/library/' in html
    assert "Foto: Humas Krakatau" in html


# Embeds ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "provider", "frame"),
    [
        (VIDEO, "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=4", "youtube", "/embed/dQw4w9WgXcQ"),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ&list=x", "youtube", "/embed/"),
        ("https://youtube.com/shorts/dQw4w9WgXcQ", "youtube", "/embed/dQw4w9WgXcQ"),
        ("https://x.com/kemenperin/status/1790000000000000001", "x", "id=17900"),
        ("https://twitter.com/jokowi/status/123456789", "x", "id=123456789"),
        ("https://www.instagram.com/p/C8abc_DE-12/", "instagram", "/p/C8abc_DE-12/"),
        ("https://instagram.com/reel/C9xyzAB12cd", "instagram", "/p/C9xyzAB12cd/"),
    ],
)
def test_allowlisted_addresses_are_embeds(url, provider, frame):
    embed = embeds.parse(url)
    assert embed.provider == provider
    assert frame in embed.frame
    assert embed.frame.startswith(embeds.FRAME_ORIGINS)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ",
        "data:text/html,<script>alert(1)</script>",
        "https://youtube.com.evil.test/watch?v=dQw4w9WgXcQ",
        "https://evil.test/youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com@evil.test/watch?v=dQw4w9WgXcQ",
        "https://evil.test#https://youtu.be/dQw4w9WgXcQ",
        "https://youtube.com:8443/watch?v=dQw4w9WgXcQ",
        "https://notyoutube.com/watch?v=dQw4w9WgXcQ",
        'https://www.youtube.com/watch?v=dQw4w9WgXcQ"onload="x',
        "https://www.youtube.com/watch?v=dQw4w9WgXc",  # short id
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=../../x%2F..",
        "https://x.com/kemenperin",
        "https://x.com/a/status/12/../../evil",
        "https://www.instagram.com/kemenperin/",
        "ftp://youtube.com/watch?v=dQw4w9WgXcQ",
        "https://xn--yutube-wqf.com/watch?v=dQw4w9WgXcQ",
    ],
)
def test_anything_else_is_no_embed(url):
    assert embeds.parse(url) is None


def test_an_embed_is_a_click_to_load_placeholder_and_others_stay_links(
    client, make_article
):
    body = (
        f'<p><a href="{VIDEO}">{VIDEO}</a></p>'
        "<p>https://x.com/kemenperin/status/1790000000000000001</p>"
        f'<p><a href="{VIDEO}">Tonton videonya</a></p>'
        '<p><a href="https://youtube.com.evil.test/watch?v=dQw4w9WgXcQ">'
        "https://youtube.com.evil.test/watch?v=dQw4w9WgXcQ</a></p>"
        "<p>Lihat https://youtu.be/dQw4w9WgXcQ di tengah kalimat.</p>"
    )
    article = make_article(body=body)
    assert article.body.count("<figure") == 0  # stored as links
    html = page(client, article)
    text = body_of(html)
    assert text.count('<figure class="embed') == 2
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in text
    assert "Muat konten dari YouTube" in text and "Muat konten dari X" in text
    assert f'<a href="{VIDEO.replace("&", "&amp;")}" rel="noopener nofollow">' in text
    assert "<iframe" not in html  # nothing third-party before the click
    assert "Tonton videonya</a>" in text  # a link with words is a link
    assert 'href="https://youtube.com.evil.test/' in text
    assert text.count("data-embed-src") == 2
    assert "warta/embeds.js" in html


def test_a_page_without_embeds_loads_no_embed_script(client, make_article):
    assert "embeds.js" not in page(client, make_article(body="<p>Biasa.</p>"))


def test_attribute_injection_through_the_link_stays_escaped():
    hostile = (
        '<p><a href="https://youtu.be/dQw4w9WgXcQ?&quot;&gt;&lt;script&gt;">'
        "https://youtu.be/dQw4w9WgXcQ?&quot;&gt;&lt;script&gt;</a></p>"
    )
    rendered = richtext.for_readers(richtext.sanitize(hostile))
    assert "<script" not in rendered
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in (
        rendered
    )


def test_the_csp_frames_exactly_the_allowlist(client, make_article):
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert tuple(directives["frame-src"]) == embeds.FRAME_ORIGINS
    response = client.get(make_article().get_absolute_url())
    policy = response.headers["Content-Security-Policy"]
    frames = re.search(r"frame-src ([^;]*)", policy).group(1).split()
    assert tuple(frames) == embeds.FRAME_ORIGINS
    assert "script-src 'self'" in policy


def test_a_featured_images_caption_and_credit_are_apart(client, make_article):
    """As a body figure's: "caption · credit", never run together."""
    article = make_article(
        featured_image="articles/abc/original.jpg",
        featured_image_alt="Tungku baja",
        featured_image_caption="Tungku di pabrik baja Cilegon.",
        featured_image_credit="Foto: Humas KS",
        image_width=2000,
        image_height=1000,
        image_renditions={"480": "articles/abc/480.webp"},
    )
    html = page(client, article)
    assert 'Cilegon. &middot; <span class="credit">Foto: Humas KS</span>' in html
    article.featured_image_caption = ""
    article.save()
    html = page(client, article)
    figcaption = html[html.index("<figcaption") : html.index("</figcaption>")]
    assert "&middot;" not in figcaption and "Foto: Humas KS" in figcaption
