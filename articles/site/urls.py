from django.urls import path

from articles.freshness import public_page
from articles.models import STANDING_PAGES
from articles.site import (
    archive_views,
    feeds,
    index_views,
    investment,
    investment_feeds,
    pages,
    sitemaps,
    views,
)

app_name = "articles"


def page(route, view, name):
    """A public page: cached per content stamp, with ETag and Last-Modified."""
    return path(route, public_page(view), name=name)


def archive_pages(prefix, name, scope=None):
    """The date archive under ``prefix``: its years, a year, a month."""
    index = archive_views.ArchiveIndexView.as_view(scope=scope)
    period = archive_views.ArchivePeriodView.as_view(scope=scope)
    return [
        page(f"{prefix}arsip/", index, name),
        page(f"{prefix}arsip/<int:year>/", period, f"{name}-year"),
        page(f"{prefix}arsip/<int:year>/<int:month>/", period, f"{name}-month"),
    ]


def feed_pages(prefix, feed_class, name):
    """The RSS feed at ``prefix``feed/ and its Atom twin at ``prefix``feed/atom/."""
    return [
        page(f"{prefix}feed/", feed_class(), name),
        page(f"{prefix}feed/atom/", feeds.atom(feed_class)(), f"{name}-atom"),
    ]


urlpatterns = [
    page("", views.HomeView.as_view(), "home"),
    page("news-sitemap.xml", sitemaps.news_sitemap, "news-sitemap"),
    page("artikel/", views.ArticleListView.as_view(), "list"),
    page("artikel/<slug:slug>/", views.ArticleDetailView.as_view(), "detail"),
    # Staff only, never cached.
    path("pratinjau/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    page("indeks/", views.IndexView.as_view(), "index"),
    page("wilayah/", index_views.RegionIndexView.as_view(), "regions"),
    page("topik/", index_views.TopicIndexView.as_view(), "topics"),
    page("entitas/", index_views.EntityIndexView.as_view(), "entities"),
    page("sumber/", index_views.SourceIndexView.as_view(), "sources"),
    page("wilayah/<slug:slug>/", views.RegionDetailView.as_view(), "region"),
    page("topik/<slug:slug>/", views.TopicDetailView.as_view(), "topic"),
    page("entitas/<slug:slug>/", views.EntityDetailView.as_view(), "entity"),
    page("sumber/<slug:slug>/", views.SourceDetailView.as_view(), "source"),
    page("penulis/<slug:slug>/", pages.AuthorDetailView.as_view(), "author"),
    # The standing pages, each at its own address (/redaksi/, /koreksi/, …).
    *(
        path(
            f"{slug}/",
            public_page(pages.StandingPageView.as_view()),
            {"slug": slug},
            name=f"page-{slug}",
        )
        for slug in STANDING_PAGES
    ),
    *archive_pages("", "archive"),
    *archive_pages("wilayah/<slug:slug>/", "region-archive", "region"),
    *archive_pages("topik/<slug:slug>/", "topic-archive", "topic"),
    *archive_pages("entitas/<slug:slug>/", "entity-archive", "entity"),
    page("investasi/", investment.InvestmentIndexView.as_view(), "investment"),
    page(
        "investasi/wilayah/<slug:slug>/",
        investment.InvestmentRegionView.as_view(),
        "investment-region",
    ),
    page(
        "investasi/perusahaan/<slug:slug>/",
        investment.InvestmentCompanyView.as_view(),
        "investment-company",
    ),
    page("investasi/fakta.csv", investment.facts_csv, "investment-csv"),
    *feed_pages("investasi/", investment_feeds.FactsFeed, "investment-feed"),
    *feed_pages(
        "investasi/wilayah/<slug:slug>/",
        investment_feeds.RegionFactsFeed,
        "investment-region-feed",
    ),
    *feed_pages(
        "investasi/perusahaan/<slug:slug>/",
        investment_feeds.CompanyFactsFeed,
        "investment-company-feed",
    ),
    *feed_pages("", feeds.LatestArticlesFeed, "feed"),
    *feed_pages("wilayah/<slug:slug>/", feeds.RegionFeed, "region-feed"),
    *feed_pages("topik/<slug:slug>/", feeds.TopicFeed, "topic-feed"),
    *feed_pages("entitas/<slug:slug>/", feeds.EntityFeed, "entity-feed"),
    *feed_pages("sumber/<slug:slug>/", feeds.SourceFeed, "source-feed"),
    *feed_pages("penulis/<slug:slug>/", feeds.AuthorFeed, "author-feed"),
]
