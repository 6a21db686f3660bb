import pytest

from entities.extraction.quotes import extract_quotes

pytestmark = pytest.mark.nodb

TEXT = (
    '"Iya ada tiga pabrik," kata Kepala Dinas Penanaman Modal dan Pelayanan '
    "Terpadu Satu Pintu (DPMPTSP), Wahyu Budi Santoso, Minggu (13/2).\n\n"
    "Ia menyebut, dua pabrik itu pabrik pengemasan.\n\n"
    "Wahyu menuturkan saat ini ketiga pabrik dalam tahap prekontrak.\n\n"
    "Setelah jadi, lanjut Wahyu, jalan itu akan dihibahkan.\n\n"
    "Bupati Batang Budi Hartono mengatakan, investasi terus masuk.\n\n"
    '"Kami mendukung penuh," ujarnya.'
)


def test_direct_and_indirect_quotes_with_their_speakers():
    found = [(q.kind, q.speaker, q.text[:12]) for q in extract_quotes(TEXT)]
    assert found == [
        ("direct", "Wahyu Budi Santoso", "Iya ada tiga"),
        ("indirect", "Wahyu Budi Santoso", "dua pabrik i"),
        ("indirect", "Wahyu Budi Santoso", "saat ini ket"),
        ("indirect", "Wahyu Budi Santoso", "Setelah jadi"),
        ("indirect", "Budi Hartono", "investasi te"),
        ("direct", "Budi Hartono", "Kami mendukung"[:12]),
    ]


def test_a_place_a_day_or_a_body_is_no_speaker():
    text = '"Lahan sudah siap," kata Kepala Dinas di Kendari, Selasa.'
    assert extract_quotes(text) == []


def test_no_people_no_quotes():
    assert extract_quotes('"Pabrik dibangun tahun ini," katanya.') == []


# Speakers named by a title and one name, by a pronoun after "Menurut" or "kata",
# a subject that points back, a companion in the subject, a company before the
# name (issue 31; invented names).
RESOLUTION = (
    '"Pabrik ini menyerap tenaga kerja," kata Presiden Sukarjo, Kamis (5/10).\n\n'
    "Menurut Menteri Darmadi, pabrik itu selesai tahun depan.\n\n"
    "Menurut dia, lahan sudah dibebaskan.\n\n"
    "Izin lingkungan, kata dia, sudah terbit.\n\n"
    "Mantan Gubernur Jawa Tengah itu menambahkan, investor terus datang.\n\n"
    "Ketua DPRD Rahmat Hidayat, didampingi Bendahara Yusuf Maulana, "
    "mengatakan kebun sudah panen.\n\n"
    "Presiden Direktur PT Sawit Indonesia Ganesan Kumarasamy mengutarakan, "
    "ekspansi berlanjut.\n\n"
    "Dia melanjutkan, produksi naik."
)


def test_titles_pronouns_companions_and_companies_before_names():
    found = [(q.speaker, q.text[:12]) for q in extract_quotes(RESOLUTION)]
    assert found == [
        ("Sukarjo", "Pabrik ini m"),
        ("Darmadi", "Menurut Ment"),
        ("Darmadi", "lahan sudah "),
        ("Darmadi", "Izin lingkun"),
        ("Darmadi", "investor ter"),
        ("Rahmat Hidayat", "kebun sudah "),
        ("Ganesan Kumarasamy", "ekspansi ber"),
        ("Ganesan Kumarasamy", "produksi nai"),
    ]


def test_a_role_with_a_portfolio_or_a_place_alone_is_no_speaker():
    for text in (
        '"Lahan siap," kata Menteri Investasi, Kamis.',
        '"Lahan siap," kata Bupati Kendal, Kamis.',
    ):
        assert extract_quotes(text) == []
