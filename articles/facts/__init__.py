"""Facts: the investments, capacities, jobs and land an article states, as
data (``entities.extraction.facts`` finds them). ``services`` extracts them for
an article and records the desk's decisions; only accepted facts are public."""

from articles.facts.services import (
    article_extract_facts,
    fact_decide,
    fact_key,
    facts_decide,
    facts_for,
)

__all__ = [
    "article_extract_facts",
    "fact_decide",
    "fact_key",
    "facts_decide",
    "facts_for",
]
