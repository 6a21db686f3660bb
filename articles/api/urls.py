"""/api/v1/: the public read API, its OpenAPI schema and its documentation.
Mounted outside the language prefixes (the API speaks one language)."""

from django.urls import path, re_path, register_converter

from articles.api import docs, errors, facts, views

app_name = "api"


class ArticleId:
    """An id as the databases store it: at most 18 digits, so never too large
    for a 64-bit integer (a longer number is no article: 404, not an error)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(ArticleId, "article_id")

urlpatterns = [
    path("", docs.RootView.as_view(), name="root"),
    path("articles/", views.ArticleListView.as_view(), name="articles"),
    path("articles/export", views.ArticleExportView.as_view(), name="export"),
    path(
        "articles/<article_id:pk>/", views.ArticleDetailView.as_view(), name="article"
    ),
    path(
        "articles/<article_id:pk>/ninjs",
        views.ArticleNinjsView.as_view(),
        name="article-ninjs",
    ),
    path("regions/", views.RegionTreeView.as_view(), name="regions"),
    path("topics/", views.TopicTreeView.as_view(), name="topics"),
    path("sources/", views.SourceListView.as_view(), name="sources"),
    path("entities/", views.EntityListView.as_view(), name="entities"),
    path("entities/<slug:slug>/", views.EntityDetailView.as_view(), name="entity"),
    path("facts/", facts.FactListView.as_view(), name="facts"),
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("schema.json", docs.JSONSchemaView.as_view(), name="schema-json"),
    path("docs/", docs.DocsView.as_view(), name="docs"),
    # Anything else under /api/v1/ is a JSON 404 (or a redirect to the address
    # with a slash), not the site's HTML page.
    re_path(r"^[\s\S]*$", errors.not_found),
]
