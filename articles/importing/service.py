"""Writing imported articles: a whole batch or nothing, in one short write.

``import_batch`` works in three steps so that the database is locked only for
the writing itself (on SQLite one writer locks out every other, logins too):

1. *read*: every file is parsed (``parsers``); one bad file and nothing is done;
2. *prepare*, reading only: duplicates (by original URL or text fingerprint,
   against the archive and within the batch), near-copies (the same story as an
   archived article or an earlier one of the batch: ``articles.stories``),
   sources, dateline regions, validation of every field, and the suggestions
   for each article;
3. *write*, in one transaction of bulk inserts: new sources, the articles (in
   review), a revision of each, their suggestions, their text signatures, and
   the stories near-copies join.

``--dry-run`` (``dry_run=True``) does steps 1 and 2 and reports.
"""

from dataclasses import dataclass

from articles.importing.parsers import ImportFailed, ParsedArticle, parse_path
from articles.importing.plan import Planned, plan
from articles.importing.write import write


@dataclass
class ImportReport:
    planned: list[Planned]
    written: bool

    @property
    def created(self) -> list[Planned]:
        return [p for p in self.planned if p.created]

    @property
    def duplicates(self) -> list[Planned]:
        return [p for p in self.planned if not p.created]


def parse_all(paths) -> list[ParsedArticle]:
    """Parse every file; ``ImportFailed`` on the first that cannot be read."""
    parsed = []
    for path in paths:
        if not path.is_file():
            raise ImportFailed(f"{path}: no such file")
        parsed.extend(parse_path(path))
    return parsed


def import_batch(parsed_articles, *, by=None, dry_run=False) -> ImportReport:
    """Import ``parsed_articles`` (see ``parse_all``): all of them or none."""
    planned = plan(parsed_articles, by=by)
    if not dry_run:
        write(planned, by=by)
    return ImportReport(planned, written=not dry_run)
