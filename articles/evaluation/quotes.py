"""How often the quotes extractor finds the web corpus's labelled quotes
(``tests/data/corpus/``: speaker, direct or indirect, an anchor of at most
five words) and names their speaker right.

A labelled quote is found when an extracted quote's words start at its
anchor or hold it; its speaker is right when the extracted speaker is one of
the written forms of the labelled speaker's person. The ``heldout`` half is
reported as totals only."""

from articles.importing.parsers import parse_text
from entities.extraction import Extractor, normalise
from entities.extraction.quotes import extract_quotes

from .extraction import WEB_CORPUS, web_documents
from .facts import FACT_BATCHES

SLACK = 3  # characters between a quote's start and its anchor (spaces, marks)


def _forms_of(gold, speaker):
    for group in gold.get("people", []):
        if group and group[0] == speaker:
            return {normalise(f) for f in group}
    return {normalise(speaker)}


def evaluate_quotes(corpus=WEB_CORPUS, *, group="web-dev", batches=FACT_BATCHES):
    """(labelled, found, speaker right, extracted, rows of misses) for the
    articles of ``group`` whose texts are here."""
    labelled = found = right = extracted = 0
    rows = []
    extractor = Extractor()
    for document in web_documents(corpus, batches):
        # batch-c labels people, organisations, regions and dates only.
        if group not in document.groups or "quotes" not in document.gold:
            continue
        parsed = parse_text(document.path.read_text("utf-8"), origin=document.name)
        text = parsed.text
        quotes = extract_quotes(
            text, proposals=extractor.extract(text, title=parsed.title)
        )
        extracted += len(quotes)
        for label in document.gold.get("quotes", []):
            labelled += 1
            at = text.find(label["anchor"])
            hit = next(
                (q for q in quotes if at >= 0 and q.start - SLACK <= at < q.end),
                None,
            )
            if hit is None:
                rows.append(
                    (document.name, "missed", label["speaker"], label["anchor"])
                )
                continue
            found += 1
            if normalise(hit.speaker) in _forms_of(document.gold, label["speaker"]):
                right += 1
            else:
                rows.append(
                    (
                        document.name,
                        f"speaker {hit.speaker}",
                        label["speaker"],
                        label["anchor"],
                    )
                )
    return labelled, found, right, extracted, rows
