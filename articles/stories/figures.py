"""The figures a text states (amounts, tonnages, areas, headcounts): two
texts about different events often share words and differ in their numbers."""

import re

# A number as news states amounts: "Rp12,4 triliun", "2.300", "60 hektare".
# Dates (10/3/2025) are not figures; nor are bare years (see ``figure_keys``).
FIGURE = re.compile(
    r"(?<![\w/])(?:Rp\s?|US\$\s?)?\d+(?:[.,]\d+)*"
    r"(?:\s?(?:persen|%|triliun|miliar|juta|ribu|ton|hektare|ha|megawatt|MW|"
    r"kilometer|km|meter|unit|orang|pekerja|kontainer|TEUs?|kg))?(?![\w/])",
)
YEAR = re.compile(r"(19|20)\d\d")


def figure_key(figure: str) -> str:
    """A figure's digits: "Rp12,4 triliun" and "Rp 12.4 triliun" are one."""
    number = re.search(r"\d+(?:[.,]\d+)*", figure).group(0)
    return re.sub(r"\D", "", number)


def figure_keys(text: str) -> frozenset:
    """The figures ``text`` states, as digits, bare years left out."""
    keys = set()
    for match in FIGURE.finditer(text):
        figure = match.group(0).strip()
        if YEAR.fullmatch(figure):
            continue
        keys.add(figure_key(figure))
    return frozenset(keys)
