from django.urls import path

from . import feeds, views
from .freshness import public_page

app_name = "articles"
urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path("artikel/", public_page(views.ArticleListView.as_view()), name="list"),
    path(
        "artikel/<slug:slug>/",
        public_page(views.ArticleDetailView.as_view()),
        name="detail",
    ),
    path("pratinjau/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("indeks/", public_page(views.IndexView.as_view()), name="index"),
    path(
        "wilayah/<slug:slug>/",
        public_page(views.RegionDetailView.as_view()),
        name="region",
    ),
    path(
        "topik/<slug:slug>/", public_page(views.TopicDetailView.as_view()), name="topic"
    ),
    path(
        "entitas/<slug:slug>/",
        public_page(views.EntityDetailView.as_view()),
        name="entity",
    ),
    path(
        "sumber/<slug:slug>/",
        public_page(views.SourceDetailView.as_view()),
        name="source",
    ),
    path("feed/", public_page(feeds.LatestArticlesFeed()), name="feed"),
    path(
        "feed/atom/",
        public_page(feeds.atom(feeds.LatestArticlesFeed)()),
        name="feed-atom",
    ),
    path(
        "wilayah/<slug:slug>/feed/", public_page(feeds.RegionFeed()), name="region-feed"
    ),
    path(
        "wilayah/<slug:slug>/feed/atom/",
        public_page(feeds.atom(feeds.RegionFeed)()),
        name="region-feed-atom",
    ),
    path("topik/<slug:slug>/feed/", public_page(feeds.TopicFeed()), name="topic-feed"),
    path(
        "topik/<slug:slug>/feed/atom/",
        public_page(feeds.atom(feeds.TopicFeed)()),
        name="topic-feed-atom",
    ),
    path(
        "entitas/<slug:slug>/feed/", public_page(feeds.EntityFeed()), name="entity-feed"
    ),
    path(
        "entitas/<slug:slug>/feed/atom/",
        public_page(feeds.atom(feeds.EntityFeed)()),
        name="entity-feed-atom",
    ),
]
