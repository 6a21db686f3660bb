"""The public investment tracker (/investasi/): totals of accepted facts by
province, company, year and topic; a page per region and per company with a
timeline chart, its data table and the articles behind every number; the
facts as CSV."""

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.generic import TemplateView

from articles.facts import export, selectors
from articles.freshness import taxonomy
from articles.site import charts


class InvestmentIndexView(TemplateView):
    query_params = ()  # reads no parameter (``public_page``)

    template_name = "articles/investment_index.html"

    def get_context_data(self, **kwargs):
        tables = selectors.index_tables()
        region = reverse("articles:investment-region", args=[_SLUG])
        company = reverse("articles:investment-company", args=[_SLUG])
        for total in tables["provinces"]:
            total.url = region.replace(_SLUG, total.key.slug)
        for total in tables["companies"]:
            total.url = company.replace(_SLUG, total.key)
        return super().get_context_data(
            **tables,
            bars=charts.timeline(tables["years"]),
            chart=_chart_frame(),
            **kwargs,
        )


class _FactsPage(TemplateView):
    """A region's or a company's page: the investment total, a chart and table
    by year, and the newest facts of each kind with their articles. Four
    queries (the state of the totals, its totals, the listed facts' ids, the
    facts), whatever the number of facts behind them."""

    query_params = ()  # reads no parameter (``public_page``)

    template_name = "articles/investment_detail.html"
    feed = ""  # the name of the page's RSS feed (Atom: with "-atom")

    def scope(self) -> dict:  # pragma: no cover - abstract
        """Whose page: ``{"region": …}`` or ``{"company": slug}``."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        figures = selectors.page_figures(**self.scope())
        if not figures:
            raise Http404
        groups, counts = figures["groups"], figures["counts"]
        _add_links(groups)
        years, total = figures["years"], figures["total"]
        return super().get_context_data(
            name=figures["name"],
            groups=groups,
            sections=[(kind, listed, counts[kind]) for kind, listed in groups.items()],
            api=reverse("api:facts"),
            years=years,
            total=total,
            bars=charts.timeline(years),
            chart=_chart_frame(),
            feed=self.feed,
            **kwargs,
        )


class InvestmentRegionView(_FactsPage):
    feed = "articles:investment-region-feed"

    def get(self, request, *args, slug, **kwargs):
        self.region = taxonomy().region_by_slug.get(slug)
        if self.region is None:
            raise Http404
        return super().get(request, *args, **kwargs)

    def scope(self):
        return {"region": self.region}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.region.name,
            ancestors=taxonomy().region_ancestors(self.region),
            region=self.region,
            object=self.region,
            api_filter=f"region={self.region.slug}",
            **kwargs,
        )


class InvestmentCompanyView(_FactsPage):
    feed = "articles:investment-company-feed"

    def get(self, request, *args, slug, **kwargs):
        self.slug = slug
        return super().get(request, *args, **kwargs)

    def scope(self):
        return {"company": self.slug}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(api_filter=f"company={self.slug}", **kwargs)
        context["heading"] = context["name"]
        context["object"] = selectors.Company(self.slug, context["name"])
        return context


def facts_csv(request):
    """Every public fact (accepted, of a public article) as CSV."""
    # Whole, not streamed: the public page cache keeps it per content stamp.
    response = HttpResponse(
        "".join(export.lines("csv", facts=export.public_facts())),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="fakta-investasi.csv"'
    return response


facts_csv.query_params = ()  # reads no parameter (``public_page``)


# A page lists up to a hundred facts with three links each: one ``reverse()``
# per address pattern (a third of the page's time, one per link) and the slug
# put in its place.
_SLUG = "tracker-slug-placeholder"


def _add_links(groups) -> None:
    """Give each listed fact its ``company_url``, ``region_url`` and
    ``article_url`` (in the language of the page)."""
    company = reverse("articles:investment-company", args=[_SLUG])
    region = reverse("articles:investment-region", args=[_SLUG])
    article = reverse("articles:detail", kwargs={"slug": _SLUG})
    for facts in groups.values():
        for fact in facts:
            fact.company_url = company.replace(_SLUG, fact.company_slug)
            fact.region_url = (
                region.replace(_SLUG, fact.region.slug) if fact.region else ""
            )
            fact.article_url = article.replace(_SLUG, fact.article.slug)


def _chart_frame():
    return {
        "width": charts.WIDTH,
        "height": charts.HEIGHT,
        "baseline": charts.HEIGHT - charts.MARGIN_BOTTOM,
        "label_y": charts.HEIGHT - 8,
    }
