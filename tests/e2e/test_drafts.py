"""Draft revisions of a live article in a browser (issue 29, item 1): a
contributor saves her edit of her live article as a revision, readers keep the
live text, the editor finds it under "Perubahan tertunda", reviews the diff
and publishes it; at a desktop and a phone width, axe-core clean on every
page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles import editorial
from articles.models import Article, ArticleDraft

from .test_editor import log_in, staff

pytestmark = pytest.mark.e2e


def no_sideways_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_a_revision_from_draft_to_live(browser, site, width):
    writer = staff("kontributor", "Contributor")
    staff("redaktur", "Editor")
    article = Article(
        title="Smelter nikel Morowali mulai uji coba",
        body="<p>Uji coba dimulai pekan ini.</p>",
        created_by=writer,
    )
    editorial.article_update(article=article, by=writer)
    editor = type(writer).objects.get(username="redaktur")
    article.status = Article.Status.PUBLISHED
    editorial.article_update(article=article, by=editor)
    axe, found = Axe(), {}

    def check(page, name):
        # Clean: no violation of any impact (the desk's other pages are held
        # to serious and critical ones).
        results = axe.run(page).response["violations"]
        if problems := [f"{v['id']} ({v['impact']}): {v['help']}" for v in results]:
            found[name] = problems

    # The contributor revises her live article.
    context, page = log_in(browser, site, "kontributor")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + f"/admin/articles/article/{article.pk}/change/")
    expect(page.locator("button[name=_continue]")).to_have_count(0)
    page.fill("#id_title", "Smelter nikel Morowali tunda uji coba")
    page.get_by_role("button", name="Simpan sebagai revisi draf").first.click()
    expect(page.locator(".messagelist")).to_contain_text("revisi draf")
    banner = page.get_by_role(
        "region", name="Artikel ini punya revisi draf yang belum terbit"
    )
    expect(banner).to_contain_text("kontributor")
    expect(page.locator("#id_title")).to_have_value(
        "Smelter nikel Morowali tunda uji coba"
    )
    check(page, "change form with a revision")
    # Readers still see the live title.
    page.goto(site + article.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Smelter nikel Morowali mulai uji coba")
    context.close()

    # The editor finds it on the desk, reviews and publishes it.
    context, page = log_in(browser, site, "redaktur")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + f"/admin/articles/article/{article.pk}/change/")
    banner = page.locator(".pending-draft")
    expect(banner.get_by_role("button")).to_have_text(
        ["Terbitkan revisi", "Jadwalkan revisi", "Buang revisi"]
    )
    check(page, "change form with a revision, for the editor")
    page.goto(site + "/admin/")
    queue = page.locator(
        ".desk-queue", has=page.locator(".label", has_text="Perubahan tertunda")
    )
    expect(queue.locator(".number")).to_have_text("1")
    check(page, "desk")
    queue.get_by_role("link", name=re.compile("Smelter nikel")).click()
    expect(page.locator(".compare-table")).to_contain_text("tunda")
    expect(page.locator(".compare-table del")).to_contain_text("mulai")
    check(page, "review page")
    assert no_sideways_scroll(page) <= 0, f"review page scrolls sideways at {width}"
    page.get_by_role("button", name="Terbitkan revisi").click()
    expect(page.locator(".messagelist")).to_contain_text("Revisi draf sudah terbit")
    expect(page.locator(".pending-draft")).to_have_count(0)
    page.goto(site + article.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Smelter nikel Morowali tunda uji coba")
    context.close()
    assert not ArticleDraft.objects.exists()
    assert not found, "\n".join(f"{k}: {v}" for k, vs in found.items() for v in vs)
