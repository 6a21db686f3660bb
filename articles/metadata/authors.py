"""Who an article is by, read from its byline, source and credit."""

import re

_LETTER = re.compile(r"[^\W\d_]")


def meaningful_credit(credit: str) -> str:
    """Return the source's credit line if it says something ("*/Ika", "Red"),
    else ``""`` ("*", "()", empty): a credit line without a letter names no one."""
    credit = (credit or "").strip().strip("()").strip()
    return credit if _LETTER.search(credit) else ""
