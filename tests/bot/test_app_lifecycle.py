"""The app factory opens each resource in its own cleanup context: what opened is closed, also when a
later resource fails to open (issue 13)."""
from __future__ import annotations

import sqlite3

import pytest
from aiohttp import web

from bot.app import RESOURCES, create_app
from tests.conftest import make_settings


async def test_storage_failing_at_start_up_still_closes_the_portal(tmp_path):
    data_dir = tmp_path / "var"
    (data_dir / "bot-state.sqlite3").mkdir(parents=True)  # a folder where the state database goes
    app = create_app(make_settings(data_dir))
    runner = web.AppRunner(app, access_log=None)
    with pytest.raises(sqlite3.OperationalError):
        await runner.setup()
    portal = app[RESOURCES].portal
    assert await portal.ping() is True  # the portal had started before the storage failed
    await runner.cleanup()  # what web.run_app does after a failed start-up
    with pytest.raises(sqlite3.ProgrammingError):  # closed: its database connection is gone
        await portal.ping()
    assert app[RESOURCES].adapter is None  # nothing after the failed storage was opened


async def test_every_resource_is_closed_on_shutdown(tmp_path):
    app = create_app(make_settings(tmp_path / "var"))
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    resources = app[RESOURCES]
    portal, storage, adapter = resources.portal, resources.storage, resources.adapter
    session = adapter.pool.session()  # the adapter's keep-alive session, opened on first use
    assert await portal.ping() and storage.ping() and resources.bot is not None
    await runner.cleanup()
    with pytest.raises(sqlite3.ProgrammingError):
        await portal.ping()
    with pytest.raises(sqlite3.ProgrammingError):
        storage.ping()
    assert session.closed
