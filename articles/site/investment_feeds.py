"""Feeds of the investment tracker (RSS 2.0 and Atom): the newest public facts
(accepted, of a published article) of the whole tracker, of a region (its
sub-regions included) or of a company, each entry one fact with the article
that reports it.

Ids are tag URIs as for articles (``feeds.tag_uri``): ``fact/<id>`` minted in
the year its article was created here, so an entry keeps its id when the desk
corrects the figure."""

from datetime import UTC

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.facts import selectors
from articles.freshness import taxonomy
from articles.models import Fact
from articles.site import feeds


class FactsFeed(feeds.LatestArticlesFeed):
    """Every public fact, newest article first."""

    title = _("Warta Industri: investment tracker")
    description = _(
        "Investments, capacities, jobs and land reported in our articles, as "
        "accepted by the desk."
    )
    title_template = "feeds/fact_title.html"
    description_template = "feeds/fact_description.html"

    def link(self, obj=None):
        return reverse("articles:investment")

    def scope(self, obj) -> dict:
        """Whose facts: ``{}`` (all), ``{"region": …}``, ``{"company": slug}``."""
        return {}

    def items(self, obj=None):
        return selectors.newest(limit=feeds.FEED_SIZE, **self.scope(obj))

    def item_link(self, item):
        return item.article.get_absolute_url()

    def item_extra_kwargs(self, item):
        year = item.article.created_at.astimezone(UTC).year
        return {"tag_specific": f"{year}:fact/{item.pk}"}

    def item_pubdate(self, item):
        return item.article.publish_at

    def item_updateddate(self, item):
        return item.decided_at or item.article.publish_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class RegionFactsFeed(FactsFeed):
    """The public facts of one region and the regions inside it."""

    def get_object(self, request, slug):
        region = taxonomy().region_by_slug.get(slug)
        if region is None:
            raise Http404
        return region

    def scope(self, obj):
        return {"region": obj}

    def title(self, obj):
        return _("Warta Industri: investment in %(name)s") % {"name": obj.name}

    description = title

    def link(self, obj):
        return reverse("articles:investment-region", args=[obj.slug])


class CompanyFactsFeed(FactsFeed):
    """The public facts of one company (404 if it has none)."""

    def get_object(self, request, slug):
        name = (
            Fact.objects.public()
            .filter(company_slug=slug)
            .values_list("company", flat=True)
            .first()
        )
        if name is None:
            raise Http404
        return selectors.Company(slug, name)

    def scope(self, obj):
        return {"company": obj.slug}

    def title(self, obj):
        return _("Warta Industri: investment by %(name)s") % {"name": obj.name}

    description = title

    def link(self, obj):
        return reverse("articles:investment-company", args=[obj.slug])
