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


def boxes(locator):
    return [locator.nth(i).bounding_box() for i in range(locator.count())]


def test_the_desks_links_wrap_as_whole_buttons_on_a_phone(browser, site):
    """At 390 px "Liputan per provinsi" broke over two lines and the second
    row of buttons overlapped the first."""
    staff("redaktur", "Editor")
    context, page = log_in(browser, site, "redaktur")
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(site + "/admin/")
    links = boxes(page.locator(".desk-actions .button"))
    assert len(links) == 4
    assert len({round(box["height"]) for box in links}) == 1, links  # one line each
    for i, a in enumerate(links):
        for b in links[i + 1 :]:
            apart = (
                a["x"] + a["width"] <= b["x"]
                or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"]
                or b["y"] + b["height"] <= a["y"]
            )
            assert apart, (a, b)
    context.close()


def test_the_image_picker_sits_under_the_editor_and_lays_out_its_dialog(browser, site):
    """docs/editing.md: *Sisipkan gambar* under the editor (it was a third
    column beside it at 1280 px, wrapped on two lines); the dialog's label and
    results without the form's 160 px label column; the toolbar's drop-down
    mark a glyph every font has."""
    staff("redaktur", "Editor")
    article = Article.objects.filter(status=Status.PUBLISHED).first()
    context, page = log_in(browser, site, "redaktur")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + f"/admin/articles/article/{article.pk}/change/")
    editor = page.get_by_role("textbox", name="Isi").bounding_box()
    button = page.get_by_role("button", name="Sisipkan gambar")
    insert = button.bounding_box()
    assert insert["y"] >= editor["y"] + editor["height"], (editor, insert)
    assert abs(insert["x"] - editor["x"]) < 4, (editor, insert)
    assert insert["height"] < 40  # one line
    mark = page.locator(".field-body .prose-menubar__selected").first.evaluate(
        "e => getComputedStyle(e, '::after').content"
    )
    assert mark == '"▾"'
    button.click()
    dialog = page.get_by_role("dialog", name="Sisipkan gambar dari pustaka media")
    expect(dialog).to_be_visible()
    label = dialog.locator("label", has_text="Cari keterangan").bounding_box()
    search = dialog.locator(".media-q").bounding_box()
    results = dialog.locator(".media-results").bounding_box()
    assert label["height"] < 30, label  # not wrapped in a 160 px column
    assert abs(results["x"] - search["x"]) < 4, (search, results)
    context.close()
