import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.static import serve as serve_media

from articles.freshness import public_page
from articles.site.sitemaps import SITEMAPS
from articles.site.views import robots_txt
from newsroom.views import bare, health

# Indonesian at the bare URLs, English under /en/: the language is part of the
# address, so pages can be cached and linked per language without cookies.
urlpatterns = [
    path("robots.txt", public_page(robots_txt, reads=()), name="robots"),
    # /favicon.ico and /apple-touch-icon.png: WhiteNoise (WHITENOISE_ROOT).
    path("healthz", health, name="health"),
    path(
        "sitemap.xml",
        public_page(sitemap_views.index, reads=()),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap, reads=("p",)),  # p: its page
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    # The read API speaks one language: outside the language prefixes.
    path("api/v1/", include("articles.api.urls")),
]
urlpatterns += i18n_patterns(
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", include("articles.site.urls")),
    prefix_default_language=False,
)
if settings.WARTA_BENCH:
    urlpatterns.append(path("bench/bare/", bare, name="bench-bare"))
if settings.DEBUG or settings.WARTA_SERVE_MEDIA:
    urlpatterns.append(
        re_path(
            "^" + re.escape(settings.MEDIA_URL.lstrip("/")) + "(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

# JSON under /api/, the site's pages elsewhere.
handler400 = "articles.api.errors.bad_request"
handler404 = "articles.api.errors.page_not_found"
handler500 = "articles.api.errors.server_error"
handler403 = "newsroom.views.permission_denied"
