"""An article's metadata as a reader sees it, at desktop and phone widths."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

IKA = (
    "pemkot-cilegon-dan-kementerian-perindustrian-gelar-fgd-untuk-perkuat-"
    "kemitraan-industri-logam"
)


@pytest.mark.parametrize("width", [1280, 390])
def test_meta_reads_in_words_and_dates_stay_whole(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{site}/artikel/{IKA}/")
    meta = page.locator(".article-meta")
    expect(meta).to_contain_text("Kredit di sumber")
    expect(meta).not_to_contain_text("(")
    dates = page.locator(".related time")
    assert dates.count() >= 3
    # A full month name makes a date long: it moves to the next line whole
    # instead of leaving "20" at the end of one line and "November" on the next.
    lines = dates.evaluate_all("els => els.map(el => el.getClientRects().length)")
    assert set(lines) == {1}
    context.close()
