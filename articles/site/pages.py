"""The standing pages (``models.pages``): /redaksi/, /tentang/, /kontak/,
/pedoman-media-siber/, /koreksi/ and /privasi/, in both languages."""

from django.http import Http404
from django.views.generic import TemplateView

from articles.models import StandingPage


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
            **kwargs,
        )
