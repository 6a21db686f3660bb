"""An offline, rule-based extractor for Indonesian news: who and where an
article is about.

It proposes; editors decide. ``Extractor(known=…).extract(text)`` returns
``Proposal`` objects for people (with the role that introduced them),
organisations (abbreviations linked to full names), regions (official codes)
and places, each naming the rule that found it. The package:

- ``lexicon`` and ``data/``: the vocabulary (role words, titles, organisation
  heads and suffixes, national bodies, regency abbreviations …);
- ``people``, ``organisations``, ``places``: the rules, one function each;
- ``known``: the newsroom's known entities, matched with Aho-Corasick;
- ``proposals``: what a proposal is and how proposals are folded together;
- ``extractor``: runs them all.
"""

from .extractor import Extractor, within_limit
from .known import KnownIndex, known_index
from .proposals import Proposal, normalise

__all__ = [
    "Extractor",
    "KnownIndex",
    "Proposal",
    "known_index",
    "normalise",
    "within_limit",
]
