"""Imports keep text between < and > and pasted structure as the admin does
(issue 25): JSON and RSS bodies go through the one sanitiser, and the feed
reader no longer rewrites them first."""

import json
from xml.sax.saxutils import escape

import pytest

from articles.importing import parsers
from articles.models import richtext

ANGLE = (
    "<p>CILEGON – Jika <p dan q> maka r. Kapasitas <s d 10 ribu ton> per tahun, "
    "<a third of> produksi.</p><p>Tekan <select all> lalu <b atau c>.</p>"
)
ANGLE_TEXT = (
    "Jika <p dan q> maka r. Kapasitas <s d 10 ribu ton> per tahun, "
    "<a third of> produksi.\n\nTekan <select all> lalu <b atau c>."
)


def feed(description, *, link="https://kabar.example/berita/1"):
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Kabar</title><link>https://kabar.example/</link>
<item><title>Judul &lt;b atau c&gt;</title><link>{link}</link>
<description>{escape(description)}</description></item></channel></rss>""".encode()


def test_json_html_body_keeps_angle_text():
    record = {"title": "Judul", "body": ANGLE, "body_format": "html"}
    (parsed,) = parsers.parse_json(json.dumps([record]), origin="a.json")
    assert parsed.dateline == "CILEGON"
    assert parsed.text == ANGLE_TEXT


def test_rss_body_keeps_angle_text():
    (parsed,) = parsers.parse_feed(feed(ANGLE), origin="f.xml")
    # feedparser's own sanitiser stored "Jika </p><p> maka r."; its URI
    # resolver stored "<s d="d">" (and "10 ribu ton" was gone).
    assert parsed.text == ANGLE_TEXT
    assert parsed.title == "Judul <b atau c>"


def test_rss_relative_links_still_point_at_the_outlet():
    body = (
        '<p>Baca <a href="/berita/2">berita lain</a>, '
        '<a href="https://bps.go.id/x">data</a> dan '
        '<a href="javascript:alert(1)">ini</a>.</p>'
    )
    (parsed,) = parsers.parse_feed(feed(body), origin="f.xml")
    assert parsed.body == (
        '<p>Baca <a href="https://kabar.example/berita/2" rel="noopener">berita lain'
        '</a>, <a href="https://bps.go.id/x" rel="noopener">data</a> dan '
        '<a rel="noopener">ini</a>.</p>'
    )


WORD_BODY = (
    "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View>"
    "</w:WordDocument></xml><![endif]-->"
    "<p class=MsoNormal>SERANG – Pabrik menghasilkan:</p>"
    "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'>"
    "<![if !supportLists]><span style='mso-list:Ignore'>·<span>&nbsp; </span>"
    "</span><![endif]>Baja canai</p>"
    "<p class=MsoListParagraphCxSpLast style='mso-list:l0 level2 lfo1'>"
    "<![if !supportLists]><span style='mso-list:Ignore'>o<span>&nbsp; </span>"
    "</span><![endif]>Pelat</p>"
    "<table border=1><tr><th>Produk</th><th>Ton</th></tr>"
    "<tr><td>Baja</td><td>1.200</td></tr></table>"
    "<p>Produksi naik. (Red)</p>"
)


@pytest.mark.parametrize("how", ["json", "rss"])
def test_word_lists_and_tables_are_imported_as_such(how):
    if how == "json":
        record = {"title": "Judul", "body": WORD_BODY, "body_format": "html"}
        (parsed,) = parsers.parse_json(json.dumps([record]), origin="a.json")
    else:
        (parsed,) = parsers.parse_feed(feed(WORD_BODY), origin="f.xml")
    assert parsed.body == (
        "<p>Pabrik menghasilkan:</p>"
        "<ul><li>Baja canai<ul><li>Pelat</li></ul></li></ul>"
        "<table><tbody><tr><th>Produk</th><th>Ton</th></tr>"
        "<tr><td>Baja</td><td>1.200</td></tr></tbody></table>"
        "<p>Produksi naik.</p>"
    )
    assert parsed.dateline == "SERANG" and parsed.credit == "Red"
    assert "Normal" not in parsed.text


def test_an_import_that_would_lose_a_word_is_refused(monkeypatch):
    """The same check as the admin's: were the cleaning to lose words, the
    import stops and names them (here ``prepare`` is broken on purpose)."""
    monkeypatch.setattr(richtext, "prepare", lambda value, **kwargs: value)
    record = {"title": "Judul", "body": ANGLE, "body_format": "html"}
    with pytest.raises(parsers.ImportFailed, match=r"\(10, all, atau, b, c, dan,"):
        parsers.parse_json(json.dumps([record]), origin="a.json")
