"""Training data for the trained filter of capacities and jobs
(``entities.extraction.facts.filter``): the web corpus's ``dev`` articles
only, each capacity or jobs figure labelled a fact when a labelled fact of
its kind has its value within 1% (``facts._close``). ``web-heldout`` is never
read here: neither its texts nor its labels.

``cross_validate`` measures the filter by folds of dev articles (each fold
scored by a filter trained on the others) beside the rules alone."""

import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from articles.importing.parsers import parse_text
from entities.extraction.facts import KINDS, extract_facts
from entities.extraction.facts import filter as fact_filter
from entities.extraction.facts.extractor import candidates

from .extraction import WEB_CORPUS, Score, web_documents
from .facts import FACT_BATCHES, _close, score_facts

DEV = "web-dev"


@dataclass
class Article:
    name: str
    batch: str
    text: str
    title: str
    labels: list


@dataclass
class Built:
    articles: int
    examples: int
    positives: int


@dataclass
class Folds:
    """Dev figures by kind, the rules alone and with the filter."""

    rules: dict = field(default_factory=lambda: {k: Score() for k in KINDS})
    filtered: dict = field(default_factory=lambda: {k: Score() for k in KINDS})


def dev_articles(corpus: Path = WEB_CORPUS, batches=FACT_BATCHES) -> list[Article]:
    """The dev articles labelled for facts whose texts are here, never a
    held-out one."""
    result = []
    for batch in batches:
        for document in web_documents(corpus, (batch,)):
            if document.groups != (DEV,) or document.gold.get("split") != "dev":
                continue
            if "facts" not in document.gold:
                continue
            parsed = parse_text(document.path.read_text("utf-8"), origin=document.name)
            result.append(
                Article(
                    document.name,
                    batch,
                    parsed.text,
                    parsed.title,
                    document.gold["facts"],
                )
            )
    return result


def is_fact(figure, labels) -> bool:
    return any(
        label["kind"] == figure.kind
        and _close(figure.value, Decimal(str(label["value"])))
        for label in labels
    )


def examples(articles, *, proposed_only: bool = True):
    """(text, candidate, is a fact) for each capacity or jobs figure of the
    articles: those the rules propose, or with ``proposed_only`` False every
    one the patterns read."""
    for article in articles:
        for candidate in candidates(article.text, title=article.title):
            if candidate.figure.kind not in fact_filter.FILTERED:
                continue
            if proposed_only and candidate.kind is None:
                continue
            yield article.text, candidate, is_fact(candidate.figure, article.labels)


def build(
    path: Path, corpus: Path = WEB_CORPUS, *, proposed_only: bool = False, **params
) -> Built:
    """Train the filter on every dev article of ``corpus`` into ``path``: on
    every capacity and jobs figure the patterns read (the rules propose too
    few wrong ones on dev to learn from), with the rules' decision as a
    feature."""
    articles = dev_articles(corpus)
    data = list(examples(articles, proposed_only=proposed_only))
    fact_filter.train(data, path, **params)
    return Built(len(articles), len(data), sum(p for _t, _c, p in data))


def fold_of(articles, folds: int):
    """Article name → fold: by batch (``folds`` 0, leave one label file out)
    or round robin over the articles in order."""
    if not folds:
        return {a.name: a.batch for a in articles}
    return {a.name: i % folds for i, a in enumerate(articles)}


def cross_validate(
    articles=None,
    *,
    folds: int = 5,
    threshold: float = fact_filter.THRESHOLD,
    proposed_only: bool = False,
    **params,
) -> Folds:
    """Each fold's articles scored by the rules alone and by the rules with a
    filter trained on the other folds."""
    articles = dev_articles() if articles is None else articles
    assignment = fold_of(articles, folds)
    result = Folds()
    with tempfile.TemporaryDirectory() as tmp:
        for number, fold in enumerate(sorted(set(assignment.values()), key=str)):
            training = [a for a in articles if assignment[a.name] != fold]
            path = Path(tmp) / f"fold{number}.crfsuite"
            data = list(examples(training, proposed_only=proposed_only))
            fact_filter.train(data, path, **params)
            model = fact_filter.FactFilter(path, threshold)
            for article in articles:
                if assignment[article.name] != fold:
                    continue
                for scores, chosen in ((result.rules, None), (result.filtered, model)):
                    facts = extract_facts(
                        article.text, title=article.title, fact_filter=chosen
                    )
                    totals, _details = score_facts(facts, article.labels)
                    for kind, score in totals.items():
                        scores[kind].add(score)
    return result
