"""The admin walk repeated (issue 25, 2026-12-08): the article admin's main
pages at desk and phone widths, axe-core on each (no serious or critical
violation), and the layout defects the walk's screenshots showed."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles.models import Article
from articles.suggestions import services as suggestion_services
from entities.models import Entity

from .test_desk import draft, serious
from .test_editor import log_in, staff

pytestmark = pytest.mark.e2e
Status = Article.Status


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_serious_on_the_first_rounds_pages(
    browser, site, width, tmp_path
):
    editor = staff("redaktur", "Editor")
    staff("kontributor", "Contributor")
    article = Article.objects.filter(status=Status.PUBLISHED).first()
    suggestion_services.article_suggest(article=article)
    waiting = draft("Naskah baja menunggu tinjauan", editor, status=Status.REVIEW)
    older, newer = waiting.history.order_by("history_id")[:2]
    entity = Entity.objects.order_by("pk").first()
    axe = Axe()
    found = {}

    def check(page, name):
        page.wait_for_load_state("networkidle")
        if problems := serious(axe.run(page)):
            found[name] = problems

    context, page = log_in(browser, site, "redaktur")
    page.set_viewport_size({"width": width, "height": 900})
    for name, path in [
        ("list searched and filtered", "/admin/articles/article/?q=baja&workflow=live"),
        ("list of a queue", "/admin/articles/article/?desk=review"),
        ("form", f"/admin/articles/article/{article.pk}/change/"),
        ("history", f"/admin/articles/article/{article.pk}/history/"),
        (
            "compare",
            f"/admin/articles/article/{waiting.pk}/history/compare/"
            f"?from={older.history_id}&to={newer.history_id}",
        ),
        ("delete", f"/admin/articles/article/{waiting.pk}/delete/"),
        ("suggestions", f"/admin/articles/article/{article.pk}/suggestions/"),
        ("entity", f"/admin/entities/entity/{entity.pk}/change/"),
        ("split", f"/admin/entities/entity/{entity.pk}/split/"),
        ("import", "/admin/articles/article/import/"),
    ]:
        response = page.goto(site + path)
        assert response.status == 200, f"{name}: {response.status}"
        check(page, name)

    # The merge confirmation, and the import's dry run.
    page.goto(site + "/admin/entities/entity/")
    page.locator("input.action-select").nth(0).check()
    page.locator("input.action-select").nth(1).check()
    page.locator("select[name=action]").select_option("merge_entities")
    page.locator("button[name=index]").click()
    check(page, "merge")
    upload = tmp_path / "pabrik-baja.txt"
    upload.write_text(
        "CILEGON – Pabrik pipa baja baru mulai uji coba produksi pekan ini.\n\n"
        "Produksi penuh dimulai bulan depan. (red)\n",
        encoding="utf-8",
    )
    page.goto(site + "/admin/articles/article/import/")
    page.set_input_files("input[type=file]", str(upload))
    page.locator(".import-page form [type=submit]").first.click()
    expect(page.locator("table.import-report")).to_contain_text("pabrik-baja.txt")
    check(page, "import dry run")
    context.close()

    # A contributor refused a page her role does not include.
    context, page = log_in(browser, site, "kontributor")
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(site + "/admin/auth/user/")
    assert response.status == 403
    check(page, "refused")
    context.close()
    assert not found, "\n".join(f"{k}: {v}" for k, vs in found.items() for v in vs)
