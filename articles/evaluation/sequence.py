"""Training data for the sequence model (``entities.extraction.sequence``):
the development texts only, tagged from their labels.

Development is the seeds, r01–r30, r41–r60 and the web corpus's ``dev``
records whose texts are on this machine; r31–r40 and ``web-heldout`` are never
trained on."""

from dataclasses import dataclass
from pathlib import Path

from articles.importing.parsers import parse_text
from entities.extraction.sequence import model as sequence
from entities.extraction.sequence.labels import bio_tags
from entities.extraction.tokens import sentences

from .extraction import DEFAULT_SET, documents

DEVELOPMENT = frozenset({"seeds", "real-dev", "real2", "web-dev"})
HELD_OUT = frozenset({"real-holdout", "web-heldout", "heldout"})


@dataclass
class Built:
    texts: int
    web_texts: int
    sentences: int
    tokens: int
    unfound: int  # labelled entities none of whose forms is in the text


def development_documents(directory: Path = DEFAULT_SET, *, web: bool = True):
    """The labelled development documents (with ``web``, the web corpus's
    whose texts are here), never a held-out one."""
    return [
        d
        for d in documents(directory, web=web)
        if set(d.groups) & DEVELOPMENT and not set(d.groups) & HELD_OUT
    ]


def tagged(document):
    """The sentences of a document's imported text with their tags, and how
    many labelled entities were not found in it."""
    text = parse_text(document.path.read_text("utf-8"), origin=document.name).text
    found = [s for s in sentences(text) if s]
    gold = document.gold
    tags, unfound = bio_tags(text, found, gold["people"], gold["organisations"])
    return list(zip(found, tags, strict=True)), unfound


def build(path: Path, directory: Path = DEFAULT_SET, *, web: bool = True) -> Built:
    """Train the model on the development texts into ``path``."""
    pairs, unfound, docs = [], 0, development_documents(directory, web=web)
    for document in docs:
        document_pairs, missing = tagged(document)
        pairs += document_pairs
        unfound += missing
    sequence.train(pairs, path)
    return Built(
        texts=len(docs),
        web_texts=sum("web-dev" in d.groups for d in docs),
        sentences=len(pairs),
        tokens=sum(len(tokens) for tokens, _tags in pairs),
        unfound=unfound,
    )
