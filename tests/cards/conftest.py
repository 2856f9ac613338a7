"""One headless Chromium (Debian's, never a download) and one renderer page for this package.

Package scope, not session scope: Playwright's sync API keeps its own event loop running in the main
thread while it is open, and the async suites that run after this package (pytest-asyncio) refuse to
start a loop inside a running one. Closing it at the end of tests/cards keeps the two apart."""

from __future__ import annotations

import os

import pytest

from .harness import RENDERER_JS, CardRenderer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="package")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (Debian's chromium package)")
    if not RENDERER_JS.is_file():
        pytest.fail(f"{RENDERER_JS} is missing: run `make tools` (npm ci in tools/)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="package")
def renderer(browser):
    context = browser.new_context(viewport={"width": 520, "height": 900}, device_scale_factor=1,
                                  locale="nb-NO", offline=True)
    # No network at all: the page is built from files with set_content/add_script_tag.
    context.route("**/*", lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    r = CardRenderer(page)
    r.page_errors = errors
    yield r
    context.close()
