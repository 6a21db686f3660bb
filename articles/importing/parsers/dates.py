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
   founding year ("sejak 18 Maret 1910"). When a later weekday date within
   a week follows the first (what happened the day before, then the day the
   reporter heard of it), the later one is the report's day, unless a word
   puts it ahead ("akan", "dijadwalkan"). A date alone on a line near the
   top is taken only when the text names the same day again (it may be the
   site's "today"); a date on a line linking another story ("Baca juga:")
   is never taken.
4. ``partial``: a weekday and a day without year, "Selasa (21/9)", the year
   taken from the address (``/2016/08/``) or from ``reference`` (a feed
   entry's date, the day of import): only if the weekday is that date's.

A day without year is taken only when its weekday is that date's. Years
before 2000 or after the reference (or today) are not publication years.
Every rule reads the text once (linear time).
"""

import bisect
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
# A line that links to another story ("Baca juga: …", "Lihat juga: …",
# "(Baca: …)"): a date on it is that story's.
LINK_LINE = re.compile(
    r"^[^\S\n]*\(?[^\S\n]*(?:baca(?:[^\S\n]+juga)?|lihat[^\S\n]+juga|simak[^\S\n]+juga|"
    r"artikel[^\S\n]+terkait|berita[^\S\n]+terkait|read[^\S\n]+also|see[^\S\n]+also)"
    r"[^\S\n]*:",
    re.IGNORECASE | re.MULTILINE,
)
# Words that put a day ahead of the report: "akan diresmikan Rabu (5/3/2025)",
# "dijadwalkan Jumat, 7 Maret 2025".
FUTURE_BEFORE = re.compile(
    r"\b(?:akan|bakal|hendak|dijadwalkan|direncanakan|rencananya|berencana|"
    r"ditargetkan|will|scheduled)\b[^.!?\n]*$",
    re.IGNORECASE,
)
# A report is written on or after the days it recounts: a weekday date a few
# days after the first one given is the report's own day ("formulir dibagikan
# pada Rabu (26/2/2025)" … "kata dia, Kamis (27/2/2025)").
LATER_WITHIN = datetime.timedelta(days=7)
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
    links = _link_lines(text)
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
            if _event(text, match) or _within(links, match.start()):
                continue
            weekday = bool(match.groupdict().get("weekday"))
            yield match.start(), match.end(), date, weekday, match


def _link_lines(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every line of ``text`` that links to another
    story, in order."""
    spans = []
    for match in LINK_LINE.finditer(text):
        end = text.find("\n", match.end())
        spans.append((match.start(), end if end >= 0 else len(text)))
    return spans


def _within(spans, position) -> bool:
    """Whether ``position`` falls in one of ``spans`` (ordered, disjoint)."""
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and position < spans[index][1]


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


# A line holding nothing but a date (no time) at the top of a page is as
# often the site's "today" as the day the story was published; it is taken
# only when the text names the same day again.
TODAY_WITHIN = 200


def _today(text, start, end, dated) -> bool:
    """Whether the date at ``start:end`` is a page's "today" line: alone on
    its line near the top, and no other date of the text is its day."""
    if start >= TODAY_WITHIN:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if line.strip(" ,.|-–") != text[start:end]:
        return False
    date = next(c[2] for c in dated if c[0] == start)
    if any(c[0] != start and c[2] == date for c in dated):
        return False
    for match in WEEKDAY_NUMERIC.finditer(text, end):
        if (
            not match["year"]
            and (int(match["month"]), int(match["day"])) == (date.month, date.day)
            and _weekday_agrees(match, date)
        ):
            return False
    return True


def _report_day(text, chosen, dated):
    """The report's own day: ``chosen`` (the first weekday date of the text),
    or a later weekday date of the text within ``LATER_WITHIN`` after it that
    no word puts ahead of the report."""
    start, end, date, _weekday, _match = chosen
    best = chosen
    for candidate in dated:
        c_start, _c_end, c_date, c_weekday, c_match = candidate
        if (
            c_start > start
            and (c_weekday or c_match.re is BRACKETED)
            and best[2] < c_date <= date + LATER_WITHIN
            and not FUTURE_BEFORE.search(_sentence_before(text, c_start))
        ):
            best = candidate
    return best


def _sentence_before(text, position):
    """The words of the sentence before ``position`` (at most 200 characters)."""
    return text[max(0, position - 200) : position]


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
    for chosen in dated:
        start, end, _date_, weekday, match = chosen
        if (weekday or match.re is BRACKETED) and not _today(text, start, end, dated):
            start, end, date = _report_day(text, chosen, dated)[:3]
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
