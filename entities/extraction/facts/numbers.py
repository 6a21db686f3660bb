"""Numbers as Indonesian news writes them: "1,2" (a decimal comma), "1.000"
(a thousands dot), "8.000-an" (about 8,000), scale words ("ribu", "juta",
"miliar", "triliun") and their English twins.

Every pattern here starts a number only where no digit, comma or digit and
dot ("1.") stands before it ("Rp.2,3 triliun" is a number after its sign's
dot) and reads its digits possessively: a run of 20,000 digits is read
once, not once from each of its digits.
"""

import re
from decimal import Decimal, InvalidOperation

# Numbers written as words: "empat", "dua puluh lima", "seratus", "seribu".
_DIGITS = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
}
_TENS = {"belas": 10, "puluh": 10, "ratus": 100}
_ONE_WORDS = {"sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000}
_DIGIT = "(?:" + "|".join(_DIGITS) + ")"
WORDS = (
    rf"(?<!\w)(?:{_DIGIT}(?:\s(?:belas|puluh|ratus))?(?:\s{_DIGIT})?"
    r"|sepuluh|sebelas|seratus)(?!\w)"
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
# "1.000.000" (thousands dots), "2002,7" / "1,2" (decimal comma), "1.5" (an
# English decimal point: not three digits after it), "1,000,000" (English
# thousands: two or more groups of three); a number in words only before its
# scale ("enam ribu tenaga kerja", "satu juta ton"): "lima" alone is as often
# a count of plants or lines as a figure ("lima sampai 12 ribu DWT").
NUMBER = (
    r"(?:(?<![\d,])(?<!\d\.)"
    r"(?>\d{1,3}(?:\.\d{3})++(?:,\d++)?"
    r"|\d{1,3}(?:,\d{3}){2,}+"
    r"|\d++(?:[.,]\d++)?)"
    r"(?![\d])"
    rf"|{WORDS}(?=\s{SCALE})|(?<!\w)seribu(?!\w))"
)
# "Rp1,5–2 triliun", "Rp 50-60 miliar", "Rp2,5 hingga Rp3 triliun": the first
# figure of a range counts, with the scale written once after the second.
RANGE = (
    r"(?:\s?(?:-|–|—|hingga|sampai|s\.d\.?|s/d)\s?(?:Rp\.?\s?|US\$\s?)?"
    + NUMBER
    + r")?"
)


def number(text: str) -> Decimal | None:
    """The value of one figure as matched by ``NUMBER``."""
    if text[:1].isalpha():
        return words(text)
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


def words(text: str) -> Decimal | None:
    """The value of a number written in words ("dua puluh lima": 25)."""
    value = 0
    for word in text.lower().split():
        if word in _ONE_WORDS:
            value += _ONE_WORDS[word]
        elif word in _DIGITS:
            value += _DIGITS[word]
        elif word == "belas":
            value += 10
        elif word in _TENS:
            value *= _TENS[word]
        else:
            return None
    return Decimal(value)


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
