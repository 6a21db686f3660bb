"""Posts and videos from an allowlist (YouTube, X, Instagram), embedded only
when the reader asks.

The body stores a link, nothing more: a paragraph that holds a single
allowlisted address (pasted as a link whose text is the address, or as plain
text) is an embed. The public page shows it as a placeholder naming the
provider, a button "Load content from YouTube" and the plain link; only after
the click does ``warta/embeds.js`` insert the frame, whose address is built
here from the post's id alone (``youtube-nocookie.com`` for YouTube), never
from what the author wrote. Any other address stays an ordinary link.
"""

import html
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Embed:
    provider: str  # "youtube", "x", "instagram"
    label: str  # the provider's name as readers know it
    frame: str  # the frame's address, built from the id
    url: str  # the address as the author linked it
    shape: str = "wide"  # "wide" (16:9), "tall" (9:16 shorts), "post"


YOUTUBE = {"youtube.com", "www.youtube.com", "m.youtube.com"}
X = {"x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"}
INSTAGRAM = {"instagram.com", "www.instagram.com"}
# The frames a page may hold (the Content-Security-Policy's frame-src).
FRAME_ORIGINS = (
    "https://www.youtube-nocookie.com",
    "https://platform.twitter.com",
    "https://www.instagram.com",
)
VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
STATUS = re.compile(r"/([A-Za-z0-9_]{1,15}|i/web)/status/([0-9]{1,25})/?")
POST = re.compile(r"/(?:p|reel|reels)/([A-Za-z0-9_-]{5,64})/?")


def parse(url: str) -> Embed | None:
    """The embed ``url`` names, or None unless it is an allowlisted post."""
    url = url.strip()
    if len(url) > 500 or any(c.isspace() or ord(c) < 32 for c in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or port or "@" in parts.netloc:
        return None
    host = (parts.hostname or "").lower()
    if host in YOUTUBE or host == "youtu.be":
        return _youtube(host, parts, url)
    if host in X and (match := STATUS.fullmatch(parts.path)):
        frame = (
            "https://platform.twitter.com/embed/Tweet.html?dnt=true&id="
            + match.group(2)
        )
        return Embed("x", "X", frame, url, "post")
    if host in INSTAGRAM and (match := POST.fullmatch(parts.path)):
        frame = f"https://www.instagram.com/p/{match.group(1)}/embed/"
        return Embed("instagram", "Instagram", frame, url, "post")
    return None


def _youtube(host, parts, url) -> Embed | None:
    shape = "wide"
    if host == "youtu.be":
        video = parts.path[1:]
    elif parts.path in ("/watch", "/watch/"):
        video = (parse_qs(parts.query).get("v") or [""])[0]
    elif parts.path.startswith("/shorts/"):
        video, shape = parts.path[len("/shorts/") :].rstrip("/"), "tall"
    else:
        return None
    if not VIDEO_ID.fullmatch(video):
        return None
    frame = f"https://www.youtube-nocookie.com/embed/{video}"
    return Embed("youtube", "YouTube", frame, url, shape)


# A paragraph of sanitised HTML holding one link (as nh3 writes it) or bare text.
PARAGRAPH = re.compile(
    r'<p>(?:<a href="(?P<href>[^"<>]*)" rel="noopener">(?P<text>[^<>]*)</a>'
    r"|(?P<bare>https?://[^<>\s]*))</p>"
)


def found(cleaned: str) -> list[Embed]:
    """The embeds of sanitised ``cleaned``, in order."""
    return [embed for match in PARAGRAPH.finditer(cleaned) if (embed := _of(match))]


def _of(match) -> Embed | None:
    if match.group("bare"):
        return parse(html.unescape(match.group("bare")))
    href = html.unescape(match.group("href"))
    if html.unescape(match.group("text")).strip() != href:
        return None  # a link with words of its own is a link
    return parse(href)


def render(cleaned: str) -> str:
    """Sanitised ``cleaned`` with every embed paragraph as a click-to-load
    placeholder."""
    if "http" not in cleaned:
        return cleaned

    def placeholder(match):
        embed = _of(match)
        return as_placeholder(embed) if embed else match.group(0)

    return PARAGRAPH.sub(placeholder, cleaned)


def as_placeholder(embed: Embed) -> str:
    label = html.escape(embed.label)
    note = _(
        "Content from %(provider)s is not loaded until you ask: loading it "
        "lets %(provider)s see your visit."
    ) % {"provider": label}
    button = _("Load content from %(provider)s") % {"provider": label}
    title = _("Content from %(provider)s") % {"provider": label}
    link = html.escape(embed.url)
    return (
        f'<figure class="embed embed-{embed.shape}" data-embed="{embed.provider}">'
        f'<div class="embed-frame" data-embed-src="{html.escape(embed.frame)}" '
        f'data-embed-title="{html.escape(title)}">'
        f'<p class="embed-note">{note}</p>'
        f'<button type="button" class="embed-load" hidden>{html.escape(button)}'
        "</button></div>"
        f'<figcaption><a href="{link}" rel="noopener nofollow">{link}</a>'
        "</figcaption></figure>"
    )
