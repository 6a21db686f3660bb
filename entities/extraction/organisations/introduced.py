"""``organisations.introduced``: a company named right after the word
"perusahaan" ("perusahaan Japfa", "perusahaan asal Malaysia Press Metal",
"perusahaan Singapura Global Aluminium"): the capitalised words after it, a
leading country or region skipped, up to four. ``organisations.source``: the
outlet a report is taken from ("seperti dilansir dari Antara", "dikutip dari
Kompas"), up to three capitalised words."""

import re

from ...kinds import ORGANISATION
from .. import lexicon, places
from ..proposals import Proposal
from ..tokens import is_acronym, tokenize
from .names import HEAD_WORD, STOP_WORDS, Mention

INTRODUCED = re.compile(
    r"\bperusahaan(?:[^\S\n]+(?:asal|milik|swasta|lokal|nasional|asing|"
    r"patungan|induk|raksasa))?[^\S\n]+(?=[A-Z])"
)
MAX_WORDS = 4
DOMAIN = re.compile(r"[A-Z][\w-]*(?:\.[a-z]{2,4}){1,2}\b")
SOURCE = re.compile(
    r"\b(?:dilansir|dikutip|melansir|mengutip|diberitakan|kantor[^\S\n]+berita)"
    r"(?:[^\S\n]+(?:dari|oleh))?[^\S\n]+(?=[A-Z])"
)


def find_introduced(text):
    """Companies introduced by "perusahaan", outlets a report is taken from."""
    found = []
    matches = [(m, "organisations.introduced") for m in INTRODUCED.finditer(text)]
    matches += [(m, "organisations.source") for m in SOURCE.finditer(text)]
    for match, rule in matches:
        limit = MAX_WORDS if rule == "organisations.introduced" else 3
        start = match.end()
        rest = text[start : start + 160]
        region = places.leading_region(rest) if limit == MAX_WORDS else None
        if region and rest.startswith(region[0]):
            start += len(region[0])
            start += len(text[start : start + 10]) - len(
                text[start : start + 10].lstrip(" ")
            )
        words, end = [], start
        if limit != MAX_WORDS and (domain := DOMAIN.match(text, start)):
            # "dikutip Tempo.co": the outlet's address is its name
            words, end = [domain.group(0)], domain.end()
        for token in tokenize(text[start : start + 120] if not words else "", start):
            word = token.text
            if (
                not word[:1].isupper()
                # honorifics and titles may be a company's words ("Musim Mas")
                or word in STOP_WORDS - lexicon.HONORIFICS - lexicon.TITLES
                or word in lexicon.FUNCTION_WORDS
                or word in lexicon.GENERIC_ACRONYMS
                or HEAD_WORD.match(word)
                or word.endswith(".")
                or word in lexicon.ROLE_WORDS
                or len(words) >= limit
            ):
                break
            words.append(word)
            end = token.end
        if not words or token_start_is_place(" ".join(words)):
            continue
        if words[0] in lexicon.NOT_ORGANISATION_HEADS:
            continue  # "perusahaan Penanaman Modal Asing (PMA)": a kind
        if len(words) == 1 and is_acronym(words[0]) and len(words[0]) < 3:
            continue
        name = " ".join(words)
        found.append(
            Mention(
                Proposal(
                    ORGANISATION,
                    name,
                    text[max(0, match.start() - 20) : end + 40].strip(),
                    0.7,
                    rule=rule,
                ),
                end - len(name),
                end,
            )
        )
    return found


def token_start_is_place(name):
    """Whether ``name`` is all a place ("perusahaan Korea Selatan")."""
    region = places.leading_region(name)
    return bool(region) and region[0] == name
