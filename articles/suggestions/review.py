"""The suggestion review page's reads: one row per thing, grouped by kind, each
with the sentence that mentions it.

A region and the place entity proposed for the same code are one row (deciding
it decides both); the evidence is the sentence of the article's text where the
name (or an alias) occurs, with every occurrence highlighted, never a fragment
cut mid-word.
"""

import bisect
import re
from dataclasses import dataclass, field

import ahocorasick_rs
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles.models.suggestions import Suggestion
from entities.kinds import SuggestionKind

GROUPS = [
    (SuggestionKind.PERSON, _("People")),
    (SuggestionKind.ORGANISATION, _("Organisations")),
    (SuggestionKind.REGION, _("Places and regions")),
    (SuggestionKind.TOPIC, _("Topics")),
]
# A sentence ends at . ! or ?, but not at a point followed by a digit: a
# thousands separator or a decimal ("menyerap 1.200 tenaga kerja", "Rp 3.5
# triliun") cut the evidence at "menyerap 1.".
SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\d))*(?:[.!?]+|$)")
# Stored evidence opens with the extractor rule that fired ("[people.name_verb] …",
# ``services.evidence_with_rule``): for the team, not for the desk.
RULE = re.compile(r"^\[[\w.]+\]\s*")


@dataclass
class Row:
    """One thing the article seems to be about (one or two suggestions)."""

    suggestions: list[Suggestion]
    evidence: str = ""  # safe HTML

    @property
    def main(self) -> Suggestion:
        return self.suggestions[0]

    @property
    def ids(self) -> str:
        return ",".join(str(s.pk) for s in self.suggestions)

    @property
    def status(self) -> str:
        return self.main.status

    @property
    def forms(self) -> list[str]:
        forms = [self.main.name, *self.main.aliases]
        for other in self.suggestions[1:]:
            forms += [other.name, *other.aliases]
        return [f for f in dict.fromkeys(forms) if f]


@dataclass
class Group:
    kind: str
    label: str
    pending: list[Row] = field(default_factory=list)
    decided: list[Row] = field(default_factory=list)

    @property
    def pending_ids(self) -> str:
        return ",".join(row.ids for row in self.pending)


def group_of(kind: str) -> str:
    """The group a suggestion of ``kind`` is listed in (places with regions)."""
    return SuggestionKind.REGION if kind == SuggestionKind.PLACE else kind


def pending_count(article) -> int:
    """How many rows of pending suggestions the review page shows: a region
    and the place of the same code count once, as there (the article form's
    "Tinjau 3 usulan" disagreed with the page's "2 usulan")."""
    pending = article.suggestions.filter(status=Suggestion.Status.PENDING)
    rows, codes = 0, set()
    for kind, code in pending.values_list("kind", "code"):
        if kind in (SuggestionKind.REGION, SuggestionKind.PLACE) and code:
            codes.add(code)
        else:
            rows += 1
    return rows + len(codes)


def rows_for(article) -> list[Group]:
    """The article's suggestions as groups of rows, pending first by
    confidence."""
    suggestions = list(
        article.suggestions.select_related("entity", "topic").order_by(
            "-confidence", "name"
        )
    )
    by_code = {}
    rows = []
    for suggestion in suggestions:
        if suggestion.kind in (SuggestionKind.REGION, SuggestionKind.PLACE) and (
            suggestion.code
        ):
            row = by_code.get((suggestion.code, suggestion.status))
            if row is not None:
                row.suggestions.append(suggestion)
                # The region leads the row: it is what the tag names.
                row.suggestions.sort(key=lambda s: s.kind != SuggestionKind.REGION)
                continue
            row = by_code[(suggestion.code, suggestion.status)] = Row([suggestion])
        else:
            row = Row([suggestion])
        rows.append(row)
    groups = {kind: Group(kind, str(label)) for kind, label in GROUPS}
    sentences = Sentences(article.body_text, [f for row in rows for f in row.forms])
    for row in rows:
        kind = group_of(row.main.kind)
        row.evidence = sentences.evidence(row.forms, RULE.sub("", row.main.evidence))
        group = groups[kind]
        (
            group.pending if row.status == Suggestion.Status.PENDING else group.decided
        ).append(row)
    return [g for g in groups.values() if g.pending or g.decided]


def _pattern(forms):
    return re.compile(
        r"(?<!\w)("
        + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        + r")(?!\w)",
        re.IGNORECASE,
    )


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what ``\w`` matches


class Sentences:
    """A text's sentences, and where each of ``forms`` is first mentioned,
    found for all of them in one pass (an Aho-Corasick automaton over the text
    in lower case), so that a page of many suggestions does not read the text
    once per suggestion."""

    def __init__(self, text: str, forms):
        self.spans = []  # (start, end) of each sentence, stripped, in order
        position = 0
        for paragraph in text.split("\n"):
            for match in SENTENCE.finditer(paragraph):
                sentence = match.group(0)
                start = (
                    position + match.start() + len(sentence) - len(sentence.lstrip())
                )
                end = position + match.end() - (len(sentence) - len(sentence.rstrip()))
                if start < end:
                    self.spans.append((start, end))
            position += len(paragraph) + 1
        self.text = text
        self.starts = [start for start, _end in self.spans]
        self.first: dict[str, int] = {}  # form in lower case -> sentence number
        lowered = text.lower()
        keys = sorted({f.lower() for f in forms if f})
        # Where lower case changes a text's length, positions would not agree:
        # such a text is read sentence by sentence, as before.
        self.exact = len(lowered) != len(text) or not keys
        if self.exact:
            return
        automaton = ahocorasick_rs.AhoCorasick(keys)
        for index, start, end in automaton.find_matches_as_indexes(
            lowered, overlapping=True
        ):
            if keys[index] in self.first:
                continue
            number = bisect.bisect_right(self.starts, start) - 1
            if number < 0 or end > self.spans[number][1]:
                continue  # not inside one sentence
            # A whole word of its sentence (which ends where the text may not).
            if start > 0 and _word_char(text[start - 1]):
                continue
            if end < self.spans[number][1] and _word_char(text[end]):
                continue
            self.first[keys[index]] = number

    def evidence(self, forms: list[str], fallback: str = "") -> str:
        """The sentence that first mentions one of ``forms`` (whole words, any
        case), with every mention marked; ``fallback`` (escaped) if none
        does."""
        if not forms:
            return format_html("{}", fallback)
        pattern = _pattern(forms)
        if self.exact:
            numbers = range(len(self.spans))
        else:
            found = [self.first[f.lower()] for f in forms if f.lower() in self.first]
            numbers = [min(found)] if found else []
        for number in numbers:
            start, end = self.spans[number]
            sentence = self.text[start:end]
            if pattern.search(sentence):
                return _marked(sentence, pattern)
        return format_html("{}", fallback)


def evidence(text: str, forms: list[str], fallback: str = "") -> str:
    """The sentence of ``text`` that first mentions one of ``forms``, with every
    mention marked; ``fallback`` (escaped) if none is found."""
    return Sentences(text, forms).evidence(forms, fallback)


def _marked(sentence, pattern) -> str:
    parts, position = [], 0
    for match in pattern.finditer(sentence):
        parts.append((sentence[position : match.start()], match.group(0)))
        position = match.end()
    return format_html_join("", "{}<mark>{}</mark>", parts) + format_html(
        "{}", sentence[position:]
    )
