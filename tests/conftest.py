"""Shared fixtures: a connector stub, the bot on a loopback port, and Teams users talking to it."""
from __future__ import annotations

import uuid
from pathlib import Path

import aiohttp
import pytest

from bot.app import RESOURCES, create_app
from bot.config import Settings
from tests.harness import ConnectorStub, Member, TeamsClient, free_port, start_app


def make_settings(data_dir: Path, **overrides) -> Settings:
    values = dict(host="127.0.0.1", data_dir=data_dir, state_storage="sqlite")
    values.update(overrides)
    settings = Settings(**values)
    settings.validate()
    return settings


@pytest.fixture
async def connector():
    stub = await ConnectorStub().start()
    yield stub
    await stub.close()


class BotUnderTest:
    def __init__(self, runner, url: str, app, connector: ConnectorStub, session: aiohttp.ClientSession):
        self.runner, self.url, self.app, self.connector, self.session = runner, url, app, connector, session

    @property
    def resources(self):
        return self.app[RESOURCES]

    @property
    def portal(self):
        return self.resources.portal

    def client(self, name: str = "Kari Nordmann", **kwargs) -> TeamsClient:
        suffix = uuid.uuid4().hex[:8]
        member = Member(id=f"29:{suffix}", name=name, aad_object_id=str(uuid.uuid4()),
                        email=f"{name.split()[0].lower()}.{suffix}@siv.no")
        self.connector.add_member(member)
        return TeamsClient(self.session, self.url, self.connector, member, **kwargs)


@pytest.fixture
async def start_bot(tmp_path, connector):
    """Start the bot app (call with settings overrides); everything is closed after the test."""
    started = []
    session = aiohttp.ClientSession()

    async def _start(data_dir: Path | None = None, clock=None, **overrides) -> BotUnderTest:
        """``clock``: a callable returning an aware datetime, the bot's "now" (default: the real clock)."""
        overrides.setdefault("port", free_port())
        settings = make_settings(data_dir or tmp_path / "var", **overrides)
        app = create_app(settings)
        app[RESOURCES].clock = clock
        runner, url = await start_app(app, settings.port)
        started.append(runner)
        return BotUnderTest(runner, url, app, connector, session)

    yield _start
    for runner in reversed(started):
        await runner.cleanup()
    await session.close()


@pytest.fixture
async def bot(start_bot):
    return await start_bot()
