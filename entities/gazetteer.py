"""Every Indonesian province and regency/city with its Kemendagri code, plus the
foreign places the desk writes about, and the names they go by in news text.

The Indonesian list is shipped in ``data/idn-area-data/`` (see PROVENANCE.md there,
ODbL); nothing is downloaded at run time.
"""

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent / "data" / "idn-area-data"
HOME_COUNTRY = ("ID", "Indonesia")

# Short forms of province names common in Indonesian news.
PROVINCE_SHORT_FORMS = {
    "11": ["NAD"],
    "12": ["Sumut"],
    "13": ["Sumbar"],
    "16": ["Sumsel"],
    "19": ["Babel", "Bangka Belitung"],
    "21": ["Kepri"],
    "31": ["DKI Jakarta", "DKI", "Jakarta", "Daerah Khusus Jakarta"],
    "32": ["Jabar"],
    "33": ["Jateng"],
    "34": ["DIY", "Yogyakarta", "DI Yogyakarta"],
    "35": ["Jatim"],
    "52": ["NTB"],
    "53": ["NTT"],
    "61": ["Kalbar"],
    "62": ["Kalteng"],
    "63": ["Kalsel"],
    "64": ["Kaltim"],
    "65": ["Kaltara"],
    "71": ["Sulut"],
    "72": ["Sulteng"],
    "73": ["Sulsel"],
    "74": ["Sultra"],
    "76": ["Sulbar"],
    "82": ["Malut"],
}

# Foreign countries (ISO 3166-1, Indonesian names) and the main industrial
# provinces and cities of Indonesia's large trading partners (ISO 3166-2; a city
# stands for its province or state), with the names they go by in Indonesian
# news: (code, name, parent code, other names). General knowledge.
FOREIGN_PLACES = [
    ("KR", "Korea Selatan", None, ["Korsel", "Korea"]),
    ("KR-31", "Ulsan", "KR", []),
    ("KR-11", "Seoul", "KR", []),
    ("KR-26", "Busan", "KR", []),
    ("KR-28", "Incheon", "KR", []),
    ("JP", "Jepang", None, []),
    ("JP-13", "Tokyo", "JP", []),
    ("JP-27", "Osaka", "JP", []),
    ("JP-23", "Nagoya", "JP", []),
    ("JP-14", "Yokohama", "JP", []),
    ("JP-28", "Kobe", "JP", []),
    ("CN", "Tiongkok", None, ["China", "Cina", "RRT"]),
    ("CN-SH", "Shanghai", "CN", []),
    ("CN-BJ", "Beijing", "CN", []),
    ("CN-GD", "Guangdong", "CN", ["Guangzhou", "Shenzhen"]),
    ("CN-ZJ", "Zhejiang", "CN", []),
    ("CN-FJ", "Fujian", "CN", []),
    ("CN-JS", "Jiangsu", "CN", []),
    ("CN-SD", "Shandong", "CN", []),
    ("CN-TJ", "Tianjin", "CN", []),
    ("HK", "Hong Kong", None, []),
    ("TW", "Taiwan", None, []),
    ("SG", "Singapura", None, []),
    ("MY", "Malaysia", None, []),
    ("MY-01", "Johor", "MY", []),
    ("MY-07", "Penang", "MY", ["Pulau Pinang"]),
    ("MY-12", "Sabah", "MY", []),
    ("MY-13", "Sarawak", "MY", []),
    ("MY-14", "Kuala Lumpur", "MY", []),
    ("TH", "Thailand", None, []),
    ("TH-10", "Bangkok", "TH", []),
    ("VN", "Vietnam", None, []),
    ("PH", "Filipina", None, []),
    ("KH", "Kamboja", None, []),
    ("LA", "Laos", None, []),
    ("MM", "Myanmar", None, []),
    ("BN", "Brunei Darussalam", None, ["Brunei"]),
    ("TL", "Timor Leste", None, ["Timor-Leste"]),
    ("PG", "Papua Nugini", None, []),
    ("IN", "India", None, []),
    ("IN-MH", "Mumbai", "IN", []),
    ("BD", "Bangladesh", None, []),
    ("PK", "Pakistan", None, []),
    ("LK", "Sri Lanka", None, []),
    ("AU", "Australia", None, []),
    ("AU-WA", "Australia Barat", "AU", ["Perth"]),
    ("AU-NSW", "New South Wales", "AU", ["Sydney"]),
    ("NZ", "Selandia Baru", None, []),
    ("US", "Amerika Serikat", None, []),
    ("CA", "Kanada", None, []),
    ("MX", "Meksiko", None, []),
    ("BR", "Brasil", None, []),
    ("DE", "Jerman", None, []),
    ("DE-HE", "Hessen", "DE", ["Frankfurt"]),
    ("DE-HH", "Hamburg", "DE", []),
    ("NL", "Belanda", None, []),
    ("NL-ZH", "Zuid-Holland", "NL", ["Rotterdam"]),
    ("BE", "Belgia", None, []),
    ("GB", "Inggris", None, ["Britania Raya"]),
    ("FR", "Prancis", None, ["Perancis"]),
    ("IT", "Italia", None, []),
    ("ES", "Spanyol", None, []),
    ("CH", "Swiss", None, []),
    ("SE", "Swedia", None, []),
    ("NO", "Norwegia", None, []),
    ("FI", "Finlandia", None, []),
    ("DK", "Denmark", None, []),
    ("PL", "Polandia", None, []),
    ("RU", "Rusia", None, []),
    ("UA", "Ukraina", None, []),
    ("TR", "Turki", None, []),
    ("SA", "Arab Saudi", None, []),
    ("AE", "Uni Emirat Arab", None, ["UEA"]),
    ("AE-DU", "Dubai", "AE", []),
    ("QA", "Qatar", None, []),
    ("KW", "Kuwait", None, []),
    ("IR", "Iran", None, []),
    ("EG", "Mesir", None, []),
    ("MA", "Maroko", None, []),
    ("ZA", "Afrika Selatan", None, []),
    ("NG", "Nigeria", None, []),
]


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    kind: str  # a Region.Kind value
    parent_code: str | None
    other_names: tuple = field(default=())

    @property
    def slug(self):
        return slugify(self.name)

    @property
    def is_home(self):
        return self.code == HOME_COUNTRY[0]


@functools.cache
def places() -> dict[str, Place]:
    """Return every known place by code (loaded once per process)."""
    home_code, home_name = HOME_COUNTRY
    result = {home_code: Place(home_code, home_name, "country", None)}
    with open(DATA_DIR / "provinces.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            result[row["code"]] = Place(
                row["code"],
                row["name"],
                "province",
                home_code,
                tuple(PROVINCE_SHORT_FORMS.get(row["code"], ())),
            )
    with open(DATA_DIR / "regencies.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["name"]
            kind = "city" if name.startswith("Kota ") else "regency"
            result[row["code"]] = Place(row["code"], name, kind, row["province_code"])
    for code, name, parent, others in FOREIGN_PLACES:
        kind = "country" if parent is None else "foreign"
        result[code] = Place(code, name, kind, parent, tuple(others))
    return result


def _bare_name(name):
    """Strip the prefix: 'Kota Administrasi Jakarta Pusat' -> 'Jakarta Pusat'."""
    return re.sub(r"^(Kabupaten|Kota)( Administrasi)? ", "", name)


@functools.cache
def surface_forms() -> dict[str, list[str]]:
    """Return {name as written: [codes]} for every way a place is named.

    A bare name shared by a city and a regency (Serang, Bima, Bandung) maps to
    both; ``resolve`` decides.
    """
    forms: dict[str, list[str]] = {}

    def add(form, code):
        codes = forms.setdefault(form, [])
        if code not in codes:
            codes.append(code)

    for place in places().values():
        add(place.name, place.code)
        for other in place.other_names:
            add(other, place.code)
        if place.kind == "province":
            add(f"Provinsi {place.name}", place.code)
        if place.kind in ("city", "regency"):
            bare = _bare_name(place.name)
            add(bare, place.code)
            prefix = "Kota" if place.kind == "city" else "Kabupaten"
            add(f"{prefix} {bare}", place.code)
            if place.kind == "regency":
                add(f"Kab. {bare}", place.code)
                add(f"Kab {bare}", place.code)
    return forms


def resolve(form: str) -> tuple[Place, float] | None:
    """Return the place a name most likely means, with a confidence.

    An explicit "Kota"/"Kabupaten" decides; a bare name shared by a city and a
    regency means the city (what a bare dateline or mention usually means), with
    lower confidence.
    """
    codes = surface_forms().get(form)
    if not codes:
        return None
    candidates = [places()[code] for code in codes]
    if len(candidates) == 1:
        return candidates[0], 0.95
    by_kind = {place.kind: place for place in candidates}
    chosen = by_kind.get("province") or by_kind.get("city") or candidates[0]
    return chosen, 0.7


def ancestry(code: str) -> list[Place]:
    """Return the chain of places from the root down to ``code``."""
    chain, current = [], places().get(code)
    while current is not None:
        chain.append(current)
        current = places().get(current.parent_code) if current.parent_code else None
    return list(reversed(chain))


@functools.cache
def pattern() -> re.Pattern:
    """One regex matching every surface form as a whole word, longest first."""
    forms = sorted(surface_forms(), key=len, reverse=True)
    alternation = "|".join(re.escape(form) for form in forms)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")
