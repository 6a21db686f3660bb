"""The date archive's pages: ``/arsip/``, ``/arsip/<yyyy>/``,
``/arsip/<yyyy>/<mm>/`` and the same under a region, topic or entity page
(``/wilayah/<slug>/arsip/2025/03/``). Each lists its period's articles to the
last one, newest first, with the months of the year and their counts."""

from django.http import Http404
from django.views.generic import ListView, TemplateView

from articles.site import archive, listing
from articles.site.views import (
    ArchiveListMixin,
    EntityDetailView,
    RegionDetailView,
    TopicDetailView,
)

# The pages an archive may hang under: how their object is found (the detail
# page's own rule: only public objects) and its articles.
SCOPES = {
    "region": (RegionDetailView, lambda o: listing.articles_in_region(region=o)),
    "topic": (TopicDetailView, lambda o: listing.articles_in_topic(topic=o)),
    "entity": (EntityDetailView, lambda o: listing.articles_mentioning(entity=o)),
}


class ScopeMixin:
    """The archive's scope (``scope`` and the ``slug`` in the address): all
    listed articles, or a region's, topic's or entity's."""

    scope = None
    query_params = ()

    def setup_scope(self):
        self.object = None
        articles = listing.public_articles()
        if self.scope:
            detail, articles_of = SCOPES[self.scope]
            self.object = detail.get_object(detail(), self.kwargs["slug"])
            if self.object is None:
                raise Http404
            articles = articles_of(self.object)
        self.articles = articles
        self.key = f"{self.scope}:{self.object.pk}" if self.object else "all"

    def archive_url(self, *parts) -> str:
        base = self.object.get_absolute_url() if self.object else "/"
        return base + "arsip/" + "".join(f"{p:02d}/" for p in parts)

    def scope_context(self):
        years = archive.year_counts(self.articles, key=self.key)
        return {
            "object": self.object,
            "scope": self.scope,
            "archive_root": self.archive_url(),
            "years": [(p, self.archive_url(p.year)) for p in years],
        }


class ArchiveIndexView(ScopeMixin, TemplateView):
    """The years of a scope's archive, with their counts."""

    template_name = "articles/archive_index.html"

    def get(self, request, *args, **kwargs):
        self.setup_scope()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.scope_context(), **kwargs)


class ArchivePeriodView(ScopeMixin, ArchiveListMixin, ListView):
    """One year or month of a scope's archive: its articles, every page."""

    template_name = "articles/archive_period.html"
    context_object_name = "articles"
    query_params = ArchiveListMixin.query_params

    def get(self, request, *args, **kwargs):
        self.year, self.month = kwargs["year"], kwargs.get("month")
        if archive.bounds(self.year, self.month) is None:
            raise Http404
        self.setup_scope()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return archive.in_period(self.articles, self.year, self.month)

    def list_count(self, queryset) -> int:
        return archive.period_count(
            self.articles, year=self.year, month=self.month, key=self.key
        )

    def get_context_data(self, **kwargs):
        months = archive.month_counts(self.articles, year=self.year, key=self.key)
        return super().get_context_data(
            **self.scope_context(),
            year=self.year,
            month=self.month,
            period=archive.Period(self.year, self.month, 0).date,
            year_url=self.archive_url(self.year),
            months=[(p, self.archive_url(p.year, p.month)) for p in months],
            **kwargs,
        )
