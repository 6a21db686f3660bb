"""What editors paste from Word, Google Docs and reports (issue 25 Medium,
issue 32 Low): tables stay tables, Word's lists become lists, h1 becomes h2,
Word's conditional comments go with their content, Google Docs' wrapper does
not make the article bold."""

import pytest
from django.utils import translation

from articles.models import richtext
from newsroom.templatetags.warta import richtext as render

# Word's clipboard: both forms of its list markers, a nested level, a
# numbered list, conditional comments in the head.
WORD = (
    "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head>"
    "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View>"
    "<w:Zoom>0</w:Zoom></w:WordDocument></xml><![endif]-->"
    "<!--[if gte mso 10]><style>table.MsoNormalTable{mso-style-name:x}</style>"
    "<![endif]--></head><body lang=EN-US>"
    "<p class=MsoNormal>Produk utama:<o:p></o:p></p>\n"
    "<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;"
    "mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'>"
    "<span style='mso-list:Ignore'>·<span style='font:7.0pt \"Times New Roman\"'>"
    "&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Baja canai<o:p></o:p></p>\n"
    "<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;"
    "mso-list:l0 level2 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>"
    "o<span>&nbsp;&nbsp; </span></span><![endif]>Pelat tipis<o:p></o:p></p>\n"
    "<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'>"
    "<![if !supportLists]><span style='mso-list:Ignore'>·<span>&nbsp; </span>"
    "</span><![endif]>Kawat baja<o:p></o:p></p>\n"
    "<p class=MsoNormal>Langkah:</p>\n"
    "<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'>"
    "<!--[if !supportLists]--><span style='mso-list:Ignore'>1.<span>&nbsp; </span>"
    "</span><!--[endif]-->Lebur<o:p></o:p></p>\n"
    "<p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'>"
    "<!--[if !supportLists]--><span style='mso-list:Ignore'>2.<span>&nbsp; </span>"
    "</span><!--[endif]-->Cetak<o:p></o:p></p>\n"
    "</body></html>"
)


def test_word_lists_become_lists():
    assert richtext.sanitize(WORD) == (
        "<p>Produk utama:</p>\n"
        "<ul><li>Baja canai<ul><li>Pelat tipis</li></ul></li><li>Kawat baja</li></ul>"
        "<p>Langkah:</p>\n"
        "<ol><li>Lebur</li><li>Cetak</li></ol>"
    )


def test_word_conditional_comments_go_with_their_content():
    cleaned = richtext.sanitize(WORD)
    for leftover in ("Normal", "mso", "if", "endif", "supportLists", "·"):
        assert leftover not in richtext.to_text(cleaned)
    # Downlevel-revealed markers outside a list leave no trace either.
    assert richtext.sanitize("<p><![if !vml]>Gambar<![endif]> pabrik</p>") == (
        "<p>Gambar pabrik</p>"
    )
    assert richtext.sanitize("<?xml:namespace prefix = o ns = 'urn:x' /><p>a</p>") == (
        "<p>a</p>"
    )
    # A pasted document's title is no more text than its head's styles.
    assert (
        richtext.sanitize(
            "<html><head><title>Microsoft Word - laporan.docx</title></head>"
            "<body><p>Isi</p></body></html>"
        )
        == "<p>Isi</p>"
    )


def test_a_list_marker_never_closed_is_no_marker():
    """Nothing after a stray "<![if !supportLists]>" disappears."""
    value = "<p><![if !supportLists]>1. Sisa teks tetap ada</p>"
    assert richtext.to_text(richtext.sanitize(value)) == "1. Sisa teks tetap ada"


def test_google_docs_wrapper_is_not_bold():
    pasted = (
        '<meta charset="utf-8"><b style="font-weight:normal;" '
        'id="docs-internal-guid-4f1c2d3e-7fff-1234-abcd-0123456789ab">'
        '<p dir="ltr" style="line-height:1.38;margin-top:0pt;">'
        '<span style="font-size:11pt;font-weight:400;">Pabrik baja</span></p>'
        '<p dir="ltr"><span style="font-weight:700;">dibuka</span> '
        '<span style="font-style:normal">hari</span> ini.</p>'
        "</b><br>"
    )
    # Not all bold; the bold span stays bold; the closing line break goes.
    assert richtext.sanitize(pasted) == (
        "<p>Pabrik baja</p><p><strong>dibuka</strong> hari ini.</p>"
    )
    # Real bold inside stays bold.
    assert richtext.sanitize(
        '<b id="docs-internal-guid-1"><p>a <b>tebal</b> b</p></b>'
    ) == ("<p>a <strong>tebal</strong> b</p>")


def test_styled_spans_keep_their_emphasis():
    assert (
        richtext.sanitize(
            '<p><span style="font-weight: bold">a<span>b</span></span> '
            '<span style="font-style:italic;font-weight:600">c</span>'
            '<span style="color:red">d</span></p>'
        )
        == "<p><strong>ab</strong> <strong><em>c</em></strong>d</p>"
    )


def test_h1_becomes_h2():
    assert richtext.sanitize("<h1>Judul</h1><p>isi</p>") == "<h2>Judul</h2><p>isi</p>"


TABLE = (
    "<table class=MsoTableGrid border=1 cellspacing=0 style='border-collapse:collapse'>"
    "<caption>Produksi 2025</caption>"
    "<thead><tr><th scope=col style='width:5cm'>Produk</th><th>Ton</th></tr></thead>"
    "<tr><td width=200 valign=top><p class=MsoNormal><b>Baja</b></p></td>"
    "<td nowrap x:num='1200'>1.200</td></tr>"
    "<tr><td colspan=2 rowspan=x onclick='x()'>Jumlah</td></tr>"
    "<tfoot><tr><td colspan='2'>Sumber: BPS</td></tr></tfoot>"
    "</table>"
)


def test_tables_stay_tables():
    assert richtext.sanitize(TABLE) == (
        "<table><caption>Produksi 2025</caption>"
        "<thead><tr><th>Produk</th><th>Ton</th></tr></thead>"
        "<tbody><tr><td><p><strong>Baja</strong></p></td><td>1.200</td></tr>"
        '<tr><td colspan="2">Jumlah</td></tr></tbody>'
        '<tbody><tr><td colspan="2">Sumber: BPS</td></tr></tbody>'
        "</table>"
    )
    # Cells are blocks in the text: figures keep their products apart.
    assert richtext.to_text(richtext.sanitize(TABLE)).split("\n\n") == [
        "Produksi 2025", "Produk", "Ton", "Baja", "1.200", "Jumlah", "Sumber: BPS",
    ]  # fmt: skip


@pytest.mark.parametrize("span", ["0", "-1", "x", "1001", "2 ", "１"])
def test_a_cell_spans_only_a_sensible_number(span):
    cleaned = richtext.sanitize(f'<table><tr><td colspan="{span}">a</td></tr></table>')
    assert "colspan" not in cleaned


def test_the_public_page_scrolls_a_wide_table():
    with translation.override("id"):
        shown = str(render(TABLE))
    assert shown.startswith(
        '<div class="table-scroll" role="region" tabindex="0" '
        'aria-label="Tabel (dapat digeser ke samping)"><table><caption>'
    )
    assert shown.endswith("</table></div>")
    # The stored body holds the bare table, and a body without one is as stored.
    assert "table-scroll" not in richtext.sanitize(TABLE)
    assert str(render("<p>teks</p>")) == "<p>teks</p>"


def test_tables_are_in_the_editors_toolbar():
    assert {"Table", "TableRow", "TableHeader", "TableCell"} <= set(richtext.EXTENSIONS)
    assert {"table", "caption", "thead", "tbody", "tr", "th", "td"} <= (
        richtext.ALLOWED_TAGS
    )
