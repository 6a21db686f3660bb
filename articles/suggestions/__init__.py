"""Suggestions: what the offline extractor (``entities.extraction``) proposes
for an article, waiting for an editor. ``models`` holds the model, ``services``
proposes and decides, ``admin`` shows them in the newsroom and ``evaluation``
measures the extractor on hand-labelled articles."""
