"""A linear-chain CRF (python-crfsuite) over the extractor's tokens: training,
tagging, and what its tags say about people and organisations.

Tagging is Viterbi over each sentence (line-broken as ``tokens.sentences``),
and the marginals by forward-backward: both linear in the sentence's length,
so a text costs time linear in its length."""

from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

import ahocorasick_rs

from ...kinds import ORGANISATION, PERSON
from .. import lexicon, places
from ..crf import crfsuite
from ..proposals import Proposal, add, merge_variants, normalise, tidy
from ..tokens import Token, sentences
from .features import sentence_features
from .labels import ORGANISATION_TAG, PERSON_TAG

KIND_OF_TAG = {PERSON_TAG: PERSON, ORGANISATION_TAG: ORGANISATION}
TAG_OF_KIND = {kind: tag for tag, kind in KIND_OF_TAG.items()}
RULE = "sequence.crf"


@dataclass
class Span:
    kind: str  # entities.kinds: person or organisation
    start: int
    end: int
    text: str
    confidence: float  # the mean marginal of its tags


@dataclass
class Analysis:
    """A text as the model read it: its tokens, the tags of the best path, and
    per token the probability of being inside a person's or organisation's
    name (marginals of B- and I- together)."""

    text: str
    tokens: list[Token] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    inside: dict[str, list[float]] = field(default_factory=dict)

    def spans(self) -> list[Span]:
        result = []
        i = 0
        while i < len(self.tags):
            tag = self.tags[i]
            if tag == "O":
                i += 1
                continue
            kind_tag = tag[2:]
            j = i + 1
            while j < len(self.tags) and self.tags[j] == f"I-{kind_tag}":
                j += 1
            kind = KIND_OF_TAG[kind_tag]
            probabilities = self.inside[kind][i:j]
            start, end = self.tokens[i].start, self.tokens[j - 1].end
            result.append(
                Span(
                    kind,
                    start,
                    end,
                    self.text[start:end],
                    sum(probabilities) / len(probabilities),
                )
            )
            i = j
        return result

    def supports(self, found: list[Proposal]) -> dict[str, float]:
        """How strongly the model reads each written form of ``found`` as
        its proposal's kind: {form: the best mean probability of its tokens
        being inside such a name, over its whole-word occurrences}. A form
        not written in the text as whole tokens is absent.

        One Aho-Corasick pass over the text finds every form (leftmost
        longest, without overlaps), and prefix sums give each occurrence's
        mean: linear in the text and the forms."""
        kind_of = {}
        for proposal in found:
            for form in (proposal.name, *proposal.aliases):
                if form.strip() and proposal.kind in self.inside:
                    kind_of.setdefault(form, proposal.kind)
        if not kind_of or not self.tokens:
            return {}
        forms = list(kind_of)
        automaton = ahocorasick_rs.AhoCorasick(
            forms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )
        starts = {t.start: i for i, t in enumerate(self.tokens)}
        ends = {t.end: i for i, t in enumerate(self.tokens)}
        sums = {
            kind: list(accumulate(values, initial=0.0))
            for kind, values in self.inside.items()
        }
        result: dict[str, float] = {}
        for index, start, end in automaton.find_matches_as_indexes(self.text):
            first, last = starts.get(start), ends.get(end)
            if first is None or last is None or last < first:
                continue
            form = forms[index]
            total = sums[kind_of[form]]
            value = (total[last + 1] - total[first]) / (last + 1 - first)
            result[form] = max(value, result.get(form, 0.0))
        return result


class SequenceModel:
    """A trained model file, read once; ``analyse(text)`` tags a text."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.tagger = crfsuite("sequence model").Tagger()
        self.tagger.open(str(self.path))
        self.labels = set(self.tagger.labels())

    def analyse(self, text: str) -> Analysis:
        analysis = Analysis(text, inside={PERSON: [], ORGANISATION: []})
        for sentence in sentences(text):
            if not sentence:
                continue
            tags = self.tagger.tag(sentence_features(sentence))
            analysis.tokens.extend(sentence)
            analysis.tags.extend(tags)
            for kind, tag in TAG_OF_KIND.items():
                names = [n for n in (f"B-{tag}", f"I-{tag}") if n in self.labels]
                analysis.inside[kind].extend(
                    sum(self.tagger.marginal(n, i) for n in names)
                    for i in range(len(sentence))
                )
        return analysis


def train(
    sequences,
    path: Path | str,
    *,
    algorithm: str = "lbfgs",
    params: dict | None = None,
) -> None:
    """Train a model on ``sequences`` ((tokens, tags) per sentence) into
    ``path``. ``algorithm`` is crfsuite's: ``lbfgs`` (a CRF) or ``ap`` (an
    averaged perceptron over the same linear chain and features)."""
    trainer = crfsuite("sequence model").Trainer(algorithm=algorithm, verbose=False)
    defaults = (
        {"c1": 0.05, "c2": 0.05, "max_iterations": 200}
        if algorithm == "lbfgs"
        else {"max_iterations": 30}
    )
    trainer.set_params({**defaults, **(params or {})})
    for tokens, tags in sequences:
        trainer.append(sentence_features(tokens), tags)
    trainer.train(str(path))


def _bare(name: str) -> str:
    return name.strip(" ,.;:()\"“”'’-")


def _person_name(name: str) -> str:
    """A person's name without the honorifics, titles and role words before it
    and the degrees after it ("Bu Sari", "Wamen Gede Arya", "Budi, S.E.")."""
    words = name.split()
    before = lexicon.HONORIFICS | lexicon.ROLE_WORDS | lexicon.TITLES
    while len(words) > 1 and (words[0] in before or words[0].rstrip(".") in before):
        words.pop(0)
    while len(words) > 1 and lexicon.is_degree(words[-1].strip(",")):
        words.pop()
    return _bare(" ".join(words))


def proposals(analysis: Analysis, *, min_confidence: float = 0.0) -> list[Proposal]:
    """The people and organisations the model tags, one proposal per name
    (a person's single name folded into the full name it is part of)."""
    found: dict[str, Proposal] = {}
    for span in analysis.spans():
        if span.confidence < min_confidence:
            continue
        name = tidy(_bare(span.text))
        if span.kind == PERSON:
            name = _person_name(name)
        if len(name) < 2 or not normalise(name):
            continue
        evidence = analysis.text[max(0, span.start - 60) : span.end + 60].strip()
        add(
            found,
            Proposal(span.kind, name, evidence, round(span.confidence, 2), rule=RULE),
        )
    people = [p for p in found.values() if p.kind == PERSON]
    words = {}
    for person in people:
        if " " in person.name:
            for word in person.name.split():
                words.setdefault(word, person)
    kept = []
    for proposal in found.values():
        owner = words.get(proposal.name) if proposal.kind == PERSON else None
        if owner is not None and owner is not proposal:
            owner.aliases.add(proposal.name)
            continue
        kept.append(proposal)
    result = merge_variants(kept, ORGANISATION)
    return merge_variants(result, PERSON)


def _phrases(name: str, longest: int = 4) -> set[str]:
    """Every run of up to ``longest`` words of ``name``, as compared."""
    words = name.split()
    return {
        normalise(" ".join(words[i:j]))
        for i in range(len(words))
        for j in range(i + 1, min(len(words), i + longest) + 1)
    }


def _plausible_person(name: str, organisation_words: set[str]) -> bool:
    """Every word capitalised (but name particles), no place's name, and no
    run of words of an organisation the rules found ("Mandiri" of "Bank
    Mandiri")."""
    words = name.split()
    if not all(w[:1].isupper() or w in lexicon.NAME_PARTICLES for w in words):
        return False
    if len(name) < 4:
        return False
    if places.key(name) in places.surface_index() or places.key(name) in (
        places.districts()
    ):
        return False
    return normalise(name) not in organisation_words


def union(
    rules: list[Proposal], model: list[Proposal], kinds=(PERSON, ORGANISATION)
) -> list[Proposal]:
    """The rules' proposals, and the model's of ``kinds`` that share no form
    with any of them (of any kind: where both find a name, the rules say what
    it is), nor are one word of a person's name the rules found; a person
    only when ``_plausible_person``."""
    forms = set()
    organisation_words = set()
    for proposal in rules:
        forms |= proposal.forms
        if proposal.kind == PERSON:
            forms |= {normalise(w) for w in proposal.name.split()}
        elif proposal.kind == ORGANISATION:
            for name in (proposal.name, *proposal.aliases):
                organisation_words |= _phrases(name)
    return rules + [
        p
        for p in model
        if p.kind in kinds
        and not (p.forms & forms)
        and (p.kind != PERSON or _plausible_person(p.name, organisation_words))
    ]


def filtered(
    rules: list[Proposal], analysis: Analysis, threshold: float
) -> list[Proposal]:
    """The rules' proposals less the people and organisations the model does
    not read as such (support below ``threshold``); a name the model cannot
    find as tokens is kept."""
    supports = analysis.supports([p for p in rules if p.kind in (PERSON, ORGANISATION)])
    result = []
    for proposal in rules:
        if proposal.kind in (PERSON, ORGANISATION):
            values = [
                supports[form]
                for form in (proposal.name, *proposal.aliases)
                if form in supports
            ]
            if values and max(values) < threshold:
                continue
        result.append(proposal)
    return result
