"""Internal notes on articles: staff only, never public."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from articles.editorial import notifications
from articles.models import ArticleNote, workflow


@transaction.atomic
def note_add(*, article, text, by):
    """Add an internal note to ``article`` (whoever may see it may note it);
    colleagues it mentions with ``@username`` are told (``notifications``).
    The note's ``mentions`` says who was reached and who was not (an unknown
    name, someone who may not open the article), for the writer to be told."""
    if not workflow.can_view(by, article):
        raise PermissionDenied
    note = ArticleNote(article=article, author=by, text=text)
    note.full_clean()
    note.save()
    note.mentions = notifications.note_added(note)
    return note
