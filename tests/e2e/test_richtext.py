"""Rich text from the editor's toolbar to the reader (issue 12): formatting,
links and subheadings survive, the editor runs under the CSP, and it works with
the keyboard alone."""

import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from articles.models import Article

pytestmark = pytest.mark.e2e

PASSWORD = "kata-sandi-uji-123"


def editor_session(browser, site, violations):
    user = User.objects.create_user("redaktur", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    context = browser.new_context(
        locale="id-ID", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if message.type == "error"
            or "Content Security Policy" in message.text
            or "Refused to" in message.text
            else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            violations.append(f"{response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "redaktur")
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.goto(site + "/admin/articles/article/add/")
    return context, page


def body(page):
    return page.locator(".field-body [contenteditable=true]")


def publish(page, title):
    page.fill("#id_title", title)
    page.get_by_role("button", name="Terbitkan sekarang").first.click()
    expect(page.locator(".messagelist")).to_be_visible()


def test_formatting_links_and_subheadings_reach_the_reader(browser, site):
    violations = []
    context, page = editor_session(browser, site, violations)
    editor = body(page)
    editor.click()
    page.keyboard.type("Pabrik baja baru mulai berproduksi di Cilegon.")
    page.keyboard.press("Enter")
    page.locator(".field-body .prose-menubar__selected").click()  # block type
    page.get_by_role("button", name="Heading 2").click()
    editor.press("End")
    page.keyboard.type("Latar belakang")
    page.keyboard.press("Enter")
    page.keyboard.type("Kapasitasnya ")
    page.keyboard.press("Control+b")
    page.keyboard.type("tiga juta ton")
    page.keyboard.press("Control+b")
    page.keyboard.type(" per tahun, menurut siaran pers.")
    page.keyboard.press("Shift+Home")
    link_button = page.locator(".field-body .prose-menubar__button[data-name=link]")
    expect(link_button).not_to_have_class(re.compile("disabled"))
    link_button.click()
    page.locator("dialog[open] input[name=href]").fill(
        "https://kemenperin.go.id/siaran"
    )
    page.locator("dialog[open] button[type=submit]").click()
    publish(page, "Uji teks kaya")

    article = Article.objects.get(title="Uji teks kaya")
    assert "<h2>Latar belakang</h2>" in article.body
    assert "<strong>tiga juta ton</strong>" in article.body
    assert 'href="https://kemenperin.go.id/siaran"' in article.body

    reader = context.new_page()
    reader.goto(site + article.get_absolute_url())
    expect(reader.locator(".body h2")).to_have_text("Latar belakang")
    expect(reader.locator(".body strong")).to_have_text("tiga juta ton")
    link = reader.locator(".body a[href='https://kemenperin.go.id/siaran']")
    expect(link).to_have_attribute("rel", "noopener")
    context.close()
    assert violations == []


def test_the_editor_works_with_the_keyboard_alone(browser, site):
    violations = []
    context, page = editor_session(browser, site, violations)
    page.locator("#id_standfirst").focus()
    # Tab walks the toolbar, then reaches the writing area.
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.isContentEditable"):
            break
    assert page.evaluate("document.activeElement.isContentEditable")
    page.keyboard.type("Ringkasan ")
    page.keyboard.press("Control+i")
    page.keyboard.type("miring")
    page.keyboard.press("Control+i")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+Alt+2")
    page.keyboard.type("Subjudul")
    page.keyboard.press("Enter")
    page.keyboard.type("Tautan")
    for _ in "Tautan":
        page.keyboard.press("Shift+ArrowLeft")
    link_button = page.locator(".field-body .prose-menubar__button[data-name=link]")
    expect(link_button).not_to_have_class(re.compile("disabled"))
    # Back to the toolbar with Shift+Tab, to the link button; Enter opens the
    # link dialog with the address field focused.
    for _ in range(12):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.dataset.name") == "link":
            break
    page.keyboard.press("Enter")
    expect(page.locator("dialog[open] input[name=href]")).to_be_focused()
    page.keyboard.type("https://example.id/")
    page.keyboard.press("Enter")
    publish(page, "Uji papan ketik")
    article = Article.objects.get(title="Uji papan ketik")
    assert "<em>miring</em>" in article.body
    assert "<h2>Subjudul</h2>" in article.body
    assert '<a href="https://example.id/"' in article.body
    context.close()
    assert violations == []
