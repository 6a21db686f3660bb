"""The site's raster images (scripts/make_brand_images.py): the share image,
the publisher logo, favicon.ico and the apple-touch-icon, served at the root."""

import io
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image


class IconLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.setdefault(attrs.get("rel"), []).append(attrs)


def static_image(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.django_db
class TestSiteImages:
    def test_share_image_and_logo_are_committed_at_their_sizes(self, client):
        # OpenGraph's and X's large card.
        share = static_image(client, "/static/warta/share.png")
        assert (share.format, share.size) == ("PNG", (1200, 630))
        # Google's publisher logo: a rectangle within 600 x 60.
        logo = static_image(client, "/static/warta/logo.png")
        assert (logo.format, logo.size) == ("PNG", (600, 60))

    def test_favicon_ico_answers_at_the_root(self, client):
        response = client.get("/favicon.ico")
        assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
        icon = static_image(client, "/favicon.ico")
        assert icon.format == "ICO"
        assert {(16, 16), (32, 32)} <= icon.info["sizes"]

    def test_apple_touch_icon_answers_at_the_root(self, client):
        icon = static_image(client, "/apple-touch-icon.png")
        assert (icon.format, icon.size, icon.mode) == ("PNG", (180, 180), "RGB")

    def test_pages_link_every_icon(self, client):
        parser = IconLinks()
        parser.feed(client.get("/").content.decode())
        links = parser.links
        assert {link["href"] for link in links["icon"]} == {
            "/favicon.ico",
            "/static/warta/favicon.svg",
        }
        assert links["apple-touch-icon"][0]["href"] == "/apple-touch-icon.png"

    def test_the_script_makes_the_committed_images(self, tmp_path):
        script = Path(settings.BASE_DIR) / "scripts" / "make_brand_images.py"
        subprocess.run(
            [sys.executable, script, "--out", tmp_path], check=True, capture_output=True
        )
        for name in (
            "newsroom/static/warta/logo.png",
            "newsroom/static/warta/share.png",
            "newsroom/webroot/apple-touch-icon.png",
            "newsroom/webroot/favicon.ico",
        ):
            made = Image.open(tmp_path / name)
            committed = Image.open(Path(settings.BASE_DIR) / name)
            assert (made.format, made.size) == (committed.format, committed.size)
