"""RSS and Atom feeds."""

import datetime
import html
import re
import secrets
from urllib.parse import urljoin

from django.utils.translation import gettext as _

from articles.importing.parsers.common import (
    ImportFailed,
    ParsedArticle,
    check_count,
    entry_label,
)
from articles.importing.parsers.text import parse_html
from articles.models import richtext
from entities.text import unstorable

# A character reference to a lone surrogate or past U+10FFFF ("&#xD800;"):
# the feed parser fails on it deep inside. Such a reference is replaced by
# a marker before parsing, and the entry and field holding it are named.
CHARACTER_REFERENCE = re.compile(rb"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});")


def _not_characters(content: bytes) -> tuple[bytes, str]:
    """``content`` with references to what is not a character replaced by a
    marker (``"" `` if there is none), and the marker's pattern."""
    nonce = secrets.token_hex(6)
    found = False

    def replace(match):
        nonlocal found
        reference = match.group(1)
        value = (
            int(reference[1:], 16) if reference[:1] in (b"x", b"X") else int(reference)
        )
        if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
            found = True
            return f"[{nonce}:{value:04X}]".encode()
        return match.group(0)

    content = CHARACTER_REFERENCE.sub(replace, content)
    return content, (rf"\[{nonce}:([0-9A-F]+)\]" if found else "")


def parse_feed(content: bytes, *, origin: str) -> list[ParsedArticle]:
    import feedparser

    content, marker = _not_characters(content)
    try:
        # Our sanitiser cleans the entries (``parse_html``); feedparser's own
        # read "Jika <p dan q> maka r." as a tag and dropped its words first.
        feed = feedparser.parse(
            content, sanitize_html=False, resolve_relative_uris=False
        )
    except (ValueError, UnicodeError, OverflowError) as exc:
        raise ImportFailed(unreadable_feed(origin, exc)) from exc
    if feed.bozo and not feed.entries:
        raise ImportFailed(unreadable_feed(origin, feed.bozo_exception))
    check_count(len(feed.entries), origin)
    _refuse_entry(feed.feed, marker, origin=origin)
    outlet = feed.feed.get("title", "")
    homepage = feed.feed.get("link", "")
    parsed = []
    for number, entry in enumerate(feed.entries, start=1):
        where = entry_label(origin, number)
        _refuse_entry(entry, marker, origin=origin, number=number)
        detail = (
            (entry.get("content") or [None])[0]
            or entry.get("summary_detail")
            or {"value": entry.get("summary", ""), "type": "text/html"}
        )
        content_html = detail.get("value") or ""
        if detail.get("type") == "text/plain":
            content_html = richtext.from_text(content_html)
        if not richtext.to_text(content_html).strip():
            raise ImportFailed(_("%(where)s: the entry has no text") % {"where": where})
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        given = datetime.date(*when[:3]) if when else None
        # Without the entry's date, the page's own (its address, its stamp);
        # the feed's update time stands for "near publication".
        article = parse_html(
            content_html,
            origin=where,
            url=entry.get("link", ""),
            reference=given or _feed_day(feed),
        )
        article.body = _absolute_links(
            article.body, detail.get("base") or entry.get("link") or homepage
        )
        title = richtext.to_text(entry.get("title", "")).strip()
        article.title = title or article.title
        article.original_url = entry.get("link", "")
        article.outlet, article.outlet_homepage = outlet, homepage
        if given:
            article.original_published_on = given
            article.published_how, article.published_form = "feed", ""
        article.byline = entry.get("author", "")
        parsed.append(article)
    return parsed


def unreadable_feed(origin, exc) -> str:
    """Why a feed cannot be read, for people: where the XML parser stopped
    (its own, English, wording is left out)."""
    line = getattr(exc, "getLineNumber", lambda: None)()
    if line:
        return _(
            "%(file)s: not a readable RSS or Atom feed (the XML breaks off or is "
            "malformed at line %(line)d)"
        ) % {"file": origin, "line": line}
    return _("%(file)s: not a readable RSS or Atom feed") % {"file": origin}


# A link in sanitised HTML, as nh3 writes it.
_LINK = re.compile(r'<a href="([^"]*)"')


def _absolute_links(body: str, base: str) -> str:
    """Relative links of a sanitised entry made absolute against the entry's
    base (feedparser's own resolving also rewrote the entry's markup)."""
    if not re.match(r"https?://", base or ""):
        return body

    def absolute(match):
        address = html.unescape(match.group(1))
        if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", address):
            return match.group(0)  # absolute already (the sanitiser's schemes)
        return f'<a href="{html.escape(urljoin(base, address))}"'

    return _LINK.sub(absolute, body)


def _feed_day(feed) -> datetime.date | None:
    when = feed.feed.get("updated_parsed") or feed.feed.get("published_parsed")
    return datetime.date(*when[:3]) if when else None


def _refuse_entry(entry, marker, *, origin, number=None) -> None:
    """Refuse a feed entry (``number``; the feed itself if None) any field of
    which holds a character that cannot be stored, or a reference to what is
    not a character (``marker``)."""
    for name in ("title", "summary", "content", "link", "author"):
        values = entry.get(name)
        if name == "content":
            values = [part.get("value", "") for part in values or ()]
        for value in values if isinstance(values, list) else [values or ""]:
            if not isinstance(value, str):
                continue
            codes = unstorable(value)
            if marker:
                codes += [f"U+{code}" for code in re.findall(marker, value)]
            if not codes:
                continue
            place = {
                "file": origin,
                "record": number,
                "field": name,
                "codes": ", ".join(sorted(set(codes))),
            }
            if number is None:
                raise ImportFailed(
                    _(
                        "%(file)s, field “%(field)s”: contains characters that "
                        "cannot be stored (%(codes)s)"
                    )
                    % place
                )
            raise ImportFailed(
                _(
                    "%(file)s, entry %(record)d, field “%(field)s”: contains "
                    "characters that cannot be stored (%(codes)s)"
                )
                % place
            )
