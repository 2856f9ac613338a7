"""Issue 14, item 1: outside development mode the embedded portal's API is never open to "loopback".

A TLS proxy on the same host makes every outside request come from 127.0.0.1, so the peer address
must not authorize anything once ``MicrosoftAppId`` is set: the API answers bearer tokens from
``PORTAL_TOKEN_ISSUER`` only, or is not served at all; a configuration that would leave it open is
refused at start-up (exit 2, naming the setting).
"""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import aiohttp
import pytest

from bot.app import create_app
from bot.config import Settings
from tests.harness import TENANT, free_port, start_app
from tests.reliability.conftest import _SETTINGS, BotProcess
from tests.security.conftest import APP_ID, APP_PASSWORD

OUTSIDE_DEV = {"MicrosoftAppId": APP_ID, "MicrosoftAppPassword": APP_PASSWORD, "ALLOWED_TENANTS": TENANT}
REQUESTS = [("GET", "/portal/api/v1/outbox"), ("GET", "/portal/api/v1/meetings?organizer=someone"),
            ("GET", "/portal/api/v1/templates"), ("DELETE", "/portal/api/v1/meetings/x?organizer=someone"),
            ("POST", "/portal/api/v1/meetings/quick")]


def _env(tmp_path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _SETTINGS}
    env.update(HOST="127.0.0.1", DATA_DIR=str(tmp_path / "var"), PORT=str(free_port()), PYTHONUNBUFFERED="1")
    env.update(settings)
    return env


async def test_the_bot_process_outside_development_mode_answers_no_loopback_request(tmp_path):
    """The real server: a plain loopback request (no X-Forwarded-For, no token) is refused on every
    API route, while the join page and the bot itself are served."""
    workdir = tmp_path / "proc"
    workdir.mkdir()
    env = _env(tmp_path, **OUTSIDE_DEV, PORTAL_TOKEN_ISSUER="https://portal-issuer.invalid",
               PORTAL_TOKEN_AUDIENCE="api://delta-portal")
    process = await BotProcess(workdir, env, int(env["PORT"])).start()
    try:
        async with aiohttp.ClientSession() as session:
            for method, path in REQUESTS:
                async with session.request(method, process.url + path, json={}) as response:
                    assert response.status == 401, (method, path, response.status)
                    assert response.headers.get("WWW-Authenticate", "").startswith("Bearer")
    finally:
        process.stop()


async def test_without_an_issuer_the_api_is_not_served_even_if_settings_were_not_checked(tmp_path):
    """Defence in depth: settings built without ``validate()`` (outside dev mode, no issuer) never
    fall back to the loopback guard."""
    settings = Settings(host="127.0.0.1", port=free_port(), data_dir=tmp_path / "var", app_id=APP_ID,
                        app_password=APP_PASSWORD, allowed_tenants=(TENANT,))
    runner, url = await start_app(create_app(settings), settings.port)
    try:
        async with aiohttp.ClientSession() as session:
            for method, path in REQUESTS:
                async with session.request(method, url + path, json={}) as response:
                    assert response.status == 404, (method, path, response.status)
            async with session.get(url + "/healthz") as response:
                assert response.status == 200
    finally:
        await runner.cleanup()


@pytest.mark.parametrize("extra, setting", [({}, "PORTAL_TOKEN_ISSUER"),
                                            ({"PORTAL_URL": "http://portal.siv.no"}, "PORTAL_URL")])
async def test_a_combination_that_would_expose_the_portal_is_refused_with_exit_2(tmp_path, extra, setting):
    env = _env(tmp_path, **OUTSIDE_DEV, **extra)
    process = await asyncio.to_thread(subprocess.run, [sys.executable, "-m", "bot"], cwd=tmp_path, env=env,
                                      capture_output=True, text=True, timeout=60)
    assert process.returncode == 2, process.stderr[-2000:]
    assert setting in process.stderr and "Traceback" not in process.stderr
