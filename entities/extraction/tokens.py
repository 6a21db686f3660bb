"""Sentences and tokens, with their positions in the text."""

import re
from dataclasses import dataclass

TOKEN = re.compile(
    r"Co\.,\s?Ltd\.?"
    r"|\(Persero\)"
    r"|PT\.(?=\s)"
    r"|(?:Prof|Drs|Dra|Moch|Muh|Moh|KH|Hj|Mr|Mrs|Ms|Ny|Tn|Sdr|dr|drg|Tgk|St)\.(?=\s|,)"
    # an honorific glued to the name: "H.Harisson", "Hj.Siti", "Ir.Budi"
    r"|(?:H|Hj|KH|Ir|Dr|Drs|dr)\.(?=[A-Z][a-z]{2})"
    r"|(?:[A-Z][a-z]{0,4}\.){2,}"  # degrees and initials: S.E., M.Si., S.S.
    r"|(?:[A-Z][a-z]{0,4}\.)+[A-Z][a-z]{0,4}(?=[\s,;)]|$)"  # M.Si, S.Pd, Ph.D
    r"|[A-Z][a-z]?\.(?=[\s,])"  # an initial, a short title: T., Ch., Dr., Ir.
    # Hyphens and apostrophes that no letter follows: one token each (split
    # below), read once here rather than by the next line from each of them.
    r"|(?P<marks>[’'-]++)(?!\w)"
    r"|[\w’'-]*\w(?:[.,]\d+)*"  # a word or a number (Rp1.000, 19,6)
    r"|[(),;:&“”\"/|–—-]"
    r"|\S"
)
SENTENCE_END = {".", "!", "?"}
CLOSING = {"”", '"', ")"}


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    def __str__(self):
        return self.text


def tokenize(text: str, offset: int = 0) -> list[Token]:
    tokens = []
    for m in TOKEN.finditer(text):
        start = m.start() + offset
        if m["marks"]:
            tokens.extend(
                Token(c, start + i, start + i + 1) for i, c in enumerate(m[0])
            )
        else:
            tokens.append(Token(m.group(0), start, m.end() + offset))
    return tokens


def sentences(text: str) -> list[list[Token]]:
    """Split ``text`` into sentences of tokens (a line break always ends one)."""
    result = []
    position = 0
    for line in text.split("\n"):
        current: list[Token] = []
        tokens = tokenize(line, position)
        for i, token in enumerate(tokens):
            current.append(token)
            if token.text in SENTENCE_END:
                following = tokens[i + 1].text if i + 1 < len(tokens) else ""
                if following in CLOSING:
                    continue
                result.append(current)
                current = []
            elif (
                token.text in CLOSING
                and current[:-1]
                and current[-2].text in SENTENCE_END
            ):
                result.append(current)
                current = []
        if current:
            result.append(current)
        position += len(line) + 1
    return result


def is_capitalised(token: str) -> bool:
    return token[:1].isupper()


def is_acronym(token: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", token)
    return len(letters) >= 2 and letters.isupper()


def is_initial(token: str) -> bool:
    """ "A.", "S.S.", "Ch.", "CH": a shortened name part."""
    return bool(re.fullmatch(r"(?:[A-Z][a-z]?\.)+|[A-Z]{1,2}", token))
