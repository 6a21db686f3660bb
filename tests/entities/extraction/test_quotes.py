import pytest

from entities.extraction.proposals import Proposal
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


# Issue 31, read from the big corpus's dev misses (invented names).
def test_speakers_in_honorifics_and_after_companies_are_the_known_people():
    proposals = [
        Proposal("person", "Rahmat Suganda", "", 0.9),
        Proposal("organisation", "Bumi Yeast", "", 0.9),
        Proposal("person", "Bumi Yeast Liu Wenhua", "", 0.9),
    ]
    text = (
        "Walikota Serang Tb Rahmat Suganda mengatakan, pabrik dibangun.\n\n"
        "General Manager Bumi Yeast Liu Wenhua mengatakan pabrik segera jadi.\n\n"
        "Kepala Dinas Perindustrian Bali, I Gede Wirasana Putra, menambahkan "
        "pameran digelar.\n\n"
        "Kepala Departemen PT Sawit Raya, M Yusuf Al Hadi mengatakan, bahwa "
        "tangki dibangun."
    )
    quotes = extract_quotes(text, proposals=proposals)
    found = [(q.speaker, q.text[:10]) for q in quotes]
    assert found == [
        ("Rahmat Suganda", "pabrik dib"),
        ("Liu Wenhua", "pabrik seg"),
        ("I Gede Wirasana Putra", "pameran di"),
        ("M Yusuf Al Hadi", "bahwa tang"),
    ]


def test_passive_and_suffixed_verbs_and_roles_alone_name_the_last_speaker():
    text = (
        "Bupati Sumber Hadi Santosa mengatakan, pabrik dibangun.\n\n"
        "Dikatakan, izin sudah terbit.\n\n"
        "Selain itu, imbuhnya, jalan diperbaiki.\n\n"
        "Bagi daerah, sebutnya sawit penting.\n\n"
        "Bukan tanpa alasan, menurutnya ada tiga keunggulan.\n\n"
        "Menurut bupati, kawasan itu strategis.\n\n"
        "Bupati meminta semua pihak mendukung.\n\n"
        '"Itu investasi daerah," kata politikus itu.\n\n'
        "Diungkapkan Yusuf Maulana, lahan sudah siap.\n\n"
        "Dermaga, sambung Yusuf Maulana, dibangun swasta.\n\n"
        "Dalam pandangan Yusuf, izin tidak cukup."
    )
    found = [(q.speaker, q.text[:10]) for q in extract_quotes(text)]
    assert found == [
        ("Hadi Santosa", "pabrik dib"),
        ("Hadi Santosa", "izin sudah"),
        ("Hadi Santosa", "Selain itu"),
        ("Hadi Santosa", "Bagi daera"),
        ("Hadi Santosa", "ada tiga k"),
        ("Hadi Santosa", "kawasan it"),
        ("Hadi Santosa", "semua piha"),
        ("Hadi Santosa", "Itu invest"),
        ("Yusuf Maulana", "Diungkapka"),
        ("Yusuf Maulana", "Dermaga, s"),
        ("Yusuf Maulana", "Dalam pand"),
    ]


def test_the_sentence_before_hal_tersebut_diungkapkan_is_the_speakers():
    text = (
        "Seluruh pelaku industri dituntut membuka lowongan bagi warga.\n\n"
        "Hal tersebut diungkapkan Walikota Serang Rahmat Suganda di Serang."
    )
    found = [(q.speaker, q.text) for q in extract_quotes(text)]
    assert found == [
        (
            "Rahmat Suganda",
            "Seluruh pelaku industri dituntut membuka lowongan bagi warga.",
        )
    ]


def test_connectors_places_and_reported_subjects_are_no_speakers():
    text = (
        "Sehingga, pemerintah pusat menegaskan kawasan jalan terus.\n\n"
        "Bupati Hadi Santosa, di Batulicin, Selasa, mengatakan lahan siap. "
        "Ketua Yusuf Maulana mengatakan, Jokowi meminta pabrik segera jadi.\n\n"
        "Purwakarta.Hadi mengatakan, ada perbedaan karakter industri."
    )
    found = [(q.speaker, q.text[:10]) for q in extract_quotes(text)]
    assert found == [
        ("Hadi Santosa", "lahan siap"),
        ("Yusuf Maulana", "Jokowi mem"),
        ("Hadi Santosa", "ada perbed"),
    ]


def test_a_quote_cut_off_at_the_end_of_the_text_is_the_last_speakers():
    text = (
        '"Pabrik ini penting," kata Hadi Santosa.\n\n'
        "Ia menambahkan, lahan siap.\n\n"
        "“Dengan dukungan penuh Gubernur Yusuf, kami berharap investasi ini berj"
    )
    found = [(q.speaker, q.kind, q.text[:12]) for q in extract_quotes(text)]
    assert found == [
        ("Hadi Santosa", "direct", "Pabrik ini p"),
        ("Hadi Santosa", "indirect", "lahan siap."),
        ("Hadi Santosa", "direct", "Dengan dukun"),
    ]


def test_offices_pronoun_chains_and_speakers_named_before_a_paragraph():
    proposals = [
        Proposal("person", "Wayan Sukerta", "", 0.9),
        Proposal("person", "Ni Made Ayu Sukerta", "", 0.9),
        Proposal("person", "Yusuf Maulana", "", 0.9),
        Proposal("person", "Rini Lestari", "", 0.9),
    ]
    text = (
        "Gubernur Wayan Sukerta hadir bersama Ni Made Ayu Sukerta.\n\n"
        "Gubernur Sukerta menyambut baik rencana itu.\n\n"
        "Sebagai daerah bahari, aku Sukerta, laut kita luas.\n\n"
        "”Kita punya banyak ikan,” ujarnya.\n\n"
        '"Pabrik segera dibangun," ujar Deputi Bidang Protokol, Pers, dan Media '
        "Sekretariat, Yusuf Maulana, Senin.\n\n"
        '"Akibatnya, produksi naik," katanya menambahkan dikutip Kabar.\n\n'
        "Seperti pernah dikatakan oleh Menteri Rini Lestari,\n"
        '"Investasi harus dipercepat," ujarnya.'
    )
    quotes = extract_quotes(text, proposals=proposals)
    found = [(q.speaker, q.text[:10]) for q in quotes]
    assert found == [
        ("Wayan Sukerta", "baik renca"),
        ("Wayan Sukerta", "Sebagai da"),
        ("Wayan Sukerta", "Kita punya"),
        ("Yusuf Maulana", "Pabrik seg"),
        ("Yusuf Maulana", "Akibatnya,"),
        ("Rini Lestari", "Investasi "),
    ]


def test_a_pronoun_with_no_speaker_yet_is_the_person_named_just_before():
    proposals = [Proposal("person", "Dedi Kurnia", "", 0.9)]
    text = (
        "Penyebabnya diaktakan Kepala Divisi PT Baja, Dedi Kurnia diduga cairan.\n\n"
        '"Penyebab ledakan masih diselidiki," katanya.'
    )
    found = [
        (q.speaker, q.text[:10]) for q in extract_quotes(text, proposals=proposals)
    ]
    assert found == [("Dedi Kurnia", "Penyebab l")]
    assert extract_quotes(text) == []


def test_an_english_office_is_no_name():
    text = (
        "Rina Wulandari, Associate Director Media & Public Relations PT Baja "
        "Raya (BR) menjelaskan pabrik merekrut warga."
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Rina Wulandari"]


def test_degrees_verbs_opening_a_paragraph_and_connectors_before_pronouns():
    text = (
        "Gubernur Jambi Dr. H. Hadi Santosa, S.Sos, M.H., Mengemukakan, bahwa "
        "investor dipermudah.\n\n"
        "Lanjut Hadi, izin dipercepat.\n\n"
        "Selanjutnya jelas mantan Rektor itu, tebu dikembangkan.\n\n"
        "Diakui, tenaga asing kian banyak.\n\n"
        "Namun, ia mengungkapkan bahwa data belum lengkap."
    )
    found = [(q.speaker, q.text[:10]) for q in extract_quotes(text)]
    assert found == [
        ("Hadi Santosa", "bahwa inve"),
        ("Hadi Santosa", "Lanjut Had"),
        ("Hadi Santosa", "tebu dikem"),
        ("Hadi Santosa", "tenaga asi"),
        ("Hadi Santosa", "bahwa data"),
    ]


def test_a_name_ending_in_an_institutional_word():
    text = (
        "Direktur Utama PT Lintas Jaya (LJ) selaku pengelola kawasan, IBK Dharma "
        "Negara mengatakan, kawasan itu menarik investor.\n\n"
        "Kepala Badan Usaha Milik Negara mengatakan, ekspor naik."
    )
    assert [q.speaker for q in extract_quotes(text)] == ["IBK Dharma Negara"]
