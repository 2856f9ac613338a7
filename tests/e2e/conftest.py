"""End to end: the bot (embedded portal) and Microsoft's Teams emulator started by ``tools.devrun``, and
Debian's Chromium (headless, never a browser download) as the person's browser.

- ``browser``: one Chromium for this package. Package scope, not session scope: Playwright's sync API
  keeps its own event loop running in the main thread while it is open, and pytest-asyncio's suites
  that run after this package cannot start their loops inside it (see tests/cards/conftest.py).
- ``stack``: a fresh ``python -m tools.devrun`` per test (about 1.5 s), so every test starts with new
  conversations and an empty portal: the emulator keeps its chat ids for as long as it runs.
- ``teams``: a new browser context on the emulator, the welcome card already there.

Artifacts: every step's screenshot under ``test-artifacts/e2e/<test>/`` (git-ignored); when a test
fails, also the page's HTML, devrun's output (bot log) and the emulator's own log.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.browser import launch
from tools import devrun

from .stack import REPO, DevRun

ARTIFACTS = REPO / "test-artifacts" / "e2e"
# The emulator's page asks a CDN for its fonts; only loopback is reachable (and allowed).
NOT_LOOPBACK = re.compile(r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?(?:/|$))")


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


def _failed(request) -> bool:
    return any(getattr(getattr(request.node, f"report_{when}", None), "failed", False)
               for when in ("setup", "call"))


@pytest.fixture
def artifacts(request) -> Path:
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


@pytest.fixture(scope="package")
def browser():
    yield from launch(devrun.PLAYGROUND_CLI, "run `make tools` (npm ci in tools/)")


@pytest.fixture
def stack(request, tmp_path, artifacts):
    """The bot and the emulator; only the emulator's tenant is allowed (``ALLOWED_TENANTS``)."""
    run = DevRun(tmp_path / "var", tmp_path / "devrun.log", env={"ALLOWED_TENANTS": devrun.TENANT_ID})
    try:
        run.start()
        yield run
    finally:
        code = run.stop()
        if _failed(request) or code not in (0, None):
            shutil.copy(run.log_path, artifacts / "devrun.log")
            emulator_log = run.data_dir / "playground" / "devTools" / "m365agentsplayground.log"
            if emulator_log.is_file():
                shutil.copy(emulator_log, artifacts / "emulator.log")


@pytest.fixture
def teams(request, browser, stack, artifacts):
    from .teams import TeamsPage

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO",
                                  timezone_id="Europe/Oslo")
    context.route(NOT_LOOPBACK, lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(20_000)
    person = TeamsPage(page, stack.emulator_url, artifacts)
    try:
        yield person
    finally:
        if _failed(request):
            try:
                (artifacts / "page.html").write_text(page.content(), encoding="utf-8")
                page.screenshot(path=str(artifacts / "failure.png"))
            except Exception as exc:  # the page may be gone; the log still helps
                (artifacts / "page.html").write_text(f"page not available: {type(exc).__name__}", encoding="utf-8")
        context.close()
