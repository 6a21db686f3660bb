"""Who an article is by, read from its byline, source and credit.

Bylines are typed as printed by the source: a person ("Ika"), several ("Ika
dan Budi"), or a desk ("Redaksi", "Tim Redaksi", "Humas Pemprov Banten"). Only
people are people: a desk or an office is not a ``Person``, and when a byline
names no one the article is by its source, or else by the newsroom.
"""

import re
from dataclasses import dataclass

NEWSROOM = "Warta Industri"

# A byline part with one of these words is a desk, an office or a company, not
# a person ("Tim Redaksi", "Humas Pemkot Cilegon", "Admin"); compared casefolded.
# fmt: off
NOT_A_PERSON = frozenset({
    "redaksi", "red", "redaktur", "tim", "admin", "administrator", "humas",
    "editor", "editorial", "desk", "newsroom", "staf", "staff", "kontributor",
    "wartawan", "koresponden", "biro", "rilis", "release",
    "pt", "cv", "tbk", "persero", "dinas", "kementerian", "badan", "balai",
    "pemprov", "pemkot", "pemkab", "pemerintah", "dprd", "setda",
    "antara", "reuters", "afp", "xinhua",
})
# fmt: on
# Labels that say what a part is: the writer's are dropped, editors and
# photographers are not authors of the text.
_WRITER_LABEL = re.compile(
    r"^\s*(?:oleh|by|laporan|penulis|pewarta|reporter|wartawan|teks|text|"
    r"written\s+by|ditulis\s+oleh)\b\s*:?\s*",
    re.IGNORECASE,
)
_OTHER_LABEL = re.compile(
    r"^\s*(?:editor|redaktur|penyunting|foto|photo|fotografer|photographer|"
    r"video|grafis)\b\s*:",
    re.IGNORECASE,
)
_SEGMENTS = re.compile(r"\s*[|;]\s*")
_NAMES = re.compile(r"\s*(?:,|&|/|\+|\bdan\b|\band\b)\s*", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?")
_LETTER = re.compile(r"[^\W\d_]")
# "S.Sos", "M.Si", "S.I.Kom" after a comma are degrees, not more people.
_DEGREE = re.compile(r"^(?:[A-Z][a-z]{0,3}\.){1,3}(?:[A-Z]?[a-z]{0,4}\.?)?$")
# "Kompas.com", "infobanten.id": an outlet's address.
_DOMAIN = re.compile(r"\w\.(?:com|co|id|net|org|news|tv|info)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Author:
    """One author of an article: a person, its source or the newsroom."""

    name: str
    kind: str  # "person", "source" or "newsroom"
    url: str = ""

    @property
    def is_person(self) -> bool:
        return self.kind == "person"


def _is_person(part: str, others: set[str]) -> bool:
    if not part or len(part) > 60 or not _LETTER.search(part):
        return False
    if any(ch.isdigit() for ch in part) or "@" in part or "://" in part:
        return False
    if _DEGREE.match(part) or _DOMAIN.search(part):
        return False
    words = [w.casefold().rstrip(".") for w in _WORD.findall(part)]
    if not words or len(words) > 5:
        return False
    if part.casefold() in others:
        return False
    return not any(word in NOT_A_PERSON for word in words)


def byline_people(byline: str, *, not_people=()) -> list[str]:
    """Return the people a byline names, in order, each once: ``"Oleh: Ika dan
    Budi"`` gives ``["Ika", "Budi"]``, ``"Redaksi"`` gives ``[]``.

    Desks, offices and companies are left out, and so are the names in
    ``not_people`` (the source's, the newsroom's) and editors or photographers
    named after a label ("Editor: Budi").
    """
    others = {name.casefold() for name in (*not_people, NEWSROOM) if name}
    people = []
    for segment in _SEGMENTS.split(byline or ""):
        if _OTHER_LABEL.match(segment):
            continue
        segment = _PARENTHESES.sub(" ", segment)
        for part in _NAMES.split(segment):
            part = " ".join(_WRITER_LABEL.sub("", part).split()).strip(" .:-–—*")
            if _is_person(part, others) and part not in people:
                people.append(part)
    return people


def article_authors(article, *, profiles=None) -> list[Author]:
    """Return who ``article`` is by: the people its byline names (with the
    address of their profile, from ``profiles``: ``byline_profiles``); else
    its source, as an organisation; else the newsroom. Never empty."""
    source = article.source
    names = byline_people(article.byline, not_people=[source.name] if source else [])
    if names:
        profiles = profiles or {}
        return [
            Author(name, "person", url=profiles[name].get_absolute_url())
            if name in profiles
            else Author(name, "person")
            for name in names
        ]
    if source is not None:
        return [Author(source.name, "source", source.homepage)]
    return [Author(NEWSROOM, "newsroom")]


def byline_profiles(article) -> dict:
    """``{name: models.Author}`` for the people ``article``'s byline names who
    have a profile (one query; none when the byline names no one)."""
    from articles.models import Author as Profile

    source = article.source
    names = byline_people(article.byline, not_people=[source.name] if source else [])
    if not names:
        return {}
    found = {p.name.casefold(): p for p in Profile.objects.named(names)}
    return {name: found[name.casefold()] for name in names if name.casefold() in found}


def byline_links(article, profiles) -> list[tuple[str, object]]:
    """``[(name, profile or None)]`` for the byline's people when one of them
    has a profile (the page links them), else ``[]`` (the byline is shown as
    printed)."""
    if not profiles:
        return []
    source = article.source
    names = byline_people(article.byline, not_people=[source.name] if source else [])
    return [(name, profiles.get(name)) for name in names]


def meaningful_credit(credit: str) -> str:
    """Return the source's credit line if it says something ("*/Ika", "Red"),
    else ``""`` ("*", "()", empty): a credit line without a letter names no one."""
    credit = (credit or "").strip().strip("()").strip()
    return credit if _LETTER.search(credit) else ""
