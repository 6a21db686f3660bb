"""Make the site's raster images from its mark (the W of favicon.svg), with
Pillow: the publisher logo for JSON-LD, the default share image for pages
without their own, the favicon.ico fallback and the apple-touch-icon.

    .venv/bin/python scripts/make_brand_images.py            # into the project
    .venv/bin/python scripts/make_brand_images.py --out /tmp/brand

The output is committed; run this again only to change the design. It uses
DejaVu Sans Bold when installed (Debian: fonts-dejavu-core), else Pillow's
own scalable font, so the same machine always makes the same pixels.
"""

import argparse
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
STATIC = Path("newsroom/static/warta")
WEBROOT = Path("newsroom/webroot")

NAVY = "#12385f"
GOLD = "#f4c542"
WHITE = "#ffffff"
PALE = "#c9d6e3"
NAME = "Warta Industri"
TAGLINES = (
    "Berita industri daerah dari Indonesia",
    "Regional industry news from Indonesia",
)
# favicon.svg's W, in its 64 x 64 box (corner radius 12).
W_MARK = [
    (12, 18), (20, 18), (25, 40), (31, 18), (37, 18), (43, 40), (48, 18),
    (56, 18), (47, 48), (39, 48), (34, 29), (29, 48), (21, 48),
]  # fmt: skip
SUPERSAMPLE = 4
FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
)


def font(size: int) -> ImageFont.FreeTypeFont:
    for path in FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def mark(size: int) -> Image.Image:
    """The square mark, ``size`` pixels wide, drawn large and scaled down so
    that its edges are smooth."""
    big = size * SUPERSAMPLE
    scale = big / 64
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=12 * scale, fill=NAVY)
    draw.polygon([(x * scale, y * scale) for x, y in W_MARK], fill=GOLD)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def text(draw, xy, value, size, fill, anchor="ls"):
    draw.text(xy, value, font=font(size), fill=fill, anchor=anchor)


def logo() -> Image.Image:
    """600 x 60: the mark and the name on white, as Google's publisher logo
    guidelines ask (a rectangle within 600 x 60, legible on white)."""
    image = Image.new("RGB", (600, 60), WHITE)
    image.paste(mark(56), (2, 2), mark(56))
    draw = ImageDraw.Draw(image)
    text(draw, (70, 30), NAME, 36, NAVY, anchor="lm")
    return image


def share_image() -> Image.Image:
    """1200 x 630 (OpenGraph's and X's large card): the mark, the name and the
    tagline in both languages, on the site's navy."""
    image = Image.new("RGB", (1200, 630), NAVY)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 600, 1200, 630), fill=GOLD)
    badge = mark(240)
    image.paste(badge, (90, 165), badge)
    text(draw, (380, 300), NAME, 84, WHITE)
    text(draw, (384, 368), TAGLINES[0], 34, GOLD)
    text(draw, (384, 416), TAGLINES[1], 30, PALE)
    return image


def apple_touch_icon() -> Image.Image:
    """180 x 180, opaque (iOS fills transparency with black and rounds the
    corners itself): the W on a full navy square."""
    image = Image.new("RGB", (180, 180), NAVY)
    icon = mark(180)
    image.paste(icon, (0, 0), icon)
    return image


def write(out: Path) -> list[Path]:
    (out / STATIC).mkdir(parents=True, exist_ok=True)
    (out / WEBROOT).mkdir(parents=True, exist_ok=True)
    written = [
        out / STATIC / "logo.png",
        out / STATIC / "share.png",
        out / WEBROOT / "apple-touch-icon.png",
        out / WEBROOT / "favicon.ico",
    ]
    logo().save(written[0], optimize=True)
    share_image().save(written[1], optimize=True)
    apple_touch_icon().save(written[2], optimize=True)
    mark(48).save(written[3], sizes=[(16, 16), (32, 32), (48, 48)])
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT)
    for path in write(parser.parse_args().out):
        with Image.open(path) as image:
            print(f"{path}: {image.format} {image.size[0]} x {image.size[1]}")


if __name__ == "__main__":
    main()
