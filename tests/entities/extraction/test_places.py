"""Region rules: what each catches and what it must not. Invented sentences."""

import pytest

from entities.kinds import REGION


@pytest.mark.parametrize(
    "text, code, rule",
    [
        ("Pabrik pupuk di Fak Fak mulai dibangun.", "92.03", "places.gazetteer"),
        ("Pabrik pupuk di Fakfak mulai dibangun.", "92.03", "places.gazetteer"),
        ("Bupati Batubara meninjau lokasi.", "12.19", "places.gazetteer"),
        ("Jalan tol Balikpapan-Samarinda padat.", "64.72", "places.hyphen_pair"),
        ("Jalan tol Balikpapan-Samarinda padat.", "64.71", "places.hyphen_pair"),
        ("Smelter tembaga di KSB berproduksi.", "52.07", "places.abbreviation"),
        ("Pemkab Kukar menyiapkan lahan.", "64.02", "places.abbreviation"),
        # districts with their prefix
        ("Pabrik itu berdiri di Kecamatan Bahodopi.", "72.06", "places.district"),
        # a village only when its regency agrees
        (
            "Smelter di Desa Benete, Sumbawa Barat, beroperasi.",
            "52.07",
            None,
        ),
        ("Pengalengan ikan di Osaka dan Busan.", "JP-27", None),
        # a place that is also a common word, where the text uses it as a place
        ("Kayu dibeli dari pengepul di Kudus dan Pati.", "33.18", None),
        ("Bupati Batu Bara meninjau pabrik.", "12.19", None),
        # a port named after a village, agreeing with the city found
        ("Kapal tertahan di Pelabuhan Tanjung Priok, Jakarta Utara.", "31.72", None),
    ],
)
def test_catches(extract, text, code, rule):
    regions = extract(text)[REGION]
    assert code in regions, regions
    if rule:
        assert regions[code].rule == rule


@pytest.mark.parametrize(
    "text, code",
    [
        # a place inside a company's name is not a mention
        ("Kalimantan Selatan membeli semen dari PT Semen Tuban Raya.", "35.23"),
        ("Investornya Mataram Leather Works.", "52.71"),
        # a village name alone, without agreement, maps to nothing
        ("Warga Desa Sukamaju menolak.", None),
        # a bare name means the regency the text names explicitly
        ("Kabupaten Bekasi menampung pabrik. Di Bekasi, buruh mogok.", "32.75"),
        # common words that are also place names
        ("Tanah itu keras seperti batu.", "35.79"),
        ("Harga tepung Pati naik di pasar.", "33.18"),
        ("Hilirisasi Batu Bara Butuh Pelabuhan", "12.19"),
        # a place name inside a district's name, the land of Papua
        ("Petani di Kecamatan Bandar Mataram mengeluh.", "52.71"),
        ("Pala dikenal di seluruh tanah Papua.", "91"),
        # a village alone does not map by its first word
        ("Kapal bersandar di Pelabuhan Krueng Baru, Aceh.", "11.07"),
    ],
)
def test_does_not_catch(extract, text, code):
    regions = extract(text)[REGION]
    if code is None:
        assert not any(c.count(".") == 1 for c in regions if c not in {"ID"}), regions
    else:
        assert code not in regions, regions
