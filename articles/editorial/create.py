"""Creating many articles at once (imports), through the same rules as one."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from articles.editorial import history
from articles.models import Article, workflow


def unique_slugs(articles) -> None:
    """Give each new article a slug no article has (one query)."""
    bases = [(a, slugify(a.title)[:240].strip("-") or "artikel") for a in articles]
    lookup = Q()
    for base in {base for _article, base in bases}:
        lookup |= Q(slug__startswith=base)
    taken = set(Article.objects.filter(lookup).values_list("slug", flat=True))
    for article, base in bases:
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        article.slug = slug
        taken.add(slug)


@transaction.atomic
def articles_create(*, articles, by=None, reason) -> list[Article]:
    """Create the new, validated ``articles`` in bulk for ``by`` (``None``: an
    operator's command): their derived fields filled as ``save()`` fills them
    (``Article.derive``), a unique slug each, one revision each with
    ``reason(article)``. Creating many at once is for editors; each article's
    status must be one its creator may give it.

    Bulk inserts send no signals: nothing created here may be public (imports
    land in review), so the content stamp and counts stay as they are.
    """
    articles = list(articles)
    if by is not None and not workflow.can_publish(by):
        raise PermissionDenied(_("Only editors import articles."))
    for article in articles:
        if by is not None:
            workflow.check_transition(
                from_status=Article.Status.DRAFT, to_status=article.status, by=by
            )
        if workflow.is_public(article):
            raise PermissionDenied(_("Articles created in bulk are never public."))
        article.created_by = by
        article.derive()
    unique_slugs(articles)
    now = timezone.now()
    for article in articles:
        article.created_at = now
    Article.objects.bulk_create(articles, batch_size=500)
    history.record_revisions(
        articles, kind="+", by=by, when=now, reason=reason, tags=lambda a: {}
    )
    return articles
