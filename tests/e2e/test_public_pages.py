"""Every public page type, in both languages, at desktop and phone widths
(issue 15): axe-core finds no violations, nothing scrolls sideways, and the
footer sits at the bottom of a short page."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from articles.models import STANDING_PAGES, Article, Author, Fact, Topic
from entities.models import Entity, Region

pytestmark = pytest.mark.e2e
WIDTHS = (1280, 390)
STATUS = {"not found": 404, "refused filter": 400}


TABLE = (
    "<p>PT Baja Raya akan berinvestasi Rp1,2 triliun di Kota Cilegon dan "
    "menyerap 2.000 tenaga kerja.</p>"
    "<table><caption>Produksi baja menurut pabrik, 2025 (ribu ton)</caption>"
    "<thead><tr><th>Pabrik</th><th>Kapasitas terpasang</th><th>Produksi</th>"
    "<th>Utilisasi</th><th>Tujuan ekspor utama</th></tr></thead><tbody>"
    "<tr><td>PT Krakatau Steel (Persero) Tbk, Kota Cilegon</td><td>3.900</td>"
    "<td>2.450</td><td>62,8%</td><td>Malaysia, Vietnam, Filipina</td></tr>"
    "<tr><td>PT Krakatau Posco</td><td>3.000</td><td>2.710</td><td>90,3%</td>"
    "<td>Korea Selatan, Jepang</td></tr></tbody></table>"
)


@pytest.fixture
def reader_data(site):
    """What the round-three pages need beyond the seed: an article with a table
    in its body, an accepted investment fact (the tracker) and a correction."""
    from django.contrib.auth.models import User

    from articles import facts
    from articles.editorial import article_correct

    editor = User.objects.create_superuser("redaktur-e2e", password="x")
    article = Article.objects.published().get(
        slug="pt-ksp-undang-investor-korsel-bangun-kawasan-industri-ramah-lingkungan"
    )
    article.body = TABLE + article.body
    article.save()
    facts.article_extract_facts(article=article)
    Fact.objects.filter(article=article).update(
        region=Region.objects.get(slug="kota-cilegon")
    )
    facts.facts_decide(facts=Fact.objects.all(), accept=True, by=editor)
    article_correct(
        article=article,
        kind="correction",
        text="Nilai investasi semula tertulis Rp12 triliun; yang benar Rp1,2 triliun.",
        by=editor,
    )
    return site


def page_types():
    article = Article.objects.published().filter(source__isnull=False).first()
    corrected = Article.objects.filter(corrections__isnull=False).first()
    fact = Fact.objects.public().filter(kind="investment").first()
    return {
        "home": "/",
        "list": "/artikel/",
        "search": "/artikel/?q=baja",
        "no results": "/artikel/?q=tidakadahasilnya",
        "filtered": "/artikel/?region=kota-cilegon",
        "refused filter": "/artikel/?date_from=kemarin",
        "article": article.get_absolute_url(),
        "region": Region.objects.get(code="36").get_absolute_url(),
        "topic": Topic.objects.filter(parent__isnull=True).first().get_absolute_url(),
        "entity": Entity.objects.filter(tagged_articles__isnull=False)
        .first()
        .get_absolute_url(),
        "source": article.source.get_absolute_url(),
        "index": "/indeks/",
        "not found": "/tidak-ada/",
        "corrected article with a table": corrected.get_absolute_url(),
        "archive": "/arsip/",
        "archive year": "/arsip/2025/",
        "archive month": "/arsip/2025/03/",
        "region archive month": "/wilayah/kota-cilegon/arsip/2025/03/",
        "region index": "/wilayah/",
        "topic index": "/topik/",
        "entity index": "/entitas/",
        "source index": "/sumber/",
        "tracker": "/investasi/",
        "tracker region": f"/investasi/wilayah/{fact.region.slug}/",
        "tracker company": f"/investasi/perusahaan/{fact.company_slug}/",
        "author": Author.objects.get(slug="ika").get_absolute_url(),
        **{f"page {slug}": f"/{slug}/" for slug in STANDING_PAGES},
    }


def test_every_public_page_passes_axe_at_both_widths_in_both_languages(
    browser, reader_data
):
    site = reader_data
    axe = Axe()
    problems = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for name, path in page_types().items():
            for prefix in ("", "/en"):
                response = page.goto(site + prefix + path)
                where = f"{prefix or '/id'} {name} @{width}"
                # A broken page (a 500) passes axe too: its status is checked.
                if response.status != STATUS.get(name, 200):
                    problems.append(f"{where}: HTTP {response.status}")
                for violation in axe.run(page).response["violations"]:
                    targets = "; ".join(
                        str(node["target"][0]) for node in violation["nodes"][:3]
                    )
                    problems.append(f"{where}: {violation['id']} — {targets}")
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth"
                    " - document.documentElement.clientWidth"
                )
                if overflow > 0:
                    problems.append(f"{where}: {overflow}px sideways scroll")
        context.close()
    assert not problems, "\n".join(problems)


def test_the_footer_sits_at_the_bottom_of_a_short_page(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 1200})
    page = context.new_page()
    page.goto(site + "/tidak-ada/")
    bottom = page.evaluate(
        "document.querySelector('.site-footer').getBoundingClientRect().bottom"
    )
    assert abs(bottom - 1200) <= 1
    context.close()


def test_on_a_phone_the_header_is_compact_and_filters_are_one_tap_away(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site + "/artikel/")
    height = page.evaluate(
        "document.querySelector('.site-header').getBoundingClientRect().height"
    )
    assert height <= 844 * 0.15, f"the header takes {height}px"
    page.get_by_role("link", name="Saring", exact=True).first.click()
    assert page.evaluate("location.hash") == "#filters"
    top = page.evaluate(
        "document.getElementById('filters').getBoundingClientRect().top"
    )
    assert 0 <= top < 100
    context.close()
