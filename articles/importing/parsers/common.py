"""What every parser returns, and how it refuses."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from entities.text import UNSTORABLE


class ImportFailed(Exception):
    """A file that cannot be imported: says which file (and record) and why.
    Where the parser knows them, ``file``, ``record`` and ``field`` hold the
    place apart from the message (a job's page lists them)."""

    def __init__(self, message, *, file="", record="", field=""):
        super().__init__(message)
        self.file, self.record, self.field = file, record, field


@dataclass
class ParsedArticle:
    title: str
    body: str  # sanitised HTML
    origin: str  # file name (and record number) for messages
    text: str = ""  # the body as plain text
    standfirst: str = ""
    dateline: str = ""
    outlet: str = ""
    outlet_homepage: str = ""
    credit: str = ""
    byline: str = ""
    original_url: str = ""
    original_published_on: datetime.date | None = None
    # How the publication date was found ("given" in the JSON record, "feed",
    # or ``dates.Published.how``: "url", "stamp", "text", "partial") and the
    # words it was read from: the import reports both.
    published_how: str = ""
    published_form: str = ""
    language: str = "id"
    dropped: list = field(default_factory=list)  # what sanitising removed
    # Paragraphs left out as site furniture or spam ("Baca juga: …", "Editor:
    # …", advertisements), as they were written: the import reports them.
    boilerplate: list = field(default_factory=list)


def shown(value: str) -> str:
    """``value`` for a message: characters that cannot be stored or printed
    (lone surrogates, control characters) as their U+XXXX code."""
    return UNSTORABLE.sub(lambda m: f"U+{ord(m.group(0)):04X}", value)


def check_count(count: int, origin: str) -> None:
    limit = settings.WARTA_IMPORT_MAX_RECORDS
    if count > limit:
        raise ImportFailed(
            _(
                "%(file)s: %(count)d records; one import takes at most %(limit)d "
                "(split the file)"
            )
            % {"file": origin, "count": count, "limit": limit}
        )


def record_label(origin: str, number: int) -> str:
    """Where a JSON record is, for messages and the article's origin."""
    return _("%(file)s, record %(number)d") % {"file": origin, "number": number}


def entry_label(origin: str, number: int) -> str:
    """Where a feed entry is, for messages and the article's origin."""
    return _("%(file)s, entry %(number)d") % {"file": origin, "number": number}
