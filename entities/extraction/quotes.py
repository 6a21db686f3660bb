"""Quotes attributed to people: direct ("“…,” kata X", "X mengatakan, “…”")
and indirect ("X mengatakan bahwa …", "Menurut X, …", "…, lanjut X, …").

The speaker is named after the verb of saying ("kata Kepala Dinas …, Wahyu
Budi Santoso"), before it ("Wahyu menuturkan …"), or by a pronoun
("tuturnya", "Ia menyebut"): the last speaker. A short name ("Wahyu") is the
longer name of the article that holds it ("Wahyu Budi Santoso"); the entity
extractor's people (``proposals``) are names too. Linear: quotes and verbs are
found in one pass each, and each reads names only in a bounded window.
"""

import bisect
import re
from dataclasses import dataclass

from ..kinds import PERSON
from . import lexicon, places
from .extractor import within_limit

DIRECT, INDIRECT = "direct", "indirect"
SAID = sorted(lexicon.SPEECH_VERBS | {"lanjut", "lanjutnya", "jelasnya", "katanya"})
AFTER = re.compile(
    r"\s*,?\s*(?P<verb>(?:" + "|".join(SAID) + r"))(?P<nya>nya)?\b", re.IGNORECASE
)
QUOTED = re.compile(r"[“\"’‘]{1,2}(?P<body>[^“”\"’‘\n]{2,})[”\"’]{1,2}")
PRONOUNS = {"ia", "dia", "beliau", "ia pun", "ia juga", "dia juga", "ia menyebut"}
# Reporting verbs, and a few that only introduce what someone says here (not
# in the shared list, which also finds people: "Name, melanjutkan …").
REPORTING = sorted(
    lexicon.REPORTING_VERBS | {"melanjutkan", "berkeyakinan", "meyakini"},
    key=len,
    reverse=True,
)
# "Mantan Gubernur … itu menambahkan": a subject that points back.
ANAPHORS = {"itu", "tersebut"}
INDIRECT_VERB = re.compile(
    r"(?<=\S )(?P<verb>" + "|".join(REPORTING) + r")\b,?(?:\s+bahwa\b)?,?\s+",
    re.IGNORECASE,
)
MENURUT = re.compile(r"\b(?:Menurut|Dikatakan|Kata)\s+(?=[A-Z])")
INSIDE = re.compile(r"(?<=[^”\"\s]),\s(?:" + "|".join(SAID) + r")\s+(?=[A-Z])")
# "Menurut dia, …", "…, kata dia, …": the last speaker.
BY_PRONOUN = re.compile(
    r"\b(?:Menurut\s+(?:dia|ia|beliau)|(?<=[^”\"\s]),\s(?:"
    + "|".join(SAID)
    + r")\s+(?:dia|ia|beliau)),\s",
    re.IGNORECASE,
)
# "Ketua X, didampingi Bendahara Y, mengatakan": X speaks.
COMPANIONS = re.compile(r",?\s+(?:didampingi|bersama|beserta|disaksikan)\s", re.I)
# A name: capitalised words, after a role and a place ("Plt Gubernur Riau
# Arsyadjuliandi Rahman"); up to eight read ("Wahyu Budi Santoso", "Andi").
NAME = re.compile(r"[A-Z][\w'’-]*+(?:[ ][A-Z][\w'’-]*+){0,7}")
NOT_NAMES = (
    lexicon.ROLE_WORDS
    | lexicon.TITLES
    | lexicon.HONORIFICS
    | lexicon.CALENDAR
    | lexicon.FUNCTION_WORDS
    | lexicon.INSTITUTIONAL
    | {"PT", "Pemerintah", "Dinas", "Badan", "Kementerian", "Kepala", "Plt", "Pj"}
)
REACH = 160


@dataclass
class Quote:
    speaker: str
    kind: str  # direct or indirect
    start: int  # where the quoted or reported words start
    end: int
    text: str


def _names_in(text, start, end):
    """The names written in ``text[start:end]``, in order: capitalised runs
    without the roles, titles, days, places and long acronyms before them, and
    none that holds an institution's word ("Pelayanan Terpadu Satu Pintu")."""
    for match in NAME.finditer(text, start, end):
        if text.startswith(" (", match.end()):
            continue  # "… Satu Pintu (DPMPTSP)": a body defining its acronym
        words = match[0].split()
        cut = [i for i, w in enumerate(words) if w in lexicon.INSTITUTIONAL]
        if cut:
            # "Gubernur Riau Arsyadjuliandi Rahman": the words after the last
            # institutional one; "Pelayanan Terpadu Satu Pintu" has none left
            # that could be a name. One word is a name right after a role
            # ("Presiden Jokowi", "Menteri Bahlil").
            role = words[cut[-1]] in lexicon.ROLE_WORDS
            words = words[cut[-1] + 1 :]
            if len(words) < (1 if role else 2):
                continue
        while words and (
            words[0] in NOT_NAMES or (words[0].isupper() and len(words[0]) > 3)
        ):
            words.pop(0)
        words = _after_body(_without_place(words))
        while words and (len(words[-1]) == 1 or lexicon.is_degree(words[-1])):
            words.pop()  # "Slamet Riadi S" (of "S.T."), "Godlief Aponno SSTP MM"
        name = " ".join(words)
        if not words or len(words[0]) < 2 or len(name) < 3:
            continue
        # "di Batulicin, Selasa": a place or a day alone is no speaker.
        if places.key(name) in places.surface_index() or name in NOT_NAMES:
            continue
        if any(c.isdigit() for c in name):
            continue
        yield name


def _without_place(words):
    """ "Kupang Titus Anin", "Kalimantan Tengah Halikinnor": the region named
    before a person's name (after a role) is not part of it."""
    index = places.surface_index()
    for n in (3, 2, 1):
        if len(words) > n and places.key(" ".join(words[:n])) in index:
            return words[n:]
    return words


def _after_body(words):
    """ "Nestle Indonesia Ganesan Ampalavana" (of "Presiden Direktur PT Nestle
    Indonesia …"): a company named with a place before a person's name; the
    name is the two or more words after the place."""
    index = places.surface_index()
    for i in range(len(words) - 3, 0, -1):
        if places.key(words[i]) in index:
            return words[i + 1 :]
    return words


class _Names:
    """The people of an article: full names, and which full name a short one
    ("Wahyu", "Heryawan") stands for."""

    def __init__(self, proposals):
        self.full: list[str] = []
        self.by_word: dict[str, str] = {}
        for proposal in proposals or ():
            if proposal.kind == PERSON:
                self.add(proposal.name)

    def add(self, name):
        if name in self.by_word:
            return
        self.full.append(name)
        for word in name.split():
            if len(word) > 2:
                self.by_word.setdefault(word, name)
        self.by_word.setdefault(name, name)

    def resolve(self, name):
        if name in self.by_word:
            return self.by_word[name]
        for word in name.split():
            if word in self.by_word:
                return self.by_word[word]
        return name


def extract_quotes(text: str, *, proposals=None, max_chars=None) -> list[Quote]:
    """The quotes of ``text`` with their speakers; ``proposals`` (the entity
    extractor's, if made) add the people it found."""
    text = within_limit(text, max_chars)
    names = _Names(proposals)
    raw = []  # (start, end, kind, name or None for "the last speaker")
    taken = []
    for match in QUOTED.finditer(text):
        start, end = match.span("body")
        raw.append((start, end, DIRECT, _direct_speaker(text, match)))
        taken.append(match.span())
    raw += _indirect(text, taken)
    raw.sort(key=lambda r: r[0])
    # Full names first (in order), so that a short name finds its long one.
    for _start, _end, _kind, name in raw:
        if name and " " in name:
            names.add(name)
    found, last = [], None
    for start, end, kind, name in raw:
        speaker = names.resolve(name) if name else last
        if speaker is None:
            continue
        found.append(Quote(speaker, kind, start, end, text[start:end]))
        last = speaker
    return found


def _direct_speaker(text, match):
    after = AFTER.match(text, match.end())
    if after:
        if after["nya"] or after["verb"].lower().endswith("nya"):
            return None
        return next(_names_in(text, after.end(), _clause_end(text, after.end())), None)
    line_start = text.rfind("\n", max(0, match.start() - REACH), match.start()) + 1
    before = text[line_start : match.start()].rstrip()
    if before.endswith((":", ",")):
        found = list(_names_in(text, line_start, match.start()))
        return found[-1] if found else None
    return None


def _clause_end(text, start):
    stop = min(len(text), start + REACH)
    for mark in (". ", "\n", "."):
        found = text.find(mark, start, stop)
        if found >= 0:
            stop = found
            break
    return stop


def _sentence_start(text, position):
    low = max(0, position - REACH)
    return max(
        text.rfind("\n", low, position) + 1,
        text.rfind(". ", low, position) + 2,
        low,
    )


def _indirect(text, taken):
    taken_sorted = sorted(taken)
    result = []
    for match in INDIRECT_VERB.finditer(text):
        start = _sentence_start(text, match.start())
        subject = text[start : match.start()].strip(" ,")
        if not subject or len(subject) > 120:
            continue
        lowered = subject.lower().split()
        points_back = lowered[-1] in ANAPHORS and len(lowered) <= 6
        if subject.lower() in PRONOUNS or lowered[0] in PRONOUNS or points_back:
            name = None
        else:
            # The subject before a companion ("…, didampingi Y,") if any.
            companion = COMPANIONS.search(text, start, match.start())
            stop = companion.start() if companion else match.start()
            found = list(_names_in(text, start, stop))
            if not found:
                continue
            name = found[-1]
        end = _clause_end(text, match.end())
        result.append((match.end(), end, INDIRECT, name))
    for pattern, reach in ((INSIDE, 40), (MENURUT, 60)):
        for match in pattern.finditer(text):
            name = next(_names_in(text, match.end(), match.end() + reach), None)
            if name is None:
                continue
            start = _sentence_start(text, match.start())
            result.append((start, _clause_end(text, match.end()), INDIRECT, name))
    for match in BY_PRONOUN.finditer(text):
        if match[0][0] in "Mm":  # "Menurut dia, …": the words after it
            result.append((match.end(), _clause_end(text, match.end()), INDIRECT, None))
        else:  # "…, kata dia, …": the sentence around it
            start = _sentence_start(text, match.start())
            result.append((start, _clause_end(text, match.end()), INDIRECT, None))
    return [r for r in result if not _within(taken_sorted, r[0])]


def _within(spans, position):
    i = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]
