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

import re

from .. import lexicon
from ..tokens import is_acronym, is_capitalised, sentences
from .grammar import (
    CONJUNCTIONS,
    LEADING,
    LOWERCASE_ROLES,
    Candidate,
    backward_name,
    closes,
    headline,
    is_name_word,
    lowercase_role,
    middle_initial,
    office_word,
    past_place,
    place_word,
    read_name,
    role_before,
    run_end,
    skip_degrees,
    verb_follows,
)
from .joining import plausible, proposals
from .speech import REMENTION_VERBS, SpeechIndex, remention

__all__ = ["Candidate", "find", "proposals"]

# Titles that open a name whatever word stands before them ("Dr.", "Mr"):
# abbreviated ones, and the English forms of address.
OPENING_TITLES = {
    w for w in LEADING if w.endswith(".") and len(w) > 2 or w in {"Mr", "Mrs", "Ms"}
}


def find(text: str, *, org_spans=(), org_names=frozenset()) -> list[Candidate]:
    """Person candidates in ``text``; ``org_spans`` are (start, end) character
    spans of organisation names, ``org_names`` their normalised names."""
    candidates: list[Candidate] = []
    barriers = sorted(end for _start, end in org_spans)
    glued: set[int] = set()
    spoken = SpeechIndex(text, REMENTION_VERBS)
    for tokens in sentences(text):
        words = [t.text for t in tokens]
        if headline(words):
            continue
        ends: dict[int, int] = {}  # _run_end's memory for this sentence
        # The next title or honorific at or after each position.
        next_leading = [len(words)] * (len(words) + 1)
        for k in range(len(words) - 1, -1, -1):
            next_leading[k] = k if words[k] in LEADING else next_leading[k + 1]
        # The next "dan <Role>" at or after each position ("Bupati Ketapang
        # Budi Santoso dan Wakil Bupati …": the first name ends at "dan").
        next_and_role = [len(words)] * (len(words) + 1)
        for k in range(len(words) - 2, -1, -1):
            next_and_role[k] = (
                k
                if words[k] in CONJUNCTIONS and words[k + 1] in lexicon.ROLE_WORDS
                else next_and_role[k + 1]
            )
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
                role = role_before(words, i)
                read = past_place(words, i + 1)
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
                    if closes(words, after):
                        add(first, end, role, "people.role_apposition")
                        continue
                if role:
                    # "Koordinator …, Direktorat …, Kementerian … Budi Santoso"
                    end = run_end(words, i + 1, ends)
                    following = words[end] if end < len(words) else ""
                    start = backward_name(words, tokens, i + 1, end, barriers)
                    if (
                        start is not None
                        and end - start >= 2
                        and (
                            following[:1].islower()
                            and following not in CONJUNCTIONS
                            # "staf ahli Bidang Ekonomi, Pembangunan dan
                            # Keuangan George Yarangga, …": an office's
                            # words, then the name
                            or following == ","
                            and start - 1 > i
                            and words[start - 1] in lexicon.OFFICE_WORDS
                        )
                    ):
                        add(start, end, role, "people.role_name")
                        continue
            # <role> <Region> Name (a role in lower case)
            if word in LOWERCASE_ROLES and (read := lowercase_role(words, i)):
                add(
                    read[0],
                    read[1],
                    " ".join(words[i : read[0]]),
                    "people.lowercase_role",
                )
                continue
            # <Role> … Name (no comma)
            # "melalui kepala Dinas Pekerjaan Umum … Roy Rizali Anwar": a role
            # in lower case before an office's name.
            lowered = (
                word in LOWERCASE_ROLES
                and i + 1 < len(words)
                and office_word(words[i + 1])
            )
            if lowered or (
                word in lexicon.ROLE_WORDS
                and (
                    not is_capitalised(previous)
                    or previous in {"Plt", "Pj", "Plh"}
                    or previous in lexicon.FUNCTION_WORDS
                    or previous.lower() in lexicon.SPEECH_VERBS
                    or i == 1
                    and previous.lower().endswith("nya")  # "Makanya Kepala …"
                )
            ):
                end = run_stop = run_end(words, i + lowered, ends)
                # "Bupati Kampar Budi Santoso MM": the degrees close the run.
                while (
                    end - 2 > i
                    and words[end - 1] != "I"
                    and lexicon.is_degree(words[end - 1])
                ):
                    end -= 1
                joined = next_and_role[i]
                if joined < end:
                    start = backward_name(words, tokens, i, joined, barriers)
                    if start is not None and joined - start >= 2:
                        add(start, joined, " ".join(words[i:start]), "people.role_name")
                titled = next_leading[i + 1] if i + 1 < end else end
                if titled < end and not middle_initial(words, titled, i, end):
                    read = read_name(words, titled)
                    if read and read[1] <= end:
                        add(
                            read[0],
                            read[1],
                            " ".join(words[i:titled]),
                            "people.role_name",
                        )
                        continue
                following = words[run_stop] if run_stop < len(words) else ""
                nickname = (
                    following == "("
                    and run_stop + 2 < len(words)
                    and words[run_stop + 2] == ")"
                    and (
                        is_capitalised(words[run_stop + 1])
                        or words[run_stop + 1].isdigit()
                    )
                    and not is_acronym(words[run_stop + 1])
                )
                comma_at = run_stop + 3 if nickname else run_stop
                if nickname:
                    following = words[comma_at] if comma_at < len(words) else ""
                apposed = following == "," and past_place(words, comma_at + 1)
                after_apposed = skip_degrees(words, apposed[1]) if apposed else 0
                if apposed and closes(words, after_apposed):
                    if after_apposed < len(words) and words[after_apposed] == "alias":
                        continue  # the comma's rule reads "X alias Y"
                    # "CEO X Energy, Budi Santoso,": the run is the role, the
                    # name follows the comma (however long the role is).
                    add(
                        apposed[0],
                        apposed[1],
                        " ".join(words[i:run_stop]),
                        "people.role_apposition",
                    )
                    continue
                # "Gubernur Lampung X dan jajarannya": "dan" before lower case
                # ends the name too.
                after_and = words[run_stop + 1] if run_stop + 1 < len(words) else ""
                if (following != "(" or nickname) and (
                    following in {",", ".", ""}
                    or following[:1].islower()
                    and (
                        following not in CONJUNCTIONS
                        or after_and[:1].islower()
                        # "Ketua DPRD X Budi Santoso serta Kapolres …"
                        or after_and in lexicon.ROLE_WORDS
                    )
                ):
                    start = backward_name(words, tokens, i, end, barriers)
                    if start is None and remention(spoken, words, tokens, i, end):
                        # An organisation's name swallowed the person's: read
                        # the name anyway when the text mentions it again.
                        start = backward_name(words, tokens, i, end, ())
                        glued.add(tokens[start].start if start is not None else -1)
                    if start is not None:
                        name_words = words[start:end]
                        if (
                            len(name_words) >= 2
                            or not lowered
                            and (
                                following in lexicon.REPORTING_VERBS | {","}
                                # "Gubernur Riau Isdianto di …": the office's
                                # region, then a name of one word.
                                or start - 1 > i
                                and place_word(words[start - 1])
                                and not place_word(words[start])
                            )
                        ):
                            add(
                                start, end, " ".join(words[i:start]), "people.role_name"
                            )
                            continue
            # Name …: at the start of a clause
            if (
                is_capitalised(word)
                and (
                    # "investor asal China Mr Ru Guo Sheng": a title opens a
                    # name after any word
                    (
                        word in OPENING_TITLES
                        # "Dandim 0313/KPR Letkol Arha Mulyadi": a rank after
                        # what is no name
                        or word in lexicon.TITLES
                        and not is_name_word(previous)
                    )
                    and previous not in LEADING  # a run of titles read once
                    or not (
                        is_capitalised(previous)
                        and previous not in lexicon.FUNCTION_WORDS
                    )
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
                third = words[after + 2] if after + 2 < len(words) else ""
                # "Sumarni (47)", "(47 tahun)"; "Atu Lintang (11 KDMP)" counts
                # something else.
                if (
                    following == "("
                    and re.fullmatch(r"\d{1,3}", second)
                    and third in {")", "tahun", "thn", "th"}
                ):
                    add(first, end, "", "people.name_age")
                elif (
                    following == ","
                    and (
                        second in lexicon.ROLE_WORDS
                        or second.capitalize() in lexicon.ROLE_WORDS
                        or second in lexicon.OCCUPATIONS
                    )
                    and (
                        n >= 2 or first > i or previous.lower() in lexicon.SPEECH_VERBS
                    )
                ):
                    # "kata Santoni, pimpinan PT …": one name, said and then
                    # given a role.
                    rule = (
                        "people.name_role"
                        if n >= 2 or first > i
                        else "people.speech_name_role"
                    )
                    add(first, end, "", rule)
                elif n >= 2 and verb_follows(words, after):
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
                elif (
                    previous.lower() == "menurut"
                    and following == ","
                    and first == i
                    and "-" not in words[first]  # "Menurut Undang-Undang,"
                ):
                    # "Menurut Syahrul, pihaknya …": who says so, even with
                    # one name
                    add(first, end, "", "people.according_to")
                elif (
                    following == "dari"
                    and n >= 2
                    and (office_word(second) or is_acronym(second))
                ):
                    # "Chen Jie dari TBEA Xin Jiang": a person and the body
                    # they come from
                    add(first, end, "", "people.name_from")
                elif following == "selaku" and n >= 2:
                    add(
                        first,
                        end,
                        " ".join(words[after + 1 : after + 6]),
                        "people.selaku",
                    )
                elif following == "(" and second in lexicon.ROLE_WORDS:
                    add(first, end, "", "people.name_parenthesis_role")
                elif first > i and (n >= 2 or after > end) and closes(words, after):
                    add(first, end, "", "people.title_name")
                elif (
                    previous.lower() in lexicon.SPEECH_VERBS
                    # "ungkap Hadiyan perwakilan Dinas …": a role in lower
                    # case too
                    and (
                        following in lexicon.ROLE_WORDS
                        or following in LOWERCASE_ROLES
                        or following in lexicon.OCCUPATIONS
                    )
                    and n >= 1
                ):
                    add(first, end, "", "people.speech_name_role")
    return [
        c
        for c in candidates
        if plausible(c, () if c.start in glued else org_spans, org_names)
    ]
