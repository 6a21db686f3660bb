"""Facts from text: investments, capacities, jobs and land as data.

``extract_facts(text)`` returns ``Fact`` objects: the kind, the value
normalised (rupiah or a foreign currency for money; tonnes a year, MW, barrels
a day … for capacity; people for jobs; hectares for land), the company and
region around it, an investment's status and the sentence as evidence. The
package:

- ``numbers``: Indonesian figures ("Rp1,2 triliun", "8.000-an", "2002,7");
- ``figures``: the patterns of money, capacity, jobs and land;
- ``cues`` and ``data/fact_cues.tsv``: the words that say what a figure is
  (an investment, not revenue, a budget, a tax or a price);
- ``extractor``: decides each figure and fills in its context.
"""

from .extractor import STATUSES, Fact, extract_facts
from .figures import CAPACITY, INVESTMENT, JOBS, KINDS, LAND
from .numbers import as_json

__all__ = [
    "CAPACITY",
    "INVESTMENT",
    "JOBS",
    "KINDS",
    "LAND",
    "STATUSES",
    "Fact",
    "as_json",
    "extract_facts",
]
