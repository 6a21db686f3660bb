"""``organisations.suffix``: a name closed by a suffix ("… Group", "…
Corporation", "… Co., Ltd"), read backwards to a role word."""

import functools
import re

from ...kinds import ORGANISATION
from .. import lexicon
from ..proposals import Proposal
from .names import HEAD_WORD, STOP_WORDS, Mention


@functools.cache
def _suffix_pattern():
    suffixes = "|".join(
        re.escape(s) for s in sorted(lexicon.ORG_SUFFIXES, key=len, reverse=True)
    )
    # A name's first word starts at the first capital of its word ("eBay" ->
    # "Bay"): every later capital of the same word leads to the same words
    # after it, so only the first is tried, not each letter of a long word.
    return re.compile(
        r"(?<![\w&’'-])(?:[^\WA-Z]|[&’'-])*+"
        # A name stands on one line: "Kelompok Usaha dari Surabaya" (a
        # heading), then "Finna Group" opening the next paragraph.
        rf"((?:[A-Z][\w&’'-]*[^\S\n]+){{1,5}})((?:{suffixes})"
        r"(?:\s+Co\.?,?\s?Ltd\.?)?|Co\.,?\s?Ltd\.?)(?![\w])"
        # "Holding BUMN …", "Grup MIND ID", "Group Sinar": the word heads the
        # name that follows it; it closes none.
        r"(?![^\S\n]+(?:[A-Z][a-z]|(?!CEO\b|CFO\b|COO\b|Tbk\b)[A-Z]{2,}\b))"
    )


def find_suffixes(text):
    """ "Sinar Baja Group", "Kitano Chemical Corporation", "X Co., Ltd"."""
    found = []
    for match in _suffix_pattern().finditer(text):
        words = match.group(1).split()
        kept = []
        for word in reversed(words):
            if (
                word in STOP_WORDS
                or word in lexicon.FUNCTION_WORDS
                or HEAD_WORD.match(word)
            ):
                break
            kept.insert(0, word)
        # "Direktur Utama X Group": the role's own words are not the name's.
        if len(kept) < len(words):
            while kept and kept[0] in lexicon.INSTITUTIONAL:
                kept.pop(0)
        # "Financial Advisor X Corporation": a role ends before the name.
        roles = [n for n, word in enumerate(kept) if word in lexicon.ROLE_WORDS]
        if roles:
            kept = kept[roles[-1] + 1 :]
        # "Investornya X Holding": a sentence's first word is not the name's.
        if kept and kept[0].endswith("nya"):
            kept.pop(0)
        if not kept:
            continue
        suffix = re.sub(r"Co\.?,?\s?Ltd\.?", "Co., Ltd", match.group(2)).rstrip(".")
        name = f"{' '.join(kept)} {suffix}"
        start = match.end(1) - len(" ".join(kept)) - 1
        start = text.rfind(kept[0], match.start(), match.end())
        found.append(
            Mention(
                Proposal(
                    ORGANISATION,
                    name,
                    text[max(0, start - 40) : match.end() + 40].strip(),
                    0.85,
                    rule="organisations.suffix",
                ),
                start,
                match.end(),
            )
        )
    return found
