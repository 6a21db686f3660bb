"""The content stamp's row (``articles.freshness`` reads and moves it)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row whose ``version`` goes up whenever something the public site shows
    changes (articles, their tags, regions, topics, sources, entities).

    Together with the newest publish time it is the site's *content stamp*: page
    and count caches are keyed by it, and ETags are made from it. It lives in the
    database so that every worker process sees a change at once.
    """

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)
    # The newest publish time the public counts include (``publiccounts``):
    # a scheduled article going live later is caught up from here.
    counted_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return f"v{self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
