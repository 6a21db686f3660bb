"""Where a text says "<verb> <word>" ("kata Budi"): later short mentions of a
name, found in one pass."""

import re

from .grammar import is_name_word

REMENTION_VERBS = ("kata", "ujar", "ucap", "tutur", "menurut", "ungkap", "jelas")
SHORT_MENTION_VERBS = ("kata", "ujar", "ucap", "tutur")


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what ``\w`` matches


class SpeechIndex:
    """Where a text says "<verb> <word>" ("kata Budi"), for every word: built
    in one pass, so that asking about each name costs no pass over the text.

    ``verbs`` are matched as ``(?:kata|…) `` (``bounded``: after a word
    boundary, ``\b(?:kata|…) ``). A word follows a verb when the text after
    the verb's space starts with it and a word boundary follows it, as
    ``re.search(rf"(?:kata|…) {re.escape(word)}\b", text)`` decides; the
    candidates are the beginnings of the next run of non-space characters
    that end at a word boundary."""

    def __init__(self, text: str, verbs, *, bounded=False):
        self.text = text
        self.verbs = verbs
        self.first: dict[str, int] = {}  # word -> where its first mention starts
        self.last: dict[str, int] = {}  # word -> where its last mention's verb starts
        pattern = ("\\b" if bounded else "") + "(?:" + "|".join(verbs) + ") "
        for match in re.finditer(pattern, text):
            start = match.end()
            stop = start
            while stop < len(text) and not text[stop].isspace():
                stop += 1
            for end in range(start + 1, stop + 1):
                following = text[end] if end < len(text) else ""
                if _word_char(text[end - 1]) != _word_char(following):
                    word = text[start:end]
                    self.first.setdefault(word, start)
                    self.last[word] = match.start()

    def __contains__(self, word) -> bool:
        return word in self.first

    def outside(self, word: str, start: int, stop: int) -> bool:
        """Whether ``word`` follows a verb in the text with ``text[start:stop]``
        replaced by one space (the mention itself taken out)."""
        first = self.first.get(word)
        if first is not None and first + len(word) < start:
            return True
        last = self.last.get(word)
        if last is not None and last >= stop:
            return True
        text = self.text
        # At the seam: "… kata Budi" + " " or "… kata" + " " + "Budi …".
        ends_word = _word_char(word[-1])
        if ends_word and text.endswith(word, 0, start):
            head = text[max(0, start - len(word) - 9) : start - len(word)]
            if head.endswith(tuple(f"{verb} " for verb in self.verbs)):
                return True
        if text.endswith(tuple(self.verbs), 0, start) and text.startswith(word, stop):
            following = text[stop + len(word) : stop + len(word) + 1]
            return _word_char(word[-1]) != _word_char(following)
        return False


def remention(spoken, words, tokens, r, end):
    """Whether the last two words of the run ``words[r:end]`` (a name glued
    onto an organisation's) are mentioned again alone elsewhere in the text
    (``spoken``: its ``SpeechIndex`` of ``REMENTION_VERBS``)."""
    if end - r < 3:
        return False
    start, stop = tokens[r].start, tokens[end - 1].end
    for word in words[end - 2 : end]:
        if len(word) > 3 and is_name_word(word) and spoken.outside(word, start, stop):
            return True
    return False
