"""What the sequence model sees of each token: its shape, its case, its
beginning and end, the extractor's vocabulary (``lexicon``, the gazetteer) and
the same of its neighbours. Every feature of a token is read from a window of
constant size around it, so a sentence's features take time linear in it."""

import functools
import re

from .. import lexicon, places
from ..tokens import Token, is_acronym, is_initial

# The lexicon's classes, each a short name used in the feature strings.
_PUNCT = re.compile(r"\W+")


@functools.cache
def _head_words() -> frozenset:
    """The first word of each organisation head ("PT", "Dinas", "Kementerian")."""
    words = set()
    for head in lexicon.ORG_HEADS_LIST:
        first = head.split()[0].replace("\\", "")
        words.add(re.sub(r"[?*+]", "", first).rstrip("."))
    return frozenset(words)


@functools.cache
def _classes() -> tuple[tuple[str, frozenset], ...]:
    return (
        ("role", lexicon.ROLE_WORDS),
        ("title", frozenset(t.rstrip(".") for t in lexicon.TITLES)),
        ("honorific", lexicon.HONORIFICS),
        ("speech", lexicon.SPEECH_VERBS | lexicon.REPORTING_VERBS),
        ("occupation", lexicon.OCCUPATIONS),
        ("particle", lexicon.NAME_PARTICLES),
        ("institution", lexicon.INSTITUTIONAL),
        ("calendar", lexicon.CALENDAR),
        ("function", lexicon.FUNCTION_WORDS),
        ("head", _head_words()),
        ("orgtail", lexicon.COMPANY_TAILS),
        ("national", frozenset(lexicon.NATIONAL_BODIES)),
        ("local", frozenset(lexicon.LOCAL_BODIES)),
        ("portfolio", lexicon.PORTFOLIO_WORDS),
        ("acronym", lexicon.GENERIC_ACRONYMS),
        ("office", lexicon.OFFICE_FIELDS),
    )


def shape(word: str) -> str:
    """ "Budi" -> "Xx", "PT" -> "X", "S.E." -> "X.X.", "2024" -> "d"."""
    result = re.sub(r"[A-Z]+", "X", word)
    result = re.sub(r"[a-z]+", "x", result)
    result = re.sub(r"\d+", "d", result)
    return re.sub(r"[^\W\d_]+", "u", result)[:6]  # other letters: accented


def word_classes(word: str) -> list[str]:
    """The lexicon's classes a word is in, and whether it names a region."""
    bare = word.rstrip(".")
    found = [name for name, members in _classes() if word in members or bare in members]
    if lexicon.is_degree(word):
        found.append("degree")
    if word[:1].isupper() and places.key(word) in places.surface_index():
        found.append("region")
    if word[:1].isupper() and places.key(word) in places.districts():
        found.append("district")
    return found


def _token_features(word: str) -> dict:
    """A word's own features (words repeat: those of up to 40 characters are
    cached, so the cache stays small whatever the texts)."""
    return _cached_features(word) if len(word) <= 40 else _own_features(word)


@functools.lru_cache(maxsize=1 << 16)
def _cached_features(word: str) -> dict:
    return _own_features(word)


def _own_features(word: str) -> dict:
    lower = word.lower()
    features = {
        "w": lower,
        "shape": shape(word),
        "p2": lower[:2],
        "p3": lower[:3],
        "s2": lower[-2:],
        "s3": lower[-3:],
        "title": word[:1].isupper() and word[1:2].islower(),
        "upper": word.isupper(),
        "digit": any(c.isdigit() for c in word),
        "initial": is_initial(word),
        "acro": is_acronym(word),
        "punct": not _PUNCT.sub("", word),
        "len": min(len(word), 8),
    }
    for name in word_classes(word):
        features[f"c:{name}"] = True
    return features


_NEIGHBOUR_KEYS = ("w", "shape", "title", "upper", "punct")


def sentence_features(tokens: list[Token]) -> list[dict]:
    """One feature dictionary per token of a sentence."""
    own = [dict(_token_features(t.text)) for t in tokens]
    # Two words that name a region together ("Nusa Tenggara", "Tanah Bumbu").
    for i in range(len(tokens) - 1):
        pair = places.key(tokens[i].text + tokens[i + 1].text)
        if tokens[i].text[:1].isupper() and pair in places.surface_index():
            own[i]["c:region2"] = True
            own[i + 1]["c:region2"] = True
    classes = [[key for key in features if key.startswith("c:")] for features in own]
    result = []
    for i, features in enumerate(own):
        f = dict(features)
        f["bias"] = True
        if i == 0:
            f["first"] = True
        if i == len(tokens) - 1:
            f["last"] = True
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if not 0 <= j < len(own):
                f[f"{offset}:none"] = True
                continue
            other = own[j]
            for key in _NEIGHBOUR_KEYS:
                f[f"{offset}:{key}"] = other[key]
            for key in classes[j]:
                f[f"{offset}:{key}"] = True
        if i > 0:
            f["-1w|w"] = f"{own[i - 1]['w']}|{features['w']}"
        if i + 1 < len(own):
            f["w|+1w"] = f"{features['w']}|{own[i + 1]['w']}"
        result.append(f)
    return result
