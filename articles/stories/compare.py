"""Two versions of one story side by side: what a copy adds (quotes, figures,
names) and a word-level diff with the differences marked, escaped for HTML."""

import difflib
import functools
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.stories.figures import FIGURE
from articles.stories.figures import figure_key as _figure_key
from entities.extraction import within_limit

QUOTE = re.compile(r"[\"“”]([^\"“”]{12,}?)[\"“”]")
TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _bigrams(text: str) -> set:
    words = _words(text)
    return set(zip(words, words[1:], strict=False)) or {tuple(words)}


@functools.cache
def _extractor():
    from entities.extraction import Extractor

    return Extractor()


def added_quotes(original: str, copy: str) -> list[str]:
    """Quotations in ``copy`` that ``original`` does not carry (fewer than half
    of their word pairs appear in it)."""
    have = _bigrams(original)
    found = []
    for match in QUOTE.finditer(copy):
        quote = match.group(1).strip()
        pairs = _bigrams(quote)
        if len(_words(quote)) >= 4 and len(pairs & have) < len(pairs) / 2:
            found.append(quote)
    return list(dict.fromkeys(found))


def added_figures(original: str, copy: str) -> list[str]:
    """Numbers (with their unit) in ``copy`` whose digits ``original`` lacks."""
    have = {_figure_key(m.group(0)) for m in FIGURE.finditer(original)}
    found = [
        m.group(0).strip()
        for m in FIGURE.finditer(copy)
        if _figure_key(m.group(0)) not in have
    ]
    return list(dict.fromkeys(found))


def added_names(original: str, copy: str, names=None) -> list[str]:
    """People and organisations named in ``copy`` but nowhere in ``original``.

    ``names`` are the copy's names as ``(name, aliases)`` when already extracted
    (an import's suggestions); otherwise the extractor finds them, offline.
    """
    if names is None:
        names = [
            (proposal.name, proposal.aliases)
            for proposal in _extractor().extract(copy)
            if proposal.kind in ("person", "organisation")
        ]
    have = set(_words(original))
    found = []
    for name, aliases in names:
        # Named already when every word of one of its forms is in the original
        # (a long form spelled out where the original used its abbreviation).
        forms = [name, *aliases]
        if not any(set(_words(form)) <= have for form in forms if form):
            found.append(name)
    return sorted(dict.fromkeys(found))


def additions(original: str, copy: str, names=None) -> dict[str, list[str]]:
    """What ``copy`` adds to ``original``: ``quotes``, ``figures``, ``names``
    (only the kinds it has; ``names`` as for ``added_names``)."""
    found = {
        "quotes": added_quotes(original, copy),
        "figures": added_figures(original, copy),
        "names": added_names(original, copy, names),
    }
    return {kind: values for kind, values in found.items() if values}


def side_by_side(left: str, right: str) -> list[tuple[str, str]]:
    """Paragraph pairs of two texts, each right paragraph beside the left one
    most like it (outlets reorder paragraphs), with words only in ``left``
    wrapped in ``<del>`` and words only in ``right`` in ``<ins>``; paragraphs
    of ``left`` that no right one resembles come last. Everything is escaped;
    the markup is ours. Each version is compared up to
    ``WARTA_EXTRACTION_MAX_CHARS`` characters."""
    # Pairing compares every paragraph with every other: only as much of each
    # version as suggestions are made from (``within_limit``) is compared.
    left, right = within_limit(left), within_limit(right)
    left_paras = [p for p in left.split("\n\n") if p.strip()]
    right_paras = [p for p in right.split("\n\n") if p.strip()]
    pairs = _pair_paragraphs(left_paras, right_paras)
    rows = [
        _words_diff(left_paras[pairs[j]] if j in pairs else "", paragraph)
        for j, paragraph in enumerate(right_paras)
    ]
    used = set(pairs.values())
    rows += [_words_diff(p, "") for i, p in enumerate(left_paras) if i not in used]
    return [(mark_safe(a), mark_safe(b)) for a, b in rows]  # noqa: S308 - escaped


def _pair_paragraphs(left: list[str], right: list[str], least=0.3) -> dict:
    """``{right index: left index}``: the most alike pairs first, each paragraph
    used once, only pairs sharing at least ``least`` of their words."""
    words_left = [_words(p) for p in left]
    words_right = [_words(p) for p in right]
    scored = []
    for j, b in enumerate(words_right):
        for i, a in enumerate(words_left):
            matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
            if matcher.real_quick_ratio() >= least and matcher.quick_ratio() >= least:
                ratio = matcher.ratio()
                if ratio >= least:
                    scored.append((ratio, i, j))
    pairs, used = {}, set()
    for _ratio, i, j in sorted(scored, reverse=True):
        if j not in pairs and i not in used:
            pairs[j] = i
            used.add(i)
    return pairs


def _words_diff(a: str, b: str) -> tuple[str, str]:
    ta, tb = TOKEN.findall(a), TOKEN.findall(b)
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    out_a, out_b = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        chunk_a, chunk_b = escape("".join(ta[i1:i2])), escape("".join(tb[j1:j2]))
        if tag == "equal":
            out_a.append(chunk_a)
            out_b.append(chunk_b)
            continue
        if chunk_a:
            out_a.append(f"<del>{chunk_a}</del>")
        if chunk_b:
            out_b.append(f"<ins>{chunk_b}</ins>")
    return "".join(out_a), "".join(out_b)
