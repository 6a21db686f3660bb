"""Reading raw articles: plain text in the shape regional sites publish, a JSON
schema, and RSS/Atom feeds. Parsers only read; ``importing.service`` writes.

Every parser returns ``ParsedArticle`` objects whose ``body`` is sanitised HTML
(``articles.models.richtext``: text files become paragraphs, HTML is cleaned to the
allowlist, and ``dropped`` lists what the cleaning removed) and whose ``text``
is the same body as plain text. Whatever cannot be imported raises
``ImportFailed`` naming the file, the record and the reason; so do files over
the limits (size, records, JSON depth) and text that is not valid in its
declared encoding.

JSON schema (one object, or a list of them)::

    {
      "title": "…",                     required unless the body starts with a headline
      "body": "…",                      required; plain text (paragraphs separated
                                         by blank lines) or HTML
      "body_format": "text" or "html",  optional; without it a body that opens
                                         with a block element (<p>, <div>, <h2>…)
                                         is HTML, anything else text
      "standfirst": "…",                optional
      "dateline": "CILEGON",            optional
      "source": "infobanten.id" or {"name": "…", "homepage": "https://…"},  optional
      "original_url": "https://…",      optional
      "original_published_on": "2025-05-15",  optional (YYYY-MM-DD)
      "byline": "…", "credit": "*/Ika", "language": "id"   optional
    }
"""

import datetime
import html
import json
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from articles.models import richtext
from entities.text import UNSTORABLE, unstorable

# Site furniture and spam that outlets put between and after paragraphs: links
# to other stories, share and comment prompts, advertisements, subscription
# offers, video teasers, staff lines and copyright notices.
BOILERPLATE = re.compile(
    r"^(?:Baca juga\s*:|Baca Juga\s*:|Tinggalkan Balasan$|Alamat email Anda tidak akan "
    r"dipublikasikan|Ruas yang wajib ditandai|Komentar\s*$|Bagikan\s*:|Share\s*:|"
    r"Simak berita|Simak [Vv]ideo|Ikuti berita|Dapatkan update|Saksikan video|"
    r"Video\s*:|Lihat juga\s*:|Klik di sini|Klik untuk|Artikel ini telah tayang di|"
    r"(?:Pewarta|Editor|Penulis|Reporter|Penyunting|Redaktur|Sumber|Foto)\s*:"
    r".{0,120}$|Copyright\s*©|©\s*\d{4}|All rights reserved|"
    r"ADVERTISEMENT$|ADVERTORIAL$|SCROLL TO CONTINUE|IKLAN$|PROMO\b|"
    r"Follow (?:us|kami)|Gabung(?:lah)? (?:di|ke) (?:grup|channel|kanal))",
    re.IGNORECASE,
)
# "SERANG, RUBRIKBANTEN –", "Semarang, Bisnis Jateng -", "MOROWALI –"
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})"
    r"(?:,\s*(?P<outlet>[A-Z0-9][A-Za-z0-9.]+(?: [A-Z][A-Za-z0-9.]+){0,2}))?"
    r"\s+[–—-]\s+"
)
# "Mataram (ANTARA) -", "Kendari, 17/6 (Sultrapedia) –"
AGENCY_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})"
    r"(?:,\s*\d{1,2}/\d{1,2}(?:/\d{2,4})?)?"
    r"\s*\((?P<outlet>[A-Za-z][A-Za-z0-9. ]{1,30})\)\s*[–—-]\s+"
)
# "SULTENGRAYA.COM, MOROWALI –", "TRIBUNNEWS.COM, GRESIK -"
OUTLET_DATELINE = re.compile(
    r"^(?P<outlet>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:co\.id|go\.id|or\.id|id|com|net"
    r"|org|ID|COM|NET|ORG|CO\.ID))"
    r",\s*(?P<place>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})\s*[–—-]\s+"
)
# "infobanten.id |", "KOMPAS.com -", "KepriSatu.id |"
SITE_PREFIX = re.compile(
    r"^(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:co\.id|go\.id|or\.id|id|com|net"
    r"|org|ID|COM|NET|ORG))"
    r"\s*[|–—-]\s*"
)
# A closing credit: "(*/Ika)", "(Red)", "(Zan)", "(an/dixie)", "(rls/abc)",
# "(tribunkaltara.com/Rahmat Hidayat)"; never an upper-case abbreviation.
CREDIT = re.compile(
    # "(?<!\s)": only from the first space before the parenthesis (a search
    # from each space of a long run would read the run again each time).
    r"(?<!\s)\s*\((?!Persero\)|Tbk\))(?P<credit>\*|\*/[A-Za-z]{1,12}|Red|red|[A-Z]?[a-z]{1,6}"
    r"|[A-Za-z]{1,8}/[A-Za-z]{1,8}|[a-z0-9.-]+\.[a-z]{2,4}/[A-Z][A-Za-z ]{1,40})\)\s*$"
)
DATE = re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>20\d{2})\b")
BLOCK = re.compile(r"<(p|h2|h3|ul|ol|blockquote)>.*?</\1>", re.DOTALL)

# A JSON import is a list of flat records: deeper nesting is an attack or a
# mistake, and would exhaust the parser's recursion before it says so.
MAX_JSON_DEPTH = 8


class ImportFailed(Exception):
    """A file that cannot be imported: says which file (and record) and why."""


@dataclass
class ParsedArticle:
    title: str
    body: str  # sanitised HTML
    origin: str  # file name (and record number) for messages
    text: str = ""  # the body as plain text
    standfirst: str = ""
    dateline: str = ""
    outlet: str = ""
    outlet_homepage: str = ""
    credit: str = ""
    byline: str = ""
    original_url: str = ""
    original_published_on: datetime.date | None = None
    language: str = "id"
    dropped: list = field(default_factory=list)  # what sanitising removed
    # Paragraphs left out as site furniture or spam ("Baca juga: …", "Editor:
    # …", advertisements), as they were written: the import reports them.
    boilerplate: list = field(default_factory=list)


@dataclass
class Block:
    """One paragraph (or heading, list, quote) of a body: its HTML and text."""

    html: str
    text: str


def _first_date(text):
    for match in DATE.finditer(text):
        try:
            return datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
    return None


def _title_from(text):
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    if len(sentence) <= 120:
        return sentence.rstrip(".")
    return sentence[:120].rsplit(" ", 1)[0] + "…"


def _looks_like_headline(line, following):
    return (
        following is not None
        and len(line) <= 200
        and not line.endswith((".", "”", '"', ":"))
        and not DATELINE.match(line)
        and not SITE_PREFIX.match(line)
        and not AGENCY_DATELINE.match(line)
        and not OUTLET_DATELINE.match(line)
    )


def _text_block(line: str) -> Block:
    return Block(f"<p>{html.escape(line, quote=False)}</p>", line)


def _html_blocks(body_html: str) -> list[Block]:
    """Split sanitised HTML into its top-level blocks; loose inline content
    between them becomes a paragraph of its own (none of it is dropped)."""
    blocks, position = [], 0

    def loose(fragment):
        if richtext.to_text(fragment).strip():
            html_ = f"<p>{fragment.strip()}</p>"
            blocks.append(Block(html_, richtext.to_text(html_)))

    for match in BLOCK.finditer(body_html):
        loose(body_html[position : match.start()])
        blocks.append(Block(match.group(0), richtext.to_text(match.group(0))))
        position = match.end()
    loose(body_html[position:])
    return blocks


def _cut_start(block: Block, length: int) -> Block:
    """``block`` without its first ``length`` characters of text (a dateline),
    when that text opens the block's HTML unformatted; otherwise unchanged."""
    prefix = block.text[:length]
    escaped = html.escape(prefix, quote=False)
    opening = re.match(r"<(p|h2|h3|blockquote)>", block.html)
    if not opening or not block.html[opening.end() :].startswith(escaped):
        return block
    rest = block.html[opening.end() + len(escaped) :]
    return Block(opening.group(0) + rest, block.text[length:])


def _cut_end(block: Block, length: int) -> Block:
    """``block`` without its last ``length`` characters of text (a credit)."""
    suffix = block.text[len(block.text) - length :]
    escaped = html.escape(suffix.strip(), quote=False)
    closing = re.search(r"</(p|h2|h3|blockquote)>$", block.html)
    inner = block.html[: closing.start()] if closing else block.html
    if not closing or not inner.rstrip().endswith(escaped):
        return block
    inner = inner.rstrip()[: -len(escaped)].rstrip()
    return Block(inner + closing.group(0), block.text[: len(block.text) - length])


def _is_boilerplate(text: str) -> bool:
    return bool(BOILERPLATE.match(text.strip()))


def _from_blocks(blocks: list[Block], *, origin: str, headline=True) -> ParsedArticle:
    """Read the outlet's conventions off a body's blocks: headline, dateline
    ("CILEGON –", "SERANG, RUBRIKBANTEN –", "infobanten.id |", "Mataram (ANTARA)
    -", "SULTENGRAYA.COM, MOROWALI –", "Kendari, 17/6 (Sultrapedia) –"), the
    closing credit ("(*/Ika)", "(Red)", "(an/dixie)"); leave out site furniture
    and spam ("Baca juga", "Editor:", advertisements, anything after the
    credit), listed in ``boilerplate``."""
    furniture = [b.text.strip() for b in blocks if _is_boilerplate(b.text)]
    blocks = [b for b in blocks if b.text.strip() and not _is_boilerplate(b.text)]
    if not blocks:
        raise ImportFailed(f"{origin}: the file holds no article text")
    parsed = ParsedArticle(title="", body="", origin=origin)
    first = blocks[0].text.strip()
    if headline and _looks_like_headline(
        first, blocks[1].text if len(blocks) > 1 else None
    ):
        parsed.title, blocks = first, blocks[1:]
    opening = blocks[0].text
    match = OUTLET_DATELINE.match(opening) or AGENCY_DATELINE.match(opening)
    if match:
        parsed.outlet, parsed.dateline = match["outlet"], match["place"].upper()
        blocks[0] = _cut_start(blocks[0], match.end())
    elif match := SITE_PREFIX.match(opening):
        parsed.outlet = match["domain"]
        parsed.outlet_homepage = f"https://{match['domain'].lower()}/"
        blocks[0] = _cut_start(blocks[0], match.end())
    elif match := DATELINE.match(opening):
        parsed.dateline = match["place"].upper()
        parsed.outlet = match["outlet"] or ""
        blocks[0] = _cut_start(blocks[0], match.end())
    # The credit closes the story: it may stand in the last paragraph or alone,
    # and whatever follows it is the site's, not the story's.
    for index in range(len(blocks) - 1, max(-1, len(blocks) - 4), -1):
        if match := CREDIT.search(blocks[index].text):
            furniture.extend(b.text.strip() for b in blocks[index + 1 :])
            blocks = blocks[: index + 1]
            parsed.credit = match["credit"]
            blocks[-1] = _cut_end(blocks[-1], len(blocks[-1].text) - match.start())
            if "/" in parsed.credit:
                parsed.byline = parsed.credit.rsplit("/", 1)[1]
            elif parsed.credit.lower() == "red":
                parsed.byline = "Redaksi"
            break
    parsed.boilerplate = furniture
    blocks = [b for b in blocks if b.text.strip()]
    if not blocks:
        raise ImportFailed(f"{origin}: the file holds a headline but no body")
    parsed.body = richtext.sanitize("".join(b.html for b in blocks))
    parsed.text = richtext.to_text(parsed.body)
    parsed.title = parsed.title or _title_from(parsed.text)
    parsed.original_published_on = _first_date(parsed.text)
    return parsed


def parse_text(text: str, *, origin: str) -> ParsedArticle:
    """Parse an article as regional sites publish it: one paragraph per line
    (optional headline line, dateline, body, trailing credit)."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _from_blocks([_text_block(line) for line in lines if line], origin=origin)


def parse_html(body: str, *, origin: str, headline=False) -> ParsedArticle:
    """Parse an article body given as HTML: cleaned to the allowlist (what was
    removed is listed in ``dropped``), then read like a text file."""
    try:
        cleaned = richtext.sanitize(body)
        dropped = richtext.dropped(body)
    except richtext.TextWouldBeLost as exc:
        raise ImportFailed(f"{origin}: {' '.join(exc.messages)}") from exc
    parsed = _from_blocks(_html_blocks(cleaned), origin=origin, headline=headline)
    parsed.dropped = dropped
    return parsed


JSON_FIELDS = {
    "title": str,
    "body": str,
    "body_format": str,
    "standfirst": str,
    "dateline": str,
    "source": (str, dict),
    "original_url": str,
    "original_published_on": str,
    "byline": str,
    "credit": str,
    "language": str,
}


JSON_TOKEN = re.compile(r'"(?:[^"\\]++|\\.)*+"|[\[\]{}]')


def _json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in JSON ``text`` (strings
    skipped), read without recursion."""
    depth = deepest = 0
    for match in JSON_TOKEN.finditer(text):
        token = match.group(0)
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
    return deepest


class JSONNumber:
    """An integer as a JSON file wrote it, not converted: no field of the
    schema is a number, and converting one of thousands of digits would fail
    (Python refuses integers of more than 4,300 digits) before the record and
    the field could be named."""

    def __init__(self, digits: str):
        self.digits = digits

    def __str__(self):
        return self.digits


def shown(value: str) -> str:
    """``value`` for a message: characters that cannot be stored or printed
    (lone surrogates, control characters) as their U+XXXX code."""
    return UNSTORABLE.sub(lambda m: f"U+{ord(m.group(0)):04X}", value)


def _refuse_value(value, *, origin, number, name):
    """Raise ``ImportFailed`` if the JSON value of field ``name`` of record
    ``number`` is a number where text belongs, or text that cannot be stored."""
    place = {"file": origin, "record": number, "field": name}
    if isinstance(value, JSONNumber):
        raise ImportFailed(
            _(
                "%(file)s, record %(record)d, field “%(field)s”: a number "
                "(%(digits)d digits) where text is expected"
            )
            % {**place, "digits": len(value.digits.lstrip("-"))}
        )
    if isinstance(value, dict):
        for key, inner in value.items():
            _refuse_value(inner, origin=origin, number=number, name=f"{name}.{key}")
        return
    codes = unstorable(value)
    if codes:
        raise ImportFailed(
            _(
                "%(file)s, record %(record)d, field “%(field)s”: contains "
                "characters that cannot be stored (%(codes)s)"
            )
            % {**place, "codes": ", ".join(codes)}
        )


def parse_json(text: str, *, origin: str) -> list[ParsedArticle]:
    if _json_depth(text) > MAX_JSON_DEPTH:
        raise ImportFailed(
            f"{origin}: nested more than {MAX_JSON_DEPTH} levels deep; the schema "
            "is a list of flat records"
        )
    try:
        data = json.loads(text, parse_int=JSONNumber)
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"{origin}: not valid JSON ({exc})") from exc
    records = data if isinstance(data, list) else [data]
    _check_count(len(records), origin)
    return [
        _json_record(record, origin=origin, number=number)
        for number, record in enumerate(records, start=1)
    ]


def _json_record(record, *, origin, number) -> ParsedArticle:
    where = f"{origin}, record {number}"
    if not isinstance(record, dict):
        raise ImportFailed(f"{where}: expected an object")
    unknown = set(record) - set(JSON_FIELDS)
    if unknown:
        raise ImportFailed(
            f"{where}: unknown field(s) {', '.join(sorted(map(shown, unknown)))}"
        )
    for name, expected in JSON_FIELDS.items():
        if name not in record:
            continue
        # Before anything reads the value: a number, or a lone surrogate
        # ("\ud800"), which would fail the sanitiser deep inside.
        _refuse_value(record[name], origin=origin, number=number, name=name)
        if not isinstance(record[name], expected):
            raise ImportFailed(f"{where}: '{name}' has the wrong type")
    body = record.get("body", "")
    if not body.strip():
        raise ImportFailed(f"{where}: 'body' is required")
    body_format = record.get("body_format") or (
        "html" if richtext.looks_like_html(body) else "text"
    )
    if body_format not in ("html", "text"):
        raise ImportFailed(f'{where}: \'body_format\' must be "html" or "text"')
    title = record.get("title", "").strip()
    if body_format == "html":
        article = parse_html(body, origin=where)
    else:
        article = parse_text((title + "\n" if title else "") + body, origin=where)
    if title:
        article.title = title
    source = record.get("source")
    if isinstance(source, dict):
        article.outlet = str(source.get("name", ""))
        article.outlet_homepage = str(source.get("homepage", ""))
    elif source:
        article.outlet = source
    for name in ("standfirst", "original_url", "byline", "credit", "language"):
        if record.get(name):
            setattr(article, name, record[name].strip())
    if record.get("dateline"):
        article.dateline = record["dateline"].strip().upper()
    if record.get("original_published_on"):
        try:
            article.original_published_on = datetime.date.fromisoformat(
                record["original_published_on"]
            )
        except ValueError as exc:
            raise ImportFailed(
                f"{where}: 'original_published_on' is not a YYYY-MM-DD date"
            ) from exc
    return article


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
        feed = feedparser.parse(content)
    except (ValueError, UnicodeError, OverflowError) as exc:
        raise ImportFailed(
            f"{origin}: not a readable RSS or Atom feed ({exc})"
        ) from exc
    if feed.bozo and not feed.entries:
        raise ImportFailed(
            f"{origin}: not a readable RSS or Atom feed ({feed.bozo_exception})"
        )
    _check_count(len(feed.entries), origin)
    _refuse_entry(feed.feed, marker, origin=origin)
    outlet = feed.feed.get("title", "")
    homepage = feed.feed.get("link", "")
    parsed = []
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{origin}, entry {number}"
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
            raise ImportFailed(f"{where}: the entry has no text")
        article = parse_html(content_html, origin=where)
        title = richtext.to_text(entry.get("title", "")).strip()
        article.title = title or article.title
        article.original_url = entry.get("link", "")
        article.outlet, article.outlet_homepage = outlet, homepage
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        if when:
            article.original_published_on = datetime.date(*when[:3])
        article.byline = entry.get("author", "")
        parsed.append(article)
    return parsed


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


def _check_count(count: int, origin: str) -> None:
    limit = settings.WARTA_IMPORT_MAX_RECORDS
    if count > limit:
        raise ImportFailed(
            f"{origin}: {count} records; one import takes at most {limit} "
            "(split the file)"
        )


XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)[\"']")


def _decode(raw: bytes, origin: str, encoding="utf-8") -> str:
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ImportFailed(
            f"{origin}: not valid {encoding.upper()} text ({exc})"
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
                f"{origin}: {size / 2**20:.1f} MB; one file may hold at most "
                f"{limit / 2**20:.0f} MB"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"{origin}: cannot be read ({exc.strerror})") from exc
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
