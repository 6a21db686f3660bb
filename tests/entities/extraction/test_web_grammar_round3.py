"""Shapes of regional web prose, third round (issue 28): roles in lower case,
an office's name ending where a person's begins, an initial inside a name,
titles before foreign names, weekdays after an apposed name, counts in
brackets that are no ages, local governments written in lower case.
Invented names."""

import pytest

from entities.kinds import ORGANISATION, PERSON, REGION


@pytest.mark.parametrize(
    "text, name",
    [
        # a role in lower case, its region, then the name
        (
            "Investor sudah bertemu gubernur Sulteng Darmo Wiyono dan bupati "
            "Kampar Yusran Hadi di sana.",
            "Darmo Wiyono",
        ),
        (
            "Investor sudah bertemu gubernur Sulteng Darmo Wiyono dan bupati "
            "Kampar Yusran Hadi di sana.",
            "Yusran Hadi",
        ),
        # a weekday after the comma is the day said, not the name
        (
            "Plt Gubernur Riau Hendra Wiguna, Senin (4/5) menjelaskan proyek itu.",
            "Hendra Wiguna",
        ),
        # a titled name, then "dan" and another titled name
        (
            "Ia menerima pemilik PT Hong Lan, Mr. Lian Hao Ming dan Mr. Tan Yu "
            "Seng, di kantornya.",
            "Lian Hao Ming",
        ),
        # a title opens a name after a capitalised word
        (
            "Ia bertemu investor asal China Mr Lian Hao Ming. Ia senang.",
            "Lian Hao Ming",
        ),
        # one letter between two words of a name is an initial
        (
            "Bupati Tanah Laut Sardani H. Muning mengatakan lahan sudah siap.",
            "Sardani H. Muning",
        ),
        # a role in lower case before an office's name, then the name
        (
            "Ia bicara melalui kepala Dinas Pekerjaan Umum dan Penataan Ruang Roni "
            "Rizal Anwar, di Batulicin, Selasa.",
            "Roni Rizal Anwar",
        ),
        # an office's words after a comma, then the name
        (
            "Rapat dihadiri staf ahli Gubernur Bidang Ekonomi, Pembangunan dan "
            "Keuangan Yoram Yarawa, lalu para bupati.",
            "Yoram Yarawa",
        ),
        # a single name after a verb of saying and a role in lower case
        (
            "“Kami mendorong hilirisasi”, ungkap Hadiwan perwakilan Dinas Perdagangan.",
            "Hadiwan",
        ),
    ],
)
def test_people_in_round_three_shapes(extract, text, name):
    found = extract(text)[PERSON]
    assert name in found, found


@pytest.mark.parametrize(
    "text, name",
    [
        # a list of roles and names: ", dan <Role>" and ", <Role>" go on
        (
            "Hadir Ketua Dewan Adat Teluk Raya, Yosef Kamisu, Ketua LMA 7 Suku "
            "Kabupaten Teluk Raya, Marten Wesa, dan Ketua LMA Suku Somu, Tadeus "
            "Fosa.",
            "Marten Wesa",
        ),
        (
            "Hadir Dandim 0313/KPR Letkol Arman Mulya, Ketua LAK Kampar Drs "
            "Yusran, dan lainnya.",
            "Arman Mulya",
        ),
        # who says so, with one name
        ("Menurut Syahril, pihaknya menyambut baik pabrik itu.", "Syahril"),
        # an honorific glued to the name
        (
            "MEMPAWAH - Pj. Gubernur dr. H.Harison, M.Kes. mendampingi Presiden.",
            "Harison",
        ),
        # English and diplomatic roles
        (
            "Rombongan didampingi Duta Besar (Dubes) RI untuk China, Joko Oratmono.",
            "Joko Oratmono",
        ),
        (
            "Agneta Mega, Associate Director Media PT Weda Raya, mengatakan itu.",
            "Agneta Mega",
        ),
    ],
)
def test_people_in_lists_and_after_menurut(extract, text, name):
    found = extract(text)[PERSON]
    assert name in found, found


@pytest.mark.parametrize(
    "text, wrong",
    [
        # "(11 KDMP)" counts something: the district is no person of age 11
        (
            "Tiga kecamatan sudah mulai, yaitu Atu Lintang (11 KDMP), Linge (26 "
            "KDMP), dan Jagong (10 KDMP).",
            "Atu Lintang",
        ),
        # a role in lower case is a common noun unless a region follows
        ("Para gubernur Sumber Daya itu datang.", "Sumber Daya"),
        # a verb with a capital after a titled name
        (
            "Gubernur Jambi Dr. H. Al Hadi, S.Sos, M.H., Mengemukakan, bahwa "
            "investor dipermudah.",
            "Mengemukakan",
        ),
        # a board is no person: what follows its port's place is no name
        (
            "Hal itu disaksikan oleh Direksi Pelabuhan Cilegon Mandiri sebagai "
            "dukungan.",
            "Mandiri",
        ),
        ("Menurut Undang-Undang, izin itu sah.", "Undang-Undang"),
    ],
)
def test_not_people(extract, text, wrong):
    assert wrong not in extract(text)[PERSON]


def test_age_in_brackets_is_still_read(extract):
    found = extract("Warga bernama Sumarni (47) dan Budi Santoso (51 tahun) datang.")
    assert {"Sumarni", "Budi Santoso"} <= set(found[PERSON])


@pytest.mark.parametrize(
    "text, body, person",
    [
        (
            "Bupati Tanah Laut melalui kepala Dinas Pekerjaan Umum dan Penataan "
            "Ruang Roni Rizal Anwar, di Batulicin, mengatakan lahan siap.",
            "Dinas Pekerjaan Umum dan Penataan Ruang",
            "Roni Rizal Anwar",
        ),
        (
            "Hal itu disampaikan Menteri Badan Usaha Milik Negara Ernest Tohari "
            "di Jakarta.",
            None,
            "Ernest Tohari",
        ),
    ],
)
def test_office_name_ends_where_a_person_begins(extract, text, body, person):
    found = extract(text)
    assert person in found[PERSON], found[PERSON]
    assert not any(person in name for name in found[ORGANISATION])
    if body:
        assert body in found[ORGANISATION], found[ORGANISATION]


@pytest.mark.parametrize(
    "text, body",
    [
        (
            "Dinas Pemuda dan Olahraga Kabupaten Bogor menggelar lomba.",
            "Dinas Pemuda dan Olahraga Kabupaten Bogor",
        ),
        (
            "Dinas Tenaga Kerja Kabupaten Batu Bara mencatat 4.200 pencari kerja.",
            "Dinas Tenaga Kerja Kabupaten Batu Bara",
        ),
        # a place's kind: a place's name follows, even one not in the gazetteer
        (
            "Dinas Sosial Kecamatan Lembah Harapan mencatat 40 keluarga.",
            "Dinas Sosial Kecamatan Lembah Harapan",
        ),
    ],
)
def test_office_names_of_office_words_and_places_stay_whole(extract, text, body):
    found = extract(text)
    assert not found[PERSON], found[PERSON]
    assert body in found[ORGANISATION], found[ORGANISATION]


@pytest.mark.parametrize(
    "text, body",
    [
        (
            "Untuk itu, Pemda Bulungan mendorong percepatan.",
            "Pemerintah Kabupaten Bulungan",
        ),
        ("Jalan akan dihibahkan pada pemkab Batang.", "Pemerintah Kabupaten Batang"),
        (
            "BITUNG - Pemerintah kota Bitung menggelar pertemuan.",
            "Pemerintah Kota Bitung",
        ),
    ],
)
def test_local_governments_in_lower_case_or_as_pemda(extract, text, body):
    assert body in extract(text)[ORGANISATION]


def test_pemda_without_a_region_is_no_body(extract):
    assert not extract("Pemda juga ikut membantu.")[ORGANISATION]


@pytest.mark.parametrize(
    "text, code",
    [
        # a currency's country
        ("Nilai investasinya 40 juta dolar Amerika Serikat tahun ini.", "US"),
        ("Modalnya 2 miliar yen Jepang, kata dia.", "JP"),
        # a people, not the province
        ("Kesempatan yang adil bagi orang asli Papua, pesan dia.", "91"),
        # an outlet's name in a credit or at the top of the page
        ("Pabrik itu meledak pada Minggu. (Sumber: Tribun Palu)", "72.71"),
        ("RADAR PALEMBANG, Pengembangan kawasan terus berjalan.", "16.71"),
        ("Foto oleh Yendi/TANJUNGPINANG POS. Investor datang.", "21.72"),
    ],
)
def test_places_that_name_a_currency_a_people_or_an_outlet(extract, text, code):
    assert code not in extract(text)[REGION]


def test_a_place_beside_those_words_elsewhere_is_still_a_place(extract):
    found = extract("Pabrik dibangun di Palu dan Palembang, kata dia.")[REGION]
    assert {"72.71", "16.71"} <= set(found)


@pytest.mark.parametrize(
    "text, wrong",
    [
        # a minister's portfolio is part of a role, not a mention of the body
        ("Hadir Menteri ESDM Budi Lahadi di lokasi.", "Kementerian Energi"),
        (
            "Bersama Menteri Badan Usaha Milik Negara Ernest Tohari, ia datang.",
            "Badan Usaha Milik Negara",
        ),
        # kinds of company and a programme are no particular body
        ("Kini makin banyak perusahaan Penanaman Modal Asing (PMA) baru.", "Penanaman"),
        ("Dana itu disalurkan ke Badan Usaha Milik Daerah.", "Badan Usaha"),
        ("Tiga desa memulai Koperasi Desa Merah Putih, kata dia.", "Koperasi"),
    ],
)
def test_no_body_in_a_role_a_kind_or_a_programme(extract, text, wrong):
    found = extract(text)[ORGANISATION]
    assert not any(name.startswith(wrong) for name in found), found


def test_a_ministry_named_as_a_body_is_still_found(extract):
    found = extract("Menteri ESDM Budi Lahadi bicara. Kementerian ESDM menyetujui.")
    assert "Kementerian ESDM" in found[ORGANISATION], found[ORGANISATION]


def test_the_two_social_security_bodies_are_told_apart(extract):
    found = extract("Hak JHT karyawan ditangani BPJS Ketenagakerjaan, kata dia.")
    assert "Badan Penyelenggara Jaminan Sosial Ketenagakerjaan" in found[ORGANISATION]
    assert "Badan Penyelenggara Jaminan Sosial" not in found[ORGANISATION]


def test_a_province_inside_a_banks_name_is_no_mention(extract):
    found = extract("Investor baru antara lain Bank Sumsel Babel (BSB) dan PT Pusri.")
    assert "Bank Sumsel Babel" in found[ORGANISATION]
    assert not {"16", "19"} & set(found[REGION]), found[REGION]


def test_a_name_and_the_body_it_comes_from(extract):
    found = extract(
        "Rombongan itu antara lain Chen Jialu dari TBEA Xinjiang, kata dia."
    )
    assert "Chen Jialu" in found[PERSON], found[PERSON]
    found = extract("Tim Ekspedisi Patriot dari ITS juga datang.")
    assert not found[PERSON], found[PERSON]
