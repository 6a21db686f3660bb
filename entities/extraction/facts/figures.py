"""The figures a fact can be: money, capacity, people employed, land. One
pattern each, read over the whole text once (``finditer``); what the figure
means is decided from the words around it (``cues``), in ``extractor``.
"""

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from .numbers import NUMBER, RANGE, SCALE, WORDS, number, scaled

INVESTMENT = "investment"
CAPACITY = "capacity"
JOBS = "jobs"
LAND = "land"
KINDS = (INVESTMENT, CAPACITY, JOBS, LAND)

_CURRENCY_SIGNS = {
    "rp": "IDR",
    "idr": "IDR",
    "us$": "USD",
    "usd": "USD",
    "$": "USD",
    "s$": "SGD",
    "sgd": "SGD",
    "rmb": "CNY",
    "cny": "CNY",
    "€": "EUR",
    "eur": "EUR",
    "¥": "JPY",
}
_CURRENCY_WORDS = {
    "rupiah": "IDR",
    "dolar singapura": "SGD",
    "dolar australia": "AUD",
    "dolar hong kong": "HKD",
    "dolar": "USD",
    "dollar": "USD",
    "usd": "USD",
    "yuan": "CNY",
    "yen": "JPY",
    "euro": "EUR",
    "ringgit": "MYR",
    "won": "KRW",
}
# Money below these is a price or a wage, never an investment.
SMALLEST = {"IDR": Decimal(10**8)}
SMALLEST_FOREIGN = Decimal(10**5)

MONEY = re.compile(
    r"(?:(?P<sign>Rp\.?|IDR|US\s?\$|USD|S\$|SGD|RMB|CNY|€|EUR|¥)\s?"
    rf"(?P<num>{NUMBER})(?:-an)?{RANGE}(?:\s?(?P<scale>{SCALE}|[MT]\b))?"
    rf"|(?P<num2>{NUMBER})(?:-an)?{RANGE}\s?(?P<scale2>{SCALE})\s?"
    r"(?P<word>rupiah|dol+ar(?:\s(?:Singapura|Australia|Hong\sKong))?|USD|yuan|yen"
    r"|euro|ringgit|won)\b)",
    re.IGNORECASE,
)
_UNITS = (
    r"metri[ck]\s?ton|ton|MTPA|KTPA|TPA|MW|MWp|mega\s?watt|GW|giga\s?watt|kWp|kW|barel"
    r"|barrel|bph|bopd|DWT|dead\s?weight\s?tonnage|TEU|kiloliter|KL|MMSCFD"
)
CAPACITY_PATTERN = re.compile(
    # "2x65 MW", "3 kali 35 megawatt", "dua kali 600 MW": units of a plant.
    rf"(?:(?P<times>\d{{1,2}}|{WORDS})\s?(?:[x×]|kali\b)\s?)?"
    rf"(?P<num>{NUMBER}){RANGE}"
    # A unit may be written in full and quoted: '40 ribu "Deadweight Tonnage"'.
    rf"\s?(?P<scale>{SCALE})?\s?[\"“]?(?P<unit>{_UNITS})"
    # "4.500 MWlistrik": a unit in capitals run into the next word.
    r"(?:\b|(?-i:(?<=[MG]W))(?=[a-z]))"
    # "2 juta ton metanol per tahun", "60 ton olah TBS perjam": up to five
    # words of product between the unit and its period.
    r"(?:(?P<product>(?:\s\(?[^\W\d]++\)?){0,5}?)\s?(?:per[\s-]?|/\s?)(?P<period>tahun|hari|jam|bulan)\b)?",
    re.IGNORECASE,
)
# "5.000 kendaraan niaga per tahun", "250 ribu unit mobil per tahun", "12 juta
# pasang sepatu per tahun", "20 ribu ban per hari": a count of goods is a
# capacity only with its period (a fleet or sales without one is no capacity),
# and only near a word of capacity or a plant (``extractor``).
GOODS_PATTERN = re.compile(
    rf"(?P<num>{NUMBER}){RANGE}\s?(?P<scale>{SCALE})?\s?(?:unit\s)?"
    r"(?P<unit>kendaraan|mobil|sepeda\smotor|motor|unit|pasang|ban|lembar)\b"
    r"(?:\s[^\W\d]++){0,2}?\s?(?:per[\s-]?|/\s?)(?P<period>tahun|bulan|hari)\b",
    re.IGNORECASE,
)
_VEHICLES = {"kendaraan", "mobil", "sepeda motor", "motor", "unit"}
JOBS_PATTERN = re.compile(
    # "3.017 jiwa tenaga kerja": a classifier ("orang", "jiwa") before the noun.
    # "80 ribu lebih tenaga kerja": "lebih" (more than) after the figure.
    rf"(?P<num>{NUMBER})(?:-an)?\s?(?P<scale>{SCALE})?\s?(?:lebih\s)?"
    r"(?:(?:orang|jiwa)\s)?"
    r"(?P<noun>tenaga\skerja|pekerja|karyawan|buruh|pegawai|lowongan|lapangan\skerja"
    r"|lapangan\spekerjaan|orang)\b",
    re.IGNORECASE,
)
# "menyerap tenaga kerja kurang lebih 10.000.": the count after its noun, with
# a word of quantity between and nothing after the figure.
JOBS_AFTER_PATTERN = re.compile(
    r"(?P<noun>tenaga\skerja|pekerja|karyawan)(?:\s(?:lokal|baru|langsung))?"
    r"\s(?:sebanyak|sekitar|kurang\slebih|hingga|mencapai|lebih\sdari)\s"
    rf"(?P<num>{NUMBER})(?:-an)?(?:\s?(?P<scale>{SCALE}))?(?=\s?[.,;:\"”)]|\s*$)",
    re.IGNORECASE,
)
LAND_PATTERN = re.compile(
    # "seluas tiga hektare": a number in words right before its unit.
    rf"(?P<num>{NUMBER}|{WORDS}(?=\s(?:hektare|hektar|ha)\b))(?:-an)?{RANGE}"
    rf"\s?(?P<scale>{SCALE})?\s?"
    r"(?P<unit>hektare|hektar|ha)\b",
    re.IGNORECASE,
)


@dataclass
class Figure:
    """A figure as written, before its meaning is decided."""

    kind: str  # what it could be: investment, capacity, jobs or land
    value: Decimal
    unit: str  # capacity, land and jobs: the normalised unit
    currency: str  # money: ISO 4217
    surface: str
    start: int
    end: int
    # What the pattern itself says: "per tahun" after tonnes, a noun of
    # employment ("tenaga kerja") after a count of people.
    certain: bool = False


def money(text: str):
    for match in MONEY.finditer(text):
        if match["sign"]:
            sign = re.sub(r"\s|\.", "", match["sign"]).lower()
            currency = _CURRENCY_SIGNS.get(sign, "IDR")
            scale = match["scale"]
            if scale in ("M", "T"):
                scale = {"M": "miliar", "T": "triliun"}[scale]
            elif scale in ("m", "t"):
                scale = None
            value = scaled(match["num"], scale)
        else:
            word = " ".join(match["word"].lower().split()).replace("doll", "dol")
            currency = _CURRENCY_WORDS.get(word, _CURRENCY_WORDS.get(word[:5], "USD"))
            value = scaled(match["num2"], match["scale2"])
        if value is None or value < SMALLEST.get(currency, SMALLEST_FOREIGN):
            continue
        yield Figure(
            INVESTMENT,
            value,
            "",
            currency,
            match.group(0),
            match.start(),
            match.end(),
        )


def _capacity_unit(unit: str, period: str | None):
    """(normalised unit, factor): "MTPA" is a million tonnes a year, "GW" a
    thousand MW."""
    unit = "".join(unit.lower().split())
    factor = 1
    if unit in ("mtpa",):
        return "ton/tahun", 10**6
    if unit == "ktpa":
        return "ton/tahun", 10**3
    if unit == "tpa":
        return "ton/tahun", 1
    if unit in ("mw", "mwp", "megawatt"):
        return "MW", 1
    if unit in ("gw", "gigawatt"):
        return "MW", 1000
    if unit in ("kw", "kwp"):
        return "kW", 1
    if unit in ("barel", "barrel"):
        unit = "barel"
    elif unit in ("bph", "bopd"):
        return "barel/hari", 1
    elif unit.endswith("ton"):
        unit = "ton"
    elif unit == "deadweighttonnage":
        unit = "DWT"
    elif unit in ("dwt", "teu", "mmscfd"):
        unit = unit.upper()
    elif unit in ("kl", "kiloliter"):
        unit = "kiloliter"
    if period:
        unit = f"{unit}/{period.lower()}"
    return unit, factor


def capacity(text: str):
    for match in CAPACITY_PATTERN.finditer(text):
        value = scaled(match["num"], match["scale"])
        if value is None:
            continue
        unit, factor = _capacity_unit(match["unit"], match["period"])
        value *= factor
        if match["times"]:
            value *= number(match["times"])
        yield Figure(
            CAPACITY,
            value,
            unit,
            "",
            match.group(0),
            match.start(),
            match.end(),
            certain=unit in _CERTAIN_UNITS,
        )
    for match in GOODS_PATTERN.finditer(text):
        value = scaled(match["num"], match["scale"])
        if value is None or value != value.to_integral():
            continue
        goods = " ".join(match["unit"].lower().split())
        goods = "kendaraan" if goods in _VEHICLES else goods
        yield Figure(
            CAPACITY,
            value,
            f"{goods}/{match['period'].lower()}",
            "",
            match.group(0),
            match.start(),
            match.end(),
        )


_CERTAIN_UNITS = {"MW", "DWT", "barel/hari", "MMSCFD"}
# Nouns of employment that make a count jobs by themselves; "pekerja" and
# "buruh" also count people at work ("10 pekerja mengitari tungku"), and need
# a word of employment around them.
_CERTAIN_NOUNS = {"tenaga kerja", "karyawan", "pegawai", "lowongan"}


def jobs(text: str):
    # Counts before their noun, then counts written after it.
    for pattern in (JOBS_PATTERN, JOBS_AFTER_PATTERN):
        for match in pattern.finditer(text):
            value = scaled(match["num"], match["scale"])
            if value is None or value != value.to_integral():
                continue
            yield Figure(
                JOBS,
                value,
                "",
                "",
                match.group(0),
                match.start(),
                match.end(),
                certain=_certain_noun(match["noun"]),
            )


def _certain_noun(noun):
    noun = " ".join(noun.lower().split())
    return noun in _CERTAIN_NOUNS or noun.startswith("lapangan")


def land(text: str):
    for match in LAND_PATTERN.finditer(text):
        value = scaled(match["num"], match["scale"])
        if value is None:
            continue
        yield Figure(LAND, value, "ha", "", match.group(0), match.start(), match.end())


@functools.cache
def readers():
    return (money, capacity, jobs, land)
