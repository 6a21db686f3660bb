"""Moving articles through the workflow: one, or many at once."""

from django.db import transaction

from articles.editorial.update import article_update
from articles.models import Article


@transaction.atomic
def article_set_status(*, article, to_status, by, publish_at=None) -> Article:
    """Move one article to ``to_status`` (a future ``publish_at`` schedules it)."""
    article.status = to_status
    if publish_at is not None:
        article.publish_at = publish_at
    return article_update(article=article, by=by)


@transaction.atomic
def articles_set_status(*, articles, to_status, by) -> int:
    """Move every article in ``articles`` to ``to_status``, all or none."""
    count = 0
    for article in articles.select_for_update(of=("self",)).order_by("pk"):
        if article.status != to_status:
            article_set_status(article=article, to_status=to_status, by=by)
            count += 1
    return count
