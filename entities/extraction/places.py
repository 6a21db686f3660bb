"""Regions: where an article is, as official codes (Kemendagri for Indonesia,
ISO 3166 abroad).

Rules (each proposal records which fired):

- ``places.gazetteer``: a province, regency or city named as written in the
  gazetteer, compared ignoring spaces and hyphens ("Fak Fak" = "Fakfak",
  "Batubara" = "Batu Bara"); a hyphenated pair ("Balikpapan-Samarinda") is two
  places; a bare name shared by a city and a regency means the one the text
  names explicitly elsewhere, else the city.
- ``places.abbreviation``: a local abbreviation of a regency ("KSB", "Kukar").
- ``places.district`` / ``places.village``: "Kecamatan X", "Distrik X", "Desa
  X", "Kelurahan X", or an estate or port named after one ("Pelabuhan X",
  "Kawasan Industri X"), mapped to its regency: a district when its name is
  unique or agrees with a region found, a village only when it agrees.
- ``places.estate``: a special economic zone ("KEK Sorong", "Galang Batang")
  names the regency it lies in (``data/special_economic_zones.tsv``), which
  may not be the place its name names.
- ``places.dateline``: the dateline's place.
- ``places.province_of``: the province of every regency or city found.

A place name inside an organisation's name (``skip`` spans: "PT Semen Tuban")
is not a mention of the place.
"""

import bisect
import csv
import functools
import gzip
import itertools
import re

from .. import gazetteer
from ..kinds import PLACE, REGION
from . import lexicon
from .place_context import (
    REGENCY_CODE,
    common_words,
    inside_a_place,
    inside_a_unit,
    named_for,
    part_of_a_name,
)
from .proposals import Proposal
from .tokens import is_capitalised, tokenize

DISTRICT_PREFIXES = {"Kecamatan", "Distrik", "Kec."}
VILLAGE_PREFIXES = {"Desa", "Kelurahan", "Kampung", "Nagari", "Gampong"}
SITE_PREFIXES = {"Pelabuhan", "Bandara", "Bandar"}
ESTATE_PREFIXES = ("Kawasan Industri", "Kawasan Ekonomi Khusus", "KEK")
MAX_WORDS = 5
ADMINISTRATIVE = {"Kabupaten", "Kota", "Provinsi", "Kecamatan", "Desa", "Kelurahan"}


@functools.lru_cache(maxsize=65536)
def key(form: str) -> str:
    """A place name as compared: lower case, without spaces and hyphens."""
    return re.sub(r"[\s\-.’']+", "", form).lower()


@functools.cache
def surface_index() -> dict[str, list[tuple[str, str, str]]]:
    """{key: [(code, form, rule)]} for every way a region is named."""
    index: dict[str, list] = {}
    for form, codes in gazetteer.surface_forms().items():
        for code in codes:
            index.setdefault(key(form), []).append((code, form, "places.gazetteer"))
    by_name = {p.name.lower(): p.code for p in gazetteer.places().values()}
    for abbreviation, name in lexicon.REGENCY_ABBREVIATIONS.items():
        code = by_name.get(name.lower())
        if code:
            index.setdefault(key(abbreviation), []).append(
                (code, abbreviation, "places.abbreviation")
            )
    for zone, name in lexicon.SPECIAL_ECONOMIC_ZONES.items():
        code = by_name.get(name.lower())
        if not code:
            continue
        forms = [f"{prefix} {zone}" for prefix in ("KEK", "Kawasan Ekonomi Khusus")]
        if " " in zone and key(zone) not in index:
            forms.append(zone)
        for form in forms:
            index.setdefault(key(form), []).append((code, form, "places.estate"))
    return index


def _load_units(filename, parent_column):
    path = gazetteer.DATA_DIR / filename
    opener = gzip.open if filename.endswith(".gz") else open
    index: dict[str, list[str]] = {}
    with opener(path, "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            index.setdefault(key(row["name"]), []).append(row[parent_column][:5])
    return index


@functools.cache
def districts() -> dict[str, list[str]]:
    """{district key: [regency codes]} (Kemendagri districts)."""
    return _load_units("districts.csv", "regency_code")


@functools.cache
def villages() -> dict[str, list[str]]:
    """{village key: [regency codes]} (Kemendagri villages; loaded when a text
    names a village)."""
    return _load_units("villages.csv.gz", "district_code")


def _resolve(form, codes_rules, explicit):
    """Choose among the codes a form may mean."""
    codes = []
    for code, _form, _rule in codes_rules:
        if code not in codes:
            codes.append(code)
    if len(codes) == 1:
        return codes[0], 0.95
    places = gazetteer.places()
    candidates = [places[c] for c in codes if c in places]
    for place in candidates:
        if place.code in explicit:
            return place.code, 0.9
    resolved = gazetteer.resolve(form)
    if resolved:
        return resolved[0].code, resolved[1]
    return codes[0], 0.6


class _Spans:
    """Character spans (organisation names), asked whether one holds a given
    span in log time: sorted by start, with the furthest end so far."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [s for s, _e in spans]
        self.reach = list(itertools.accumulate((e for _s, e in spans), max))

    def hold(self, start, end) -> bool:
        before = bisect.bisect_right(self.starts, start)
        return before > 0 and self.reach[before - 1] >= end


def _inside(start, end, spans):
    if not isinstance(spans, _Spans):
        spans = _Spans(spans)
    return spans.hold(start, end)


def find(text: str, *, skip=(), dateline: str = "") -> list[Proposal]:
    """Region (and place) proposals for ``text``; ``skip`` holds character spans
    (organisation names) where a place name is not a mention."""
    index = surface_index()
    tokens = tokenize(text)
    skip = _Spans(skip)
    found = []  # (surface, entries, start, end, how)
    capital = [is_capitalised(t.text) for t in tokens]
    i = 0
    while i < len(tokens):
        best = None
        # The longest window of capitalised words ("dan" inside) from here.
        reach = 0
        while (
            i + reach < len(tokens)
            and reach < MAX_WORDS
            and (capital[i + reach] or (reach and tokens[i + reach].text == "dan"))
        ):
            reach += 1
        while reach and not capital[i + reach - 1]:
            reach -= 1
        for n in range(reach, 0, -1):
            window = tokens[i : i + n]
            surface = text[window[0].start : window[-1].end]
            entries = index.get(key(surface))
            if not entries:
                continue
            if any(
                form.isupper() and surface != form for _code, form, _r in entries
            ) and not any(form == surface for _c, form, _r in entries):
                continue
            best = (n, surface, entries)
            break
        if best is None:
            # "Balikpapan-Samarinda": a hyphenated pair of places.
            token = tokens[i]
            parts = token.text.split("-")
            # "Swiss-bel", "se-Papua": a brand, "all of"; no pair of places.
            if "-" in token.text.strip("-") and all(
                is_capitalised(part) for part in parts if part
            ):
                position = token.start
                for n_part, part in enumerate(token.text.split("-")):
                    entries = index.get(key(part)) if is_capitalised(part) else None
                    if n_part == 0 and entries and inside_a_place(tokens, i, part):
                        entries = None  # "Kepulauan Riau-Galang": not Riau
                    if entries and not _common_word(part):
                        found.append(
                            (part, entries, position, position + len(part), "pair")
                        )
                    position += len(part) + 1
            i += 1
            continue
        n, surface, entries = best
        start, end = tokens[i].start, tokens[i + n - 1].end
        if (
            not part_of_a_name(tokens, i)
            and not inside_a_unit(tokens, i, surface)
            and not named_for(tokens, i, n)
        ):
            how = "common" if _common_word(surface) else ""
            found.append((surface, entries, start, end, how))
        i += n
    found = common_words(text, found, tokens)
    # An explicit "Kota X" / "Kabupaten X" decides what a bare "X" means.
    explicit = set()
    for surface, entries, start, end, _how in found:
        if _inside(start, end, skip):
            continue
        if surface.startswith(("Kota ", "Kabupaten ", "Kab. ", "Kab ")):
            explicit.update(code for code, _f, _r in entries)
    proposals = []
    for surface, entries, start, end, how in found:
        if _inside(start, end, skip):
            continue
        code, confidence = _resolve(surface, entries, explicit)
        rule = entries[0][2]
        if how == "pair":
            rule = "places.hyphen_pair"
        evidence = text[max(0, start - 60) : end + 60].strip()
        proposals.append((code, confidence, evidence, rule))
    codes_found = {p[0] for p in proposals}
    proposals.extend(_units(text, tokens, codes_found, skip))
    if dateline:
        entries = index.get(key(dateline)) or index.get(key(dateline.title()))
        if entries:
            code, confidence = _resolve(dateline.title(), entries, explicit)
            proposals.append((code, confidence, dateline, "places.dateline"))
    # A regency or city is in its province: the province is proposed too.
    codes = {p[0] for p in proposals}
    for code, confidence, evidence, _rule in list(proposals):
        province = code.split(".")[0]
        if REGENCY_CODE.match(code) and province not in codes:
            codes.add(province)
            proposals.append((province, confidence, evidence, "places.province_of"))
    return list(_as_proposals(proposals))


def _common_word(surface: str) -> bool:
    return (
        surface in lexicon.COMMON_WORD_PLACES
        or surface.title() in lexicon.COMMON_WORD_PLACES
    )


def _agrees(code, found):
    return any(code == f or code[:2] == f or f[:2] == code[:2] for f in found)


def _units(text, tokens, found, skip):
    """Districts, villages, estates and ports named with their prefix."""
    result = []
    for i, token in enumerate(tokens):
        prefix = token.text
        j = i + 1
        if (
            prefix == "Kawasan"
            and i + 1 < len(tokens)
            and tokens[i + 1].text
            in {
                "Industri",
                "Ekonomi",
            }
        ):
            j = i + 2 if tokens[i + 1].text == "Industri" else i + 3
            prefix = "Kawasan Industri"
        elif prefix not in DISTRICT_PREFIXES | VILLAGE_PREFIXES | SITE_PREFIXES:
            continue
        words = []
        while (
            j < len(tokens)
            and is_capitalised(tokens[j].text)
            and tokens[j].text not in ADMINISTRATIVE
            and len(words) < 4
        ):
            words.append(tokens[j])
            j += 1
        if not words or _inside(token.start, words[-1].end, skip):
            continue
        # The whole name only: "Krueng" is not "Krueng Geukueh".
        for n in (len(words),):
            name = text[words[0].start : words[n - 1].end]
            unit_key = key(name)
            if prefix in DISTRICT_PREFIXES:
                codes = districts().get(unit_key, [])
                rule = "places.district"
            else:
                codes = districts().get(unit_key, []) + villages().get(unit_key, [])
                rule = "places.village"
            codes = sorted(set(codes))
            if not codes or surface_index().get(unit_key):
                continue
            agreeing = sorted({c for c in codes if c in found})
            if not agreeing:
                agreeing = sorted({c for c in codes if _agrees(c, found)})
            if len(agreeing) == 1:
                chosen, confidence = agreeing[0], 0.8
            elif prefix in DISTRICT_PREFIXES and len(codes) == 1:
                chosen, confidence = codes[0], 0.7
            else:
                break
            evidence = text[max(0, token.start - 40) : words[n - 1].end + 40].strip()
            result.append((chosen, confidence, evidence, rule))
            break
    return result


def _as_proposals(found):
    places = gazetteer.places()
    for code, confidence, evidence, rule in found:
        place = places.get(code)
        if place is None:
            continue
        kind = PLACE if place.is_home else REGION
        yield Proposal(
            kind=kind,
            name=place.name,
            evidence=evidence,
            confidence=confidence,
            code=place.code,
            aliases=set(place.other_names),
            rule=rule,
        )
        # A region the text names is also a place it mentions; a province
        # only implied by its regency is a region to file under, not a mention.
        if kind == REGION and rule != "places.province_of":
            yield Proposal(
                kind=PLACE,
                name=re.sub(r"^Kota Administrasi ", "Kota ", place.name),
                evidence=evidence,
                confidence=confidence,
                code=place.code,
                rule=rule,
            )


def leading_region(rest: str) -> tuple[str, str] | None:
    """The place named at the start of ``rest`` ("Kota Cilegon", "NTB", "Kukar"):
    ``(surface, code)``, or None."""
    rest = rest.strip().lstrip(")").strip()
    tokens = tokenize(rest[:80])
    index = surface_index()
    for n in range(min(MAX_WORDS, len(tokens)), 0, -1):
        window = tokens[:n]
        if not all(is_capitalised(t.text) or t.text == "dan" for t in window):
            continue
        surface = rest[window[0].start : window[-1].end]
        entries = index.get(key(surface))
        if entries and surface not in lexicon.COMMON_WORD_PLACES:
            if any(f.isupper() for _c, f, _r in entries) and not any(
                f == surface for _c, f, _r in entries
            ):
                continue
            code, _confidence = _resolve(surface, entries, set())
            return surface, code
    return None


def region_name(code: str, *, government=False) -> str:
    """How an organisation's name spells its region: "Kabupaten Morowali",
    "Kota Cilegon", "Sulawesi Tengah" (a government body: "Provinsi …")."""
    place = gazetteer.places()[code]
    name = re.sub(r"^Kota Administrasi ", "Kota ", place.name)
    if place.kind == "province" and government:
        return f"Provinsi {name}"
    return name
