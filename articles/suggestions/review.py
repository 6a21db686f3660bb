"""The suggestion review page's reads: one row per thing, grouped by kind, each
with the sentence that mentions it.

A region and the place entity proposed for the same code are one row (deciding
it decides both); the evidence is the sentence of the article's text where the
name (or an alias) occurs, with every occurrence highlighted, never a fragment
cut mid-word.
"""

import re
from dataclasses import dataclass, field

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
SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|$)")
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
    for row in rows:
        kind = (
            SuggestionKind.REGION
            if row.main.kind == SuggestionKind.PLACE
            else row.main.kind
        )
        row.evidence = evidence(
            article.body_text, row.forms, RULE.sub("", row.main.evidence)
        )
        group = groups[kind]
        (
            group.pending if row.status == Suggestion.Status.PENDING else group.decided
        ).append(row)
    return [g for g in groups.values() if g.pending or g.decided]


def evidence(text: str, forms: list[str], fallback: str = "") -> str:
    """The sentence of ``text`` that first mentions one of ``forms``, with every
    mention marked; ``fallback`` (escaped) if none is found."""
    if not forms:
        return format_html("{}", fallback)
    pattern = re.compile(
        r"(?<!\w)("
        + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        + r")(?!\w)",
        re.IGNORECASE,
    )
    for paragraph in text.split("\n"):
        for match in SENTENCE.finditer(paragraph):
            sentence = match.group(0).strip()
            if sentence and pattern.search(sentence):
                return _marked(sentence, pattern)
    return format_html("{}", fallback)


def _marked(sentence, pattern) -> str:
    parts, position = [], 0
    for match in pattern.finditer(sentence):
        parts.append((sentence[position : match.start()], match.group(0)))
        position = match.end()
    return format_html_join("", "{}<mark>{}</mark>", parts) + format_html(
        "{}", sentence[position:]
    )
