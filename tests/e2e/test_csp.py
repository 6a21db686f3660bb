"""The public pages and the admin work under the Content-Security-Policy: no
violation is reported while a reader browses and an editor edits."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_no_csp_violations_on_public_pages_and_admin(browser, site):
    User.objects.create_superuser("pemimpin", password="kata-sandi-uji-123")
    context = browser.new_context()
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    for path in (
        "/",
        "/artikel/?region=banten",
        "/wilayah/banten/",
        "/indeks/",
        "/entitas/kota-cilegon/",
    ):
        page.goto(site + path)
    page.get_by_role(
        "link",
        name="Gubernur Banten kunjungi Krakatau Steel, dorong regulasi baja ber-SNI",
    ).first.click()

    page.goto(site + "/admin/login/")
    page.fill("#id_username", "pemimpin")
    page.fill("#id_password", "kata-sandi-uji-123")
    page.locator("input[type=submit]").click()
    page.goto(site + "/admin/articles/article/")
    page.locator("#result_list tbody tr a").first.click()
    # The entity autocomplete (select2) is JavaScript from our own origin.
    page.locator(".field-entities .select2-search__field").press_sequentially("Kemen")
    expect(
        page.locator(".select2-results__option", has_text="Kementerian Perindustrian")
    ).to_be_visible()
    page.keyboard.press("Escape")
    page.goto(site + "/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially("Uji CSP")
    expect(page.locator("#id_slug")).to_have_value("uji-csp")
    context.close()
    assert violations == []
