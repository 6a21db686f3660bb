"""Organisation rules: what each catches and what it must not. Invented names."""

import pytest

from entities.kinds import ORGANISATION


@pytest.mark.parametrize(
    "text, name, rule",
    [
        # head words, long names, commas inside a government body's name
        (
            "Dinas Koperasi, Usaha Kecil dan Menengah, Perindustrian dan "
            "Perdagangan Kabupaten Kendal mencatat kenaikan.",
            "Dinas Koperasi, Usaha Kecil dan Menengah, Perindustrian dan "
            "Perdagangan Kabupaten Kendal",
            "organisations.head",
        ),
        (
            "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan "
            "Kabupaten Kendal menyusun kajian.",
            "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan "
            "Kabupaten Kendal",
            "organisations.head",
        ),
        ("Politeknik Negeri Jambi membuka kelas.", "Politeknik Negeri Jambi", None),
        # no head word: suffixes
        ("Pabrik itu milik Sinar Laut Group sejak 2019.", "Sinar Laut Group", None),
        (
            "Kerja sama dengan Kitamura Chemical Corporation dari Jepang.",
            "Kitamura Chemical Corporation",
            "organisations.suffix",
        ),
        ("Kontraktornya Borneo Raya Industries.", "Borneo Raya Industries", None),
        ("Patungan dengan Nordhavn Marine Ltd.", "Nordhavn Marine Ltd", None),
        ("Investornya Onggo Spice Holding.", "Onggo Spice Holding", None),
        (
            "Teknologi dari Hangzhou Jinli Metal Co., Ltd.",
            "Hangzhou Jinli Metal Co., Ltd",
            None,
        ),
        # defined with an abbreviation, region spelled out
        (
            "Ketua Asosiasi Pengusaha Sagu Indonesia (APSI) Jambi menilai.",
            "Asosiasi Pengusaha Sagu Indonesia Jambi",
            "organisations.defined",
        ),
        # national bodies and authorities
        ("Aparat TNI dan Polri berjaga.", "Tentara Nasional Indonesia", None),
        (
            "Menurut dia, Partai Karya Rakyat menolak usulan itu.",
            "Partai Karya Rakyat",
            None,
        ),
        ("Aparat TNI dan Polri berjaga.", "Kepolisian Negara Republik Indonesia", None),
        ("BP Batam menyiapkan lahan.", "Badan Pengusahaan Kota Batam", None),
        (
            "Pemkab Kukar menyiapkan lahan.",
            "Pemerintah Kabupaten Kutai Kartanegara",
            "organisations.local_body",
        ),
    ],
)
def test_catches(extract, text, name, rule):
    organisations = extract(text)[ORGANISATION]
    assert name in organisations, organisations
    if rule:
        assert organisations[name].rule == rule


@pytest.mark.parametrize(
    "text, wrong",
    [
        # a building, not a body
        ("Rapat digelar di Rumah Dinas Wali Kota Jambi.", "Dinas Wali Kota Jambi"),
        # a person is not glued onto the company before them
        (
            "PT Kawi Baja Utama memproduksi pelat. Direktur PT Kawi Baja Utama "
            "Heru Prasetyo mengatakan pasar tumbuh.",
            "PT Kawi Baja Utama Heru Prasetyo",
        ),
        # nor after a parenthesised abbreviation
        (
            "Ketua Asosiasi Petani Garam Indonesia (APGI) Bambang Riyadi menilai.",
            "Asosiasi Petani Garam Indonesia Bambang Riyadi",
        ),
        # "dan" between two companies
        (
            "PT Kakao Jaya Indonesia dan Olmo Trading Ltd membeli biji kakao.",
            "PT Kakao Jaya Indonesia dan",
        ),
        # a national body's abbreviation inside a local body's name
        (
            "Kepala Dinas PUPR Jambi, Ahmad Yani, mengatakan stok menipis.",
            "Kementerian Pekerjaan Umum",
        ),
        # an industrial estate is a place
        ("Kawasan Industri Hijau Kaltara (KIHK) menyerap pekerja.", "Kawasan"),
        # a national body's abbreviation that defines another body
        (
            "Dinas Energi dan Sumber Daya Mineral (ESDM) Jambi mencatat.",
            "Kementerian Energi dan Sumber Daya Mineral",
        ),
        # nor after a body's abbreviation (web corpus)
        (
            "Anggota Komisi VII DPR Budi Hartono mengatakan produksi naik.",
            "Komisi VII DPR Budi",
        ),
        (
            "Menurut Kepala Dinas ESDM Budi Hartono, produksi naik.",
            "Dinas ESDM Budi",
        ),
        # a licence, a document, a commodity or a loan scheme defined by its
        # abbreviation is no body (web corpus)
        (
            "Perusahaan itu belum memegang Izin Usaha Pertambangan (IUP).",
            "Izin Usaha",
        ),
        ("Eksportir melampirkan Surat Keterangan Asal (SKA).", "Surat"),
        ("Harga Crude Palm Oil (CPO) turun pekan ini.", "Crude"),
        ("Pemerintah menyiapkan Kredit Usaha Rakyat (KUR) bagi nelayan.", "Kredit"),
    ],
)
def test_does_not_catch(extract, text, wrong):
    organisations = extract(text)[ORGANISATION]
    assert not any(name.startswith(wrong) for name in organisations), organisations


def test_one_body_with_its_region_written_two_ways_is_one_proposal(extract):
    organisations = extract(
        "Dinas Perindustrian NTB mencatat kenaikan. Menurut Dinas Perindustrian "
        "Nusa Tenggara Barat, ekspor naik."
    )[ORGANISATION]
    assert list(organisations) == ["Dinas Perindustrian Provinsi Nusa Tenggara Barat"]
    assert (
        "Dinas Perindustrian NTB"
        in organisations["Dinas Perindustrian Provinsi Nusa Tenggara Barat"].aliases
    )
