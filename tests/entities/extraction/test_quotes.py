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
