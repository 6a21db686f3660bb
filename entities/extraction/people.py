"""People: names introduced by a role, a title, an age or a verb of saying.

Rules (each proposal records which fired):

- ``people.role_apposition``: "<Role> <Organisation>, [titles] Name[, degrees],"
  ("Direktur Utama PT Semen Nusantara, Budi Hartono, mengatakan").
- ``people.role_name``: "<Role> <Organisation> Name" with no comma: the name is
  read backwards from the end of the run and stops at a place, an abbreviation,
  a title, a parenthesis or an organisation found elsewhere in the text ("CEO PT
  X Y Budi" when "PT X Y" stands alone elsewhere).
- ``people.name_role``: "Name, <Role> …" and "Name, petani …".
- ``people.name_verb``: "Name[, degrees], mengatakan …" (a verb of saying or
  judging follows the name).
- ``people.name_age``: "Sumarni (47), …".
- ``people.title_name``: "Dr. Ir. Name", "KH. Name" (honorifics are never
  names themselves).
- ``people.alias``: "Name alias Other Name".
- ``people.selaku``: "Name selaku <role>".
- ``people.name_parenthesis_role``: "Name (Ketua …)".
- ``people.speech_name_role``: "kata Name Ketua …".

A candidate that is an organisation (found in the text, known, or holding an
organisation's head or suffix), a weekday, a month or an honorific is never a
person. Later short mentions ("kata Budi") join the full name as aliases.
"""

import bisect
import re
from dataclasses import dataclass

from ..kinds import PERSON
from . import lexicon, places
from .proposals import Proposal, normalise
from .tokens import is_acronym, is_capitalised, is_initial, sentences

NOT_NAME = (
    lexicon.ROLE_WORDS
    | lexicon.INSTITUTIONAL
    | lexicon.HONORIFICS
    | lexicon.FUNCTION_WORDS
    | lexicon.ORG_SUFFIXES
    | set(lexicon.NATIONAL_BODIES)
    | set(lexicon.LOCAL_BODIES)
    | lexicon.TITLES
    | {"PT", "PT.", "CV", "UD", "Tbk", "Persero", "Co.", "Ltd"}
) - lexicon.NAME_PARTICLES
LEADING = lexicon.TITLES | lexicon.HONORIFICS
CONJUNCTIONS = {"dan", "serta", "atau", "hingga", "maupun", "&"}
ORG_WORD = re.compile(rf"^(?:{lexicon.ORG_HEADS})$")


@dataclass
class Candidate:
    name: str
    role: str
    rule: str
    evidence: str
    start: int  # character offset of the name
    titled: bool = False  # a title or honorific stood before it
    also: str = ""  # another name it goes by ("X alias Y")


def _place_word(word):
    entries = places.surface_index().get(places.key(word))
    return bool(entries) and word not in lexicon.NAME_PARTICLES


def is_name_word(word: str) -> bool:
    if word in lexicon.NAME_PARTICLES:
        return True
    if re.fullmatch(r"[A-Z][a-z]{2,4}\.", word) and word not in LEADING:
        return True  # "Moch.", "Muh.": a shortened first name
    return (
        is_capitalised(word)
        and bool(re.fullmatch(r"[A-Za-z][A-Za-z’'-]*", word))
        and not is_acronym(word)
        and word not in NOT_NAME
        and not ORG_WORD.match(word)
    )


def read_name(words, i, *, max_words=6):
    """Read a name starting at ``i`` (titles and honorifics skipped): return
    ``(first, end)`` token indexes of the name proper, or None."""
    while i < len(words) and words[i] in LEADING:
        i += 1
    first = i
    name = []
    while i < len(words) and len(name) < max_words:
        word = words[i]
        following = words[i + 1] if i + 1 < len(words) else ""
        if is_initial(word) and word not in LEADING:
            if not (is_name_word(following) or is_initial(following)):
                break
        elif not is_name_word(word):
            break
        name.append(word)
        i += 1
    while name and (name[-1] in lexicon.NAME_PARTICLES or is_initial(name[-1])):
        name.pop()
        i -= 1
    if not name or not any(is_name_word(w) and len(w) > 2 for w in name):
        return None
    return first, i


def skip_degrees(words, j):
    """Past ", S.E., M.Si." after a name; return the index after them."""
    while j + 1 < len(words) and words[j] == "," and lexicon.is_degree(words[j + 1]):
        j += 2
    if j < len(words) and lexicon.is_degree(words[j]) and words[j] != "I":
        j += 1
    return j


def _closes(words, j):
    """Whether position ``j`` can follow a person's name in apposition."""
    if j >= len(words):
        return True
    word = words[j]
    if word in {".", ")", ";", "”", '"'}:
        return True
    if word == ",":
        following = words[j + 1] if j + 1 < len(words) else ""
        if following in CONJUNCTIONS:
            return False
        if following in lexicon.CALENDAR:  # "…, Budi Santoso, Kamis (12/9)."
            return True
        return not (is_capitalised(following) and not lexicon.is_degree(following))
    if word == "(":  # "Joko Widodo (Jokowi)", "Sumarni (47)"
        return True
    return word[:1].islower() and word not in CONJUNCTIONS


def _verb_follows(words, j):
    """A verb of saying after the name, maybe past "di Kota," and "Rabu,"."""
    if j < len(words) and words[j] == ",":
        j += 1
    if j < len(words) and words[j] == "di":
        j += 1
        while j < len(words) and is_capitalised(words[j]):
            j += 1
        if j < len(words) and words[j] == ",":
            j += 1
    if j < len(words) and words[j] in lexicon.CALENDAR:
        j += 1
        if j < len(words) and words[j] == ",":
            j += 1
    while j < len(words) and words[j] in {"juga", "pun", "lalu", "kemudian", "ikut"}:
        j += 1
    return j < len(words) and words[j] in lexicon.REPORTING_VERBS


def _role_before(words, i, limit=16):
    """The role phrase that ends just before ``i`` (a comma), if any."""
    k = i - 1
    lowercase = 0
    role_at = None
    while k >= 0 and i - k <= limit:
        word = words[k]
        if word in {"“", "”", '"', ":", ";"} or word in lexicon.REPORTING_VERBS:
            break
        if word in lexicon.SPEECH_VERBS or word.lower() in lexicon.SPEECH_VERBS:
            break
        if word[:1].islower() and word not in {"dan", "di", "dari", "of", "bidang"}:
            lowercase += 1
            if lowercase > 2:
                break
        if word in lexicon.ROLE_WORDS:
            role_at = k
        k -= 1
    if role_at is None:
        return None
    return (
        " ".join(words[role_at:i])
        .replace(" ,", ",")
        .replace("( ", "(")
        .replace(" )", ")")
    )


def _run_end(words, r, ends=None):
    """The end (exclusive) of the capitalised run that starts at ``r``.

    ``ends`` (one dict per sentence) remembers the end for every position a
    run passed through: a run read from inside another ends where it does,
    so a sentence of role words ("Ketua dan Ketua dan …") is read once."""
    if ends is not None and r in ends:
        return ends[r]
    j = r
    passed = [r]
    while j < len(words):
        if ends is not None and j in ends:
            j = ends[j]
            break
        word = words[j]
        if is_capitalised(word) or word in {"(Persero)", "&"}:
            j += 1
        elif (
            word == "("
            and j + 3 < len(words)
            and words[j + 2] == ")"
            and is_capitalised(words[j + 3])
        ):
            j += 3  # "(Menko)" inside a role, "(API)" before the name
        elif (
            word in {"dan", "of", "and"}
            and j + 1 < len(words)
            and is_capitalised(words[j + 1])
        ):
            j += 1
        else:
            break
        passed.append(j)
    if ends is not None:
        for position in passed:
            ends[position] = j
    return j


def _backward_name(words, tokens, r, end, barriers):
    """The name at the end of the run ``words[r:end]``, read backwards."""
    name_start = end
    k = end - 1
    count = 0
    # The last organisation name ending before the run does (``barriers`` is
    # sorted): the name read backwards stops there.
    before = bisect.bisect_right(barriers, tokens[end - 1].end)
    barrier = barriers[before - 1] if before else -1
    while k > r and count < 5:
        word = words[k]
        if tokens[k].start < barrier:
            break
        if word in LEADING:
            break
        if is_initial(word) and k + 1 < end and is_name_word(words[k + 1]):
            name_start = k
            k -= 1
            count += 1
            continue
        if not is_name_word(word) or _place_word(word):
            break
        name_start = k
        k -= 1
        count += 1
    while name_start < end and words[name_start] in lexicon.NAME_PARTICLES - {
        "La",
        "Andi",
        "I",
        "Ni",
        "Wa",
        "Tb",
        "Tb.",
    }:
        name_start += 1
    if name_start >= end:
        return None
    if end - name_start >= 3 and places.districts().get(places.key(words[name_start])):
        name_start += 1  # "Camat Tulis Abdul Ghofur": the district, then the name
    return name_start


def find(text: str, *, org_spans=(), org_names=frozenset()) -> list[Candidate]:
    """Person candidates in ``text``; ``org_spans`` are (start, end) character
    spans of organisation names, ``org_names`` their normalised names."""
    candidates: list[Candidate] = []
    barriers = sorted(end for _start, end in org_spans)
    glued: set[int] = set()
    spoken = SpeechIndex(text, REMENTION_VERBS)
    for tokens in sentences(text):
        words = [t.text for t in tokens]
        ends: dict[int, int] = {}  # _run_end's memory for this sentence
        # The next title or honorific at or after each position.
        next_leading = [len(words)] * (len(words) + 1)
        for k in range(len(words) - 1, -1, -1):
            next_leading[k] = k if words[k] in LEADING else next_leading[k + 1]
        evidence = text[tokens[0].start : tokens[-1].end][:300]

        def add(first, end, role, rule, words=words, tokens=tokens, evidence=evidence):
            name = " ".join(words[first:end])
            titled = first > 0 and words[first - 1] in LEADING
            candidates.append(
                Candidate(name, role, rule, evidence, tokens[first].start, titled)
            )

        for i, word in enumerate(words):
            previous = words[i - 1] if i else ""
            # <Role …>, Name,
            if word == "," and i + 1 < len(words):
                role = _role_before(words, i)
                read = read_name(words, i + 1)
                if role and read:
                    first, end = read
                    after = skip_degrees(words, end)
                    other = (
                        read_name(words, after + 1)
                        if after < len(words) and words[after] == "alias"
                        else None
                    )
                    if other:
                        # "Lim Ah Seng alias Heri Salim": the name used is the
                        # second, the first its alias.
                        add(other[0], other[1], role, "people.role_apposition")
                        candidates[-1].also = " ".join(words[first:end])
                        continue
                    if _closes(words, after):
                        add(first, end, role, "people.role_apposition")
                        continue
                if role:
                    # "Koordinator …, Direktorat …, Kementerian … Budi Santoso"
                    end = _run_end(words, i + 1, ends)
                    following = words[end] if end < len(words) else ""
                    if following[:1].islower() and following not in CONJUNCTIONS:
                        start = _backward_name(words, tokens, i + 1, end, barriers)
                        if start is not None and end - start >= 2:
                            add(start, end, role, "people.role_name")
                            continue
            # <Role> … Name (no comma)
            if word in lexicon.ROLE_WORDS and (
                not is_capitalised(previous)
                or previous in {"Plt", "Pj", "Plh"}
                or previous in lexicon.FUNCTION_WORDS
                or previous.lower() in lexicon.SPEECH_VERBS
            ):
                end = _run_end(words, i, ends)
                titled = next_leading[i + 1] if i + 1 < end else end
                if titled < end:
                    read = read_name(words, titled)
                    if read and read[1] <= end:
                        add(
                            read[0],
                            read[1],
                            " ".join(words[i:titled]),
                            "people.role_name",
                        )
                        continue
                following = words[end] if end < len(words) else ""
                nickname = (
                    following == "("
                    and end + 2 < len(words)
                    and words[end + 2] == ")"
                    and (is_capitalised(words[end + 1]) or words[end + 1].isdigit())
                    and not is_acronym(words[end + 1])
                )
                if nickname:
                    following = words[end + 3] if end + 3 < len(words) else ""
                apposed = following == "," and read_name(words, end + 1)
                if apposed and _closes(words, skip_degrees(words, apposed[1])):
                    # "CEO X Energy, Budi Santoso,": the run is the role, the
                    # name follows the comma (people.role_apposition).
                    continue
                if (following != "(" or nickname) and (
                    following in {",", ".", ""}
                    or following[:1].islower()
                    and following not in CONJUNCTIONS
                ):
                    start = _backward_name(words, tokens, i, end, barriers)
                    if start is None and _remention(spoken, words, tokens, i, end):
                        # An organisation's name swallowed the person's: read
                        # the name anyway when the text mentions it again.
                        start = _backward_name(words, tokens, i, end, ())
                        glued.add(tokens[start].start if start is not None else -1)
                    if start is not None:
                        name_words = words[start:end]
                        if len(
                            name_words
                        ) >= 2 or following in lexicon.REPORTING_VERBS | {","}:
                            add(
                                start, end, " ".join(words[i:start]), "people.role_name"
                            )
                            continue
            # Name …: at the start of a clause
            if (
                is_capitalised(word)
                and not (
                    is_capitalised(previous) and previous not in lexicon.FUNCTION_WORDS
                )
                and previous not in {"(", "PT", "CV"}
            ):
                read = read_name(words, i, max_words=5)
                if not read:
                    continue
                first, end = read
                if first > i and words[i] in lexicon.TITLES:
                    pass
                n = end - first
                after = skip_degrees(words, end)
                following = words[after] if after < len(words) else ""
                second = words[after + 1] if after + 1 < len(words) else ""
                if following == "(" and re.fullmatch(r"\d{1,3}", second):
                    add(first, end, "", "people.name_age")
                elif (
                    following == ","
                    and (second in lexicon.ROLE_WORDS or second in lexicon.OCCUPATIONS)
                    and (n >= 2 or first > i)
                ):
                    add(first, end, "", "people.name_role")
                elif n >= 2 and _verb_follows(words, after):
                    add(first, end, "", "people.name_verb")
                elif following == "alias":
                    other = read_name(words, after + 1)
                    if other:
                        candidates.append(
                            Candidate(
                                " ".join(words[other[0] : other[1]]),
                                "",
                                "people.alias",
                                evidence,
                                tokens[other[0]].start,
                            )
                        )
                        candidates[-1].also = " ".join(words[first:end])
                elif following == "selaku" and n >= 2:
                    add(
                        first,
                        end,
                        " ".join(words[after + 1 : after + 6]),
                        "people.selaku",
                    )
                elif following == "(" and second in lexicon.ROLE_WORDS:
                    add(first, end, "", "people.name_parenthesis_role")
                elif first > i and (n >= 2 or after > end) and _closes(words, after):
                    add(first, end, "", "people.title_name")
                elif (
                    previous.lower() in lexicon.SPEECH_VERBS
                    and following in lexicon.ROLE_WORDS
                    and n >= 1
                ):
                    add(first, end, "", "people.speech_name_role")
    return [
        c
        for c in candidates
        if _plausible(c, () if c.start in glued else org_spans, org_names)
    ]


REMENTION_VERBS = ("kata", "ujar", "ucap", "tutur", "menurut", "ungkap", "jelas")
SHORT_MENTION_VERBS = ("kata", "ujar", "ucap", "tutur")


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what ``\w`` matches


class SpeechIndex:
    """Where a text says "<verb> <word>" ("kata Budi"), for every word: built
    in one pass, so that asking about each name costs no pass over the text.

    ``verbs`` are matched as ``(?:kata|…) `` (``bounded``: after a word
    boundary, ``\b(?:kata|…) ``). A word follows a verb when the text after
    the verb's space starts with it and a word boundary follows it, as
    ``re.search(rf"(?:kata|…) {re.escape(word)}\b", text)`` decides; the
    candidates are the beginnings of the next run of non-space characters
    that end at a word boundary."""

    def __init__(self, text: str, verbs, *, bounded=False):
        self.text = text
        self.verbs = verbs
        self.first: dict[str, int] = {}  # word -> where its first mention starts
        self.last: dict[str, int] = {}  # word -> where its last mention's verb starts
        pattern = ("\\b" if bounded else "") + "(?:" + "|".join(verbs) + ") "
        for match in re.finditer(pattern, text):
            start = match.end()
            stop = start
            while stop < len(text) and not text[stop].isspace():
                stop += 1
            for end in range(start + 1, stop + 1):
                following = text[end] if end < len(text) else ""
                if _word_char(text[end - 1]) != _word_char(following):
                    word = text[start:end]
                    self.first.setdefault(word, start)
                    self.last[word] = match.start()

    def __contains__(self, word) -> bool:
        return word in self.first

    def outside(self, word: str, start: int, stop: int) -> bool:
        """Whether ``word`` follows a verb in the text with ``text[start:stop]``
        replaced by one space (the mention itself taken out)."""
        first = self.first.get(word)
        if first is not None and first + len(word) < start:
            return True
        last = self.last.get(word)
        if last is not None and last >= stop:
            return True
        text = self.text
        # At the seam: "… kata Budi" + " " or "… kata" + " " + "Budi …".
        ends_word = _word_char(word[-1])
        if ends_word and text.endswith(word, 0, start):
            head = text[max(0, start - len(word) - 9) : start - len(word)]
            if head.endswith(tuple(f"{verb} " for verb in self.verbs)):
                return True
        if text.endswith(tuple(self.verbs), 0, start) and text.startswith(word, stop):
            following = text[stop + len(word) : stop + len(word) + 1]
            return _word_char(word[-1]) != _word_char(following)
        return False


def _remention(spoken, words, tokens, r, end):
    """Whether the last two words of the run ``words[r:end]`` (a name glued
    onto an organisation's) are mentioned again alone elsewhere in the text
    (``spoken``: its ``SpeechIndex`` of ``REMENTION_VERBS``)."""
    if end - r < 3:
        return False
    start, stop = tokens[r].start, tokens[end - 1].end
    for word in words[end - 2 : end]:
        if len(word) > 3 and is_name_word(word) and spoken.outside(word, start, stop):
            return True
    return False


def _plausible(candidate, org_spans, org_names):
    words = candidate.name.split()
    if places.surface_index().get(places.key(candidate.name)):
        return False
    if any(w in lexicon.HONORIFICS for w in words):
        return False
    # "Rabu", "April": a weekday or month opens or closes no name, though one
    # may stand inside it ("Putu Juli Ardika").
    if words[0] in lexicon.CALENDAR or words[-1] in lexicon.CALENDAR:
        return False
    if any(w in lexicon.ORG_SUFFIXES or ORG_WORD.match(w) for w in words):
        return False
    if normalise(candidate.name) in org_names:
        return False
    return not any(start <= candidate.start < end for start, end in org_spans)


def proposals(candidates: list[Candidate], text: str) -> list[Proposal]:
    """One proposal per person: shorter forms ("Siti Aisyah", "Budi") join the
    longest name they are part of."""
    result: list[Proposal] = []
    # Every run of words of every proposal so far -> the first proposal
    # holding it: a shorter form joins the first proposal it is a part of.
    parts: dict[tuple, Proposal] = {}
    for candidate in sorted(candidates, key=lambda c: -len(c.name.split())):
        words = candidate.name.split()
        alias = candidate.also
        target = parts.get(tuple(normalise(w) for w in words))
        if target:
            if candidate.name != target.name:
                target.aliases.add(candidate.name)
            target.role = target.role or candidate.role
            continue
        if (
            len(words) == 1
            and not candidate.titled
            and candidate.rule
            not in {
                "people.role_apposition",
                "people.role_name",
                "people.name_age",
                "people.speech_name_role",
            }
        ):
            continue
        proposal = Proposal(
            PERSON,
            candidate.name,
            candidate.evidence,
            0.8,
            role=candidate.role.strip(" ,"),
            rule=candidate.rule,
        )
        if alias:
            proposal.aliases.add(alias)
        result.append(proposal)
        full = [normalise(w) for w in proposal.name.split()]
        for i in range(len(full)):
            for j in range(i + 1, len(full) + 1):
                parts.setdefault(tuple(full[i:j]), proposal)
    # Later short mentions ("kata Budi", "ujar Hartono") name the same person.
    spoken = SpeechIndex(text, SHORT_MENTION_VERBS, bounded=True)
    for proposal in result:
        for part in proposal.name.split():
            if len(part) > 2 and part in spoken:
                proposal.aliases.add(part)
    return result
