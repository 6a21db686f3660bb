"""Who speaks in a quote: the names written around a verb of saying, read
without the roles, titles, offices, places and degrees around them, and the
people of the article (the entity extractor's, and the longer names a short
one stands for). Used by ``quotes``; every function reads a bounded window.
"""

import re

from ..kinds import ORGANISATION, PERSON
from . import lexicon, places

# The words only quotes read (data/quote_words.tsv): verbs of saying, passive
# ones that open a sentence, connectors that open a clause.
WORDS = lexicon.mapping("quote_words.tsv")


def words_of(kind):
    return {word for word, what in WORDS.items() if what == kind}


CONNECTORS = words_of("connector")
DEPARTMENTS = words_of("department")
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
WORD = re.compile(r"[A-Z][\w'’-]*+")


def names_in(text, start, end, known=None):
    """The names written in ``text[start:end]``, in order: capitalised runs
    without the roles, titles, days, places and long acronyms before them, and
    none that holds an institution's word ("Pelayanan Terpadu Satu Pintu").
    A person ``known`` (a ``Names``) written inside a run is that person."""
    for match in NAME.finditer(text, start, end):
        if text.startswith(" (", match.end()):
            continue  # "… Satu Pintu (DPMPTSP)": a body defining its acronym
        if text[max(0, match.start() - 3) : match.start()] == "di ":
            continue  # "…, di Batulicin, Selasa, mengatakan": a place
        if text[max(0, match.start() - 2) : match.start()] in _ABBREVIATED:
            continue  # "S.Sos", "M.H.": a degree's letters
        words = match[0].split()
        person = known.within(words) if known else None
        if person:
            yield person
            continue
        if words[0] in CONNECTORS or (
            len(words) == 1
            and _opens_sentence(text, match.start())
            and text.startswith(",", match.end())
            and not (known and words[0] in known.by_word)
        ):
            continue  # "Sehingga, …", "Tercatat, …": a clause's first word
        department = [i for i, w in enumerate(words) if w in DEPARTMENTS]
        if department:
            # "Associate Director Media", "Protokol, Pers": an office's words.
            words = words[department[-1] + 1 :]
            if len(words) < 2:
                continue
        cut = [i for i, w in enumerate(words) if w in lexicon.INSTITUTIONAL]
        # "IGB Surya Negara": one institutional word closing a name of three.
        if cut == [len(words) - 1] and len(words) >= 3 and words[0] not in NOT_NAMES:
            cut = []
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
        # "I Gusti Ngurah …", "M Salahuddin Al Aziz": an initial opens a name
        # of three words or more.
        if not words or (len(words[0]) < 2 and len(words) < 3) or len(name) < 3:
            continue
        # "di Batulicin, Selasa": a place or a day alone is no speaker.
        if places.key(name) in places.surface_index() or name in NOT_NAMES:
            continue
        if any(c.isdigit() for c in name):
            continue
        yield name


_ABBREVIATED = {f"{c}." for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def _opens_sentence(text, position):
    return position == 0 or text[position - 1] == "\n" or text[position - 2] == "."


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


class Names:
    """The people of an article: full names, and which full name a short one
    ("Wahyu", "Heryawan") stands for."""

    def __init__(self, proposals, text=""):
        self.full: list[str] = []
        self.by_word: dict[str, str] = {}
        # The entity extractor's people and organisations, by their words.
        self.people: set[tuple] = set()
        self.bodies: set[tuple] = set()
        for proposal in proposals or ():
            if proposal.kind == ORGANISATION:
                self.bodies.add(tuple(proposal.name.split()))
        people = [
            self.without_body(p.name.split())
            for p in proposals or ()
            if p.kind == PERSON
        ]
        # A short name stands for the person first written with it: "Gubernur
        # Koster" is "Wayan Koster" of the lead, not a relative named later.
        first = {}
        for match in WORD.finditer(text):
            first.setdefault(match[0], match.start())
        people.sort(key=lambda words: first.get(words[0], len(text)))
        for name in people:
            self.people.add(tuple(name))
            self.add(" ".join(name))

    def without_body(self, words):
        """ "Angel Yeast Xiao Minghua": the words after an organisation the
        article names, if two or more are left."""
        for n in range(len(words) - 2, 0, -1):
            if tuple(words[:n]) in self.bodies:
                return words[n:]
        return words

    def within(self, words):
        """The person (of the entity extractor) written in ``words`` ("Gubsu
        H Gatot Pujo Nugroho", "Walikota Cilegon Tb Iman Ariyadi"), or the
        words after an organisation named before them; else None."""
        if len(words) < 3:
            return None
        for size in range(len(words), 1, -1):
            for i in range(len(words) - size + 1):
                if tuple(words[i : i + size]) in self.people:
                    return " ".join(words[i : i + size])
        rest = self.without_body(words)
        return " ".join(rest) if rest is not words else None

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
