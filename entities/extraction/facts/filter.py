"""A trained filter over the capacities and jobs the rules propose: a logistic
regression (python-crfsuite's CRF over sequences of one figure) reading a
figure's context, trained on the web corpus's dev labels only
(``articles.evaluation.fact_filter``, ``manage.py build_fact_filter``). See
docs/datadesk.md, "A trained filter for capacities and jobs".

The features of a figure are read from its sentence, cut to ``SPAN``
characters either side of it, and from the cues the rules already found: a
text costs time linear in its length."""

import math
import re
from pathlib import Path

from ..crf import crfsuite, model_in_settings
from .figures import CAPACITY, JOBS

DEFAULT_MODEL = Path(__file__).resolve().parent / "filter.crfsuite"
# ``extract_facts(fact_filter=DEFAULT)``: the filter the settings name.
DEFAULT = object()
FILTERED = (CAPACITY, JOBS)
YES, NO = "fact", "other"
# A figure the rules propose is dropped below this probability of being a fact.
THRESHOLD = 0.5
# How far (characters) around a figure its words are read.
SPAN = 160
WORDS_BEFORE = 6
WORDS_AFTER = 6
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_LIST = re.compile(r"[,;]|\bdan\b|\bserta\b")


def features(text: str, candidate) -> list[str]:
    """The words and cue classes around a proposed figure, each prefixed by
    the figure's kind (one model holds two classifiers)."""
    figure = candidate.figure
    start, end = candidate.sentence
    low, high = max(start, figure.start - SPAN), min(end, figure.end + SPAN)
    before = [w.lower() for w in _WORD.findall(text, low, figure.start)]
    after = [w.lower() for w in _WORD.findall(text, figure.end, high)]
    own = [w.lower() for w in _WORD.findall(figure.surface)]
    result = [
        "bias",
        f"unit={figure.unit}",
        f"certain={figure.certain}",
        f"listed={candidate.listed}",
        f"proposed={candidate.kind is not None}",
        f"magnitude={_magnitude(figure.value)}",
        f"first_sentence={start == 0}",
        f"early={figure.start < 400}",
    ]
    result += [f"own={w}" for w in own[-3:]]
    result += [f"b{i}={w}" for i, w in enumerate(reversed(before[-2:]), 1)]
    result += [f"a{i}={w}" for i, w in enumerate(after[:2], 1)]
    result += [f"before={w}" for w in sorted(set(before[-WORDS_BEFORE:]))]
    result += [f"after={w}" for w in sorted(set(after[:WORDS_AFTER]))]
    numbers = len(_NUMBER.findall(text, low, high))
    result.append(f"numbers={min(numbers, 4)}")
    lists = len(_LIST.findall(text, low, high))
    result.append(f"list={min(lists, 3)}")
    nearest_before = None
    for cue in candidate.window:
        side = "cb" if cue.end <= figure.start else "ca"
        for kind in sorted(cue.kinds):
            result.append(f"{side}={kind}")
            if side == "cb":
                nearest_before = kind
        if side == "cb":
            distance = figure.start - cue.end
            for kind in sorted(cue.kinds & {"plant", "capacity", "notcap", "jobs"}):
                result.append(f"near_{kind}={_bucket(distance)}")
    if nearest_before:
        result.append(f"last_cue={nearest_before}")
    result.append(f"company={_company_distance(candidate, figure.start)}")
    return [f"{figure.kind}:{f}" for f in result]


def _magnitude(value) -> int:
    return int(math.log10(value)) if value > 0 else -1


def _bucket(distance: int) -> str:
    return "adjacent" if distance <= 15 else "near" if distance <= 50 else "far"


def _company_distance(candidate, position) -> str:
    """How far before the figure, in its sentence, a company is named."""
    start, _end = candidate.sentence
    companies = candidate.context.company_starts
    named = [s for s in companies if start <= s < position]
    if not named:
        return "none"
    return _bucket(position - named[-1])


class FactFilter:
    """A trained model file, read once; ``keeps`` asks it about one figure."""

    def __init__(self, path: Path | str, threshold: float = THRESHOLD):
        self.path = Path(path)
        self.threshold = threshold
        self.tagger = crfsuite("fact filter").Tagger()
        self.tagger.open(str(self.path))

    def probability(self, text: str, candidate) -> float:
        """How likely the model finds it that the figure is a fact."""
        self.tagger.set([features(text, candidate)])
        return self.tagger.marginal(YES, 0)

    def keeps(self, text: str, candidate) -> bool:
        """Whether a figure the rules propose stays a fact: investments and
        land always, capacities and jobs when the model agrees."""
        if candidate.figure.kind not in FILTERED:
            return True
        return self.probability(text, candidate) >= self.threshold


def train(examples, path: Path | str, *, c2: float = 1.0) -> None:
    """Train a filter on ``examples`` ((text, candidate, is a fact) each) into
    ``path``: L-BFGS, deterministic for the same examples in the same order."""
    trainer = crfsuite("fact filter").Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params({"c1": 0.0, "c2": c2, "max_iterations": 300})
    for text, candidate, positive in examples:
        trainer.append([features(text, candidate)], [YES if positive else NO])
    trainer.train(str(path))


def default_filter() -> FactFilter | None:
    """The filter named by ``WARTA_FACT_FILTER`` (empty: none), loaded once;
    None when it or python-crfsuite is missing."""
    return model_in_settings("WARTA_FACT_FILTER", "", FactFilter, "fact filter")
