"""The API's documentation page runs in a browser under the site's
Content-Security-Policy: Swagger UI from our own static files, no violation,
and "Try it out" reaches the API."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_docs_page_loads_with_no_csp_violation(browser, site):
    context = browser.new_context()
    page = context.new_page()
    problems, requests = [], []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text
            or "Refused to" in message.text
            or message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site + "/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text(
        "Warta Industri API"
    )
    operation = page.locator("#operations-articles-articles_list")
    expect(operation).to_be_visible()
    operation.locator(".opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.locator("tr[data-param-name='region'] input").fill("banten")
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".responses-wrapper .live-responses-table")).to_contain_text(
        "200"
    )
    expect(page.locator(".live-responses-table .highlight-code")).to_contain_text(
        "Gubernur Banten"
    )
    context.close()
    assert problems == []
    # Everything came from the site itself: no CDN, no validator badge.
    assert all(url.startswith(site) for url in requests), [
        url for url in requests if not url.startswith(site)
    ]


def test_docs_page_passes_axe_at_both_widths(browser, site):
    from axe_playwright_python.sync_playwright import Axe

    axe, problems = Axe(), []
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(site + "/api/v1/docs/")
        expect(page.locator("#operations-articles-articles_list")).to_be_visible()
        # An operation opened too: its parameters table is markup of its own.
        page.locator("#operations-articles-articles_list .opblock-summary").click()
        expect(page.locator("tr[data-param-name='region']")).to_be_visible()
        for violation in axe.run(page).response["violations"]:
            targets = "; ".join(
                str(node["target"][0]) for node in violation["nodes"][:4]
            )
            problems.append(
                f"@{width}: {violation['id']} ({len(violation['nodes'])}) — {targets}"
            )
        context.close()
    assert not problems, "\n".join(problems)
