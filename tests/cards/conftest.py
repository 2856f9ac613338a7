"""One headless Chromium (Debian's, never a download) and one renderer page for this package.

Package scope, not session scope: see tests/browser.py."""

from __future__ import annotations

import pytest

from tests.browser import launch

from .harness import RENDERER_JS, CardRenderer


@pytest.fixture(scope="package")
def browser():
    yield from launch(RENDERER_JS, "run `make tools` (npm ci in tools/)")


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
