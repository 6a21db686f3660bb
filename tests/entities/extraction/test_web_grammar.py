"""Shapes of regional web prose (issue 28): ALL-CAPS company names, an
abbreviation and a company's last word, companies after "perusahaan",
generic bodies, office heads' titles, degrees after a name, a district or
village before it, headlines in title case, the province of a regency.
Invented names."""

import pytest

from entities.kinds import ORGANISATION, PERSON, REGION


@pytest.mark.parametrize(
    "text, name",
    [
        # the legal form glued to the name; a capitalised "Dan" ends it
        (
            "Bersama Direksi PT.Sinar Laut Jaya Dan juga dinas terkait.",
            "PT Sinar Laut Jaya",
        ),
        # the outlet a report is taken from
        (
            "Hal itu dikatakan Budi, seperti dilansir dari Warta Kota, Kamis.",
            "Warta Kota",
        ),
        ("Pabrik dibuka pekan lalu, dikutip dari Tempo.", "Tempo"),
        ("Pabrik dibuka, seperti dikutip Warta.co, Minggu (5/3).", "Warta.co"),
        # an honorific inside a company's name ("Mas")
        ("Ia anak perusahaan Musim Mas Karya, kata dia.", "Musim Mas Karya"),
    ],
)
def test_organisations_caught_more(extract, text, name):
    found = extract(text)[ORGANISATION]
    assert name in found, found


@pytest.mark.parametrize(
    "text, name",
    [
        # degrees, each after a comma or not, before "selaku"
        (
            '"Itu benar," kata Slamet Riyanto S.Pi, M.Si selaku sekretaris dinas.',
            "Slamet Riyanto",
        ),
        # a long role, its region (in brackets), a comma, the province, the name
        (
            "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu (DPMPTSP) "
            "Kabupaten Kotawaringin Timur (Kotim), Kalimantan Tengah Dewi Lestari "
            "mengungkapkan hal itu.",
            "Dewi Lestari",
        ),
    ],
)
def test_people_caught_more(extract, text, name):
    found = extract(text)[PERSON]
    assert name in found, found


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Investornya PT SINAR MITRA NIAGA yang berkantor di Kendal.",
            "PT SINAR MITRA NIAGA",
        ),
        (
            "PT ANEKA KARYA SENTOSA TBK menandatangani kontrak.",
            "PT ANEKA KARYA SENTOSA Tbk",
        ),
        ("Pabrik milik PT ABC Bioner Tech dibangun tahun ini.", "PT ABC Bioner Tech"),
        (
            "Kontrak diteken PT Alam Jaya Lestari dan PT Bumi Sakti Perkasa.",
            "PT Bumi Sakti Perkasa",
        ),
        (
            "Dana datang dari perusahaan asal Malaysia Sinar Metal, kata dia.",
            "Sinar Metal",
        ),
        (
            "Modal berasal dari perusahaan Singapura Rimba Aluminium, kata dia.",
            "Rimba Aluminium",
        ),
        ("Investor itu yakni perusahaan Jagatama untuk penetasan unggas.", "Jagatama"),
        (
            "Wakil Ketua DPRK Abdya hadir dalam rapat.",
            "Dewan Perwakilan Rakyat Kabupaten Aceh Barat Daya",
        ),
        (
            "Ketua PDI Perjuangan Aceh hadir dalam rapat.",
            "Partai Demokrasi Indonesia Perjuangan Aceh",
        ),
        (
            "Pemko Pekanbaru menawarkan lahan di kawasan industri.",
            "Pemerintah Kota Pekanbaru",
        ),
    ],
)
def test_organisations_caught(extract, text, name):
    found = extract(text)[ORGANISATION]
    assert name in found, found


@pytest.mark.parametrize(
    "text, wrong",
    [
        # an abbreviation then a person: the person is not the company's
        ("Direktur PT GRS Hendra Wijaya hadir.", "PT GRS Hendra"),
        # a place after "perusahaan" is no company
        ("Investor itu perusahaan Korea Selatan yang lain.", "Korea Selatan"),
        # kinds of bodies, not bodies
        ("Dewan Pengurus asosiasi itu menolak rencana tersebut.", "Dewan Pengurus"),
        (
            "Badan Pertanahan Kabupaten belum menerbitkan sertifikat.",
            "Badan Pertanahan Kabupaten",
        ),
        (
            "Pabrik Kelapa Sawit (PKS) itu berkapasitas 45 ton per jam.",
            "Pabrik Kelapa Sawit",
        ),
        (
            "Upacara Hari Ulang Tahun (HUT) ke-80 digelar di lapangan.",
            "Hari Ulang Tahun",
        ),
        (
            "Layanan dibuka di Mal Pelayanan Publik (MPP) kota itu.",
            "Mal Pelayanan Publik",
        ),
        # "Kadis PUPR": the regency's office head, not the ministry
        (
            "Kadis PUPR Kendal, Mawar Sari, menjelaskan proyek itu.",
            "Kementerian Pekerjaan Umum dan Perumahan Rakyat",
        ),
        # "Kadin Pertanian": Kepala Dinas, not the chamber of commerce
        (
            "Kadin Pertanian Kendal Rudi Santoso hadir.",
            "Kamar Dagang dan Industri Indonesia",
        ),
    ],
)
def test_organisations_not_caught(extract, text, wrong):
    found = extract(text)[ORGANISATION]
    assert wrong not in found, found


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Pj Bupati Kampung Baru Raya Joko Santoso MM menyampaikan itu.",
            "Joko Santoso",
        ),
        (
            "Meski begitu, Pj Bupati Kendal Hendra Wijaya MM menyampaikan itu.",
            "Hendra Wijaya",
        ),
        ("Camat Tapung Hulu Wira Santika hadir.", "Wira Santika"),
        ("Kepala Desa Sumber Sari Joko Susilo hadir.", "Joko Susilo"),
        (
            "Hal itu disaksikan Pelaksana Tugas Gubernur Kepulauan Riau Isdanto "
            "di Batam.",
            "Isdanto",
        ),
        ('"Itu bagus," kata Santono, pimpinan PT Bintan Jaya Abadi.', "Santono"),
        ("Kadin Pertanian Kendal Rudi Santoso hadir.", "Rudi Santoso"),
        ("CFO PT GRS Taufan Hidayat hadir.", "Taufan Hidayat"),
        (
            "Hadir pula Ketua DPRD Landak Heru Samudra serta Kapolres Landak "
            "Bowo Gede.",
            "Heru Samudra",
        ),
        (
            "Makanya Kepala Badan Koordinasi (BKPM) Bahrul Lahada berencana ke "
            "Ternate.",
            "Bahrul Lahada",
        ),
        (
            "General Manager PT Bintan Inti Estate (BIE) Aditya Laksamana "
            "mengatakan itu.",
            "Aditya Laksamana",
        ),
    ],
)
def test_people_caught(extract, text, name):
    found = extract(text)[PERSON]
    assert name in found, found


def test_a_name_then_dan_and_a_role_closes_an_apposition(extract):
    found = extract(
        "Hadir anggota DPD RI Dapil Jambi, Ahmad Kartono dan Ketua Komisi II "
        "DPRD Jambi Joni Saputra."
    )[PERSON]
    assert "Ahmad Kartono" in found, found


def test_a_headline_in_title_case_names_no_one(extract):
    found = extract("Bupati Landak Resmikan Pabrik Kelapa Sawit\nIa hadir kemarin.")
    assert not found[PERSON], found[PERSON]


def test_a_regency_brings_its_province(extract):
    found = extract("Pabrik itu berdiri di Kabupaten Seluma sejak 2019.")[REGION]
    assert {"17.05", "17"} <= set(found), found
    assert found["17"].rule == "places.province_of"


def test_a_place_inside_a_longer_place_is_not_the_shorter(extract):
    found = extract("Kawasan di Kepulauan Riau-Galang itu dibuka.")[REGION]
    assert "14" not in found, found
