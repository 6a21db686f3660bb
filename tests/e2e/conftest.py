"""Browser tests: Playwright driving the system's headless Chromium.

Chromium comes from the Debian package ``chromium`` (``/usr/bin/chromium``) or
``WARTA_CHROMIUM``; Playwright's own browser downloads are never used. Without a
browser the tests are skipped with a message saying how to get one.
"""

import contextlib
import os
import shutil
import threading
import time

import pytest

DEBIAN_CHROMIUM = "/usr/bin/chromium"
# The Debian binary first: another ``chromium`` earlier on PATH (a browser some
# tool downloaded, say) is not what the tests are written against.
CHROMIUM = (
    os.environ.get("WARTA_CHROMIUM")
    or (DEBIAN_CHROMIUM if os.access(DEBIAN_CHROMIUM, os.X_OK) else "")
    or shutil.which("chromium")
    or ""
)
SKIP_REASON = (
    "browser tests skipped: no Chromium found (install the Debian package "
    "'chromium', or set WARTA_CHROMIUM to a Chromium binary)"
)

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    if os.environ.get("WARTA_REQUIRE_BROWSER"):
        # CI installs Chromium; silently skipping there would hide a broken setup.
        raise pytest.UsageError(SKIP_REASON.replace("skipped", "required"))
    skip = pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


def pytest_report_header(config):
    return f"e2e: {'Chromium at ' + CHROMIUM if CHROMIUM else SKIP_REASON}"


# One browser per test module: should Chromium die (out of memory on a busy
# machine, say), the tests of one module fail, not every test after it.
@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def site(transactional_db, live_server):
    """The seeded site served on loopback; returns its base URL.

    After the test, it waits until the server has answered every request a
    closed page still sent (the article form's heartbeat, its last automatic
    copy by ``navigator.sendBeacon``): the tables are flushed next, and a
    request writing meanwhile makes the flush fail."""
    from django.core.management import call_command

    call_command("load_initial_data", verbosity=0)
    with _requests_settled():
        yield live_server.url


@contextlib.contextmanager
def _requests_settled(grace=0.3, quiet=0.3, patience=20.0):
    """Wait, after the test, until the live server has answered every request
    and none came for ``quiet`` seconds; fail naming the requests still open
    after ``patience`` seconds (the flush that follows would fail, or run
    under a request's transaction, and break the next tests instead)."""
    from django.core.signals import request_finished, request_started

    state = {"open": {}, "last": time.monotonic()}
    lock = threading.Lock()

    def started(environ=None, **kwargs):
        path = (environ or {}).get("PATH_INFO", "?")
        with lock:
            state["open"][threading.get_ident()] = path
            state["last"] = time.monotonic()

    def finished(**kwargs):
        with lock:
            state["open"].pop(threading.get_ident(), None)
            state["last"] = time.monotonic()

    request_started.connect(started, weak=False)
    request_finished.connect(finished, weak=False)
    try:
        yield
        time.sleep(grace)
        deadline = time.monotonic() + patience
        while True:
            with lock:
                still = sorted(state["open"].values())
                if not still and time.monotonic() - state["last"] > quiet:
                    break
            if time.monotonic() > deadline:
                pytest.fail(
                    f"the live server still answers {still} {patience:.0f} s after "
                    "the test: its tables cannot be flushed safely"
                )
            time.sleep(0.05)
    finally:
        request_started.disconnect(started)
        request_finished.disconnect(finished)
