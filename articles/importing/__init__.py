"""Importing articles: ``parsers`` read text, JSON and RSS/Atom files without
writing anything; ``service`` writes a whole batch or nothing."""
