"""``organisations.defined``: "Long Name (ABBR) [Region]" and "ABBR (Long Name)"."""

import re

from ...kinds import ORGANISATION
from .. import lexicon, places
from ..proposals import Proposal, tidy
from .names import Mention


def _initials_match(abbreviation: str, long_form: str) -> bool:
    letters = [w[0].upper() for w in long_form.split() if w[:1].isupper()]
    abbreviation = re.sub(r"[^A-Z]", "", abbreviation.upper())
    return len(abbreviation) >= 2 and "".join(letters).startswith(abbreviation[:2])


# "Long Name (ABBR)": a run of capitalised words (and "dan", "&", "of", …)
# scanned once, possessively, then the abbreviation looked for right after it.
# A run ends where its words stop, and every word of a run that is not
# followed by "(ABBR)" leads to that same end, so no later start inside it can
# succeed: the search goes on after the run instead of from each of its
# letters (which made an ALL-CAPS press release quadratic).
DEFINED_RUN = re.compile(
    r"(?:[A-Z][\w.&’'-]*+|dan|of|and|the)"
    r"(?:,?\s+(?:[A-Z][\w.&’'-]*+|dan|&|of|and|the))*+"
)
DEFINED_ABBREVIATION = re.compile(
    r"\s+\(([A-Z][A-Za-z]{1,12}(?: [A-Z][A-Za-z]{1,8})?)\)"
)
# The last head word of a long form: the head must stand on its last line (or
# end just before it), so the search starts this far before that line.
HEAD_IN_LONG_FORM = re.compile(rf"(?:^|\s)((?:{lexicon.ORG_HEADS})(?:\s.*)?)$")
LONGEST_HEAD = max(len(head) for head in lexicon.ORG_HEADS_LIST)


def _runs_with_abbreviation(text):
    """``(start, end, long form, abbreviation)`` for every "Long Name (ABBR)",
    as ``re.finditer`` would find the pattern of a run followed by its
    abbreviation, in time linear in ``text``."""
    position = 0
    while True:
        run = DEFINED_RUN.search(text, position)
        if run is None:
            return
        after = DEFINED_ABBREVIATION.match(text, run.end())
        if after is None:
            position = run.end()
            continue
        yield run.start(), after.end(), run.group(0), after.group(1)
        position = after.end()


def _head_of(long_form):
    """The part of ``long_form`` from its last head word on, or None."""
    newline = long_form.rfind("\n")
    start = max(0, newline - LONGEST_HEAD - 1) if newline >= 0 else 0
    return HEAD_IN_LONG_FORM.search(long_form, start)


def _initials_cut(words, abbreviation):
    """``_initials_match(abbreviation, " ".join(words[cut:]))`` for every
    ``cut``, in one pass from the end instead of joining every tail."""
    abbreviation = re.sub(r"[^A-Z]", "", abbreviation.upper())
    if len(abbreviation) < 2:
        return [False] * len(words)
    matches = [False] * len(words)
    first = second = None  # initials of the next two capitalised words
    for cut in range(len(words) - 1, -1, -1):
        word = words[cut]
        if word[:1].isupper():
            first, second = word[0].upper(), first
        matches[cut] = (
            first is not None
            and second is not None
            and (first + second).startswith(abbreviation[:2])
        )
    return matches


def _word_offset(text, n):
    """Where the ``n``-th word (``text.split()[n]``) of ``text`` starts."""
    for number, word in enumerate(re.finditer(r"\S+", text)):
        if number == n:
            return word.start()
    return 0


def find_defined(text):
    """Names defined with their abbreviation."""
    found = []
    for match_start, match_end, long_form, abbreviation in _runs_with_abbreviation(
        text
    ):
        evidence = text[match_start:match_end]
        if abbreviation in lexicon.GENERIC_ACRONYMS:
            continue
        spelled_region = places.leading_region(" " + abbreviation)
        if spelled_region and spelled_region[0] == abbreviation:
            continue  # "PT X, Morowali, Sulawesi Tengah (Sulteng)": a place's
        head = _head_of(long_form)
        if head:
            offset = head.start(1)
            long_form = head.group(1)
        else:
            words = long_form.split()
            # No head word: keep the words the abbreviation spells.
            tail_ok = words[-1] in lexicon.ORG_TAILS
            spelled = _initials_cut(words, abbreviation)
            for cut in range(len(words)):
                if spelled[cut] and (tail_ok or len(words) - cut >= 2):
                    if words[cut] in lexicon.ROLE_WORDS:
                        continue
                    offset = _word_offset(long_form, cut)
                    long_form = " ".join(words[cut:])
                    break
            else:
                continue
            if any(w in lexicon.ROLE_WORDS for w in long_form.split()[:1]):
                continue
            if not (tail_ok or _initials_match(abbreviation, long_form)):
                continue
            if long_form.split()[0] in (
                lexicon.FUNCTION_WORDS
                | lexicon.CALENDAR
                | lexicon.NOT_ORGANISATION_HEADS
            ):
                continue
        long_form = long_form.strip(" ,")
        region = places.leading_region(long_form)
        if region and region[0] == long_form:
            continue  # "Daerah Istimewa Yogyakarta (DIY)" is a place
        rest = text[match_end : match_end + 80]
        region = places.leading_region(rest) if rest[:1] == " " else None
        name = f"{long_form} {region[0]}" if region else long_form
        alias = f"{abbreviation} {region[0]}" if region else abbreviation
        # Where the long form stands (its words rejoined with single spaces
        # may not be written so: then where its first word is).
        found_at = evidence.find(long_form)
        start = match_start + (found_at if found_at >= 0 else offset)
        end = match_end + (
            len(rest) - len(rest.lstrip()) + len(region[0]) if region else 0
        )
        found.append(
            Mention(
                Proposal(
                    ORGANISATION,
                    tidy(name),
                    evidence,
                    0.9,
                    aliases={alias},
                    rule="organisations.defined",
                ),
                start,
                end,
            )
        )
    for match in re.finditer(r"\b([A-Z]{3,10})\s+\(([A-Z][^()]{8,120})\)", text):
        abbreviation, long_form = match.groups()
        words = long_form.split()
        if words[-1] in lexicon.ORG_TAILS or re.match(
            rf"(?:{lexicon.ORG_HEADS})\b", long_form
        ):
            found.append(
                Mention(
                    Proposal(
                        ORGANISATION,
                        long_form,
                        match.group(0),
                        0.9,
                        aliases={abbreviation},
                        rule="organisations.defined",
                    ),
                    match.start(),
                    match.end(),
                )
            )
    return found
