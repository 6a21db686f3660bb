"""Reading raw articles: plain text in the shape regional sites publish, a JSON
schema, and RSS/Atom feeds. Parsers only read; ``importing.service`` writes.

JSON schema (one object, or a list of them)::

    {
      "title": "…",                     required unless the body starts with a headline
      "body": "…",                      required; paragraphs separated by blank lines
      "standfirst": "…",                optional
      "dateline": "CILEGON",            optional
      "source": "infobanten.id" or {"name": "…", "homepage": "https://…"},  optional
      "original_url": "https://…",      optional
      "original_published_on": "2025-05-15",  optional (YYYY-MM-DD)
      "byline": "…", "credit": "*/Ika", "language": "id"   optional
    }
"""

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path

from entities.text import plain_text

BOILERPLATE = re.compile(
    r"^(Baca juga\s*:|Baca Juga\s*:|Tinggalkan Balasan$|Alamat email Anda tidak akan "
    r"dipublikasikan|Ruas yang wajib ditandai|Komentar\s*$|Bagikan\s*:|Share\s*:|"
    r"Simak berita|Ikuti berita|Dapatkan update)",
    re.IGNORECASE,
)
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})"
    r"(?:,\s*(?P<outlet>[A-Z0-9][A-Za-z0-9.]+))?\s+[–—-]\s+"
)
SITE_PREFIX = re.compile(
    r"^(?P<domain>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:co\.id|go\.id|or\.id|id|com|net|org))"
    r"\s*[|–—-]\s*"
)
CREDIT = re.compile(
    r"\s*\((?P<credit>\*|\*/[A-Za-z]{1,12}|Red|red|[A-Za-z]{2,6}/[A-Za-z]{2,6})\)\s*$"
)
DATE = re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>20\d{2})\b")


class ImportFailed(Exception):
    """A file that cannot be imported: says which file (and record) and why."""


@dataclass
class ParsedArticle:
    title: str
    body: str
    origin: str  # file name (and record number) for messages
    standfirst: str = ""
    dateline: str = ""
    outlet: str = ""
    outlet_homepage: str = ""
    credit: str = ""
    byline: str = ""
    original_url: str = ""
    original_published_on: datetime.date | None = None
    language: str = "id"


def _first_date(text):
    for match in DATE.finditer(text):
        try:
            return datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
    return None


def _title_from(body):
    sentence = re.split(r"(?<=[.!?])\s", body, maxsplit=1)[0]
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
    )


def parse_text(text: str, *, origin: str) -> ParsedArticle:
    """Parse an article as regional sites publish it: optional headline line,
    dateline ("CILEGON –", "SERANG, RUBRIKBANTEN –", "infobanten.id |"), body,
    trailing credit ("(*/Ika)", "(Red)"), with comment forms and "Baca juga" links
    dropped."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line and not BOILERPLATE.match(line)]
    if not lines:
        raise ImportFailed(f"{origin}: the file holds no article text")
    title = ""
    if _looks_like_headline(lines[0], lines[1] if len(lines) > 1 else None):
        title, lines = lines[0], lines[1:]
    parsed = ParsedArticle(title=title, body="", origin=origin)
    if match := SITE_PREFIX.match(lines[0]):
        parsed.outlet = match["domain"]
        parsed.outlet_homepage = f"https://{match['domain']}/"
        lines[0] = lines[0][match.end() :]
    elif match := DATELINE.match(lines[0]):
        parsed.dateline = match["place"].upper()
        parsed.outlet = match["outlet"] or ""
        lines[0] = lines[0][match.end() :]
    if match := CREDIT.search(lines[-1]):
        parsed.credit = match["credit"]
        lines[-1] = lines[-1][: match.start()].rstrip()
        if "/" in parsed.credit:
            parsed.byline = parsed.credit.rsplit("/", 1)[1]
        elif parsed.credit.lower() == "red":
            parsed.byline = "Redaksi"
    lines = [line for line in lines if line]
    if not lines:
        raise ImportFailed(f"{origin}: the file holds a headline but no body")
    parsed.body = "\n\n".join(lines)
    parsed.title = parsed.title or _title_from(parsed.body)
    parsed.original_published_on = _first_date(parsed.body)
    return parsed


JSON_FIELDS = {
    "title": str,
    "body": str,
    "standfirst": str,
    "dateline": str,
    "source": (str, dict),
    "original_url": str,
    "original_published_on": str,
    "byline": str,
    "credit": str,
    "language": str,
}


def parse_json(text: str, *, origin: str) -> list[ParsedArticle]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"{origin}: not valid JSON ({exc})") from exc
    records = data if isinstance(data, list) else [data]
    parsed = []
    for number, record in enumerate(records, start=1):
        where = f"{origin}, record {number}"
        if not isinstance(record, dict):
            raise ImportFailed(f"{where}: expected an object")
        unknown = set(record) - set(JSON_FIELDS)
        if unknown:
            raise ImportFailed(
                f"{where}: unknown field(s) {', '.join(sorted(unknown))}"
            )
        for name, expected in JSON_FIELDS.items():
            if name in record and not isinstance(record[name], expected):
                raise ImportFailed(f"{where}: '{name}' has the wrong type")
        if not str(record.get("body", "")).strip():
            raise ImportFailed(f"{where}: 'body' is required")
        article = parse_text(
            (record.get("title", "") + "\n" if record.get("title") else "")
            + record["body"],
            origin=where,
        )
        if record.get("title"):
            article.title = record["title"].strip()
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
        parsed.append(article)
    return parsed


def parse_feed(content: bytes, *, origin: str) -> list[ParsedArticle]:
    import feedparser

    feed = feedparser.parse(content)
    if feed.bozo and not feed.entries:
        raise ImportFailed(
            f"{origin}: not a readable RSS or Atom feed ({feed.bozo_exception})"
        )
    outlet = feed.feed.get("title", "")
    homepage = feed.feed.get("link", "")
    parsed = []
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{origin}, entry {number}"
        html = (entry.get("content") or [{}])[0].get("value") or entry.get(
            "summary", ""
        )
        paragraphs = re.split(r"</p>|<br\s*/?>|\n\s*\n", html)
        body = "\n".join(filter(None, (plain_text(p).strip() for p in paragraphs)))
        if not body:
            raise ImportFailed(f"{where}: the entry has no text")
        article = parse_text(body, origin=where)
        article.title = plain_text(entry.get("title", "")).strip() or article.title
        article.original_url = entry.get("link", "")
        article.outlet, article.outlet_homepage = outlet, homepage
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        if when:
            article.original_published_on = datetime.date(*when[:3])
        article.byline = entry.get("author", "")
        parsed.append(article)
    return parsed


def parse_path(path: Path) -> list[ParsedArticle]:
    """Parse one file by its kind (.json, .xml/.rss/.atom, anything else text)."""
    origin = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"{origin}: cannot be read ({exc.strerror})") from exc
    suffix = path.suffix.lower()
    if suffix in {".xml", ".rss", ".atom"} or raw.lstrip().startswith(b"<?xml"):
        return parse_feed(raw, origin=origin)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"{origin}: not UTF-8 text") from exc
    if suffix == ".json":
        return parse_json(text, origin=origin)
    return [parse_text(text, origin=origin)]
