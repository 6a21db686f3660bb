"""What the words around a place name say about it: inside a longer name
(a district's, a village's, a street's: "Kecamatan Bandar Mataram", "Galang
Batang", "Kepulauan Riau-Galang"), or a common word used as a place only
where the text treats it as one (``places`` uses these)."""

import bisect
import re

from . import lexicon
from .tokens import is_capitalised

UNIT_PREFIXES = {
    "Kecamatan", "Distrik", "Kec.", "Desa", "Kelurahan", "Kampung", "Nagari",
    "Gampong", "Dusun", "Jalan", "Jl.",
}  # fmt: skip


REGENCY_CODE = re.compile(r"^\d{2}\.\d{2}$")


def named_for(tokens, i, n) -> bool:
    """ "dolar Amerika Serikat", "orang asli Papua", "Tribun Palu", "RADAR
    PALEMBANG", "TANJUNGPINANG POS": the place ``tokens[i : i + n]`` names a
    currency, a people or an outlet, and is no mention of the place
    (``data/place_not_mentioned.tsv``)."""
    before = tokens[i - 1].text.lower() if i else ""
    after = tokens[i + n].text if i + n < len(tokens) else ""
    return (
        before in lexicon.PLACE_NOT_MENTIONED["before"]
        or after.lower() in lexicon.PLACE_NOT_MENTIONED["after"]
    )


def inside_a_unit(tokens, i, surface) -> bool:
    """ "Galang Batang": a regency's name ending a village's or district's
    name written just before it is no mention of the regency."""
    if not i or not is_capitalised(tokens[i - 1].text) or " " in surface:
        return False
    from . import places

    form = places.key(f"{tokens[i - 1].text} {surface}")
    return bool(places.districts().get(form) or places.villages().get(form))


def inside_a_place(tokens, i, part) -> bool:
    """Whether the word before ``tokens[i]`` and ``part`` name a place
    together ("Kepulauan Riau")."""
    if not i or not is_capitalised(tokens[i - 1].text):
        return False
    from . import places

    return bool(places.surface_index().get(places.key(f"{tokens[i - 1].text} {part}")))


def part_of_a_name(tokens, i):
    """ "Kecamatan Bandar Mataram", "Jalan Kudus Raya": a place name inside
    a district's, village's or street's name; "tanah Papua": the land."""
    if i and tokens[i - 1].text == "tanah":
        return True
    k = i - 1
    while k >= 0 and i - k <= 3 and is_capitalised(tokens[k].text):
        if tokens[k].text in UNIT_PREFIXES:
            return k < i - 1
        k -= 1
    return False


def common_words(text, found, tokens):
    """Keep a place that is also a common word ("Pati", "Batu Bara") only where
    the text uses it as a place: after a role, a local body or "Kabupaten", or
    listed with another place ("Kudus dan Pati")."""
    starts = {t.start: n for n, t in enumerate(tokens)}
    places_at = [(s, e) for _f, _en, s, e, how in found if how != "common"]
    place_starts = sorted(s for s, _e in places_at)
    place_ends = sorted(e for _s, e in places_at)

    def within(values, low, high):
        """Whether some value of the sorted ``values`` is in [low, high]."""
        i = bisect.bisect_left(values, low)
        return i < len(values) and values[i] <= high

    kept = []
    for surface, entries, start, end, how in found:
        if how == "common":
            n = starts.get(start, 0)
            before = tokens[n - 1].text if n else ""
            listed = re.search(
                r"(?:,|\bdan|\batau)\s*$", text[max(0, start - 6) : start]
            )
            # "PADANGPARIAMAN, METRO –": a dateline's outlet, not a list.
            outlet = re.match(r"[^\S\n]*[–—-]", text[end : end + 3])
            neighbour = listed and not outlet and within(place_ends, start - 8, start)
            after = re.match(r"\s*(?:,|dan\b|atau\b)\s*", text[end : end + 6])
            neighbour = neighbour or (after and within(place_starts, end, end + 8))
            if not (
                before in lexicon.ROLE_WORDS
                or before in lexicon.LOCAL_BODIES
                or before in {"Kabupaten", "Kota", "Kab.", "Pemkab", "Pemkot"}
                or neighbour
            ):
                continue
            how = ""
        kept.append((surface, entries, start, end, how))
    return kept
