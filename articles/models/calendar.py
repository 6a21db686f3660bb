"""Weekday and month names as Indonesian outlets write them (and English
ones), read from ``calendar.tsv``: the importer reads publication dates with
them, the story index leaves dates out of a text's figures."""

from pathlib import Path

DATA = Path(__file__).with_name("calendar.tsv")


def _calendar() -> tuple[dict, dict]:
    weekdays, months = {}, {}
    for line in DATA.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, kind, number = line.split("\t")
        (weekdays if kind == "weekday" else months)[name.lower()] = int(number)
    return weekdays, months


# Lower-case name -> weekday (Monday 0) and month (January 1).
WEEKDAYS, MONTHS = _calendar()
