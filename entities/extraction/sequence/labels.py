"""Token tags (B-PER, I-PER, B-ORG, I-ORG, O) made from labels that give an
article's people and organisations as the forms written, not as spans.

Each written form is looked for in the text, longest first, whole words only
and case as written; a stretch of text already claimed by a longer form is not
claimed again. What this cannot see is noise in the tags: a mention written in
a form the label does not list stays O, and a form that also names something
else (a person's first name that is also a place) is tagged where it does not
name the labelled entity. ``bio_tags`` counts the labelled entities none of
whose forms is found, so the noise can be reported."""

import re

from ..tokens import Token

PERSON_TAG = "PER"
ORGANISATION_TAG = "ORG"


def bio_tags(
    text: str, sentences: list[list[Token]], people, organisations
) -> tuple[list[list[str]], int]:
    """The tags of every token of ``sentences`` (tokens of ``text``), and the
    number of labelled entities of which no form was found in the text.

    ``people`` and ``organisations`` are lists of entities, each a list of the
    forms it is written in."""
    forms = []
    for tag, entities in ((PERSON_TAG, people), (ORGANISATION_TAG, organisations)):
        for entity in entities:
            for form in entity:
                forms.append((form, tag))
    forms.sort(key=lambda f: -len(f[0]))
    claimed: list[tuple[int, int, str]] = []
    taken = bytearray(len(text))
    for form, tag in forms:
        if not form.strip():
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            if any(taken[m.start() : m.end()]):
                continue
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            claimed.append((m.start(), m.end(), tag))
    found_entities = 0
    for entities in (people, organisations):
        for entity in entities:
            if any(
                re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text)
                for f in entity
                if f.strip()
            ):
                found_entities += 1
    missing = len(people) + len(organisations) - found_entities
    starts = {start: (end, tag) for start, end, tag in claimed}
    result = []
    for sentence in sentences:
        tags = []
        open_span = None  # (end, tag)
        for token in sentence:
            if open_span and token.start < open_span[0]:
                tags.append(f"I-{open_span[1]}")
                continue
            open_span = None
            if token.start in starts:
                end, tag = starts[token.start]
                open_span = (end, tag)
                tags.append(f"B-{tag}")
            else:
                tags.append("O")
        result.append(tags)
    return result, missing
