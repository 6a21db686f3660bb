"""The extractor's hook: what the trained model adds to the rules.

Measured on held-out text (docs/extraction.md, "A trained model beside the
rules"), the model's people added to the rules' raise people's recall, and
the model's doubt about the rules' organisations raises their precision; its
own organisations do not beat the rules'. ``apply`` adds the people the
model tags with at least ``PEOPLE_AT`` confidence whose names the rules did
not find (``model.union``), and drops the organisations whose written forms
the model reads as an organisation's with less than ``ORGANISATIONS_AT``
probability (``model.filtered``)."""

from pathlib import Path

from ...kinds import ORGANISATION, PERSON
from ..crf import model_in_settings
from ..proposals import Proposal
from .model import SequenceModel, filtered, proposals, union

DEFAULT_MODEL = Path(__file__).resolve().parent / "model.crfsuite"
# ``Extractor(sequence=DEFAULT)``: the model the settings name.
DEFAULT = object()
PEOPLE_AT = 0.8
ORGANISATIONS_AT = 0.2


def default_model() -> SequenceModel | None:
    """The model named by ``WARTA_SEQUENCE_MODEL`` (empty: none), loaded once;
    None when it or python-crfsuite is missing."""
    return model_in_settings(
        "WARTA_SEQUENCE_MODEL", str(DEFAULT_MODEL), SequenceModel, "sequence model"
    )


def apply(
    text: str, found: list[Proposal], model: SequenceModel | None
) -> list[Proposal]:
    """``found`` (the rules' proposals for ``text``) with the people the model
    finds and the rules did not."""
    if model is None:
        return found
    analysis = model.analyse(text)
    organisations = filtered(
        [p for p in found if p.kind == ORGANISATION], analysis, ORGANISATIONS_AT
    )
    kept = [p for p in found if p.kind != ORGANISATION] + organisations
    tagged = proposals(analysis, min_confidence=PEOPLE_AT)
    return union(kept, tagged, (PERSON,))
