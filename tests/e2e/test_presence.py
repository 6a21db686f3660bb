"""The article form's live side in a real browser (issue 29, items 2 and 3):
two editors in two browser contexts see each other; what one types is kept
as her own automatic copy and offered back after her tab is gone; the word
count follows the typing with the server's rule; the preview shows the
public page with the unsaved values at desktop and phone width. Axe-clean at
1280 and 390 px."""

import re
import time

import pytest
from django.db import OperationalError
from django.urls import reverse
from playwright.sync_api import expect

from articles.editorial import autosave, presence
from articles.models import Article, AutosaveCopy, EditingPresence, richtext
from tests.e2e.test_editor import log_in, staff

pytestmark = pytest.mark.e2e


@pytest.fixture
def quick(monkeypatch):
    """Beats and copies every second, so that the test need not wait."""
    monkeypatch.setattr(presence, "HEARTBEAT", 1)
    monkeypatch.setattr(autosave, "EVERY", 1)


@pytest.fixture
def article(site):
    staff("Budi", "Editor")
    staff("sari", "Editor")
    return Article.objects.create(
        title="Kawasan industri Batang menambah tenant",
        body="<p>Dua perusahaan baru masuk.</p>",
        status=Article.Status.DRAFT,
    )


def change(site, article):
    return site + reverse("admin:articles_article_change", args=[article.pk])


def db(read):
    """``read()`` of the database while pages beat: the tests' in-memory
    SQLite answers "table is locked" to a read during another thread's
    write, instead of waiting."""
    for _ in range(50):
        try:
            return read()
        except OperationalError:
            time.sleep(0.1)
    return read()


def close(context, page, username):
    """Leave the form (its beacons are sent), wait until the server has
    handled them, then close: no request may reach the database after the
    test (its tables are flushed)."""
    page.goto("about:blank")
    for _ in range(50):
        if not db(EditingPresence.objects.filter(user__username=username).exists):
            break
        time.sleep(0.1)
    time.sleep(0.5)  # an autosave beacon, if the form had changes
    context.close()


def axe_problems(page, width):
    from axe_playwright_python.sync_playwright import Axe

    problems = []
    for violation in Axe().run(page).response["violations"]:
        targets = "; ".join(str(node["target"][0]) for node in violation["nodes"][:4])
        problems.append(
            f"@{width}: {violation['id']} ({len(violation['nodes'])}) — {targets}"
        )
    return problems


@pytest.mark.parametrize("width", [1280, 390])
def test_two_editors_see_each_other_and_nothing_is_locked(
    browser, site, article, quick, width
):
    budi_context, budi = log_in(browser, site, "Budi")
    budi.set_viewport_size({"width": width, "height": 900})
    budi.goto(change(site, article))
    sari_context, sari = log_in(browser, site, "sari")
    sari.set_viewport_size({"width": width, "height": 900})
    sari.goto(change(site, article))
    # Sari sees Budi at once, "since" in Jakarta time with a dot.
    since = db(lambda: EditingPresence.objects.get(user__username="Budi")).since
    shown = presence.Present(name="Budi", since=since).since_shown
    expect(sari.locator("#live-presence")).to_have_text(
        f"Budi sedang menyunting artikel ini sejak {shown}"
    )
    # Budi sees Sari at his next heartbeat, without reloading.
    expect(budi.locator("#live-presence")).to_contain_text(
        "sari sedang menyunting artikel ini sejak"
    )
    problems = axe_problems(sari, width)
    # Nothing locked: Sari saves while Budi is there.
    sari.locator("#id_title").fill("Kawasan industri Batang menambah dua tenant")
    sari.locator("input[name=_continue]").first.click()
    expect(sari.locator(".messagelist")).to_be_visible()
    db(article.refresh_from_db)
    assert article.title == "Kawasan industri Batang menambah dua tenant"
    # Sari leaves: her entry goes, and Budi no longer sees her.
    close(sari_context, sari, "sari")
    expect(budi.locator("#live-presence")).to_have_text("")
    assert not db(EditingPresence.objects.filter(user__username="sari").exists)
    # Budi's stale form is still refused on save (the safety net).
    budi.locator("#id_standfirst").fill("Ringkasan lama.")
    budi.locator("input[name=_continue]").first.click()
    expect(budi.locator(".errornote")).to_be_visible()
    db(article.refresh_from_db)
    assert article.standfirst == ""
    close(budi_context, budi, "Budi")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_copy_survives_a_closed_tab_and_comes_back(
    browser, site, article, quick, width
):
    context, page = log_in(browser, site, "Budi")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(change(site, article))
    page.locator("#id_title").fill("Judul yang belum disimpan")
    page.locator(".field-body [contenteditable=true]").click()
    page.keyboard.press("End")
    page.keyboard.type(" Satu lagi menyusul.")
    expect(page.locator(".autosave-status")).to_contain_text(
        "Salinan otomatis disimpan pukul"
    )
    context.close()  # the tab is gone, nothing saved
    db(article.refresh_from_db)
    assert article.title == "Kawasan industri Batang menambah tenant"
    assert db(AutosaveCopy.objects.get).data["title"] == ["Judul yang belum disimpan"]

    context, page = log_in(browser, site, "Budi")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(change(site, article))
    offer = page.locator(".autosave-offer")
    expect(offer).to_be_visible()
    problems = axe_problems(page, width)
    offer.get_by_role("link", name="Pulihkan salinan otomatis dari").click()
    expect(page.locator("#id_title")).to_have_value("Judul yang belum disimpan")
    expect(page.locator(".field-body [contenteditable=true]")).to_contain_text(
        "Satu lagi menyusul."
    )
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist")).to_be_visible()
    db(article.refresh_from_db)
    assert article.title == "Judul yang belum disimpan"
    assert "Satu lagi menyusul." in article.body
    assert not db(AutosaveCopy.objects.exists)  # saving deleted it
    close(context, page, "Budi")
    assert not problems, "\n".join(problems)


TEXTS = [
    "<p>Satu dua tiga.</p>",
    "<p>Pabrik<b>baja</b> baru</p><p>di Cilegon</p>",
    "<h2>Judul</h2><ul><li>a</li><li>b_c</li></ul><p>Rp5&nbsp;triliun, 2026!</p>",
    "<p>Kata<br>per<br>baris</p><table><tr><td>x</td><td>y</td></tr></table>",
    "<p>" + "kata " * 500 + "</p>",  # 2.5 minutes: Python rounds to 2
]


def test_live_word_count_follows_the_typing_with_the_servers_rule(
    browser, site, article
):
    context, page = log_in(browser, site, "Budi")
    page.goto(change(site, article))
    count = page.locator("#live-count")
    expect(count).to_have_text("4 kata · 1 menit membaca")
    page.locator(".field-body [contenteditable=true]").click()
    page.keyboard.press("End")
    page.keyboard.type(" Lima enam.")
    expect(count).to_have_text("6 kata · 1 menit membaca")
    for html in TEXTS:
        words = page.evaluate("html => window.wartaCountWords(html)", html)
        assert words == richtext.word_count(html), html
    # The count follows the editor's own HTML too, minutes as the server's.
    page.evaluate(
        "html => { const t = document.querySelector('textarea[name=body]');"
        " t.value = html; t.dispatchEvent(new Event('input', {bubbles: true})) }",
        TEXTS[-1],
    )
    saved = Article(body=TEXTS[-1])
    saved.derive()
    expect(count).to_have_text(f"500 kata · {saved.reading_minutes} menit membaca")
    assert saved.reading_minutes == 2
    close(context, page, "Budi")


WIDTH = "html => html.ownerDocument.defaultView.innerWidth"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_preview_shows_the_unsaved_page_at_both_widths(
    browser, site, article, width
):
    context, page = log_in(browser, site, "Budi")
    page.set_viewport_size({"width": width, "height": 900})
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.goto(change(site, article))
    page.locator("#id_title").fill("Judul belum disimpan")
    # No frame in the page until the preview is opened; then a sandboxed one.
    assert page.locator("iframe").count() == 0
    page.get_by_role("button", name="Tampilkan pratinjau dengan perubahan saya").click()
    frame = page.frame_locator("#live-preview-frame")
    expect(frame.locator("h1")).to_have_text("Judul belum disimpan")
    expect(page.locator("#live-preview-frame")).to_have_attribute(
        "sandbox", "allow-same-origin"
    )
    # The site's stylesheet applies inside the frame.
    expect(frame.locator("h1")).to_have_css("font-family", re.compile("system-ui"))
    # Typing updates it.
    page.locator("#id_title").fill("Judul kedua")
    expect(frame.locator("h1")).to_have_text("Judul kedua")
    page.get_by_role("button", name="Ponsel (390 px)").click()
    inner = frame.locator("html").evaluate(
        "h => h.ownerDocument.defaultView.innerWidth"
    )
    assert inner == 390
    page.get_by_role("button", name="Desktop (1280 px)").click()
    inner = frame.locator("html").evaluate(
        "h => h.ownerDocument.defaultView.innerWidth"
    )
    assert inner == 1280
    problems = axe_problems(page, width)
    db(article.refresh_from_db)
    assert article.title == "Kawasan industri Batang menambah tenant"
    close(context, page, "Budi")
    assert violations == []
    assert not problems, "\n".join(problems)
