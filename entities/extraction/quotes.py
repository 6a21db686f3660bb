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

from . import lexicon
from .extractor import within_limit
from .speakers import CONNECTORS, Names, names_in, words_of

DIRECT, INDIRECT = "direct", "indirect"

SAID = sorted(
    lexicon.SPEECH_VERBS
    | words_of("said")
    | {"lanjut", "lanjutnya", "jelasnya", "katanya"},
    key=len,
    reverse=True,
)
PASSIVE = sorted(words_of("passive"), key=len, reverse=True)
AFTER = re.compile(
    r"\s*,?\s*(?P<verb>(?:" + "|".join(SAID) + r"))(?P<nya>nya)?\b", re.IGNORECASE
)
# Some outlets open with a closing mark: ”Kita punya …,” ujarnya.
QUOTED = re.compile(r"[“”\"’‘]{1,2}(?P<body>[^“”\"’‘\n]{2,})[”\"’]{1,2}")
# A quote opened in the last paragraph and never closed: the text was cut.
OPEN_AT_END = re.compile(r"(?:^|(?<=[\s:,]))[“\"‘’]{1,2}\s?(?P<body>[^“”\"’‘\n]{2,})\Z")
PRONOUNS = {"ia", "dia", "beliau", "ia pun", "ia juga", "dia juga", "ia menyebut"}
# Reporting verbs, and a few that only introduce what someone says here (not
# in the shared list, which also finds people: "Name, melanjutkan …").
REPORTING = sorted(
    lexicon.REPORTING_VERBS
    | words_of("reporting")
    | {"melanjutkan", "berkeyakinan", "meyakini"},
    key=len,
    reverse=True,
)
# "Mantan Gubernur … itu menambahkan": a subject that points back.
ANAPHORS = {"itu", "tersebut"}
INDIRECT_VERB = re.compile(
    r"(?<=\S )(?P<verb>" + "|".join(REPORTING) + r")\b,?\s+",
    re.IGNORECASE,
)
# "Menurut X, …", "Diungkapkan X, …", "…, menurut X, …", "Dalam pandangan X".
MENURUT = re.compile(
    r"(?:\b(?:Menurut|Kata|Dalam pandangan|"
    + "|".join(PASSIVE)
    + r")|(?<=, )menurut|(?<![^\n])(?:"
    # "Lanjut Nelson, …": a verb of saying opening a paragraph.
    + "|".join(w.capitalize() for w in SAID if not w.endswith("nya"))
    + r"))\s+(?=[A-Z])"
)
# "Selanjutnya jelas mantan Rektor itu, …": a noun that points back.
SAID_BY_ANAPHOR = re.compile(
    r"(?<=[\s,])(?:" + "|".join(SAID) + r")\s(?:[\w-]+\s){1,5}?(?:itu|tersebut),\s"
)
# "Hal tersebut diungkapkan X": X said the sentence before.
HAL = re.compile(
    r"\b(?:Hal|Demikian)\s+(?:(?:tersebut|itu|ini)\s+)?(?:"
    + "|".join(p.lower() for p in PASSIVE)
    + r")\s+(?:oleh\s+)?(?=[A-Z])"
)
# "Dikatakan, …" and "Menurutnya, …", "…, menurutnya …": the last speaker.
BY_LAST = re.compile(
    r"(?:(?:(?<![^\n])|(?<=\. ))(?:"
    + "|".join(PASSIVE)
    + r")|\b[Mm]enurutnya|\b[Mm]enurut (?:"
    + "|".join(w.lower() for w in lexicon.ROLE_WORDS)
    + r")(?=,)),?\s"
)
INSIDE = re.compile(r"(?<=[^”\"\s]),\s(?:" + "|".join(SAID) + r")\s+(?=[A-Z])")
# "Menurut dia, …", "…, kata dia, …": the last speaker.
# "…, imbuhnya, …", "…, sebutnya …": the last speaker too.
BY_PRONOUN = re.compile(
    r"\b(?:Menurut\s+(?:dia|ia|beliau),\s|(?<=[^”\"’\s]),\s(?:"
    + "|".join(SAID)
    + r")(?:\s+(?:dia|ia|beliau),\s|nya,?\s))",
    re.IGNORECASE,
)
# "Ketua X, didampingi Bendahara Y, mengatakan": X speaks.
COMPANIONS = re.compile(r",?\s+(?:didampingi|bersama|beserta|disaksikan)\s", re.I)
REACH = 160


@dataclass
class Quote:
    speaker: str
    kind: str  # direct or indirect
    start: int  # where the quoted or reported words start
    end: int
    text: str


def extract_quotes(text: str, *, proposals=None, max_chars=None) -> list[Quote]:
    """The quotes of ``text`` with their speakers; ``proposals`` (the entity
    extractor's, if made) add the people it found."""
    text = within_limit(text, max_chars)
    names = Names(proposals, text)
    raw = []  # (start, end, kind, name or None for "the last speaker")
    taken = []
    for match in QUOTED.finditer(text):
        start, end = match.span("body")
        raw.append((start, end, DIRECT, _direct_speaker(text, match, names)))
        taken.append(match.span())
    last_paragraph = text.rfind("\n") + 1
    opened = OPEN_AT_END.search(text, max(last_paragraph, len(text) - 2 * REACH))
    if opened and not _within(sorted(taken), opened.start()):
        raw.append((*opened.span("body"), DIRECT, _before(text, opened, names)))
        taken.append(opened.span())
    raw += _indirect(text, taken, names)
    raw.sort(key=lambda r: r[0])
    # Full names first (in order), so that a short name finds its long one.
    for _start, _end, _kind, name in raw:
        if name and " " in name:
            names.add(name)
    found, last = [], None
    for start, end, kind, name in raw:
        if kind == INDIRECT and found and start < found[-1].end:
            # "Fud mengatakan, Jokowi meminta …": a verb inside reported
            # words reports no one new; the words run on to its end.
            previous = found[-1]
            if end > previous.end:
                previous.end, previous.text = end, text[previous.start : end]
            continue
        speaker = names.resolve(name) if name else last
        if speaker is None:
            # "…, katanya" with no speaker yet: a person the article names
            # just before (the verb that introduced them was not read).
            speaker = _known_before(text, start, names)
        if speaker is None:
            continue
        found.append(Quote(speaker, kind, start, end, text[start:end]))
        last = speaker
    return found


def _known_before(text, position, names):
    known = [
        name
        for name in names_in(text, max(0, position - 2 * REACH), position, names)
        if tuple(name.split()) in names.people
    ]
    return known[-1] if known else None


def _direct_speaker(text, match, names=None):
    after = AFTER.match(text, match.end())
    if after:
        if after["nya"] or after["verb"].lower().endswith("nya"):
            # "…, ujarnya": the last speaker, unless one is named before.
            return _before(text, match, names)
        end = _clause_end(text, after.end())
        # "kata politikus NasDem itu": a noun that points back.
        comma = text.find(",", after.end(), end)
        said_by = text[after.end() : comma if comma >= 0 else end].split()
        if (
            said_by
            and len(said_by) <= 5
            and said_by[-1].lower().strip(".;") in ANAPHORS
        ):
            return None
        # "ujar Deputi Bidang Protokol, Pers, dan Media …, Yusuf Permana": a
        # person the article names, before any other run.
        found = list(names_in(text, after.end(), end, names))
        known = [n for n in found if names and tuple(n.split()) in names.people]
        return (known or found or [None])[0]
    return _before(text, match, names)


def _before(text, match, names=None):
    """The speaker named before a quote, after its colon or comma
    ("Kata Budi Santoso: “…”"), or None (the last speaker)."""
    low = max(0, match.start() - REACH)
    line_start = text.rfind("\n", low, match.start()) + 1
    before = text[line_start : match.start()].rstrip()
    if not before and line_start > low:
        # "… pernah dikatakan oleh Presiden Joko Widodo,\n“…”": the paragraph
        # before ends with the speaker.
        end = line_start - 1
        while end > low and text[end - 1].isspace():
            end -= 1
        line_start = max(low, text.rfind("\n", low, end) + 1)
        before = text[line_start:end]
    if before.endswith((":", ",")):
        found = list(names_in(text, line_start, line_start + len(before), names))
        return found[-1] if found else None
    return None


def _clause_end(text, start):
    stop = min(len(text), start + REACH)
    ends = [f for f in (text.find(m, start, stop) for m in (". ", "\n")) if f >= 0]
    if ends:
        return min(ends)
    found = text.find(".", start, stop)
    return found if found >= 0 else stop


# "Purwakarta.Heryawan": a full stop between words (not "M.H.", "PT.Baja").
SENTENCE_END = re.compile(r"(?:\.\s|(?<=[a-z]{3})\.(?=[A-Z][a-z])|\n)")


def _sentence_start(text, position, reach=REACH):
    """Where the sentence holding ``position`` starts (within ``reach``): after
    a full stop and a space, a full stop before a capital ("Purwakarta.Heryawan
    mengatakan") or a line end."""
    low = max(0, position - reach)
    found = low
    for match in SENTENCE_END.finditer(text, low, position):
        found = match.end()
    return found


def _indirect(text, taken, names=None):
    taken_sorted = sorted(taken)
    result = []
    for match in INDIRECT_VERB.finditer(text):
        start = _sentence_start(text, match.start())
        # "“…,” katanya menambahkan": no subject after a quotation mark.
        start = max(start, *(text.rfind(m, start, match.start()) + 1 for m in '”"'))
        subject = text[start : match.start()].strip(" ,")
        if not subject or len(subject) > REACH:
            continue
        lowered = [w.strip(",") for w in subject.lower().split()]
        # "Namun, ia mengungkapkan …": the pronoun after a connector.
        while (
            len(lowered) > 1
            and lowered[0] not in PRONOUNS
            and lowered[0].capitalize() in CONNECTORS | lexicon.FUNCTION_WORDS
        ):
            lowered.pop(0)
        points_back = lowered[-1] in ANAPHORS and len(lowered) <= 6
        # "Bupati meminta …": a role alone is the one who spoke last.
        role_alone = len(lowered) <= 2 and all(
            w in lexicon.ROLE_WORDS for w in subject.split()
        )
        if (
            " ".join(lowered) in PRONOUNS
            or lowered[0] in PRONOUNS
            or points_back
            or role_alone
        ):
            name = None
        else:
            # The subject before a companion ("…, didampingi Y,") if any.
            companion = COMPANIONS.search(text, start, match.start())
            stop = companion.start() if companion else match.start()
            found = list(names_in(text, start, stop, names))
            if not found:
                continue
            name = found[-1]
        end = _clause_end(text, match.end())
        result.append((match.end(), end, INDIRECT, name))
    for pattern, reach in ((INSIDE, 40), (MENURUT, 60)):
        for match in pattern.finditer(text):
            name = next(names_in(text, match.end(), match.end() + reach, names), None)
            if name is None:
                continue
            start = _sentence_start(text, match.start())
            result.append((start, _clause_end(text, match.end()), INDIRECT, name))
    for match in HAL.finditer(text):
        name = next(names_in(text, match.end(), match.end() + REACH, names), None)
        if name is None:
            continue
        # "Seluruh pelaku industri … dituntut … Hal tersebut diungkapkan X":
        # the sentence before.
        end = _sentence_start(text, match.start())
        while end > 0 and text[end - 1].isspace() and end > match.start() - REACH:
            end -= 1
        if end > 0:
            start = _sentence_start(text, end - 1, 2 * REACH)
            result.append((start, end, INDIRECT, name))
    for match in SAID_BY_ANAPHOR.finditer(text):
        result.append((match.end(), _clause_end(text, match.end()), INDIRECT, None))
    for match in BY_LAST.finditer(text):
        result.append((match.end(), _clause_end(text, match.end()), INDIRECT, None))
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
