import re
import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_reader_goes_home_region_article_entity_feed(page, site):
    page.goto(site + "/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", name="Terbaru")).to_be_visible()

    page.get_by_role("navigation", name="Wilayah").get_by_role(
        "link", name="Banten"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Banten")
    expect(page.get_by_text("4 artikel, termasuk wilayah di bawahnya")).to_be_visible()
    sub_regions = page.get_by_role("navigation", name="Wilayah di bawahnya")
    expect(sub_regions.get_by_role("link", name="Kota Cilegon")).to_be_visible()

    page.get_by_role(
        "link", name=re.compile("Gubernur Banten kunjungi Krakatau Steel")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gubernur Banten")
    expect(page.locator(".dateline")).to_have_text("SERANG –")
    expect(page.get_by_role("link", name="RubrikBanten")).to_be_visible()

    page.get_by_role("link", name="Andra Soni").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Andra Soni")
    expect(page.get_by_text("Gubernur Banten.")).to_be_visible()

    rss_href = (
        page.locator("p.feeds").get_by_role("link", name="RSS").get_attribute("href")
    )
    response = page.request.get(site + rss_href)
    assert response.ok
    assert response.headers["content-type"].startswith("application/rss+xml")
    items = ET.fromstring(response.body()).findall("./channel/item")
    assert [item.findtext("title") for item in items] == [
        "Gubernur Banten kunjungi Krakatau Steel, dorong regulasi baja ber-SNI"
    ]


def test_reader_filters_the_article_list(page, site):
    page.goto(site + "/artikel/")
    expect(page.get_by_role("status")).to_have_text("5 artikel")

    page.locator("form.filters").get_by_label("Wilayah").select_option("banten")
    page.locator("form.filters").get_by_label("Topik").select_option(
        label="Kawasan industri"
    )
    page.get_by_role("button", name="Terapkan filter").click()
    expect(page.get_by_role("status")).to_have_text("1 artikel")
    expect(
        page.get_by_role("link", name=re.compile("PT KSP undang investor Korsel"))
    ).to_be_visible()

    page.get_by_role("link", name="Hapus", exact=True).click()
    page.locator(".facets").get_by_role(
        "link", name="Kementerian Perindustrian"
    ).click()
    expect(page.get_by_role("status")).to_have_text("3 artikel")
    page.locator(".facets").get_by_role("link", name="Kota Cilegon").first.click()
    expect(page.get_by_role("status")).to_have_text("2 artikel")

    page.goto(site + "/artikel/?region=atlantis")
    expect(page.get_by_role("alert")).to_contain_text("Wilayah")

    # Kota Cilegon, without JavaScript-free tricks: pick Banten, then its city.
    page.goto(site + "/artikel/")
    region = page.locator("form.filters").get_by_label("Wilayah")
    region.select_option("banten")
    page.get_by_role("button", name="Terapkan filter").click()
    region.select_option("kota-cilegon")
    page.get_by_role("button", name="Terapkan filter").click()
    expect(page.get_by_role("status")).to_have_text("4 artikel")
    expect(region).to_have_value("kota-cilegon")


def test_reader_searches_from_the_header(page, site):
    page.goto(site + "/")
    page.get_by_role("searchbox", name="Cari artikel").fill("Japnas")
    page.get_by_role("button", name="Cari", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("1 artikel")


def test_reader_switches_language(page, site):
    page.goto(site + "/wilayah/banten/")
    page.get_by_role("navigation", name="Bahasa").get_by_role(
        "link", name="English"
    ).click()
    expect(page).to_have_url(site + "/en/wilayah/banten/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_text("4 articles, including sub-regions")).to_be_visible()

    page.goto(site + "/en/artikel/")
    page.get_by_role("link", name=re.compile("Gelar FGD")).click()
    expect(page.locator("time").first).to_contain_text("2025")
    expect(page.get_by_text("Source not stated")).to_be_visible()

    page.get_by_role("link", name="Bahasa Indonesia").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_text("Sumber tidak disebutkan")).to_be_visible()


def test_pages_work_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/artikel/")
    page.locator("form.filters").get_by_label("Wilayah").select_option(
        "nusa-tenggara-barat"
    )
    page.get_by_role("button", name="Terapkan filter").click()
    expect(page.get_by_role("status")).to_have_text("1 artikel")
    context.close()
