"""Facts: the investments, capacities, jobs and land an article states, as
data (``entities.extraction.facts`` finds them), and the quotes it attributes
to people. ``services`` extracts facts for an article and records the desk's
decisions (only accepted facts are public); ``quotes`` does the same for
quotes (shown on a person's page unless hidden); ``selectors`` adds facts up
for the tracker; ``export`` writes them out."""

from articles.facts.quotes import (
    article_extract_quotes,
    quote_hide,
    quotes_for,
    quotes_of,
)
from articles.facts.services import (
    article_extract_facts,
    fact_decide,
    fact_key,
    facts_decide,
    facts_for,
)

__all__ = [
    "article_extract_facts",
    "article_extract_quotes",
    "fact_decide",
    "fact_key",
    "facts_decide",
    "facts_for",
    "quote_hide",
    "quotes_for",
    "quotes_of",
]
