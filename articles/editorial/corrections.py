"""Corrections, clarifications and replies (hak jawab) on published articles:
each a dated note readers see under the article and on /koreksi/, and a
revision of the article of its own."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.freshness import content_changed
from articles.models import Article, ArticleCorrection, workflow


@transaction.atomic
def article_correct(*, article, kind, text, by) -> ArticleCorrection:
    """Add a correction, clarification or reply to the published ``article``.

    Only editors may (what they add is published at once); the article gets a
    revision of its own (its version rises, so a form opened before is
    refused) and its "updated" time; every cached page renews."""
    if not workflow.can_publish(by):
        raise PermissionDenied(_("Only editors add corrections."))
    article = Article.objects.select_for_update().get(pk=article.pk)
    if not article.is_public:
        raise ValidationError(
            _("Only a published article is corrected; edit a draft instead.")
        )
    now = timezone.now()
    correction = ArticleCorrection(
        article=article, kind=kind, text=text.strip(), published_at=now, created_by=by
    )
    correction.full_clean()
    correction.save()
    article.corrected_at = now
    article._change_reason = str(correction.get_kind_display())[:100]
    article.save(update_fields=["corrected_at", "updated_at"])
    content_changed()
    return correction
