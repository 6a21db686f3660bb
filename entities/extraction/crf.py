"""python-crfsuite for the trained layers beside the rules (the sequence model
of people and organisations, the facts' filter): the module, and the model
file a setting names, opened once per process."""

import functools
import logging
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)


def crfsuite(name: str):
    """The ``pycrfsuite`` module; an ImportError saying what needs it (the
    ``name`` of the model) when the dependency is not installed."""
    try:
        import pycrfsuite
    except ImportError as error:  # a dependency (pyproject.toml) not installed
        raise ImportError(
            f"The {name} needs python-crfsuite: make install (pip install -e .)"
        ) from error
    return pycrfsuite


def model_in_settings(setting: str, default: str, opener, name: str):
    """The model file the setting ``setting`` names (``default`` when it is
    not set; empty: none), opened with ``opener`` once per process; None when
    the file or python-crfsuite is missing: the rules work alone."""
    path = getattr(settings, setting, default)
    if not path or not Path(path).exists():
        return None
    return _opened(opener, str(path), name)


@functools.cache
def _opened(opener, path: str, name: str):
    try:
        return opener(path)
    except ImportError:
        logger.warning("python-crfsuite is not installed: the rules work alone")
    except OSError:
        logger.warning("no %s at %s: the rules work alone", name, path)
    return None
