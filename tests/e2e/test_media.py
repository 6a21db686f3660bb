"""The media library in a browser: an editor places a library image and a new
upload in the body with "Sisipkan gambar"; readers see the figures and a
YouTube placeholder that loads nothing from YouTube until clicked; axe-core
finds nothing at 1280 and 390 px."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import expect

from articles.editorial import media as services
from articles.models import Article, MediaImage
from articles.models.media import reference
from tests.editorial.test_images import image_bytes, upload

from .test_desk import serious
from .test_editor import log_in, staff

pytestmark = pytest.mark.e2e
WIDTHS = (1280, 390)
VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def png_file(tmp_path, name="baru.png"):
    path = tmp_path / name
    Image.new("RGB", (1300, 700), (30, 120, 60)).save(path, "PNG")
    return path


@pytest.mark.parametrize("width", WIDTHS)
def test_an_editor_inserts_library_and_new_images(browser, site, tmp_path, width):
    editor = staff("redaktur", "Editor")
    services.media_image_create(
        file=upload("smelter.png", image_bytes()),
        alt_text="Tungku smelter nikel",
        caption="Smelter nikel di Morowali",
        credit="Foto: Humas IMIP",
        by=editor,
    )
    title = f"Kawasan industri baru diresmikan {width}"
    context, page = log_in(browser, site, "redaktur")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + "/admin/articles/article/add/")
    page.locator("#id_title").fill(title)
    page.locator(".field-body [contenteditable=true]").click()
    page.keyboard.type("Paragraf pembuka.")
    page.keyboard.press("Enter")

    page.get_by_role("button", name="Sisipkan gambar").click()
    dialog = page.get_by_role("dialog", name="Sisipkan gambar dari pustaka media")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Cari keterangan, kredit, atau teks alternatif").fill(
        "morowali"
    )
    choice = dialog.locator(".media-choice", has_text="Smelter nikel di Morowali")
    expect(choice).to_have_count(1)
    axe = Axe()
    in_dialog = axe.run(page, context=".media-picker").response["violations"]
    assert in_dialog == [], in_dialog
    assert serious(axe.run(page)) == []
    choice.click()
    expect(dialog).to_be_hidden()
    expect(page.locator(".ProseMirror figure.media-ref")).to_have_count(1)

    page.keyboard.press("Enter")
    page.get_by_role("button", name="Sisipkan gambar").click()
    dialog.locator("summary").click()
    dialog.get_by_label("Gambar (JPEG, PNG, atau WebP)").set_input_files(
        png_file(tmp_path)
    )
    dialog.get_by_role("button", name="Unggah dan sisipkan").click()
    # The alt text is required: the server says so and nothing is stored.
    expect(dialog.locator(".media-errors li")).to_have_count(1)
    assert MediaImage.objects.count() == 1
    dialog.get_by_label("Teks alternatif (wajib)").fill("Gerbang kawasan industri")
    dialog.get_by_label("Keterangan").first.fill("Gerbang kawasan")
    dialog.get_by_role("button", name="Unggah dan sisipkan").click()
    expect(dialog).to_be_hidden()
    expect(page.locator(".ProseMirror figure.media-ref")).to_have_count(2)
    page.keyboard.type("Paragraf penutup.")

    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist")).to_be_visible()
    article = Article.objects.get(title=title)
    new = MediaImage.objects.get(alt_text="Gerbang kawasan industri")
    old = MediaImage.objects.get(caption="Smelter nikel di Morowali")
    assert new.uploaded_by == editor
    assert re.fullmatch(
        rf"<p>Paragraf pembuka\.</p>{re.escape(reference(old.pk))}"
        rf"{re.escape(reference(new.pk))}<p>Paragraf penutup\.</p>",
        article.body,
    ), article.body
    # Opening it again keeps both references (the editor round-trips them).
    page.goto(site + f"/admin/articles/article/{article.pk}/change/")
    placed = page.locator(".ProseMirror figure.media-ref")
    expect(placed).to_have_count(2)
    # Each placed image is named by its thumbnail and caption (one request).
    expect(placed.first).to_contain_text("Smelter nikel di Morowali")
    expect(placed.first.locator("img")).to_have_attribute("alt", old.alt_text)
    expect(placed.last).to_contain_text("Gerbang kawasan")
    assert reference(new.pk) in page.locator("#id_body").input_value()
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_readers_see_figures_and_load_embeds_only_on_click(browser, site, width):
    editor = staff("redaktur", "Editor")
    image = services.media_image_create(
        file=upload("pabrik.png", image_bytes()),
        alt_text="Cerobong pabrik baja",
        caption="Pabrik baja di Cilegon",
        credit="Foto: Humas Krakatau",
        by=editor,
    )
    article = Article.objects.filter(status=Article.Status.PUBLISHED).first()
    Article.objects.filter(pk=article.pk).update(
        body=f"<p>Paragraf pertama.</p>{reference(image.pk)}"
        f'<p><a href="{VIDEO}" rel="noopener">{VIDEO}</a></p>'
        "<p>https://x.com/kemenperin/status/1790000000000000001</p>"
    )
    from articles.freshness import content_changed

    content_changed()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    foreign, violations = [], []
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if not request.url.startswith(site) and not request.url.startswith("data:")
            else None
        ),
    )
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<p>video</p>"
        ),
    )
    page.goto(site + article.get_absolute_url())
    figure = page.locator(".body figure.media-image")
    expect(figure.locator("img")).to_have_attribute("alt", "Cerobong pabrik baja")
    expect(figure.locator("figcaption")).to_contain_text("Foto: Humas Krakatau")
    # The body's images load lazily: as a reader scrolls to them.
    image = figure.locator("img")
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    youtube = page.locator("figure[data-embed=youtube]")
    button = youtube.get_by_role("button", name="Muat konten dari YouTube")
    expect(button).to_be_visible()
    expect(youtube.get_by_role("link")).to_have_attribute("href", VIDEO)
    expect(page.get_by_role("button", name="Muat konten dari X")).to_be_visible()
    assert page.locator("iframe").count() == 0
    page.wait_for_load_state("networkidle")
    assert foreign == []  # nothing third-party before the click

    results = Axe().run(page).response["violations"]
    assert results == [], [(v["id"], v["nodes"][0]["target"]) for v in results]
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0

    # The frame's request starts after the click; wait for it, not for an
    # idle network (which the page already is).
    with page.expect_request(
        lambda request: request.url.startswith("https://www.youtube-nocookie.com/")
    ):
        button.click()
    frame = youtube.locator("iframe")
    expect(frame).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    expect(frame).to_have_attribute("title", "Konten dari YouTube")
    page.wait_for_load_state("networkidle")
    assert foreign and all(
        url.startswith("https://www.youtube-nocookie.com/") for url in foreign
    ), foreign
    assert (
        page.frame_locator("figure[data-embed=youtube] iframe")
        .locator("text=video")
        .is_visible()
    )
    assert violations == []
    context.close()


def test_the_page_keeps_working_without_javascript(browser, site):
    article = Article.objects.filter(status=Article.Status.PUBLISHED).first()
    Article.objects.filter(pk=article.pk).update(
        body=f'<p><a href="{VIDEO}" rel="noopener">{VIDEO}</a></p>'
    )
    from articles.freshness import content_changed

    content_changed()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + article.get_absolute_url())
    expect(page.locator("button.embed-load")).to_be_hidden()
    expect(page.locator("figure[data-embed=youtube] a")).to_have_attribute(
        "href", VIDEO
    )
    context.close()
