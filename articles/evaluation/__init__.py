"""Measuring the newsroom's text intelligence on hand-labelled articles: the
extractor and the importer (``extraction``), the story matcher (``stories``).
Above every capability it measures; only the evaluation commands use it."""
