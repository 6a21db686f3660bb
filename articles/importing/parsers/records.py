"""JSON records (the schema is in the package's docstring)."""

import datetime
import json
import re

from django.utils.translation import gettext as _

from articles.importing.parsers.common import (
    ImportFailed,
    ParsedArticle,
    check_count,
    shown,
)
from articles.importing.parsers.text import parse_html, parse_text
from articles.models import richtext
from entities.text import unstorable

# A JSON import is a list of flat records: deeper nesting is an attack or a
# mistake, and would exhaust the parser's recursion before it says so.
MAX_JSON_DEPTH = 8


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
    check_count(len(records), origin)
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
    url = str(record.get("original_url") or "")
    if body_format == "html":
        article = parse_html(body, origin=where, url=url)
    else:
        article = parse_text(
            (title + "\n" if title else "") + body, origin=where, url=url
        )
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
            article.published_how, article.published_form = "given", ""
        except ValueError as exc:
            raise ImportFailed(
                f"{where}: 'original_published_on' is not a YYYY-MM-DD date"
            ) from exc
    return article
