"""A URL in a body and a long word in a title break instead of widening a
phone's page (issue 30, item 4)."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.e2e

LONG_URL = "https://example.com/" + "sangat-panjang-" * 20
LONG_WORD = "Antidisestablishmentarianisme" * 3


def test_a_390px_page_stays_390px_wide(browser, site):
    article = Article.objects.create(
        title=f"Judul {LONG_WORD}",
        slug="kata-panjang",
        body=f"<p>Lihat {LONG_URL} untuk rinciannya.</p>",
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() - datetime.timedelta(hours=1),
    )
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for path in (article.get_absolute_url(), "/artikel/", "/"):
        page.goto(site + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    context.close()
