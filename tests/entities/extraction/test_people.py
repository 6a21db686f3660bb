"""People rules: each with sentences it must catch and sentences it must not.
The names are invented."""

import pytest

from entities.kinds import ORGANISATION, PERSON


@pytest.mark.parametrize(
    "text, name, rule",
    [
        # 1. <Role> <Organisation>, <Name>: the company is not a person.
        (
            "Direktur Utama PT Semen Nusantara, Budi Hartono, mengatakan pabrik "
            "itu siap beroperasi.",
            "Budi Hartono",
            "people.role_apposition",
        ),
        (
            "Kepala Dinas Perindustrian dan Perdagangan Provinsi Jambi, Hj. Rina "
            "Marlina, S.E., M.Si., menjelaskan rencana itu.",
            "Rina Marlina",
            "people.role_apposition",
        ),
        # 2. Roles broken by parentheses and unknown role words.
        (
            "Menteri Koordinator (Menko) Bidang Perekonomian, Arif Gunadi, "
            "menyebut paket itu segera terbit.",
            "Arif Gunadi",
            "people.role_apposition",
        ),
        (
            "Chairman Samudra Agro Group, Tomi Wijaya, mengatakan kilang itu "
            "dibangun tahun depan.",
            "Tomi Wijaya",
            "people.role_apposition",
        ),
        (
            "Wakil Menteri Perindustrian (Wamenperin) Dodi Kurniadi menambahkan "
            "bahwa utilisasi rendah.",
            "Dodi Kurniadi",
            "people.role_name",
        ),
        (
            "Plt Kepala Dinas Tenaga Kerja Kabupaten Kendal, Sri Wahyuni, "
            "meminta mediasi.",
            "Sri Wahyuni",
            "people.role_apposition",
        ),
        # name before role
        (
            "Sementara itu, Maya Kartika, Executive Director PT Laut Biru Marine, "
            "menyebut kontrak sudah diteken.",
            "Maya Kartika",
            "people.name_role",
        ),
        # initials as name parts
        ("Ketua Kadin Jambi, Ir. CH Pranoto, M.T., hadir.", "CH Pranoto", None),
        (
            "Direktur PT Karya Logam Jaya, S.S. Simbolon, menjelaskan bahan baku.",
            "S.S. Simbolon",
            None,
        ),
        (
            "Presiden Direktur PT Tembaga Raya, Rudi B. Santosa, menyebut.",
            "Rudi B. Santosa",
            None,
        ),
        # a role run with no comma, the company written alone elsewhere
        (
            "PT Aceh Hijau Energi membangun pabrik. CEO PT Aceh Hijau Energi "
            "Farhan Nasution mengatakan proyek dimulai.",
            "Farhan Nasution",
            "people.role_name",
        ),
        # name, degrees, verb
        (
            "Bambang Sulistyo, S.E., M.M., mengatakan harga naik.",
            "Bambang Sulistyo",
            "people.name_verb",
        ),
        ("Ratmini (52), perajin gerabah, mengaku pesanan turun.", "Ratmini", None),
        ("Dr. Hendarto, M.Eng., Kepala Balai Besar Tekstil, hadir.", "Hendarto", None),
        (
            "Direktur PT Timah Jaya, Lim Ah Seng alias Heri Salim, mengatakan.",
            "Heri Salim",
            None,
        ),
        (
            "“Kami siap,” kata Joko Santoso Ketua Koperasi Nelayan Maju.",
            "Joko Santoso",
            None,
        ),
        # "… selaku <role>", lists "Nama (Jabatan)", abbreviated roles
        (
            "Hadir pula Andika Pratama selaku Kepala Bidang Industri Dinas Jambi.",
            "Andika Pratama",
            "people.selaku",
        ),
        (
            "Rapat dihadiri Rahmat Hidayat (Ketua Kadin Jambi) dan Sri Mulyani "
            "(Kepala Bappeda Jambi).",
            "Sri Mulyani",
            "people.name_parenthesis_role",
        ),
        (
            "Dirjen Industri Agro Kemenperin Putu Juli Ardika mengatakan ekspor naik.",
            "Putu Juli Ardika",
            "people.role_name",
        ),
        (
            "Kadisnaker Jambi Rustam Aji mengatakan pelatihan dibuka.",
            "Rustam Aji",
            "people.role_name",
        ),
        # a nickname or age in parentheses, a weekday after the name, ranks
        (
            "Presiden Hendra Wijaya (Hewi) sebelumnya meminta hilirisasi.",
            "Hendra Wijaya",
            "people.role_name",
        ),
        (
            "“Kami merumahkan pekerja,” kata Manajer Humas PT Nikel Jaya, Yusuf "
            "Tandirura, Kamis (12/9/2024).",
            "Yusuf Tandirura",
            "people.role_apposition",
        ),
        (
            "Kapolda Jambi Irjen Pol Teguh Santoso memastikan situasi kondusif.",
            "Teguh Santoso",
            "people.role_name",
        ),
        # a degree written without its last full stop ends no sentence
        (
            "Menurut Ir. H. M. Yunus Tandi, M.Si, Ketua Asosiasi Kopi Jambi, mutu "
            "biji kopi beragam.",
            "M. Yunus Tandi",
            "people.name_role",
        ),
        # an honorific's full stop does not end the sentence
        (
            "Bupati Jambi H. Ahmad Yani mengatakan pabrik dibuka.",
            "Ahmad Yani",
            "people.role_name",
        ),
        # degrees written S.Pd, M.Kes; honorifics Tb.; abbreviated roles and
        # "Jum’at" with an apostrophe (web corpus)
        (
            "Kepala Dinas Kesehatan Jambi, Hj. Rina Marlina, S.Pd, M.Kes, "
            "mengatakan vaksin tersedia.",
            "Rina Marlina",
            "people.role_apposition",
        ),
        ("Acara itu dihadiri Sekda Tb. Agus Salim.", "Agus Salim", "people.role_name"),
        ("Kadisbun Jambi Agus Rianto mengatakan.", "Agus Rianto", "people.role_name"),
        (
            "Kakanwil Kemenkumham Jambi Dodi Hartono mengatakan layanan dibuka.",
            "Dodi Hartono",
            "people.role_name",
        ),
        (
            "Jubir Pemprov Jambi Rahmat Hidayat mengatakan hal itu, Jum’at (12/9).",
            "Rahmat Hidayat",
            "people.role_name",
        ),
        # "RI" after a role is no initial; a ministry's portfolio is no name
        (
            "Presiden RI Hendra Wijaya meresmikan pabrik itu.",
            "Hendra Wijaya",
            "people.role_name",
        ),
        (
            "Wakil Menteri Ketenagakerjaan Budi Hartono mengatakan upah naik.",
            "Budi Hartono",
            "people.role_name",
        ),
        # "dan" before lower case ends a name after a role
        (
            "Pertemuan digelar dengan Gubernur Lampung Budi Hartono dan jajarannya.",
            "Budi Hartono",
            "people.role_name",
        ),
        # two roles joined by "dan", no comma: the first name ends at "dan"
        (
            "Bupati Ketapang Budi Hartono dan Wakil Bupati Farhan Nasution hadir.",
            "Budi Hartono",
            "people.role_name",
        ),
    ],
)
def test_catches(extract, text, name, rule):
    people = extract(text)[PERSON]
    assert name in people, people
    if rule:
        assert people[name].rule == rule


@pytest.mark.parametrize(
    "text, not_a_person",
    [
        # the company in "<Role> <Organisation>, <Name>" is never a person
        (
            "Direktur Utama Semen Nusantara Group, Budi Hartono, mengatakan.",
            "Semen Nusantara Group",
        ),
        ("Chairman Samudra Agro Group, Tomi Wijaya, mengatakan.", "Samudra Agro"),
        # honorifics, weekdays and months are not names
        ("Bapak Gubernur sudah menyampaikan dukungannya.", "Bapak"),
        ("“Apa yang disampaikan Pak Bupati sudah tepat,” kata Hasan.", "Pak"),
        ("Kepala Dinas Koperasi NTB Hj. Lilis Suryani di Mataram, Rabu.", "Hj"),
        ("Rapat digelar Rabu, 12 Maret, di kantor gubernur.", "Rabu"),
        ("April mendatang, Disperindag Jambi menggelar pameran.", "April"),
        ("Mr. Tan mengatakan pabrik beroperasi.", "Mr"),
        ("Rapat itu digelar Jum’at (12/9) di Jambi.", "Jum’at"),
        ("Sutrisno SSos mengatakan pelatihan dibuka.", "Sutrisno SSos"),
        ("Presiden RI Hendra Wijaya meresmikan pabrik itu.", "RI"),
        ("Menteri Agama Budi Hartono meresmikan sekolah.", "Agama"),
        (
            "Hadir Asisten I Setda Jambi Bidang Pemerintahan, Kesejahteraan "
            "Rakyat, Budi Hartono.",
            "Pemerintahan",
        ),
        ("Deputi Bidang Protokol, Pers, dan Media, Budi Hartono, hadir.", "Protokol"),
        ("Rapat membahas Hak Ulayat dan Dunia Usaha di Jambi.", "Hak Ulayat"),
        # places and organisations written like names
        ("Kepala Dinas Perindustrian Jawa Tengah, mengatakan.", "Jawa Tengah"),
        ("Sumatera Selatan menargetkan ekspor naik.", "Sumatera Selatan"),
        ("Gedung Putih menyatakan akan meninjau tarif.", "Gedung Putih"),
        # the role's organisation before an apposed name
        ("Hadir pula CEO Qilin New Energy, Chen Wei, di lokasi.", "Qilin"),
        (
            "Kepala Desa Sidomulyo, Slamet Raharjo, berharap warga direkrut.",
            "Sidomulyo",
        ),
        # a district between the role and the name
        ("Camat Tulis Abdul Ghofur mengatakan rekrutmen dibuka.", "Tulis"),
        ("Uni Eropa menilai kebijakan itu melanggar aturan.", "Uni Eropa"),
        ("Kapolda Jambi Irjen Pol Teguh Santoso memastikan.", "Pol Teguh"),
        ("Warga Desa Sukamaju berharap jalan diperbaiki, kata dia.", "Desa Sukamaju"),
    ],
)
def test_does_not_catch(extract, text, not_a_person):
    people = extract(text)[PERSON]
    assert not any(not_a_person in name for name in people), people


def test_the_company_of_role_org_name_is_an_organisation(extract):
    found = extract(
        "Direktur Utama PT Semen Nusantara, Budi Hartono, mengatakan pabrik itu "
        "siap beroperasi."
    )
    assert set(found[PERSON]) == {"Budi Hartono"}
    assert "PT Semen Nusantara" in found[ORGANISATION]


def test_short_mentions_join_the_full_name(extract):
    people = extract(
        "Bupati Kendal Hasan Basri meninjau pabrik. “Kami siap,” kata Hasan."
    )[PERSON]
    assert set(people) == {"Hasan Basri"}
    assert "Hasan" in people["Hasan Basri"].aliases
    assert people["Hasan Basri"].role == "Bupati Kendal"
