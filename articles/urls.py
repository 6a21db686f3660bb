from django.urls import path

from . import feeds, views

app_name = "articles"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("artikel/", views.ArticleListView.as_view(), name="list"),
    path("artikel/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("pratinjau/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("indeks/", views.IndexView.as_view(), name="index"),
    path("wilayah/<slug:slug>/", views.RegionDetailView.as_view(), name="region"),
    path("topik/<slug:slug>/", views.TopicDetailView.as_view(), name="topic"),
    path("entitas/<slug:slug>/", views.EntityDetailView.as_view(), name="entity"),
    path("sumber/<slug:slug>/", views.SourceDetailView.as_view(), name="source"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("feed/atom/", feeds.atom(feeds.LatestArticlesFeed)(), name="feed-atom"),
    path("wilayah/<slug:slug>/feed/", feeds.RegionFeed(), name="region-feed"),
    path(
        "wilayah/<slug:slug>/feed/atom/",
        feeds.atom(feeds.RegionFeed)(),
        name="region-feed-atom",
    ),
    path("topik/<slug:slug>/feed/", feeds.TopicFeed(), name="topic-feed"),
    path(
        "topik/<slug:slug>/feed/atom/",
        feeds.atom(feeds.TopicFeed)(),
        name="topic-feed-atom",
    ),
    path("entitas/<slug:slug>/feed/", feeds.EntityFeed(), name="entity-feed"),
    path(
        "entitas/<slug:slug>/feed/atom/",
        feeds.atom(feeds.EntityFeed)(),
        name="entity-feed-atom",
    ),
]
