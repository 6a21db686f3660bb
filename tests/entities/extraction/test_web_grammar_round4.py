"""Shapes of regional web prose, fourth round (issue 28): a body under its two
official names, a government office's fields joined by "dan", plants and
products defined with an abbreviation, a parliament's commission, a national
body's regional office, names that cross a line break or follow a role;
places that name a sea, a brand or a person, and special economic zones.
Invented names."""

import pytest

from entities.kinds import ORGANISATION, REGION


@pytest.mark.parametrize(
    "text, name, wrong",
    [
        # one body under its two official names, joined by a slash
        (
            "Tim Kementerian Investasi/BKPM meninjau lahan di Kendal.",
            "Kementerian Investasi/BKPM",
            {"Kementerian Investasi", "Badan Koordinasi Penanaman Modal"},
        ),
        (
            "Sertifikat diserahkan Kementerian ATR/BPN kepada warga.",
            "Kementerian ATR/BPN",
            {"Kementerian ATR"},
        ),
        (
            "Adapun Kementerian Investasi/Badan Koordinasi Penanaman Modal "
            "menetapkan target baru.",
            "Kementerian Investasi/Badan Koordinasi Penanaman Modal",
            {"Kementerian Investasi"},
        ),
        # "dan" and an office's field inside a government body's name
        (
            "Kepala Dinas Perindustrian Perdagangan dan Koperasi Sleman, "
            "Budi Santoso, berharap banyak.",
            "Dinas Perindustrian Perdagangan dan Koperasi Kabupaten Sleman",
            {"Dinas Perindustrian Perdagangan", "Koperasi Sleman"},
        ),
        # a parliament's commission is part of a member's role
        (
            "Wakil Ketua Komisi VII DPR Darmo Wiyono meninjau pabrik.",
            "Dewan Perwakilan Rakyat",
            {"Komisi VII DPR"},
        ),
        # a national body's abbreviation and a region: its office there
        (
            "Perwakilan DPR Papua ikut meninjau pabrik itu.",
            "Dewan Perwakilan Rakyat Papua",
            {"Dewan Perwakilan Rakyat"},
        ),
        (
            "Pesawat milik TNI AU mendarat di bandara.",
            "Tentara Nasional Indonesia Angkatan Udara",
            {"Tentara Nasional Indonesia"},
        ),
        # a heading's last word does not open the next paragraph's name
        (
            "Kelompok Usaha dari Semarang\n\nRasa Kencana Group membangun pabrik.",
            "Rasa Kencana Group",
            {"Semarang Rasa Kencana Group"},
        ),
        # "Dinas" before an abbreviation that already says it
        (
            "Kepala Dinas DPM-PTSP Provinsi Gorontalo, Darmo Wiyono, hadir.",
            "DPM-PTSP Provinsi Gorontalo",
            {"Dinas DPM-PTSP Provinsi Gorontalo"},
        ),
        # a bracketed abbreviation that is a province's defines no body
        (
            "Kecelakaan di PT SMK, Morowali, Sulawesi Tengah (Sulteng) terulang.",
            "PT SMK",
            {"PT SMK, Morowali, Sulawesi Tengah"},
        ),
        # a role's words end before the name
        (
            "Hadir pula Financial Advisor Nordvik Technology Corporation, "
            "Budi Santoso.",
            "Nordvik Technology Corporation",
            {"Financial Advisor Nordvik Technology Corporation"},
        ),
    ],
)
def test_names_read_whole(extract, text, name, wrong):
    found = extract(text)[ORGANISATION]
    assert name in found
    assert not wrong & set(found)


def test_a_regional_office_inside_a_bodys_name_is_that_name(extract):
    found = extract("Kepala Kantor Wilayah BI Sultra, Darmo Wiyono, hadir.")
    assert set(found[ORGANISATION]) == {"Kantor Wilayah BI Provinsi Sulawesi Tenggara"}


@pytest.mark.parametrize(
    "text, wrong",
    [
        # plants and products defined with their abbreviation are no bodies
        ("Pabrik itu memakai Pembangkit Listrik Tenaga Uap (PLTU) sendiri.", None),
        ("Smelter itu menghasilkan Mixed Hydroxide Precipitate (MHP).", None),
        # "Holding"/"Grup" before an abbreviated name heads it, closes nothing
        (
            "Keberhasilan Holding BUMN Pertambangan itu diakui. Meski sempat "
            "terkendala, Manajemen Grup MIND ID tetap berkomitmen.",
            {"Keberhasilan Holding", "Manajemen Grup"},
        ),
    ],
)
def test_not_organisations(extract, text, wrong):
    found = set(extract(text)[ORGANISATION])
    if wrong is None:
        assert not found
    else:
        assert not wrong & found


@pytest.mark.parametrize(
    "text, wrong",
    [
        # seas, straits and mountains named after a place
        ("Lokasinya strategis di tepi Selat Malaka, kata Budi.", {"53.21", "53"}),
        ("Kapal itu berlayar ke Laut China Selatan.", {"CN"}),
        ("Tambang itu ada di kawasan Gunung Kobar.", {"62.01", "62"}),
        # a hyphen with a lower-case part is no pair of places
        ("Dialog digelar di Swiss-bel Hotel kemarin.", {"CH"}),
        ("Kabupaten se-Papua Barat diajak ikut.", {"91"}),
        # a common word in capitals, and a news brand after a dateline's place
        ("PELETAKAN BATU PERTAMA\nInvestor membangun pabrik di Kampar.", {"35.79"}),
        ("PADANGPARIAMAN, METRO – Bupati meresmikan pabrik.", {"18.72", "18"}),
        # a surname that is a regency's name
        (
            "Hal itu disampaikan Kepala Kantor Wilayah BPN provinsi Jambi, "
            "Darmo Iterson Samosir.\n\nRencana ini disambut antusias.",
            {"12.17", "12"},
        ),
    ],
)
def test_places_that_are_not_mentions(extract, text, wrong):
    assert not wrong & set(extract(text)[REGION])


@pytest.mark.parametrize(
    "text, code",
    [
        # a special economic zone names the regency it lies in
        ("Gubernur meninjau KEK Galang Batang kemarin.", "21.01"),
        ("Smelter akan berdiri di KEK Sorong.", "96.01"),
        # a pair of places before a dateline's double hyphen
        ("Bisnis.com, JAKARTA--Kementerian menyatakan hal itu.", "31"),
        ("Jalan Balikpapan-Samarinda sudah dibuka.", "64.71"),
    ],
)
def test_places_read_right(extract, text, code):
    found = extract(text)[REGION]
    assert code in found
    assert not {"33.25", "96.71"} & set(found)
