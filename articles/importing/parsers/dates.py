"""An article's publication date, read off its address and its text as
Indonesian outlets write them, with how it was found.

What counts, strongest first (the first that gives a date wins):

1. ``url``: a full date in the article's address: ``/2023/11/15/``,
   ``/20131210/``, ``/17/02/2025/``. An outlet's address is written when the
   story is published; a date in the page may be the site's "today" (a widget
   above the headline) or the day something happened.
2. ``stamp``: a date followed by a time in the first ``STAMP_WITHIN``
   characters, the publication stamp outlets print:
   "Rabu 28 Feb 2024 - 20:27 WIB", "Senin, 07 Januari 2019 / 19:08 WIB",
   "04 April 2019 21:00 WIB".
3. ``text``: the first date given with its weekday, "Kamis (16/1/2020)",
   "Selasa, 22 Maret 2014", "Jum’at (08/10/2021)", "Sunday, January 19, 2025",
   or a full date in brackets, "(24/12/2023)": the day of the report. A bare
   "23 September 2025" is not taken: it is as often the day of an event, or a
   founding year ("sejak 18 Maret 1910").
4. ``partial``: a weekday and a day without year, "Selasa (21/9)", the year
   taken from the address (``/2016/08/``) or from ``reference`` (a feed
   entry's date, the day of import): only if the weekday is that date's.

A day without year is taken only when its weekday is that date's. Years
before 2000 or after the reference (or today) are not publication years.
Every rule reads the text once (linear time).
"""

import datetime
import re
from dataclasses import dataclass

from articles.models.calendar import MONTHS, WEEKDAYS


def _names(names) -> str:
    # Longest first, so "Jum'at" is tried before "Jum", "Sept" before "Sep".
    return "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))


WEEKDAY = rf"(?P<weekday>{_names(WEEKDAYS)})"
MONTH = rf"(?P<month_name>{_names(MONTHS)})"
GAP = r"[^\S\n]+"  # spaces on one line
# "Senin (4/5)", "Selasa (10/12/2013)", "Rabu (15/10/2025) malam", "Senin sore
# (23/9)": a weekday, at most one word (the time of day), the day in brackets.
# Without brackets too: "Senin 25/3/2024".
WEEKDAY_NUMERIC = re.compile(
    rf"\b{WEEKDAY}\b,?(?:{GAP}[a-z]+)?[^\S\n]*(?P<open>\(\s*)?(?P<day>\d{{1,2}})/"
    rf"(?P<month>\d{{1,2}})(?:/(?P<year>\d{{4}}|\d{{2}}))?(?(open)\s*\)|(?![\d/]))",
    re.IGNORECASE,
)
# "(24/12/2023)": a full date in brackets, the report's day.
BRACKETED = re.compile(
    r"\(\s*(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>20\d{2})\s*\)"
)
# "Selasa, 22 Maret 2014", "28 Feb 2024", "Kamis 11 Jul 2013".
NAMED = re.compile(
    rf"(?:\b{WEEKDAY},?{GAP})?\b(?P<day>\d{{1,2}}){GAP}{MONTH}\.?,?{GAP}"
    rf"(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
# "Sunday, January 19, 2025", "January 19, 2025".
ENGLISH = re.compile(
    rf"(?:\b{WEEKDAY},?{GAP})?\b{MONTH}{GAP}(?P<day>\d{{1,2}}),?{GAP}"
    rf"(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
# A time right after a date (up to two line breaks and a separator between):
# "- 20:27 WIB", "| 10:52 WIB", ", 15:25 WIB", "/ 19:08 WIB", "pukul 09.30".
TIME_AFTER = re.compile(
    r"[^\S\n]*\n?[^\S\n]*\n?[^\S\n]*(?:[-–—|/,][^\S\n]*)?(?:pukul[^\S\n]*)?"
    r"\d{1,2}[:.]\d{2}(?![\d/])",
    re.IGNORECASE,
)
URL_DATES = (
    re.compile(r"/(?P<year>20\d{2})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?=[/?#]|$)"),
    re.compile(r"/(?P<year>20\d{2})(?P<month>\d{2})(?P<day>\d{2})(?=[/?#]|$)"),
    re.compile(r"/(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>20\d{2})(?=[/?#]|$)"),
)
# Outlets print the publication stamp above or just under the headline; a date
# and time further down is something that happened.
STAMP_WITHIN = 500
# A date that follows these words is the day something happened, never the
# page's: "sejak Senin (4/5/2015)", "hingga Jumat, 12 Mei 2023", "tanggal
# 5/6/2024". "pada" before a date with its month in words ("pada Kamis 15
# November 2018") likewise; "pada Kamis (16/1/2020)" is how the report's own
# day is often written, so it stays.
EVENT_BEFORE = re.compile(
    r"\b(?:sejak|hingga|sampai|sebelum|setelah|sesudah|mulai|semenjak|tanggal|"
    r"tgl|per|pekan|sepekan|selama|jelang|menjelang|since|until|before|after)"
    r"\.?[^\S\n]*(?:hari[^\S\n]+)?$",
    re.IGNORECASE,
)
# "Senin (4/5) lalu", "Kamis, 3 Juli 2025 mendatang": a day before or after
# the report's.
EVENT_AFTER = re.compile(
    r"[^\S\n]*(?:yang[^\S\n]+)?(?:lalu|silam|mendatang|depan|nanti|lusa|"
    r"kemarin)\b",
    re.IGNORECASE,
)
PADA_BEFORE = re.compile(r"\b(?:pada|on)[^\S\n]+(?:hari[^\S\n]+)?$", re.IGNORECASE)
# A stamp that says the page was changed is not the day it was published.
UPDATED_BEFORE = re.compile(
    r"\b(?:diperbarui|diperbaharui|diupdate|update[d]?|pembaruan|revisi|"
    r"terakhir|last)\b[^\n]{0,12}$",
    re.IGNORECASE,
)
# Lists of other stories under an article ("Berita Terkait", "Terpopuler"):
# their dates are theirs. Nothing after such a heading is read.
RELATED = re.compile(
    r"^[^\S\n]*(?:berita|artikel|baca)[^\S\n]+(?:terkait|terkini|lainnya|"
    r"populer|terpopuler|pilihan|menarik)\b|^[^\S\n]*(?:terpopuler|terkini|"
    r"rekomendasi|related|more stories|baca artikel menarik lainnya|"
    r"berita terbaru|terbaru)[^\S\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
URL_MONTH = re.compile(r"/(?P<year>20\d{2})/(?P<month>\d{1,2})(?=/)")


@dataclass(frozen=True)
class Published:
    """A publication date and how it was found: ``how`` is one of ``url``,
    ``stamp``, ``text``, ``partial`` (see the module), ``form`` the words it
    was read from."""

    date: datetime.date
    how: str
    form: str


def _date(year, month, day) -> datetime.date | None:
    try:
        return datetime.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def _year(written: str) -> int:
    return 2000 + int(written) if len(written) == 2 else int(written)


def _plausible(date, latest) -> bool:
    return date is not None and datetime.date(2000, 1, 1) <= date <= latest


def from_url(url: str, latest: datetime.date) -> Published | None:
    """The full date an article's address carries, if any."""
    for pattern in URL_DATES:
        for match in pattern.finditer(url or ""):
            date = _date(match["year"], match["month"], match["day"])
            if _plausible(date, latest):
                return Published(date, "url", match.group(0))
    return None


def _weekday_agrees(match, date) -> bool:
    name = match.groupdict().get("weekday")
    return name is None or WEEKDAYS[name.lower()] == date.weekday()


def _month(match) -> int:
    if match.groupdict().get("month_name"):
        return MONTHS[match["month_name"].lower()]
    return int(match["month"])


def _candidates(text: str):
    """Every full date of ``text`` as ``(start, end, date, has weekday,
    match)``, in no particular order."""
    # A bracketed date after a weekday is that weekday's (taken or refused
    # with it), never a date of its own.
    after_weekday = set()
    for pattern in (WEEKDAY_NUMERIC, BRACKETED, NAMED, ENGLISH):
        for match in pattern.finditer(text):
            if pattern is WEEKDAY_NUMERIC and match["open"]:
                after_weekday.add(match.start("open"))
            if pattern is BRACKETED and match.start() in after_weekday:
                continue
            if not match["year"]:
                continue
            date = _date(_year(match["year"]), _month(match), match["day"])
            # A weekday that is not the date's: one of the two is mistyped
            # and which cannot be told, so neither is taken.
            if date is None or not _weekday_agrees(match, date):
                continue
            if _event(text, match):
                continue
            weekday = bool(match.groupdict().get("weekday"))
            yield match.start(), match.end(), date, weekday, match


def _event(text: str, match) -> bool:
    """Whether the words before ``match`` make its date an event's (or the
    day the page was changed)."""
    before = text[max(0, match.start() - 30) : match.start()]
    if EVENT_BEFORE.search(before) or UPDATED_BEFORE.search(before):
        return True
    if EVENT_AFTER.match(text, match.end()):
        return True
    return bool(match.groupdict().get("month_name")) and bool(
        PADA_BEFORE.search(before)
    )


def _partial(text: str, year_of, latest) -> Published | None:
    """The first "weekday (day/month)" whose year ``year_of(month, day)``
    gives a date on that weekday."""
    for match in WEEKDAY_NUMERIC.finditer(text):
        if match["year"]:
            continue
        month, day = int(match["month"]), int(match["day"])
        year = year_of(month, day)
        date = _date(year, month, day) if year else None
        if (
            _plausible(date, latest)
            and _weekday_agrees(match, date)
            and not _event(text, match)
        ):
            return Published(date, "partial", match.group(0))
    return None


# A line holding nothing but a date at the top of a page is often the site's
# "today"; it is not the report's when the text dates the story a month or
# more earlier.
TODAY_WITHIN = 200
TODAY_GAP = datetime.timedelta(days=30)


def _today(text, start, end, dated) -> bool:
    """Whether the date at ``start:end`` is a page's "today" line."""
    if start >= TODAY_WITHIN:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if line.strip(" ,.|-–") != text[start:end]:
        return False
    date = next(c[2] for c in dated if c[0] == start)
    return any(c[0] > end and c[2] < date - TODAY_GAP for c in dated)


def publication_date(
    text: str, *, url: str = "", reference: datetime.date | None = None
) -> Published | None:
    """The publication date of an article with ``text`` at ``url``;
    ``reference`` is a date near publication (a feed entry's, the import's)
    for a day written without its year. ``None`` when nothing says it."""
    latest = (reference or datetime.date.today()) + datetime.timedelta(days=1)
    if found := from_url(url, latest):
        return found
    if related := RELATED.search(text):
        text = text[: related.start()]
    dated = sorted(
        (c for c in _candidates(text) if _plausible(c[2], latest)),
        key=lambda c: c[0],
    )
    for start, end, date, _weekday, _match in dated:
        if start < STAMP_WITHIN and TIME_AFTER.match(text, end):
            return Published(date, "stamp", text[start:end])
    for start, end, date, weekday, match in dated:
        if (weekday or match.re is BRACKETED) and not _today(text, start, end, dated):
            return Published(date, "text", text[start:end])
    month_match = URL_MONTH.search(url or "")

    def year_of(month, day):
        if month_match:
            year, url_month = int(month_match["year"]), int(month_match["month"])
            # A report of 30 December in an address of January is last year's.
            return year - 1 if month > url_month + 1 else year
        if reference:
            near = _date(reference.year, month, day)
            if near and near > reference + datetime.timedelta(days=2):
                return reference.year - 1
            return reference.year
        return None

    return _partial(text, year_of, latest)
