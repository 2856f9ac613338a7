"""Debian's Chromium, headless, for the card renderer and end-to-end suites (never a browser download).

``launch(required_file, hint)`` is the body of a package-scoped ``browser`` fixture. Package scope,
not session scope: Playwright's sync API keeps its own event loop running in the main thread while
it is open, and the pytest-asyncio suites that run after the package cannot start their loops inside
it; closing it at the end of the package keeps the two apart.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps trying hosts this closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(required_file: Path, hint: str) -> Iterator:
    """Yield a launched Chromium; fail clearly when it or ``required_file`` (a Node tool) is missing."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (Debian's chromium package)")
    if not Path(required_file).is_file():
        pytest.fail(f"{required_file} is missing: {hint}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
