"""JSON records (the schema: ``JSON_SCHEMA`` in the package's ``__init__``)."""

import datetime
import json
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.importing.parsers.common import (
    ImportFailed,
    ParsedArticle,
    check_count,
    record_label,
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


# The schema as the import page shows it: each field, an example and what it
# is (the package's docstring says the same for programmers).
SCHEMA = (
    ("title", '"…"', gettext_lazy("required unless the body starts with a headline")),
    (
        "body",
        '"…"',
        gettext_lazy(
            "required; plain text (paragraphs separated by blank lines) or HTML"
        ),
    ),
    (
        "body_format",
        '"text" / "html"',
        gettext_lazy(
            "optional; without it a body that opens with a block element (<p>, "
            "<div>, <h2>…) is HTML, anything else text"
        ),
    ),
    ("standfirst", '"…"', gettext_lazy("optional")),
    ("dateline", '"CILEGON"', gettext_lazy("optional")),
    (
        "source",
        '"infobanten.id" / {"name": "…", "homepage": "https://…"}',
        gettext_lazy("optional; a new outlet becomes a new source"),
    ),
    ("original_url", '"https://…"', gettext_lazy("optional")),
    ("original_published_on", '"2025-05-15"', gettext_lazy("optional (YYYY-MM-DD)")),
    ("byline", '"…"', gettext_lazy("optional")),
    ("credit", '"*/Ika"', gettext_lazy("optional")),
    ("language", '"id"', gettext_lazy("optional")),
)


def json_schema() -> str:
    """The JSON schema for people, in the active language: one object per
    article, or a list of them."""
    lines = [_("One object per article, or a list of them:"), "{"]
    for name, example, meaning in SCHEMA:
        lines.append(f'  "{name}": {example},   // {meaning}')
    lines.append("}")
    return "\n".join(lines)


# Python's JSON parser's messages (``JSONDecodeError.msg``), for people.
JSON_PROBLEMS = (
    ("Expecting ',' delimiter", gettext_lazy("a comma (,) is missing")),
    ("Expecting ':' delimiter", gettext_lazy("a colon (:) is missing")),
    (
        "Expecting property name enclosed in double quotes",
        gettext_lazy('a field name in double quotes ("…") was expected'),
    ),
    ("Expecting value", gettext_lazy("a value was expected")),
    (
        "Unterminated string",
        gettext_lazy("a text is not closed with a double quote"),
    ),
    ("Invalid control character", gettext_lazy("a line break or tab inside a text")),
    ("Invalid \\escape", gettext_lazy("a backslash (\\) that escapes nothing")),
    ("Invalid \\uXXXX escape", gettext_lazy("a \\u code that is not four digits")),
    ("Extra data", gettext_lazy("more follows where the JSON should end")),
)

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
            % {**place, "digits": len(value.digits.lstrip("-"))},
            **place,
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
            % {**place, "codes": ", ".join(codes)},
            **place,
        )


def parse_json(text: str, *, origin: str) -> list[ParsedArticle]:
    if _json_depth(text) > MAX_JSON_DEPTH:
        raise ImportFailed(
            _(
                "%(file)s: nested more than %(depth)d levels deep; the schema is "
                "a list of flat records"
            )
            % {"file": origin, "depth": MAX_JSON_DEPTH}
        )
    try:
        data = json.loads(text, parse_int=JSONNumber)
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            _(
                "%(file)s: not valid JSON: %(problem)s (line %(line)d, "
                "column %(column)d)"
            )
            % {
                "file": origin,
                "problem": json_problem(exc.msg),
                "line": exc.lineno,
                "column": exc.colno,
            }
        ) from exc
    records = data if isinstance(data, list) else [data]
    check_count(len(records), origin)
    return [
        _json_record(record, origin=origin, number=number)
        for number, record in enumerate(records, start=1)
    ]


def json_problem(message: str) -> str:
    """What Python's JSON parser says is wrong (``exc.msg``), for people."""
    for start, problem in JSON_PROBLEMS:
        if message.startswith(start):
            return str(problem)
    return _("the text cannot be read as JSON")


def _json_record(record, *, origin, number) -> ParsedArticle:
    where = record_label(origin, number)
    if not isinstance(record, dict):
        raise ImportFailed(
            _("%(where)s: expected an object ({…}) with the fields of the schema")
            % {"where": where}
        )
    unknown = set(record) - set(JSON_FIELDS)
    if unknown:
        raise ImportFailed(
            _("%(where)s: unknown field(s) %(names)s; the schema has %(known)s")
            % {
                "where": where,
                "names": ", ".join(sorted(map(shown, unknown))),
                "known": ", ".join(JSON_FIELDS),
            }
        )
    for name, expected in JSON_FIELDS.items():
        if name not in record:
            continue
        # Before anything reads the value: a number, or a lone surrogate
        # ("\ud800"), which would fail the sanitiser deep inside.
        _refuse_value(record[name], origin=origin, number=number, name=name)
        if not isinstance(record[name], expected):
            raise ImportFailed(
                (
                    _("%(where)s: “%(field)s” must be text or an object")
                    if name == "source"
                    else _("%(where)s: “%(field)s” must be text")
                )
                % {"where": where, "field": name}
            )
    body = record.get("body", "")
    if not body.strip():
        raise ImportFailed(_("%(where)s: “body” is required") % {"where": where})
    body_format = record.get("body_format") or (
        "html" if richtext.looks_like_html(body) else "text"
    )
    if body_format not in ("html", "text"):
        raise ImportFailed(
            _("%(where)s: “body_format” must be “html” or “text”") % {"where": where}
        )
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
                _("%(where)s: “original_published_on” is not a date written YYYY-MM-DD")
                % {"where": where}
            ) from exc
    return article
