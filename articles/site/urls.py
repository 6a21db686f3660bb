from django.urls import path

from articles.freshness import public_page
from articles.site import feeds, investment, views

app_name = "articles"


def page(route, view, name):
    """A public page: cached per content stamp, with ETag and Last-Modified."""
    return path(route, public_page(view), name=name)


def feed_pages(prefix, feed_class, name):
    """The RSS feed at ``prefix``feed/ and its Atom twin at ``prefix``feed/atom/."""
    return [
        page(f"{prefix}feed/", feed_class(), name),
        page(f"{prefix}feed/atom/", feeds.atom(feed_class)(), f"{name}-atom"),
    ]


urlpatterns = [
    page("", views.HomeView.as_view(), "home"),
    page("artikel/", views.ArticleListView.as_view(), "list"),
    page("artikel/<slug:slug>/", views.ArticleDetailView.as_view(), "detail"),
    # Staff only, never cached.
    path("pratinjau/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    page("indeks/", views.IndexView.as_view(), "index"),
    page("wilayah/<slug:slug>/", views.RegionDetailView.as_view(), "region"),
    page("topik/<slug:slug>/", views.TopicDetailView.as_view(), "topic"),
    page("entitas/<slug:slug>/", views.EntityDetailView.as_view(), "entity"),
    page("sumber/<slug:slug>/", views.SourceDetailView.as_view(), "source"),
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
    *feed_pages("", feeds.LatestArticlesFeed, "feed"),
    *feed_pages("wilayah/<slug:slug>/", feeds.RegionFeed, "region-feed"),
    *feed_pages("topik/<slug:slug>/", feeds.TopicFeed, "topic-feed"),
    *feed_pages("entitas/<slug:slug>/", feeds.EntityFeed, "entity-feed"),
    *feed_pages("sumber/<slug:slug>/", feeds.SourceFeed, "source-feed"),
]
