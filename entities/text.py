"""Plain text from whatever was typed or imported."""

import html

import nh3


def plain_text(value: str) -> str:
    """Return ``value`` with every HTML tag removed (scripts and styles with their
    content), as plain text: templates escape it again on output."""
    if not value or ("<" not in value and "&" not in value):
        return value
    return html.unescape(nh3.clean(value, tags=set())).strip()
