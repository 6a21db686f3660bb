"""Publication dates as regional outlets write them (issue 28): weekday forms,
month names in Indonesian and English, stamps with a time, dates in the
address, days without a year. The texts are invented."""

import datetime
import json

import pytest

from articles.importing.parsers import parse_json, parse_text
from articles.importing.parsers.dates import publication_date

LEAD = "Pabrik baru itu menyerap ratusan pekerja lokal"
D = datetime.date


@pytest.mark.parametrize(
    "text, date, how",
    [
        (f"{LEAD}, kata Bupati Sitorus, Selasa (21/9/2021).", D(2021, 9, 21), "text"),
        (f"{LEAD}, Kamis (3/7/25) malam.", D(2025, 7, 3), "text"),
        (f"{LEAD}, Jum’at (08/10/2021).", D(2021, 10, 8), "text"),
        (f"{LEAD}, ujarnya, Kamis, 3 Juli 2025.", D(2025, 7, 3), "text"),
        (f"{LEAD} (14/10/2024).", D(2024, 10, 14), "text"),
        (f"Judul\nRabu 28 Feb 2024 - 20:27 WIB\n{LEAD}.", D(2024, 2, 28), "stamp"),
        (f"Judul\nSenin, 07 Januari 2019 / 19:08 WIB\n{LEAD}.", D(2019, 1, 7), "stamp"),
        (f"Judul\n04 April 2019\n\n21:00 WIB\n{LEAD}.", D(2019, 4, 4), "stamp"),
        (f"Judul\n{LEAD}, Sunday, January 19, 2025.", D(2025, 1, 19), "text"),
    ],
)
def test_written_dates(text, date, how):
    found = publication_date(text)
    assert (found.date, found.how) == (date, how)


def test_the_stamp_wins_over_the_sites_today():
    # A widget prints the day the page was read; the stamp has the time.
    text = f"Selamat pagi\nKamis, 6 November 2025\n04 April 2019 21:00 WIB\n{LEAD}."
    assert publication_date(text).date == D(2019, 4, 4)


def test_the_address_wins_over_the_text():
    text = f"Sunday, January 19, 2025\n{LEAD}, Jumat (23/2/2024)."
    found = publication_date(text, url="https://warta.example/2012/11/01/pabrik/")
    assert (found.date, found.how) == (D(2012, 11, 1), "url")


@pytest.mark.parametrize(
    "url, date",
    [
        ("https://a.example/read/2023/11/15/123/pabrik", D(2023, 11, 15)),
        ("https://a.example/read/20131210/78/191562/pabrik", D(2013, 12, 10)),
        ("https://a.example/ekonomi/17/02/2025/pabrik/?amp=1", D(2025, 2, 17)),
    ],
)
def test_dates_in_the_address(url, date):
    assert publication_date("Tanpa tanggal.", url=url).date == date


def test_a_bare_date_is_not_the_publication_date():
    # "since 18 March 1910", "on 23 September 2025": an event, not the report.
    assert publication_date(f"{LEAD} sejak 18 Maret 1910.") is None
    assert publication_date(f"{LEAD} pada 23 September 2025.") is None


def test_a_weekday_that_is_not_the_dates_gives_no_date():
    # 21 September 2021 was a Tuesday: one of the two is mistyped, and which
    # cannot be told; a later date that agrees is taken instead.
    assert publication_date(f"{LEAD}, Senin (21/9/2021).") is None
    found = publication_date(f"{LEAD}, Senin (21/9/2021). Lalu Selasa (21/9/2021).")
    assert found.date == D(2021, 9, 21)


@pytest.mark.parametrize(
    "text",
    [
        f"{LEAD} pada Kamis 15 November 2018 pukul 10.00.",
        f"{LEAD} sejak Senin (4/5/2015).",
        f"{LEAD} hingga Jumat, 12 Mei 2023.",
        f"{LEAD} mulai tanggal 5/6/2024 (Rabu).",
        f"{LEAD}, ujar dia.\nBerita Terkait\nPabrik lain dibuka, Senin (6/5/2024)",
        f"Judul\nDiperbarui: Senin, 07 Januari 2019 / 19:08 WIB\n{LEAD}.",
        f"{LEAD}, kata dia, Senin (4/5/2015) lalu.",
        f"{LEAD} pada Kamis (7/5/2015) mendatang.",
    ],
)
def test_event_days_related_stories_and_updates_are_not_the_date(text):
    assert publication_date(text) is None


def test_a_pages_today_line_is_not_the_date_when_the_story_is_older():
    text = f"Kamis, 6 November 2025\nJudul\n{LEAD}, Selasa (14/3/2023)."
    assert publication_date(text).date == D(2023, 3, 14)


def test_a_date_alone_at_the_top_needs_the_text_to_name_its_day_again():
    # A site's "today" widget and a date printed without its time look alike:
    # the line is taken only when the story names the same day.
    assert publication_date(f"25 C\nMedan\nKamis, 6 November 2025\n{LEAD}.") is None
    assert publication_date(f"Sunday, January 19, 2025\nJudul\n{LEAD}.") is None
    for again in ("Kamis (6/11)", "Kamis (6/11/2025)", "6 November 2025"):
        text = f"Kamis, 6 November 2025\nJudul\n{LEAD}, kata dia, {again}."
        assert publication_date(text).date == D(2025, 11, 6)
    # A date and its time is the page's stamp, alone on its line or not.
    found = publication_date(f"Judul\nKamis, 6 November 2025 10:15 WIB\n{LEAD}.")
    assert (found.date, found.how) == (D(2025, 11, 6), "stamp")


def test_a_date_on_a_line_linking_another_story_is_that_storys():
    for link in ("Baca juga:", "BACA JUGA :", "(Baca:", "Lihat juga:"):
        text = f"{LEAD}, ujar dia.\n{link} Pabrik lain dibuka Senin (6/5/2024)\nLagi."
        assert publication_date(text) is None, link
    text = f"Baca juga: Pabrik lain, Senin (6/5/2024)\n{LEAD}, Selasa (7/5/2024)."
    assert publication_date(text).date == D(2024, 5, 7)


@pytest.mark.parametrize(
    "text, date",
    [
        # What happened the day before, then the day the reporter heard it.
        (
            f"Formulir dibagikan pada Rabu (26/2/2025). {LEAD}, kata dia, "
            "Kamis (27/2/2025).",
            D(2025, 2, 27),
        ),
        (
            f"{LEAD}, kata dia, Kamis (27/2/2025). Formulir dibagikan Rabu "
            "(26/2/2025).",
            D(2025, 2, 27),
        ),
        # A day ahead of the report, or weeks after it, is not its day.
        (
            f"{LEAD}, kata dia, Kamis (27/2/2025). Pabrik akan diresmikan pada "
            "Sabtu (1/3/2025).",
            D(2025, 2, 27),
        ),
        (
            f"{LEAD}, kata dia, Kamis (27/2/2025). Rapat digelar Kamis (27/3/2025).",
            D(2025, 2, 27),
        ),
    ],
)
def test_the_reports_day_is_the_latest_of_the_days_it_recounts(text, date):
    assert publication_date(text).date == date


def test_the_published_stamp_is_taken_after_an_updated_one():
    text = (
        "Judul\nDiperbarui: Selasa, 08 Januari 2019 / 10:00 WIB\n"
        f"Terbit: Senin, 07 Januari 2019 / 19:08 WIB\n{LEAD}."
    )
    assert publication_date(text).date == D(2019, 1, 7)


@pytest.mark.parametrize(
    "url, reference, date",
    [
        ("https://a.example/2016/08/pabrik", None, D(2016, 8, 22)),
        ("", D(2016, 8, 23), D(2016, 8, 22)),
        # Read on 2 January, a Monday 22 August is last year's.
        ("", D(2017, 1, 2), D(2016, 8, 22)),
    ],
)
def test_a_day_without_year_takes_it_from_the_address_or_the_reference(
    url, reference, date
):
    found = publication_date(f"{LEAD}, Senin (22/8).", url=url, reference=reference)
    assert (found.date, found.how) == (date, "partial")


def test_a_day_without_year_needs_its_weekday_to_agree():
    assert publication_date(f"{LEAD}, Selasa (22/8).", reference=D(2016, 8, 23)) is None
    # Nothing to take the year from: no date.
    assert publication_date(f"{LEAD}, Senin (22/8).") is None


def test_the_importer_records_how_the_date_was_found():
    parsed = parse_text(
        f"Judul\nRabu 28 Feb 2024 - 20:27 WIB\n{LEAD}.\n{LEAD}.", origin="t.txt"
    )
    assert parsed.original_published_on == D(2024, 2, 28)
    assert (parsed.published_how, parsed.published_form) == (
        "stamp",
        "Rabu 28 Feb 2024",
    )
    # A record's address is read too; a date given in the record wins.
    record = json.dumps(
        {
            "title": "Judul",
            "body": f"{LEAD}, Senin (22/8).",
            "original_url": "https://a.example/2016/08/22/x",
        }
    )
    (parsed,) = parse_json(record, origin="r.json")
    assert (parsed.original_published_on, parsed.published_how) == (
        D(2016, 8, 22),
        "url",
    )
    given = record[:-1] + ', "original_published_on": "2016-08-23"}'
    (parsed,) = parse_json(given, origin="r.json")
    assert (parsed.original_published_on, parsed.published_how) == (
        D(2016, 8, 23),
        "given",
    )


@pytest.mark.django_db
def test_the_import_reports_how_each_date_was_found(tmp_path, capsys):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "pabrik.txt"
    path.write_text(
        f"Judul Pabrik\nRabu 28 Feb 2024 - 20:27 WIB\n{LEAD}.\n{LEAD} lagi."
    )
    out = StringIO()
    call_command("import_articles", path, "--dry-run", stdout=out)
    assert (
        "published 2024-02-28 (the page's date and time “Rabu 28 Feb 2024”)"
        in out.getvalue()
    )
