"""The grammar of a person's name in Indonesian news prose: which words may
be part of a name, where a name starts and ends, the role before it and the
degrees after it."""

import bisect
import re
from dataclasses import dataclass

from .. import lexicon, places
from ..tokens import is_acronym, is_capitalised, is_initial

NOT_NAME = (
    lexicon.ROLE_WORDS
    | lexicon.INSTITUTIONAL
    | lexicon.HONORIFICS
    | lexicon.FUNCTION_WORDS
    | lexicon.ORG_SUFFIXES
    | set(lexicon.NATIONAL_BODIES)
    | set(lexicon.LOCAL_BODIES)
    | lexicon.TITLES
    | lexicon.DEGREES
    | lexicon.PORTFOLIO_WORDS
    | {"PT", "PT.", "CV", "UD", "Tbk", "Persero", "Co.", "Ltd"}
) - lexicon.NAME_PARTICLES
LEADING = lexicon.TITLES | lexicon.HONORIFICS
CONJUNCTIONS = {"dan", "serta", "atau", "hingga", "maupun", "&"}
# Role words written in lower case before an office's name and a comma.
LOWERCASE_ROLES = {
    w.lower() for w in lexicon.ROLE_WORDS if w.isalpha() and not w.isupper()
}
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


def place_word(word):
    entries = places.surface_index().get(places.key(word))
    return bool(entries) and word not in lexicon.NAME_PARTICLES


# A verb written with a capital ("Mengemukakan", "Ditandatangani") is no
# name: a verb's prefix and suffix together.
CAPITAL_VERB = re.compile(r"^(?:Me|Di|Ber|Ter|Per)[a-z]{3,}(?:kan|kannya)$")


def is_name_word(word: str) -> bool:
    if word in lexicon.NAME_PARTICLES:
        return True
    if CAPITAL_VERB.match(word):
        return False
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
    # "S.Pi, M.Si", ", S.E., M.Si.", "MM": degrees, each maybe after a comma.
    while j < len(words):
        if lexicon.is_degree(words[j]) and words[j] != "I":
            j += 1
        elif (
            words[j] == ","
            and j + 1 < len(words)
            and lexicon.is_degree(words[j + 1])
            and words[j + 1] != "I"
        ):
            j += 2
        else:
            break
    return j


def closes(words, j):
    """Whether position ``j`` can follow a person's name in apposition."""
    if j >= len(words):
        return True
    word = words[j]
    if word in {".", ")", ";", "”", '"'}:
        return True
    if word == ",":
        following = words[j + 1] if j + 1 < len(words) else ""
        if following in CONJUNCTIONS:
            # "Ketua LMA …, Marthen Wersin, dan Ketua LMA …": a list of
            # people with their roles goes on
            return closes(words, j + 1)
        if following in lexicon.CALENDAR:  # "…, Budi Santoso, Kamis (12/9)."
            return True
        return not (is_capitalised(following) and not lexicon.is_degree(following))
    if word == "(":  # "Joko Widodo (Jokowi)", "Sumarni (47)"
        return True
    if word in CONJUNCTIONS:
        # "…, Budi Santoso dan Ketua DPRD …": another role begins; "Mr. Xiao
        # Nai Cheng dan Mr. Wang …": another titled name
        following = words[j + 1] if j + 1 < len(words) else ""
        return (
            following in lexicon.ROLE_WORDS
            or following in LOWERCASE_ROLES
            or following in LEADING
        )
    return word[:1].islower()


def verb_follows(words, j):
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


def role_before(words, i, limit=16):
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
        if word in lexicon.ROLE_WORDS or (
            # "kata anggota DPD RI Dapil Bengkulu, Budi Santoso,"
            word in LOWERCASE_ROLES
        ):
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


def run_end(words, r, ends=None):
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


def backward_name(words, tokens, r, end, barriers):
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
        if word in LEADING and not (k == end - 1 and _surname_title(word)):
            if not middle_initial(words, k, r, end):
                break
            name_start = k  # "Mardani H. Maming": an initial, not "Haji"
            k -= 1
            count += 1
            continue
        if k == end - 1 and _surname_title(word):
            name_start = k  # "GM PT X Aditya Laksamana": a rank ends no name
            k -= 1
            count += 1
            continue
        if (
            is_initial(word)
            and word not in lexicon.GENERIC_ACRONYMS  # "Presiden RI Joko Widodo"
            and k + 1 < end
            and is_name_word(words[k + 1])
        ):
            name_start = k
            k -= 1
            count += 1
            continue
        if not is_name_word(word) or place_word(word):
            break
        if k - 1 > r and place_word(f"{words[k - 1]} {word}"):
            break  # "… Kalimantan Tengah Diana Setiawan"
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
    # "Camat Tulis Abdul Ghofur", "Camat Tapung Hulu Wira Sastra", "Kepala
    # Desa Sumber Sari Joko Susilo": the district or village, then the name
    # (of two words at least, so a first name that is also a place's stays).
    # The unit's name may begin before the name read ("Sumber" is also a
    # regency-level place word, so the reading stopped after it).
    for back in (2, 1, 0):
        first = name_start - back
        if first <= r:
            continue
        for n in (3, 2, 1):
            if n > back and end - first - n >= 2 and _unit(words[first : first + n]):
                return first + n
    return name_start


def _unit(words) -> bool:
    """Whether ``words`` name a district, or (two words or more) a village:
    one-word village names are too often a person's first name."""
    form = places.key(" ".join(words))
    if places.districts().get(form):
        return True
    return len(words) >= 2 and bool(places.villages().get(form))


def _surname_title(word) -> bool:
    """A rank that is also a family name when it ends a name (Laksamana,
    Kolonel): a title never closes a name, so there it is the name's."""
    return word in lexicon.TITLES and word.isalpha() and len(word) >= 6


# A verb of a headline written in title case: "Bupati Landak Resmikan Pabrik".
HEADLINE_VERB = re.compile(r"^[A-Z][a-z]{2,}kan(?:nya)?$")


def headline(words) -> bool:
    """Whether a sentence is a headline in title case: four words or more,
    every word capitalised, one of them a verb ("Bupati Landak Resmikan
    Pabrik Kelapa Sawit"). Its capitals say nothing of names."""
    letters = [w for w in words if w[:1].isalpha()]
    return (
        len(letters) >= 4
        and all(w[:1].isupper() for w in letters)
        and any(HEADLINE_VERB.match(w) for w in letters)
    )


def past_place(words, i):
    """ "…, Kalimantan Tengah Diana Setiawan": a region written before an
    apposed name is the role's, not the name's. The name read from ``i``,
    past such a region when a name of two words or more follows it. A weekday
    or month after the comma is the day said, not a name ("Gubernur Riau Budi
    Santoso, Senin (4/5) menjelaskan")."""
    if i < len(words) and words[i] in lexicon.CALENDAR:
        return None
    for n in (3, 2, 1):
        if i + n < len(words) and place_word(" ".join(words[i : i + n])):
            read = read_name(words, i + n)
            if read and read[1] - read[0] >= 2:
                return read
    return read_name(words, i)


def lowercase_role(words, i):
    """ "gubernur Sumbar Irwan Prayitno", "bupati Sijunjung Yuswir Ariffin":
    a role written in lower case (``words[i]``), its region, then a name of
    two words at least that closes. Return ``(first, end)`` of the name, or
    None. The region between them is what tells a role from a common noun."""
    j = i + 1
    if words[i] == "wali" and j < len(words) and words[j] == "kota":
        j += 1  # "wali kota"
    for n in (3, 2, 1):
        if j + n < len(words) and place_word(" ".join(words[j : j + n])):
            read = read_name(words, j + n)
            if (
                read
                and read[1] - read[0] >= 2
                and closes(words, skip_degrees(words, read[1]))
            ):
                return read
            return None
    return None


def middle_initial(words, k, r, end) -> bool:
    """ "Mardani H. Maming": an honorific's letter between two words of a
    name is the name's initial (an honorific stands before the whole name).
    The word before must read as a name and not end a place ("Bupati Tanah
    Bumbu H. Mardani" keeps "H." before the name)."""
    if not (is_initial(words[k]) and len(words[k].rstrip(".")) == 1):
        return False
    if not (r < k - 1 and k + 1 < end and is_name_word(words[k + 1])):
        return False
    before = words[k - 1]
    return (
        is_name_word(before)
        and not place_word(before)
        and not (k - 2 > r and place_word(f"{words[k - 2]} {before}"))
        and words[k - 2] not in lexicon.ROLE_WORDS | LEADING
    )


def office_word(word) -> bool:
    """Whether ``word`` opens an office's name: an organisation's head
    ("Dinas", "PT"), a body's abbreviation ("DPRD", "Kemenperin")."""
    return bool(ORG_WORD.match(word)) or (
        word in lexicon.LOCAL_BODIES or word in lexicon.NATIONAL_BODIES
    )
