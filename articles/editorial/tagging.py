"""Bulk curation: one topic, region or entity added to or removed from many
articles, all or none."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from articles.editorial.update import article_update
from articles.models import workflow


@transaction.atomic
def articles_tag(
    *, articles, by, add: bool, topic=None, region=None, entity=None
) -> int:
    """Add (or remove) one topic, region or entity on every article, all or none.

    Each goes through ``article_update``, so each article's version is raised
    (a colleague's older copy of it cannot silently put the old tags back) and
    its revision records the new tags. Only editors curate in bulk.
    """
    if not workflow.can_publish(by):
        raise PermissionDenied(_("Only editors add or remove tags in bulk."))
    (target,) = [value for value in (topic, region, entity) if value is not None]
    field = "topics" if topic else "regions" if region else "entities"
    verb = _("Added") if add else _("Removed")
    count = 0
    for article in articles.select_for_update(of=("self",)).order_by("pk"):
        current = list(getattr(article, field).all())
        if add:
            new = current if target in current else [*current, target]
        else:
            new = [value for value in current if value != target]
        article_update(
            article=article,
            by=by,
            tags={field: new},
            reason=f"{verb} {target._meta.verbose_name} {target}",
        )
        count += 1
    return count
