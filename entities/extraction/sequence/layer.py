"""The extractor's hook: what the trained model adds to the rules.

Measured on held-out text (docs/extraction.md, "A trained model beside the
rules"), the model's people added to the rules' raise people's recall, and
the model's doubt about the rules' organisations raises their precision; its
own organisations do not beat the rules'. ``apply`` adds the people the
model tags with at least ``PEOPLE_AT`` confidence whose names the rules did
not find (``model.union``), and drops the organisations whose written forms
the model reads as an organisation's with less than ``ORGANISATIONS_AT``
probability (``model.filtered``)."""

import functools
import logging
from pathlib import Path

from django.conf import settings

from ...kinds import ORGANISATION, PERSON
from ..proposals import Proposal
from .model import SequenceModel, filtered, proposals, union

logger = logging.getLogger(__name__)

DEFAULT_MODEL = Path(__file__).resolve().parent / "model.crfsuite"
# ``Extractor(sequence=DEFAULT)``: the model the settings name.
DEFAULT = object()
PEOPLE_AT = 0.8
ORGANISATIONS_AT = 0.2


@functools.cache
def _load(path: str) -> SequenceModel | None:
    try:
        return SequenceModel(path)
    except ImportError:
        logger.warning("python-crfsuite is not installed: the rules work alone")
    except OSError:
        logger.warning("no sequence model at %s: the rules work alone", path)
    return None


def default_model() -> SequenceModel | None:
    """The model named by ``WARTA_SEQUENCE_MODEL`` (empty: none), loaded once;
    None when it or python-crfsuite is missing."""
    path = getattr(settings, "WARTA_SEQUENCE_MODEL", str(DEFAULT_MODEL))
    if not path or not Path(path).exists():
        return None
    return _load(str(path))


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
