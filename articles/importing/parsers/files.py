"""Files as uploaded or named on the command line: their size, encoding and
format decide the parser."""

import re
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from articles.importing.parsers.common import ImportFailed, ParsedArticle, shown
from articles.importing.parsers.feeds import parse_feed
from articles.importing.parsers.records import parse_json
from articles.importing.parsers.text import parse_text

XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)[\"']")


def _decode(raw: bytes, origin: str, encoding="utf-8") -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            _(
                "%(file)s: not valid %(encoding)s text (byte %(byte)s at position "
                "%(position)d); save it as UTF-8"
            )
            % {
                "file": origin,
                "encoding": encoding.upper(),
                "byte": f"0x{exc.object[exc.start]:02X}",
                "position": exc.start,
            }
        ) from exc
    except LookupError as exc:
        raise ImportFailed(
            _("%(file)s: the text encoding “%(encoding)s” is not known")
            % {"file": origin, "encoding": encoding}
        ) from exc


def parse_path(path: Path) -> list[ParsedArticle]:
    """Parse one file by its kind (.json, .xml/.rss/.atom, anything else text)."""
    # A name that is not UTF-8 reaches Python with lone surrogates in it.
    origin = shown(path.name)
    try:
        size = path.stat().st_size
        limit = settings.WARTA_IMPORT_MAX_BYTES
        if size > limit:
            raise ImportFailed(
                _("%(file)s: %(size)s MB; one file may hold at most %(limit)s MB")
                % {
                    "file": origin,
                    "size": f"{size / 2**20:.1f}",
                    "limit": f"{limit / 2**20:.0f}",
                }
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(
            _("%(file)s: cannot be read (%(reason)s)")
            % {"file": origin, "reason": exc.strerror}
        ) from exc
    suffix = path.suffix.lower()
    if suffix in {".xml", ".rss", ".atom"} or raw.lstrip().startswith(b"<?xml"):
        declared = XML_DECLARATION.match(raw)
        # Refuse broken text here as for every other format: the feed parser
        # would otherwise guess, and import mojibake.
        _decode(raw, origin, declared.group(1).decode() if declared else "utf-8")
        return parse_feed(raw, origin=origin)
    text = _decode(raw, origin)
    if suffix == ".json":
        return parse_json(text, origin=origin)
    return [parse_text(text, origin=origin)]
