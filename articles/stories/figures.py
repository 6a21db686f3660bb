"""The figures a text states (amounts, tonnages, areas, headcounts): two
texts about different events often share words and differ in their numbers.

A figure is compared by its value, however it is written: "220 ribu ton" and
"220.000 ton" are one figure, so are "Rp1,2 triliun" and "Rp1.200 miliar",
"Rp12,4 triliun" and "Rp 12.4 triliun". What is not an amount is left out:
dates ("23 September", "10/3/2025"), times ("pukul 05.30", "20:06 WIB") and
bare years ("pada 2027")."""

import re
from decimal import Decimal, InvalidOperation

from articles.models.calendar import MONTHS

SCALES = {
    "ribu": 3,
    "rb": 3,
    "juta": 6,
    "jt": 6,
    "miliar": 9,
    "milyar": 9,
    "triliun": 12,
}
# A number as news states amounts: "Rp12,4 triliun", "2.300", "60 hektare".
FIGURE = re.compile(
    r"(?<![\w/])(?:Rp\.?\s?|US\$\s?)?(?P<number>\d+(?:[.,]\d+)*)"
    r"(?:\s?(?P<unit>persen|%|triliun|miliar|milyar|juta|jt|ribu|rb|ton|hektare|"
    r"ha|megawatt|MW|kilometer|km|meter|unit|orang|pekerja|kontainer|TEUs?|kg)\b)?"
    r"(?![\w/])",
)
YEAR = re.compile(r"(19|20)\d\d")
_MONTHS = "|".join(sorted(MONTHS, key=len, reverse=True))
# Right after a number: a month ("23 September", "24 Des 2023") or a time
# zone ("05.30 WIB"); right before it: a month ("September 23") or "pukul".
DATE_AFTER = re.compile(rf"\s?(?:{_MONTHS})\b|\s?(?:WIB|WITA|WIT)\b", re.IGNORECASE)
DATE_BEFORE = re.compile(rf"(?:\b(?:{_MONTHS})|\bpukul|\bjam)\s?$", re.IGNORECASE)
# "20:06": the hour before a colon, the minutes after one.
CLOCK_AFTER = re.compile(r":\d")
CLOCK_BEFORE = re.compile(r"\d:$")


def _value(number: str) -> Decimal | None:
    """The value of a number written the Indonesian way ("2.300" is two
    thousand three hundred, "12,4" twelve point four) or the English way
    ("12.4", "1,500"): a separator followed by groups of exactly three digits
    separates thousands, any other is the decimal point."""
    groups = re.split(r"[.,]", number)
    separators = re.findall(r"[.,]", number)
    if len(set(separators)) == 2:
        # Both: the last one is the decimal point ("1.234,5", "1,234.5").
        decimal = separators[-1]
        whole, fraction = number.rsplit(decimal, 1)
        digits = re.sub(r"\D", "", whole) + "." + fraction
    elif separators and all(len(g) == 3 for g in groups[1:]):
        digits = "".join(groups)
    elif separators:
        whole, fraction = re.split(r"[.,]", number, maxsplit=1)
        digits = whole + "." + re.sub(r"\D", "", fraction)
    else:
        digits = number
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def figure_key(figure: str) -> str:
    """A figure's value as a canonical string: "220 ribu" and "220.000" give
    "220000", "Rp1,2 triliun" and "Rp1.200 miliar" "1200000000000"."""
    match = FIGURE.search(figure)
    if match is None:
        return re.sub(r"\D", "", figure)
    value = _value(match["number"])
    if value is None:
        return re.sub(r"\D", "", match["number"])
    unit = (match["unit"] or "").lower()
    value = value.scaleb(SCALES.get(unit, 0))
    # format(), not int(): a figure of thousands of digits is still a key
    return format(value.normalize(), "f")


def is_date_or_time(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]`` is part of a date or a time
    ("23 September", "September 23", "pukul 05.30", "05.30 WIB", "20:06")."""
    before = text[max(0, start - 10) : start]
    return bool(
        DATE_AFTER.match(text, end)
        or DATE_BEFORE.search(before)
        or CLOCK_AFTER.match(text, end)
        or CLOCK_BEFORE.search(before)
    )


def figures(text: str):
    """The figures ``text`` states, as matches, dates and times left out."""
    for match in FIGURE.finditer(text):
        if YEAR.fullmatch(match.group(0).strip()):
            continue
        if is_date_or_time(text, match.start("number"), match.end("number")):
            continue
        yield match


def figure_keys(text: str) -> frozenset:
    """The figures ``text`` states, by value, bare years, dates and times
    left out."""
    return frozenset(figure_key(match.group(0)) for match in figures(text))
