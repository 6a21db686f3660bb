"""Numbers as Indonesian news writes them: "1,2" (a decimal comma), "1.000"
(a thousands dot), "8.000-an" (about 8,000), scale words ("ribu", "juta",
"miliar", "triliun") and their English twins.

Every pattern here starts a number only where no digit, dot or comma stands
before it and reads its digits possessively: a run of 20,000 digits is read
once, not once from each of its digits.
"""

import re
from decimal import Decimal, InvalidOperation

# "1.000.000" (thousands dots), "2002,7" / "1,2" (decimal comma), "1.5" (an
# English decimal point: not three digits after it), "1,000,000" (English
# thousands: two or more groups of three).
NUMBER = (
    r"(?<![\d.,])"
    r"(?>\d{1,3}(?:\.\d{3})++(?:,\d++)?"
    r"|\d{1,3}(?:,\d{3}){2,}+"
    r"|\d++(?:[.,]\d++)?)"
    r"(?![\d])"
)
SCALES = {
    "ribu": 10**3,
    "rb": 10**3,
    "thousand": 10**3,
    "juta": 10**6,
    "jt": 10**6,
    "million": 10**6,
    "miliar": 10**9,
    "milyar": 10**9,
    "billion": 10**9,
    "triliun": 10**12,
    "trilyun": 10**12,
    "trillion": 10**12,
}
SCALE = r"(?:" + "|".join(SCALES) + r")\b"
# "Rp1,5–2 triliun", "Rp 50-60 miliar": the first figure of a range counts, with
# the scale written once after the second.
RANGE = r"(?:\s?(?:-|–|—|hingga|sampai|s\.d\.?|s/d)\s?" + NUMBER + r")?"


def number(text: str) -> Decimal | None:
    """The value of one figure as matched by ``NUMBER``."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}", text):
        return Decimal(text.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def scaled(figure: str, scale: str | None) -> Decimal | None:
    """``figure`` times the scale word after it (``None``: no scale word)."""
    value = number(figure)
    if value is None:
        return None
    if scale:
        value *= SCALES.get(scale.lower(), 1)
    return Decimal(int(value)) if value == value.to_integral() else value


def as_json(value: Decimal) -> int | float:
    """A value for JSON: a whole number as an integer."""
    return int(value) if value == value.to_integral() else float(value)
