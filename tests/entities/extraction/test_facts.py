from decimal import Decimal

import pytest

from entities.extraction.facts import extract_facts
from entities.extraction.facts.numbers import scaled

pytestmark = pytest.mark.nodb


def facts(text):
    return {(f.kind, f.value, f.unit or f.currency): f for f in extract_facts(text)}


@pytest.mark.parametrize(
    "figure, scale, value",
    [
        ("1,2", "triliun", Decimal("1200000000000")),
        ("500", "miliar", Decimal("500000000000")),
        ("1.000", None, Decimal("1000")),
        ("2002,7", None, Decimal("2002.7")),
        ("1.000.000", None, Decimal("1000000")),
        ("3,14", "Triliun", Decimal("3140000000000")),
        ("1.5", "juta", Decimal("1500000")),
    ],
)
def test_indonesian_figures_are_read_with_their_scale(figure, scale, value):
    assert scaled(figure, scale) == value


def test_money_is_normalised_to_rupiah_or_kept_in_its_currency():
    found = facts(
        "PT Baja Raya akan berinvestasi Rp1,2 triliun di Kabupaten Batang. "
        "Investasi tahap kedua senilai US$4 miliar, setara 62 triliun rupiah."
    )
    assert set(found) == {
        ("investment", Decimal("1200000000000"), "IDR"),
        ("investment", Decimal("4000000000"), "USD"),
        ("investment", Decimal("62000000000000"), "IDR"),
    }
    first = found["investment", Decimal("1200000000000"), "IDR"]
    assert first.company == "PT Baja Raya"
    assert first.region == "33.25"
    assert first.status == "planned"
    assert first.evidence.startswith("PT Baja Raya akan berinvestasi")


def test_capacity_jobs_and_land_with_units():
    found = facts(
        "Smelter itu berkapasitas 900 ribu ton per tahun, PLTU 2x65 MW dan kilang "
        "100 ribu barel per hari, produksi 1,2 juta ton. Proyek di lahan 500 hektare "
        "itu menyerap 2.000 tenaga kerja dan mempekerjakan 300 orang warga lokal."
    )
    assert set(found) == {
        ("capacity", Decimal("900000"), "ton/tahun"),
        ("capacity", Decimal("130"), "MW"),
        ("capacity", Decimal("100000"), "barel/hari"),
        ("capacity", Decimal("1200000"), "ton"),
        ("land", Decimal("500"), "ha"),
        ("jobs", Decimal("2000"), ""),
        ("jobs", Decimal("300"), ""),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Pendapatan perusahaan tahun lalu Rp 500 miliar.",
        "APBD Kabupaten Batang tahun 2025 sebesar Rp1,2 triliun.",
        "Pajak yang disetor mencapai Rp 12 miliar.",
        "Harga nikel naik menjadi US$ 18.000 per ton.",
        "Ekonomi tumbuh 5,2 persen pada 2024.",
        "Hubungi 0812-3456-7890 atau datang pada 2025.",
        "Nilai ekspor mencapai US$3 miliar.",
        "Sebanyak 300 orang berunjuk rasa di depan kantor bupati.",
        "Ekspor bijih mencapai 2 juta ton.",
    ],
)
def test_revenue_budgets_taxes_prices_percentages_years_and_phones_are_no_facts(
    text,
):
    assert extract_facts(text) == []


def test_a_figure_written_twice_is_one_fact():
    found = extract_facts(
        "Investasi Rp160 triliun akan masuk. Menurut bupati, investasi Rp 160 "
        "triliun itu dimulai tahun depan."
    )
    assert [(f.kind, f.value) for f in found] == [
        ("investment", Decimal("160000000000000"))
    ]


def test_a_list_of_investments_shares_the_cue_of_its_start():
    found = extract_facts(
        "Untuk nilai investasi, lanjut dia, perusahaan pertama sebanyak 40 juta "
        "dolar Amerika, perusahaan kedua 1,6 juta dolar Amerika, perusahaan ketiga "
        "4,5 juta dolar Amerika dan perusahaan keempat sebanyak 3,2 juta dolar Amerika."
    )
    assert [f.value for f in found] == [
        Decimal("40000000"),
        Decimal("1600000"),
        Decimal("4500000"),
        Decimal("3200000"),
    ]


def test_foreign_workers_are_no_jobs_made():
    text = "Jumlah tenaga kerja asing (TKA) dari China 127 pekerja, Korea 56 pekerja."
    assert extract_facts(text) == []


def test_a_regions_production_is_no_capacity_a_plants_is():
    assert extract_facts("Estimasi produksi kopi mencapai 70 ribu ton per tahun.") == []
    found = extract_facts("Pabrik itu memproduksi 70 ribu ton per tahun.")
    assert [(f.kind, f.value, f.unit) for f in found] == [
        ("capacity", Decimal("70000"), "ton/tahun")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Ledakan tungku menewaskan sedikitnya 13 pekerja.",
        "Sebanyak 13 orang tewas dan 46 lainnya luka-luka.",
        "Izin lokasi kawasan industri maksimal seluas 400 hektare.",
        "Kita punya 4 juta ton ikan, potensinya besar bagi pabrik pengolahan.",
    ],
)
def test_victims_limits_and_potentials_are_no_facts(text):
    assert extract_facts(text) == []


def test_a_hiring_verb_outweighs_a_cue_against_jobs():
    found = extract_facts("Pabrik itu menyerap 2.000 tenaga kerja, bukan tenaga asing.")
    assert [(f.kind, f.value) for f in found] == [("jobs", Decimal("2000"))]


def test_a_cue_at_the_end_of_the_sentence_before_counts():
    found = extract_facts(
        "Investasi akan ditanam bertahap. Tahap pertama Rp50 triliun, tahap kedua "
        "kurang lebih Rp160 triliun."
    )
    assert [f.value for f in found] == [
        Decimal("50000000000000"),
        Decimal("160000000000000"),
    ]


def test_a_regency_is_the_facts_region_rather_than_the_city_it_was_said_in():
    found = extract_facts(
        "Gubernur di Kota Medan mengatakan kawasan di Kabupaten Simalungun itu "
        "seluas 2.002,7 hektare."
    )
    assert [(f.value, f.region) for f in found] == [(Decimal("2002.7"), "12.08")]


# Issue 31, read from dev misses (invented sentences).
@pytest.mark.parametrize(
    "text",
    [
        "Perusahaan telah menandatangani MOU dengan PLN untuk daya sebanyak 90 MW.",
        "Kebutuhan listrik kawasan itu mencapai 75 megawatt.",
        "Kawasan itu mendapat pasokan gas 40 MMSCFD dari Pertamina.",
    ],
)
def test_power_supplied_or_needed_is_no_capacity(text):
    assert extract_facts(text) == []


def test_power_supplied_to_a_named_plant_is_its_capacity():
    found = extract_facts("PLN memasok listrik dari PLTU berkapasitas 2x50 MW itu.")
    assert [(f.kind, f.value, f.unit) for f in found] == [
        ("capacity", Decimal("100"), "MW")
    ]


def test_vehicles_a_year_of_a_plant_are_a_capacity_its_sales_are_not():
    found = extract_facts(
        "Pabrik itu memiliki kapasitas produksi 7.500 kendaraan niaga per tahun."
    )
    assert [(f.kind, f.value, f.unit) for f in found] == [
        ("capacity", Decimal("7500"), "kendaraan/tahun")
    ]
    assert extract_facts("Penjualan mobil mencapai 7.500 unit per tahun.") == []
    assert extract_facts("Pabrik itu memiliki 7.500 kendaraan operasional.") == []


def test_workers_counted_at_work_are_no_jobs_a_workforce_is():
    assert extract_facts("Sedikitnya 12 pekerja mengelas dinding tungku.") == []
    found = extract_facts("Pabrik itu merekrut 1.200 pekerja dari desa sekitar.")
    assert [(f.kind, f.value) for f in found] == [("jobs", Decimal("1200"))]
    found = extract_facts("Sebanyak 640 karyawan bekerja di pabrik itu.")
    assert [(f.kind, f.value) for f in found] == [("jobs", Decimal("640"))]


def test_jobs_written_after_their_noun():
    found = extract_facts("Proyek itu menyerap tenaga kerja kurang lebih 7.000.")
    assert [(f.kind, f.value) for f in found] == [("jobs", Decimal("7000"))]
    # A figure with a unit of its own is read by that unit.
    assert extract_facts("Upah tenaga kerja mencapai 30 persen biaya.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Pabrik itu membutuhkan bahan baku 3 juta ton per tahun.",
        "Kapal berbobot 8.000 DWT bersandar di dermaga pabrik.",
        "Smelter itu mendapat kuota RKAB 2 juta ton bijih nikel.",
        "Penerimaan CPNS tahun ini 4.000 orang, peserta tes 9.000 orang pekerja.",
        "Pabrik itu dikunjungi 3.000 orang wisatawan dan pekerja.",
    ],
)
def test_needs_ships_quotas_and_people_who_are_not_employed_are_no_facts(text):
    assert extract_facts(text) == []


def test_a_word_of_capacity_nearer_than_a_need_keeps_the_capacity():
    found = extract_facts(
        "Pasokan itu untuk memenuhi kebutuhan smelter yang berkapasitas 500.000 ton."
    )
    assert [(f.kind, f.value) for f in found] == [("capacity", Decimal("500000"))]


@pytest.mark.parametrize(
    "text",
    [
        "Pabrik semen itu mengapalkan 400 ribu ton klinker ke Australia.",
        "Pabrik pakan itu menargetkan serapan jagung petani 90 ribu ton.",
    ],
)
def test_shipments_and_purchases_of_a_plant_are_no_capacity(text):
    assert extract_facts(text) == []


def test_a_period_written_with_a_hyphen():
    found = extract_facts("Kapasitas pabrik itu 300 ton per-hari.")
    assert [(f.value, f.unit) for f in found] == [(Decimal("300"), "ton/hari")]


def test_shares_and_trainees_are_no_jobs_a_hiring_verb_nearer_is():
    assert extract_facts("Dengan komposisi 40 tenaga kerja lokal.") == []
    assert extract_facts("Balai itu melatih 300 tenaga kerja.") == []
    found = extract_facts("PT Baja memperkerjakan 900 tenaga kerja, bukan asing.")
    assert [(f.kind, f.value) for f in found] == [("jobs", Decimal("900"))]


def test_pada_is_no_regional_revenue_and_budi_daya_is_no_power():
    found = extract_facts("Nilai investasinya pada tahap pertama Rp5 triliun.")
    assert [(f.kind, f.value) for f in found] == [
        ("investment", Decimal("5000000000000"))
    ]
    assert extract_facts("Produksi udang budi daya di provinsi itu 21.000 ton.") == []


def test_shipments_demand_and_cuts_are_no_capacity():
    text = (
        "PT Tembaga melepas ekspor perdana dari smelter miliknya. Sebanyak 9.000 "
        "ton katoda senilai Rp1,8 triliun dikapalkan melalui Pelabuhan Benete.\n\n"
        "Kapasitasnya 45 MMSCFD, sementara permintaan awal dari 23 pabrik tenant "
        "baru sekitar 18 MMSCFD.\n\n"
        "Produksi katoda tahun ini berkurang sekitar 35.000 ton."
    )
    found = [(f.kind, f.value) for f in extract_facts(text) if f.kind == "capacity"]
    assert found == [("capacity", Decimal("45"))]


@pytest.mark.parametrize(
    "written, value",
    [("empat", 4), ("dua puluh lima", 25), ("tiga belas", 13), ("seratus", 100)],
)
def test_numbers_written_in_words_are_read(written, value):
    assert scaled(written, "ribu") == Decimal(value * 1000)


def test_numbers_in_words_are_figures_before_a_scale_or_hectares():
    found = facts(
        "PT Kaca Lestari akan mempekerjakan enam ribu tenaga kerja. Pabriknya "
        "berkapasitas satu juta ton per tahun di atas lahan seluas tiga hektare."
    )
    assert set(found) == {
        ("jobs", Decimal("6000"), ""),
        ("capacity", Decimal("1000000"), "ton/tahun"),
        ("land", Decimal("3"), "ha"),
    }
    # Alone, a number in words counts plants or lines as often as anything.
    assert extract_facts("Ada tiga pabrik baru dengan lima pekerja.") == []
    found = extract_facts("Kapasitas dermaga itu lima sampai 12 ribu DWT.")
    assert [(f.value, f.unit) for f in found] == [(Decimal("12000"), "DWT")]


def test_units_multiplied_with_kali_and_units_written_in_full():
    found = facts(
        "Smelter itu didukung PLTU 3 kali 35 megawatt dan pembangkit tenaga surya "
        'berkapasitas 60 mega watt. Kapasitas dermaganya 40 ribu "Deadweight '
        'Tonnage" (DWT).'
    )
    assert set(found) == {
        ("capacity", Decimal("105"), "MW"),
        ("capacity", Decimal("60"), "MW"),
        ("capacity", Decimal("40000"), "DWT"),
    }


def test_a_power_station_named_after_a_need_meets_it():
    found = extract_facts(
        "Listrik bagi kebutuhan pabrik itu datang dari PLTU baru sebesar 2 kali 30 "
        "megawatt."
    )
    assert [(f.kind, f.value) for f in found] == [("capacity", Decimal("60"))]


def test_a_rating_right_before_the_figure_is_a_capacity_whoever_supplies():
    found = extract_facts("Proyek milik PLN berkapasitas 135 MW itu rampung tahun ini.")
    assert [(f.kind, f.value) for f in found] == [("capacity", Decimal("135"))]


def test_a_breakdown_lists_the_products_of_the_capacity_before_it():
    found = extract_facts(
        "Pabrik pemurnian itu berkapasitas 150 ribu ton katoda. Rinciannya 9 ton "
        "paladium, 30 ton perak dan 500 ribu ton gipsum."
    )
    assert [f.value for f in found] == [
        Decimal("150000"),
        Decimal("9"),
        Decimal("30"),
        Decimal("500000"),
    ]
    # A breakdown of tonnes after no capacity is none.
    text = "Ekspor bijih tahun lalu turun. Rinciannya 12 ton emas dan 40 ton perak."
    assert extract_facts(text) == []


def test_the_floor_area_of_buildings_is_no_land():
    found = extract_facts(
        "Pabrik itu memakai lahan 9,5 hektar dengan 14 hektar luasan bangunan. "
        "Gedung seluas 2 hektare disiapkan di lahan 6 hektare untuk bangunan kantor."
    )
    assert [(f.kind, f.value) for f in found] == [
        ("land", Decimal("9.5")),
        ("land", Decimal("6")),
    ]


def test_a_count_of_people_with_its_classifier_or_lebih():
    found = extract_facts("Kawasan itu kini punya 3.017 jiwa tenaga kerja.")
    assert [(f.kind, f.value) for f in found] == [("jobs", Decimal("3017"))]
    found = extract_facts("Bendungan itu butuh 80 ribu lebih tenaga kerja.")
    assert [(f.kind, f.value) for f in found] == [("jobs", Decimal("80000"))]


def test_a_range_of_money_with_its_sign_written_twice_counts_its_first_figure():
    found = extract_facts("Smelter itu bernilai investasi Rp2,5 hingga Rp3 triliun.")
    assert [f.value for f in found] == [Decimal("2500000000000")]


@pytest.mark.parametrize(
    "text",
    [
        "Ekspor feronikel dari smelter itu mencapai 500 ribu ton.",
        "Pengiriman katoda dari pabrik itu tahun lalu 80 ribu ton.",
        "Produksi smelter itu sepanjang 2023 mencapai 70 ribu ton nikel.",
        "Realisasi produksi pabrik semen itu 1,2 juta ton.",
    ],
)
def test_a_plants_exports_and_past_output_are_no_capacity(text):
    assert extract_facts(text) == []


def test_a_capacity_before_a_word_of_trade_stays_a_capacity():
    found = extract_facts(
        "Pabrik itu memproduksi 70 ribu ton per tahun, sebagian untuk ekspor. "
        "Smelter berkapasitas 1 juta ton itu mulai ekspor."
    )
    assert [f.value for f in found] == [Decimal("70000"), Decimal("1000000")]


@pytest.mark.parametrize(
    "text",
    [
        "Jumlah penduduk desa di sekitar pabrik 3.000 orang, sebagian pekerja.",
        "Koperasi itu beranggotakan 400 orang pekerja tambak.",
        "Kepala Dinas Tenaga Kerja Ruslan mencatat 1.500 orang mendaftar.",
        "Ketua Serikat Pekerja Sumarno mengatakan 300 orang hadir.",
    ],
)
def test_residents_members_and_offices_names_are_no_jobs(text):
    assert extract_facts(text) == []


def test_a_workforce_among_residents_involved_or_needed_is_jobs():
    found = extract_facts(
        "Proyek itu melibatkan 2.000 pekerja konstruksi. Tahap kedua membutuhkan "
        "3.000 pekerja. Jumlah penduduk desa yang bekerja di pabrik 380 tenaga kerja."
    )
    assert [(f.kind, f.value) for f in found] == [
        ("jobs", Decimal("2000")),
        ("jobs", Decimal("3000")),
        ("jobs", Decimal("380")),
    ]


def test_a_unit_in_capitals_run_into_the_next_word_and_rupiah_with_a_dot():
    found = facts(
        "Jika dibangun, PLTA itu menghasilkan 4.500 MWlistrik. Proyek itu bernilai "
        "Rp.2,3 triliun; gudang 5 tonase."
    )
    assert set(found) == {
        ("capacity", Decimal("4500"), "MW"),
        ("investment", Decimal("2300000000000"), "IDR"),
    }


def test_a_regions_own_area_is_no_land_a_companys_is():
    assert (
        extract_facts(
            "Luas wilayah Kabupaten Pulau Sembilan Raya mencapai 86.700 hektare."
        )
        == []
    )
    found = extract_facts("Kebun perusahaan itu punya luas wilayah 20 ribu hektar.")
    assert [(f.kind, f.value) for f in found] == [("land", Decimal("20000"))]


def test_kilowatts_peak_of_a_solar_roof():
    found = extract_facts("PLTS atap berkapasitas 500 kWp dipasang di pabrik itu.")
    assert [(f.kind, f.value, f.unit) for f in found] == [
        ("capacity", Decimal("500"), "kW")
    ]


def test_goods_a_period_of_a_plant_are_a_capacity_their_sales_are_not():
    found = facts(
        "Pabrik sepatu itu berkapasitas 12 juta pasang sepatu per tahun, pabrik "
        "bannya memproduksi 20 ribu ban per hari dan kilang metanolnya 660 KTPA."
    )
    assert set(found) == {
        ("capacity", Decimal("12000000"), "pasang/tahun"),
        ("capacity", Decimal("20000"), "ban/hari"),
        ("capacity", Decimal("660000"), "ton/tahun"),
    }
    assert extract_facts("Penjualan sepatu mencapai 2 juta pasang per tahun.") == []
