"""A bot with channel authentication on (MicrosoftAppId set) against a loopback token service."""
from __future__ import annotations

import uuid

import aiohttp
import pytest
from aiohttp import web

from bot.app import RESOURCES, create_app
from tests.conftest import BotUnderTest, make_settings
from tests.harness import TENANT, ConnectorStub, free_port, start_app
from tests.security.channel import ISSUER, ChannelTokenService, LoopbackCredentialFactory

APP_ID = "8d6f3c1e-4b2a-4c9e-9f00-6a1b2c3d4e5f"
APP_PASSWORD = "not-a-real-secret"
# Outside development mode the embedded portal's API needs a token issuer (issue 14, item 1); none of
# these tests calls that API over HTTP, so the issuer is never asked.
PORTAL_ISSUER = "https://portal-issuer.invalid"


class RecordingConnector(ConnectorStub):
    """The connector stub, also recording the Authorization header of every reply."""

    def __init__(self):
        super().__init__()
        self.authorizations: list[str] = []

    async def _post(self, request: web.Request) -> web.Response:
        self.authorizations.append(request.headers.get("Authorization", ""))
        return await super()._post(request)


@pytest.fixture(scope="module")
def token_service():
    service = ChannelTokenService().start()
    yield service
    service.close()


@pytest.fixture
async def secure_connector():
    stub = await RecordingConnector().start()
    yield stub
    await stub.close()


@pytest.fixture
async def secured_bot(tmp_path, secure_connector, token_service):
    settings = make_settings(tmp_path / "var", port=free_port(), app_id=APP_ID, app_password=APP_PASSWORD,
                             allowed_tenants=(TENANT,), openid_metadata_url=token_service.metadata_url,
                             token_issuer=ISSUER, portal_token_issuer=PORTAL_ISSUER,
                             portal_token_audience="api://delta-portal")
    app = create_app(settings)
    app[RESOURCES].credentials_factory = LoopbackCredentialFactory(APP_ID, APP_PASSWORD)
    runner, url = await start_app(app, settings.port)
    session = aiohttp.ClientSession()
    bot = BotUnderTest(runner, url, app, secure_connector, session)
    bot.turns = 0
    inner = bot.resources.bot.on_turn

    async def counting_on_turn(turn_context):
        bot.turns += 1
        await inner(turn_context)

    bot.resources.bot.on_turn = counting_on_turn  # the messages handler looks it up per request
    yield bot
    await runner.cleanup()
    await session.close()


def other_guid() -> str:
    return str(uuid.uuid4())
