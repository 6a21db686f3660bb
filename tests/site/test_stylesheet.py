"""What the stylesheet promises readers (the browser tests measure it where a
browser is installed: tests/e2e/test_long_words.py)."""

import re
from pathlib import Path

from django.conf import settings

CSS = re.sub(
    r"/\*.*?\*/",
    "",
    (Path(settings.BASE_DIR) / "newsroom/static/css/site.css").read_text(),
    flags=re.DOTALL,
)


def selectors_with(declaration: str) -> set[str]:
    found = set()
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", CSS):
        if declaration in body.replace(" ", ""):
            found |= {s.strip() for s in selectors.split(",")}
    return found


def test_titles_and_bodies_break_long_words():
    wrapped = selectors_with("overflow-wrap:anywhere")
    assert {"h1", "h2", ".body", ".standfirst", ".card-title"} <= wrapped
