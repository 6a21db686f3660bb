"""What a copy adds, and two versions side by side."""

from articles.stories.compare import additions, side_by_side

ORIGINAL = (
    "Pabrik baja senilai Rp12,4 triliun dibangun di Cilegon.\n\n"
    "Kapasitasnya 1,2 juta ton per tahun, kata Direktur Utama Rudy Siregar."
)


def test_a_copy_adds_a_quote_a_figure_and_a_name():
    copy = (
        ORIGINAL + "\n\nWali Kota Cilegon Agus Salim Mubarok menyiapkan 500 pekerja. "
        '"Kami tidak mau warga hanya jadi penonton," katanya.'
    )
    found = additions(ORIGINAL, copy)
    assert found["quotes"] == ["Kami tidak mau warga hanya jadi penonton,"]
    assert found["figures"] == ["500 pekerja"]
    assert "Agus Salim Mubarok" in found["names"]


def test_a_figure_written_differently_is_not_new():
    assert additions(ORIGINAL, ORIGINAL.replace("Rp12,4", "Rp 12.4")) == {}


def test_paragraphs_are_paired_by_content_not_position():
    first, second = ORIGINAL.split("\n\n")
    rows = side_by_side(ORIGINAL, second + "\n\n" + first.replace("baja", "logam"))
    assert rows[0] == (second, second)
    left, right = rows[1]
    assert "<del>baja</del>" in left and "<ins>logam</ins>" in right


def test_text_is_escaped_and_only_our_markup_remains():
    rows = side_by_side(
        "<b>lama</b> & pabrik baja Cilegon", "<i>baru</i> & pabrik baja Cilegon"
    )
    assert len(rows) == 1
    left, right = rows[0]
    # The typed tags stay text (their letters are words that differ).
    assert left.startswith("&lt;<del>b</del>&gt;")
    assert right.startswith("&lt;<ins>i</ins>&gt;")
    assert "<b>" not in left and "<i>" not in right
    assert "&amp; pabrik baja Cilegon" in right
