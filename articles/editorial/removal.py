"""Deleting articles: for good, with everything that is only theirs (tags,
suggestions, notes, story memberships, the text index, old addresses)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from articles.models import (
    Article,
    ArticleDraft,
    ArticleNote,
    ArticleRedirect,
    Band,
    Notification,
    Signature,
    StoryMember,
    Suggestion,
    TaggedEntity,
    TaggedKeyword,
    workflow,
)


def owned_by_article(*, shown=False) -> list:
    """The models whose rows belong to one article and go with it; with
    ``shown``, only those a person would want to count before deleting."""
    counted = [Suggestion, ArticleNote, StoryMember]
    if shown:
        return counted
    return [
        *counted,
        ArticleDraft,
        ArticleRedirect,
        Band,
        Notification,
        Signature,
        TaggedEntity,
        TaggedKeyword,
        Article.regions.through,
        Article.topics.through,
        Article.history.model,
    ]


def _require_delete(by, article) -> None:
    if not workflow.can_delete(by, article):
        raise PermissionDenied(
            _("You may not delete “%(title)s”.") % {"title": article.title}
        )


@transaction.atomic
def article_delete(*, article, by) -> None:
    """Delete ``article`` for ``by``: editors any article, contributors only
    their own drafts. Its own rows go with it (the database cascades); the
    files of its image once the deletion commits."""
    _require_delete(by, article)
    article.delete()


@transaction.atomic
def articles_delete(*, articles, by) -> int:
    """Delete every article of ``articles`` for ``by``, all or none."""
    rows = list(articles.select_for_update(of=("self",)).order_by("pk"))
    for article in rows:
        _require_delete(by, article)
    Article.objects.filter(pk__in=[a.pk for a in rows]).delete()
    return len(rows)
