"""Organisations: companies, government bodies, associations, national bodies.

Rules (each proposal records which fired):

- ``organisations.defined``: a name defined with its abbreviation, "Long Name
  (ABBR) [Region]" or "ABBR (Long Name)"; the long name starts with a head word,
  ends with a suffix, or the abbreviation spells its initials.
- ``organisations.head``: a name opened by a head word ("PT", "Dinas",
  "Kementerian", "Politeknik", …), up to 16 words, commas inside a government
  body's name ("Dinas Koperasi, Usaha Kecil dan Menengah, …") allowed; it stops
  at a role word, a title or lower-case text. "Rumah Dinas …" is a building.
- ``organisations.suffix``: a name closed by a suffix ("… Group", "…
  Corporation", "… Holding", "… Co., Ltd"), read backwards to a role word.
- ``organisations.national_body``: an abbreviation with a fixed meaning ("TNI",
  "Kemenperin").
- ``organisations.regional_office``: a national body's abbreviation followed
  by a region names its office or house there ("DPR Papua", "BPS Babel").
- ``organisations.local_body``: a local-government abbreviation with its region
  ("Pemkab Kukar", "Disnakertrans Morowali", "BP Batam").
- ``organisations.introduced``: a company named after "perusahaan"
  ("perusahaan asal Malaysia Press Metal").

A region at the end of a name is spelled out ("Dinas Perindustrian NTB" and
"Dinas Perindustrian Nusa Tenggara Barat" are one body, "Dinas Perindustrian
Provinsi Nusa Tenggara Barat", with the written forms as aliases).
"""

import bisect
import re

from .. import lexicon
from .abbreviations import abbreviations
from .defined import find_defined
from .heads import find_heads
from .introduced import find_introduced
from .names import COMPANY, ESTATES, GOVERNMENT_HEADS, Mention, canonical, spelled
from .suffixes import find_suffixes

__all__ = [
    "Mention",
    "abbreviations",
    "canonical",
    "cut_prefixes",
    "find",
    "find_defined",
    "find_heads",
    "find_introduced",
    "find_suffixes",
]


NATIONAL_RULES = {"organisations.national_body", "organisations.regional_office"}


def find(text: str) -> list[Mention]:
    """Every organisation mention in ``text`` (not yet merged)."""
    mentions = (
        find_defined(text)
        + find_heads(text)
        + find_suffixes(text)
        + abbreviations(text)
        + find_introduced(text)
    )
    kept = []
    for mention in mentions:
        if (
            mention.proposal.name.split()[0] in ESTATES
            or generic(mention.proposal.name)
            or _estate_named(text, mention)
            or _portfolio(text, mention)
        ):
            continue
        if mention.proposal.rule in {
            "organisations.defined",
            "organisations.head",
        }:
            spelled(mention.proposal)
        kept.append(mention)
    # "Dinas PUPR Kaltim": a national body's abbreviation inside another
    # body's name is part of that name, not a mention of the national body.
    covers = _Covers([m for m in kept if m.proposal.rule not in NATIONAL_RULES])
    kept = [
        m
        for m in kept
        if m.proposal.rule not in NATIONAL_RULES or not covers.strictly(m.start, m.end)
    ]
    # A name read twice (with and without its abbreviation): keep the longer.
    kept.sort(key=lambda m: (m.start, -m.end))
    result = []
    # The names kept so far that reach the current start (in their order):
    # one that ends before it cannot hold this mention or any later one.
    reaching = []
    for mention in kept:
        reaching = [k for k in reaching if k.end >= mention.start]
        inside = next(
            (
                k
                for k in reaching
                if k.start <= mention.start
                and mention.end <= k.end
                and (
                    k.proposal.name.startswith(mention.proposal.name)
                    or mention.end == k.end
                    and _ends_with(k.proposal, mention.proposal.name)
                )
                and k.proposal.name != mention.proposal.name
            ),
            None,
        )
        if inside:
            if inside.proposal.name.startswith(mention.proposal.name):
                inside.proposal.aliases |= mention.proposal.aliases
            continue
        result.append(mention)
        reaching.append(mention)
    return result


def _ends_with(proposal, name) -> bool:
    """Whether one of ``proposal``'s forms ends with ``name`` as a whole name
    ("Dinas Perdagangan dan Koperasi Bantul" ends with "Koperasi Bantul",
    "Kementerian Investasi/BKPM" with "BKPM")."""
    return any(
        form.endswith((" " + name, "/" + name))
        for form in (proposal.name, *proposal.aliases)
    )


# "Kawasan Ekonomi Khusus (KEK) Maloy Batuta Trans Kalimantan (MBTK)": what
# follows an estate's kind is the estate's name (a place), not a body's.
ESTATE_BEFORE = re.compile(
    r"(?:\bKEK|Kawasan\s+Ekonomi\s+Khusus(?:\s*\(KEK\))?|Kawasan\s+Industri"
    r"(?:\s*\(KI\))?)\s*$",
    re.IGNORECASE,
)


def _estate_named(text, mention) -> bool:
    if COMPANY.match(mention.proposal.name):
        return False  # "Kawasan Industri PT X": the estate's company
    return bool(ESTATE_BEFORE.search(text[max(0, mention.start - 40) : mention.start]))


# "Menteri ESDM Bahlil", "Menteri Badan Usaha Milik Negara Erick": what
# follows a minister's title is the portfolio, part of a role; the ministry
# is mentioned only where the text names it as a body.
MINISTER_BEFORE = re.compile(r"\b(?:Menteri|Menko|Wamen)\s+$")


def _portfolio(text, mention) -> bool:
    return bool(
        MINISTER_BEFORE.search(text[max(0, mention.start - 12) : mention.start])
    )


# "Badan Pertanahan Kabupaten": a kind of office, the region never named.
UNNAMED_LEVEL = {"Kabupaten", "Kota", "Provinsi", "Wilayah"}


def generic(name: str) -> bool:
    """Whether ``name`` is built like a body's but names none in particular:
    listed in ``data/generic_bodies.txt``, or a body's kind ending in its
    level of government with no region ("Badan Pertanahan Kabupaten")."""
    if name in lexicon.GENERIC_BODIES:
        return True
    words = name.split()
    return (
        len(words) >= 2
        and words[-1] in UNNAMED_LEVEL
        and bool(GOVERNMENT_HEADS.match(name))
        and name not in lexicon.NATIONAL_BODIES.values()
    )


class _Covers:
    """Which spans of ``mentions`` hold a given span, asked in log time."""

    def __init__(self, mentions):
        spans = sorted((m.start, m.end) for m in mentions)
        self.starts = [start for start, _end in spans]
        self.ends = [end for _start, end in spans]
        # The furthest end among the spans starting before each one.
        self.reach = []
        furthest = -1
        for end in self.ends:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def strictly(self, start, end) -> bool:
        """Whether a span other than (start, end) itself holds (start, end)."""
        before = bisect.bisect_left(self.starts, start)  # spans starting earlier
        if before and self.reach[before - 1] >= end:
            return True
        # Spans starting at ``start``: one that ends later holds it.
        same = bisect.bisect_right(self.starts, start)
        return same > before and self.ends[same - 1] > end


def cut_prefixes(mentions: list[Mention]) -> None:
    """ "PT X Y" written once alone and once as "PT X Y Budi Santoso" (a name
    glued on): the longer is cut back to the name written alone."""
    names = {
        m.proposal.name for m in mentions if m.proposal.rule == "organisations.head"
    }
    for mention in mentions:
        name = mention.proposal.name
        # The name's own beginnings, longest first (when two were written
        # alone, the longer is cut off less).
        cuts = [i for i, c in enumerate(name) if c == " "]
        for cut in reversed(cuts):
            shorter = name[:cut]
            if (
                shorter in names
                and COMPANY.match(shorter)
                and len(shorter.split()) >= 2
            ):
                extra = name[len(shorter) :].strip()
                if extra and not extra.startswith(("(", "Tbk")):
                    mention.proposal.name = shorter
                    mention.end -= len(extra) + 1
                    break
