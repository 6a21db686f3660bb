"""One story, many outlets: the near-duplicate index and story clusters.

``index`` turns an article's text into a MinHash signature and LSH band keys
(stored per article, so every worker reads the same index from the database);
``matching`` finds the story a new text belongs to; ``membership`` keeps
stories (attach, merge, split, canonical, re-check on save); ``rebuilding``
recomputes them all; ``compare`` says what a copy adds and renders two
versions side by side; ``evaluation`` scores it all on the labelled set.
"""

from articles.stories.matching import (
    Found,
    archived_keys,
    article_day,
    find_same_story,
    index_article,
    index_rows,
    insert_bands,
)
from articles.stories.membership import (
    article_text_changed,
    stories_merge,
    stories_refresh,
    story_attach,
    story_detach,
    story_set_canonical,
    story_split,
)
from articles.stories.rebuilding import rebuild

__all__ = [
    "Found",
    "archived_keys",
    "article_day",
    "article_text_changed",
    "find_same_story",
    "index_article",
    "index_rows",
    "insert_bands",
    "rebuild",
    "stories_merge",
    "stories_refresh",
    "story_attach",
    "story_detach",
    "story_set_canonical",
    "story_split",
]
