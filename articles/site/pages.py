"""The standing pages (``models.pages``): /redaksi/, /tentang/, /kontak/,
/pedoman-media-siber/, /koreksi/ and /privasi/, in both languages."""

from django.http import Http404
from django.views.generic import TemplateView

from articles.models import Article, ArticleCorrection, Author, StandingPage
from articles.site import listing
from articles.site.views import ObjectArticlesView


class StandingPageView(TemplateView):
    """One standing page as its editors wrote it; the English edition shows
    the Indonesian text (marked as such) until an English one is written."""

    template_name = "articles/standing_page.html"
    query_params = ()

    def get_context_data(self, slug, **kwargs):
        page = StandingPage.objects.filter(slug=slug).first()
        if page is None:
            raise Http404
        title, body, language = page.in_language()
        return super().get_context_data(
            page=page,
            heading=title,
            text=body,
            text_language=language,
            # The masthead is the authors' profiles marked for it.
            masthead=list(Author.objects.masthead()) if slug == "redaksi" else [],
            corrections=corrections_log() if slug == "koreksi" else [],
            **kwargs,
        )


def corrections_log(limit=200):
    """The newest corrections, clarifications and replies on published
    articles, with their articles (one query)."""
    return list(
        ArticleCorrection.objects.filter(article__in=Article.objects.published())
        .select_related("article")
        .order_by("-published_at", "-pk")[:limit]
    )


class AuthorDetailView(ObjectArticlesView):
    """A writer's profile and the published articles their byline names."""

    template_name = "articles/author_detail.html"

    def get_object(self, slug):
        return Author.objects.filter(slug=slug).first()

    def get_queryset(self):
        return listing.articles_by_author(author=self.object)

    def list_count(self, queryset) -> int:
        # No public count keeps bylines: a writer's list is counted directly
        # (one indexed-enough query; a writer has hundreds of articles, not
        # millions).
        return queryset.count()
