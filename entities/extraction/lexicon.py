"""The extractor's vocabulary, read once from the files in ``data/``.

Every file is general vocabulary of Indonesian news writing (role words, titles,
honorifics, organisation heads and suffixes, national bodies, regency
abbreviations, …), one entry a line, ``#`` for comments; ``.tsv`` files map an
entry to its expansion. None holds a name taken from an evaluation article; each
file says where its entries come from.
"""

import functools
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _lines(name):
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n")


def words(name) -> frozenset:
    """The entries of ``data/<name>`` as a set."""
    return frozenset(line.strip() for line in _lines(name))


def mapping(name) -> dict:
    """``data/<name>`` (tab-separated) as {entry: expansion}."""
    result = {}
    for line in _lines(name):
        key, _, value = line.partition("\t")
        result[key.strip()] = value.strip()
    return result


ROLE_WORDS = words("role_words.txt")
TITLES = words("titles.txt")
HONORIFICS = words("honorifics.txt")
DEGREES = words("degrees.txt")
SPEECH_VERBS = words("speech_verbs.txt")
REPORTING_VERBS = words("reporting_verbs.txt")
OCCUPATIONS = words("occupations.txt")
NAME_PARTICLES = words("name_particles.txt")
INSTITUTIONAL = words("institutional.txt")
CALENDAR = words("calendar.txt")
NOT_ORGANISATION_HEADS = words("not_organisation_heads.txt")
GENERIC_BODIES = words("generic_bodies.txt")
OFFICE_FIELDS = words("office_fields.txt")
ORG_SUFFIXES = words("org_suffixes.txt")
ORG_TAILS = words("org_tails.txt") | ORG_SUFFIXES
COMPANY_TAILS = words("company_tails.txt") | ORG_TAILS
GENERIC_ACRONYMS = words("generic_acronyms.txt")
COMMON_WORD_PLACES = words("common_word_places.txt")
NATIONAL_BODIES = mapping("national_bodies.tsv")
LOCAL_BODIES = mapping("local_bodies.tsv")
# The capitalised words of the ministries' names ("Ketenagakerjaan", "Agama"):
# a minister's portfolio, never part of the minister's name.
PORTFOLIO_WORDS = frozenset(
    word.strip(",")
    for name in NATIONAL_BODIES.values()
    if name.startswith("Kementerian")
    for word in name.split()[1:]
    if word[:1].isupper()
)
# Every capitalised word that may make up a government office's name: the
# nomenclature, the institutions' and fields' words, and the words of the
# national and local bodies' full names.
OFFICE_WORDS = (
    words("office_words.txt")
    | INSTITUTIONAL
    | OFFICE_FIELDS
    | PORTFOLIO_WORDS
    | frozenset(
        word.strip(",")
        for name in (*NATIONAL_BODIES.values(), *LOCAL_BODIES.values())
        for word in name.split()
        if word[:1].isupper()
    )
)
REGENCY_ABBREVIATIONS = mapping("regency_abbreviations.tsv")
SPECIAL_ECONOMIC_ZONES = mapping("special_economic_zones.tsv")
PLACE_NOT_MENTIONED = {
    side: frozenset(
        word.partition("\t")[2].strip()
        for word in _lines("place_not_mentioned.tsv")
        if word.startswith(side)
    )
    for side in ("before", "after")
}
ORG_HEADS_LIST = tuple(_lines("org_heads.txt"))
ORG_HEADS = "|".join(ORG_HEADS_LIST)
# Capitalised words that open a sentence or clause and are never part of a name.
FUNCTION_WORDS = words("function_words.txt")


@functools.cache
def org_head_pattern() -> re.Pattern:
    return re.compile(rf"\b({ORG_HEADS})\s")


def is_degree(token: str) -> bool:
    """ "S.E.", "M.Si.", "MM", "Ph.D." …"""
    return token in DEGREES or bool(re.fullmatch(r"(?:[A-Z][a-z]{0,4}\.){2,}", token))
