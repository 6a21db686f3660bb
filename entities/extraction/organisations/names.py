"""What every organisation rule shares: the words that open, close or stop a
name, a mention's place in the text, and a trailing region spelled out."""

import re
from dataclasses import dataclass

from .. import lexicon, places
from ..proposals import Proposal

GOVERNMENT_HEADS = re.compile(
    r"^(?:Dinas|Badan|Kementerian|Direktorat|Sekretariat|Pemerintah|Kepolisian|"
    r"Kejaksaan|Balai|Kantor|Komisi|Dewan|Otoritas|Otorita|Lembaga|Komando|"
    r"Pangkalan|Pengadilan)\b"
)
COMPANY = re.compile(r"^(?:PT|CV|UD|Perum|Perumda|Bank)\b")
ESTATES = {"Kawasan", "Pelabuhan", "Bandara"}  # places, not bodies
HEAD_WORD = re.compile(rf"(?:{lexicon.ORG_HEADS})$")
BUILDINGS = {"Rumah", "Gedung", "Pendopo", "Aula", "Halaman", "Kompleks"}
# Words that never continue an organisation's name.
CLAUSE_WORDS = {
    "Menurut",
    "Namun",
    "Sementara",
    "Kami",
    "Ia",
    "Ini",
    "Itu",
    "Mereka",
    "Kita",
    "Dia",
    "Yang",
    "Untuk",
    "Dengan",
    "Dari",
    "Pada",
    "Di",
    "Ke",
    "Data",
    "Kata",
    "Dan",  # "PT X Dan juga …": a conjunction written with a capital
    "Serta",
    "Atau",
}
STOP_WORDS = (
    lexicon.ROLE_WORDS - {"Koordinator", "Anggota", "Staf"}
    | lexicon.TITLES
    | lexicon.HONORIFICS
    | lexicon.CALENDAR
    | CLAUSE_WORDS
) - {"Bank"}
# Heads that start another body: "… Elektronika Kementerian Perindustrian".
INNER_HEADS = {"Kementerian", "Pemerintah", "PT"}


@dataclass
class Mention:
    """An organisation proposal and where its name stands in the text."""

    proposal: Proposal
    start: int
    end: int

    @property
    def company(self) -> bool:
        name = self.proposal.name
        return bool(COMPANY.match(name)) or (
            name.split()[-1].rstrip(".") in lexicon.ORG_SUFFIXES
            and not GOVERNMENT_HEADS.match(name)
        )


def canonical(body: str, region_surface: str, code: str) -> str:
    """``body`` with its region spelled out: "Pemerintah Kabupaten" + "Kukar" ->
    "Pemerintah Kabupaten Kutai Kartanegara"."""
    government = bool(GOVERNMENT_HEADS.match(body))
    name = places.region_name(code, government=government)
    words, region_words = body.split(), name.split()
    for n in range(min(len(words) - 1, len(region_words)), 0, -1):
        if words[-n:] == region_words[:n] and n < len(region_words):
            body = " ".join(words[:-n])
            break
    for prefix in ("Provinsi ", "Kabupaten ", "Kota "):
        if body.endswith(prefix.strip()) and name.startswith(prefix):
            return f"{body} {name[len(prefix) :]}"
    return f"{body} {name}"


def with_region(name: str):
    """Split a trailing region off ``name``: (body, surface, code) or None."""
    words = name.split()
    for n in range(min(5, len(words) - 1), 0, -1):
        tail = " ".join(words[-n:])
        body = " ".join(words[:-n])
        found = places.leading_region(tail)
        if found and found[0] == tail:
            return body, tail, found[1]
    return None


def spelled(proposal: Proposal) -> Proposal:
    """The proposal with its trailing region spelled out, the written form kept
    as an alias."""
    split = with_region(proposal.name)
    if not split:
        return proposal
    body, surface, code = split
    if (
        COMPANY.match(body)
        or len(body.split()) < 2
        and not GOVERNMENT_HEADS.match(body)
    ):
        return proposal
    full = canonical(
        re.sub(r"\s+(Provinsi|Kabupaten|Kota)$", "", body)
        if surface.startswith(("Provinsi", "Kabupaten", "Kota"))
        else body,
        surface,
        code,
    )
    if full != proposal.name:
        proposal.aliases.add(proposal.name)
        proposal.name = full
    respelled = set()
    for alias in proposal.aliases:
        split = with_region(alias)
        if split and split[2] == code and not COMPANY.match(split[0]):
            respelled.add(f"{split[0]} {places.region_name(code)}")
    proposal.aliases |= respelled
    return proposal
