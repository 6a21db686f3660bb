"""``organisations.national_body`` and ``organisations.local_body``: bodies
known by a fixed abbreviation ("Kemenperin"), local ones with their region
("Pemkab Kukar")."""

import re

from ...kinds import ORGANISATION
from .. import lexicon, places
from ..proposals import Proposal
from .names import Mention, canonical

# Titles of a regional office's head: the abbreviation after them names the
# office's field ("Kadis PUPR Kendal" heads the regency's PUPR office, not
# the ministry).
OFFICE_TITLES = {"Kadis", "Kadin", "Sekdis", "Kabid", "Kasi", "Kasubag", "Dinas"}
PRECEDING_WORD = re.compile(r"(\S+)\s+$")
# "pemkab Batang", "pemerintah kota Bitung": a local government's name
# written in lower case (it names a body only when a region follows).
LOWER_LOCAL = {
    name[0].lower() + name[1:]: name
    for name in lexicon.LOCAL_BODIES
    if name[:1].isupper() and name[1:2].islower()
}


def _office_title(text, match) -> bool:
    """Whether ``match`` (an abbreviation) is part of an office head's title:
    after "Kadis" ("Kadis PUPR"), or "Kadin" read as Kepala Dinas because an
    office's field follows it ("Kadin Pertanian Kendal")."""
    before = PRECEDING_WORD.search(text[max(0, match.start() - 20) : match.start()])
    if before and before.group(1) in OFFICE_TITLES:
        return True
    if match.group(1) == "Kadin":
        following = text[match.end() : match.end() + 40].split()
        field = following[0].strip(",.") if following else ""
        return field in lexicon.OFFICE_FIELDS
    return False


def abbreviations(text):
    """National bodies by their fixed abbreviation; local bodies with their
    region."""
    found = []
    names = sorted(
        set(lexicon.NATIONAL_BODIES) | set(lexicon.LOCAL_BODIES) | set(LOWER_LOCAL),
        key=len,
        reverse=True,
    )
    pattern = "|".join(re.escape(n) for n in names)
    for match in re.finditer(rf"(?<![\w-])({pattern})(?![\w-])", text):
        word = LOWER_LOCAL.get(match.group(1), match.group(1))
        if _office_title(text, match):
            continue
        if (
            text[max(0, match.start() - 1) : match.start()] == "("
            and (word in lexicon.NATIONAL_BODIES)
            and text[match.end() : match.end() + 1] == ")"
        ):
            before = text[max(0, match.start() - 3) : match.start() - 1].strip()
            if before[-1:].isalpha():
                continue  # "Dinas Energi … (ESDM) Aceh": defines another body
        rest = text[match.end() : match.end() + 80]
        region = places.leading_region(rest) if rest[:1] == " " else None
        end = match.end()
        if region:
            end = match.end() + len(rest) - len(rest.lstrip()) + len(region[0])
        evidence = text[max(0, match.start() - 40) : end + 40].strip()
        if word in lexicon.LOCAL_BODIES and region:
            body = lexicon.LOCAL_BODIES[word]
            full = canonical(body, region[0], region[1])
            proposal = Proposal(
                ORGANISATION,
                full,
                evidence,
                0.85,
                aliases={
                    f"{word} {region[0]}",
                    f"{word} {places.region_name(region[1])}",
                },
                rule="organisations.local_body",
            )
        elif lexicon.NATIONAL_BODIES.get(word) and region and region[1][:1].isdigit():
            # "DPR Papua", "OJK NTT", "BPS Babel": the body's office (or
            # house) in that region, not the national body.
            name = places.region_name(region[1])
            proposal = Proposal(
                ORGANISATION,
                f"{lexicon.NATIONAL_BODIES[word]} {name}",
                evidence,
                0.85,
                aliases={f"{word} {region[0]}", f"{word} {name}"},
                rule="organisations.regional_office",
            )
        elif lexicon.NATIONAL_BODIES.get(word):
            full = lexicon.NATIONAL_BODIES[word]
            proposal = Proposal(
                ORGANISATION,
                full,
                evidence,
                0.85,
                aliases={word},
                rule="organisations.national_body",
            )
            end = match.end()
        else:
            continue
        found.append(Mention(proposal, match.start(), end))
    return found
