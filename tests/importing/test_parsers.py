"""The text parser reads outlets' conventions: datelines, credits, site
furniture. The outlets and names are invented."""

import pytest

from articles.importing.parsers import parse_text

BODY = "Pabrik baru itu mulai beroperasi pekan ini dan menyerap ratusan pekerja."


@pytest.mark.parametrize(
    "opening, dateline, outlet",
    [
        ("WARTAKOTA.COM, JAMBI – ", "JAMBI", "WARTAKOTA.COM"),
        ("TRIBUNNEWS.COM, GRESIK - ", "GRESIK", "TRIBUNNEWS.COM"),
        ("Jambi (ANTARA) - ", "JAMBI", "ANTARA"),
        ("PALU (ANTARA) – ", "PALU", "ANTARA"),
        ("Kendari, 17/6 (Kabarsultra) – ", "KENDARI", "Kabarsultra"),
        ("KOMPAS.com - ", "", "KOMPAS.com"),
        ("WartaJambi.id | ", "", "WartaJambi.id"),
        ("infojambi.id | ", "", "infojambi.id"),
        ("Jambi - ", "JAMBI", ""),
        ("JAMBI, Jambi Pos - ", "JAMBI", "Jambi Pos"),
        ("Semarang, Bisnis Jateng - ", "SEMARANG", "Bisnis Jateng"),
    ],
)
def test_datelines(opening, dateline, outlet):
    parsed = parse_text(f"Judul Berita Pabrik\n{opening}{BODY}", origin="t.txt")
    assert parsed.dateline == dateline
    assert parsed.outlet == outlet
    assert parsed.title == "Judul Berita Pabrik"
    assert parsed.text.startswith("Pabrik baru itu")


@pytest.mark.parametrize(
    "ending, credit",
    [
        (" (Zan)", "Zan"),
        (" (an/dixie)", "an/dixie"),
        (" (rls/abc)", "rls/abc"),
        (" (*/Ika)", "*/Ika"),
        (" (Red)", "Red"),
        ("\n(dim)", "dim"),
        (" (wartajambi.com/Budi Santoso)", "wartajambi.com/Budi Santoso"),
    ],
)
def test_credits(ending, credit):
    parsed = parse_text(f"JAMBI – {BODY}{ending}", origin="t.txt")
    assert parsed.credit == credit
    assert "(" not in parsed.text


@pytest.mark.parametrize("ending", [" (Persero)", " (KS)", " (47)", " (Tbk)"])
def test_what_is_not_a_credit(ending):
    parsed = parse_text(f"JAMBI – {BODY[:-1]} di PT Baja Jaya{ending}", origin="t")
    assert parsed.credit == ""


def test_site_furniture_and_spam_are_left_out_and_reported():
    lines = [
        "Judul Berita Pabrik",
        f"JAMBI – {BODY}",
        "Baca juga: Harga Cabai Turun",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "Paragraf kedua tetap ada di badan berita.",
        "(Zan)",
        "PROMO SPESIAL! Langganan e-paper hanya Rp25.000 per bulan.",
        "Klik di sini untuk berlangganan sekarang juga.",
        "Editor: Budi Santoso",
        "Copyright © 2025 Warta Jambi. All rights reserved.",
    ]
    parsed = parse_text("\n".join(lines), origin="t.txt")
    assert parsed.text.endswith("Paragraf kedua tetap ada di badan berita.")
    for line in lines[2:5] + lines[7:]:
        assert line in parsed.boilerplate
        assert line not in parsed.text
    assert parsed.credit == "Zan"


def test_staff_lines_are_furniture_but_a_paragraph_about_an_editor_is_not():
    parsed = parse_text(
        f"JAMBI – {BODY}\nPewarta: Budi Santoso\nEditor: Rina Marlina\n"
        "Editor senior itu menambahkan bahwa kantor berita sedang berbenah.",
        origin="t.txt",
    )
    assert parsed.boilerplate == ["Pewarta: Budi Santoso", "Editor: Rina Marlina"]
    assert "Editor senior itu" in parsed.text


def test_prayer_time_and_weather_widgets_are_furniture():
    # A widget names the city it is for: not a place the story mentions.
    text = (
        "Jakarta\nimsak\nsubuh\nterbit\nmaghrib\n\n28.3 C\nKupang\n\n"
        f"Judul Berita Pabrik\nJAMBI – {BODY}"
    )
    parsed = parse_text(text, origin="t.txt")
    assert "Jakarta" not in parsed.text and "Kupang" not in parsed.text
    assert {"Jakarta", "imsak", "28.3 C", "Kupang"} <= set(parsed.boilerplate)
    assert parsed.title == "Judul Berita Pabrik"
    assert parsed.text.startswith("Pabrik baru itu")


def test_a_list_of_other_stories_and_what_follows_it_are_furniture():
    text = (
        "Pabrik Baru Dibuka\nKENDAL - Pabrik itu dibuka, kata Budi.\n"
        "Pabrik menyerap 500 pekerja.\nTerpopuler\n"
        "Gubernur Riau Tinjau Banjir di Pekanbaru\nBerita lain di Kuala Lumpur"
    )
    parsed = parse_text(text, origin="t.txt")
    assert "Gubernur Riau" not in parsed.text
    assert "Terpopuler" in parsed.boilerplate
    assert parsed.text.endswith("500 pekerja.")


def test_a_baca_juga_line_alone_does_not_end_the_story():
    # Some outlets print "Baca Juga" alone where a link goes; the story goes on.
    text = (
        "Pabrik Baru Dibuka\nKENDAL - Pabrik itu dibuka, kata Budi.\n"
        "Baca Juga\nPabrik menyerap 500 pekerja, Jumat (1/4/2016)."
    )
    parsed = parse_text(text, origin="t.txt")
    assert parsed.text.endswith("Jumat (1/4/2016).")
