"""Plain text in the shape regional sites publish, and HTML bodies: headline,
dateline, body, credit; site furniture left out."""

import html
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from articles.importing.parsers.common import ImportFailed, ParsedArticle
from articles.importing.parsers.dates import publication_date
from articles.models import richtext

# Site furniture and spam that outlets put between and after paragraphs: links
# to other stories, share and comment prompts, advertisements, subscription
# offers, video teasers, staff lines and copyright notices.
BOILERPLATE = re.compile(
    r"^(?:\(?\s*Baca(?:\s+juga)?\s*:|Tinggalkan Balasan$|Alamat email Anda tidak akan "
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
# The opening and closing tags of a sanitised body's top-level blocks; a block
# ends where its own element closes (lists and tables nest).
BLOCK_TAG = re.compile(r"<(/?)(p|h2|h3|ul|ol|blockquote|table)>")


@dataclass
class Block:
    """One paragraph (or heading, list, quote) of a body: its HTML and text."""

    html: str
    text: str


def date_article(
    parsed: ParsedArticle, text: str, *, url: str = "", reference=None
) -> ParsedArticle:
    """Set ``parsed``'s publication date from ``url`` and ``text`` (all of the
    article's lines: headline, stamp, body) and say how it was found."""
    found = publication_date(text, url=url, reference=reference)
    if found:
        parsed.original_published_on = found.date
        parsed.published_how, parsed.published_form = found.how, found.form
    return parsed


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

    for start, end in _top_level(body_html):
        loose(body_html[position:start])
        block = body_html[start:end]
        blocks.append(Block(block, richtext.to_text(block)))
        position = end
    loose(body_html[position:])
    return blocks


def _top_level(body_html: str):
    """``(start, end)`` of each top-level block of sanitised ``body_html``."""
    name, depth, start = None, 0, 0
    for match in BLOCK_TAG.finditer(body_html):
        closing, tag = match.groups()
        if name is None and not closing:
            name, depth, start = tag, 1, match.start()
        elif tag == name:
            depth += -1 if closing else 1
            if not depth:
                yield start, match.end()
                name = None


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


# Widgets printed above an article: prayer times ("imsak", "subuh", …) and the
# weather ("25.7 C"), each next to the name of the city they are for.
WIDGET = re.compile(
    r"^(?:imsak|subuh|terbit|syuruq|dhuha|dzuhur|zuhur|ashar|asar|maghrib|magrib|"
    r"isya|-?\d{1,2}(?:[.,]\d)?\s?°?\s?[CF])$",
    re.IGNORECASE,
)
# The city a widget names: one or two capitalised words alone on a line.
WIDGET_PLACE = re.compile(r"^[A-Z][\w.-]*(?: [A-Z][\w.-]*)?$")


# Headings of lists of other stories printed under an article.
RELATED_HEADING = re.compile(
    r"^(?:(?:berita|artikel|baca)\s+(?:terkait|terkini|lainnya|populer|"
    r"terpopuler|pilihan|menarik)|terpopuler|terkini|rekomendasi|"
    r"berita\s+terbaru|baca\s+artikel\s+menarik\s+lainnya|more\s+stories|"
    r"related(?:\s+(?:news|articles|stories))?)\s*:?$",
    re.IGNORECASE,
)


def _widgets(blocks: list[Block]) -> set[int]:
    """The positions of widget lines and of the city lines beside them."""
    found = set()
    for index, block in enumerate(blocks):
        if WIDGET.match(block.text.strip()):
            found.add(index)
            for near in (index - 1, index + 1):
                if 0 <= near < len(blocks) and WIDGET_PLACE.match(
                    blocks[near].text.strip()
                ):
                    found.add(near)
    return found


def _is_boilerplate(text: str) -> bool:
    return bool(BOILERPLATE.match(text.strip()))


def _from_blocks(
    blocks: list[Block], *, origin: str, headline=True, url="", reference=None
) -> ParsedArticle:
    """Read the outlet's conventions off a body's blocks: headline, dateline
    ("CILEGON –", "SERANG, RUBRIKBANTEN –", "infobanten.id |", "Mataram (ANTARA)
    -", "SULTENGRAYA.COM, MOROWALI –", "Kendari, 17/6 (Sultrapedia) –"), the
    closing credit ("(*/Ika)", "(Red)", "(an/dixie)"); leave out site furniture
    and spam ("Baca juga", "Editor:", advertisements, anything after the
    credit), listed in ``boilerplate``."""
    widgets = _widgets(blocks)
    furniture = [
        b.text.strip()
        for n, b in enumerate(blocks)
        if _is_boilerplate(b.text) or n in widgets
    ]
    blocks = [
        b
        for n, b in enumerate(blocks)
        if b.text.strip() and not _is_boilerplate(b.text) and n not in widgets
    ]
    # A heading of other stories ("Terpopuler", "Berita Terkait") after the
    # story's first lines: it and everything after it are the site's.
    for index in range(2, len(blocks)):
        if RELATED_HEADING.match(blocks[index].text.strip()):
            furniture.extend(b.text.strip() for b in blocks[index:])
            blocks = blocks[:index]
            break
    # The date is read from every line but links and credits ("Baca juga: …"):
    # the stamp may stand above the headline or under it.
    whole = "\n".join(b.text for b in blocks)
    if not blocks:
        raise ImportFailed(
            _("%(file)s: the file holds no article text") % {"file": origin}
        )
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
        raise ImportFailed(
            _("%(file)s: the file holds a headline but no body") % {"file": origin}
        )
    parsed.body = richtext.sanitize("".join(b.html for b in blocks))
    parsed.text = richtext.to_text(parsed.body)
    parsed.title = parsed.title or _title_from(parsed.text)
    if url:
        parsed.original_url = url
    return date_article(parsed, whole, url=url, reference=reference)


def parse_text(
    text: str, *, origin: str, url: str = "", reference=None
) -> ParsedArticle:
    """Parse an article as regional sites publish it: one paragraph per line
    (optional headline line, dateline, body, trailing credit). ``url`` is its
    address (it may carry the date), ``reference`` a date near its publication
    (for a day written without its year; see ``dates``)."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _from_blocks(
        [_text_block(line) for line in lines if line],
        origin=origin,
        url=url,
        reference=reference,
    )


def parse_html(
    body: str, *, origin: str, headline=False, url="", reference=None
) -> ParsedArticle:
    """Parse an article body given as HTML: cleaned to the allowlist (what was
    removed is listed in ``dropped``), then read like a text file."""
    try:
        cleaned = richtext.sanitize(body)
        dropped = richtext.dropped(body)
    except richtext.TextWouldBeLost as exc:
        raise ImportFailed(f"{origin}: {' '.join(exc.messages)}") from exc
    parsed = _from_blocks(
        _html_blocks(cleaned),
        origin=origin,
        headline=headline,
        url=url,
        reference=reference,
    )
    parsed.dropped = dropped
    return parsed
