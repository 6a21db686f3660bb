"""The extractor's hook: what the trained model adds to the rules.

Measured on held-out text (docs/extraction.md, "A trained model beside the
rules"), the model's people added to the rules' raise people's recall; its
organisations do not beat the rules', so they are left to them. ``apply``
adds the people the model tags with at least ``PEOPLE_AT`` confidence whose
names the rules did not find (``model.union``)."""

import functools
import logging
from pathlib import Path

from django.conf import settings

from ...kinds import PERSON
from ..proposals import Proposal
from .model import SequenceModel, proposals, union

logger = logging.getLogger(__name__)

DEFAULT_MODEL = Path(__file__).resolve().parent / "people.crfsuite"
PEOPLE_AT = 0.8


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
    tagged = proposals(model.analyse(text), min_confidence=PEOPLE_AT)
    return union(found, tagged, (PERSON,))
