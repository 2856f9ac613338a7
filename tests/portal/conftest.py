"""Fixtures for the portal tests: a test CA and local OIDC issuer, the embedded portal's REST API on
loopback behind a fault-injecting middleware, and the two implementations of the contract."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiohttp import web

from core.portal.auth import BearerVerifier, TokenProvider
from core.portal.embedded import EmbeddedPortal
from core.portal.http import HttpPortal
from core.portal.rest import create_portal_app
from tests.harness import start_app

from .faults import Faults
from .oidc import LocalIssuer, new_signing_key

CLIENT_ID = "delta-teams-bot"
CLIENT_SECRET = "test-secret-not-real"


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="session")
def ca_file(ca, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("ca") / "test-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


@pytest.fixture(scope="session")
def signing_keys() -> list:
    return [new_signing_key() for _ in range(3)]


@pytest.fixture
async def issuer(ca, ca_file, signing_keys):
    local = await LocalIssuer(ca, ca_file, keys=list(signing_keys)).start()
    local.add_secret_client(CLIENT_ID, CLIENT_SECRET)
    yield local
    await local.close()


def token_provider(issuer: LocalIssuer, **overrides) -> TokenProvider:
    values: dict[str, Any] = dict(authority=issuer.url, client_id=CLIENT_ID, scope=issuer.scope,
                                  client_secret=CLIENT_SECRET, verify=issuer.ca_file)
    values.update(overrides)
    return TokenProvider(**values)


@dataclass
class PortalServer:
    url: str           # base URL of the API (what PORTAL_URL would be)
    faults: Faults
    embedded: EmbeddedPortal
    verifier: BearerVerifier | None


async def start_portal_server(data_dir: Path, issuer: LocalIssuer | None):
    """The embedded portal's REST API on a loopback port, under /delta, behind the fault middleware."""
    faults = Faults()
    holder: dict[str, EmbeddedPortal] = {}
    verifier = None
    if issuer is not None:
        verifier = BearerVerifier(issuer.url, issuer.audience, ssl=issuer.client_ssl_context())
    parent = web.Application(middlewares=[faults.middleware])
    parent.add_subapp("/delta", create_portal_app(lambda: holder.get("portal"), authenticator=verifier))
    runner, url = await start_app(parent)
    holder["portal"] = EmbeddedPortal.open(data_dir / "portal.sqlite3", base_url=url + "/delta")
    return runner, PortalServer(url + "/delta", faults, holder["portal"], verifier)


@pytest.fixture
async def portal_server(tmp_path, issuer):
    runner, server = await start_portal_server(tmp_path / "portal", issuer)
    yield server
    server.faults.release.set()
    await runner.cleanup()
    await server.embedded.close()


class RecordingSleep:
    """Stands in for asyncio.sleep in the client's backoff: records the waits, does not wait."""

    def __init__(self):
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        await asyncio.sleep(0)


@pytest.fixture
def sleeps() -> RecordingSleep:
    return RecordingSleep()


@pytest.fixture
async def http_portal(portal_server, issuer, sleeps):
    client = HttpPortal(portal_server.url, token_provider(issuer), timeout=5.0, deadline=8.0, sleep=sleeps)
    await client.start()
    yield client
    await client.close()


@dataclass
class Subject:
    """One implementation of the contract, and the embedded portal behind it (for what it stored)."""

    kind: str
    portal: Any
    embedded: EmbeddedPortal


@pytest.fixture(params=["embedded", "http"])
async def subject(request, tmp_path, issuer, sleeps):
    """The contract suite runs against both: the embedded portal in-process, and the HTTP client
    (with msal tokens from the local issuer) talking to the embedded portal's REST API on loopback."""
    if request.param == "embedded":
        embedded = EmbeddedPortal.open(tmp_path / "in-process.sqlite3", base_url="http://127.0.0.1:9/portal")
        yield Subject("embedded", embedded, embedded)
        await embedded.close()
        return
    runner, server = await start_portal_server(tmp_path / "portal", issuer)
    client = HttpPortal(server.url, token_provider(issuer), timeout=5.0, deadline=8.0, sleep=sleeps)
    await client.start()
    yield Subject("http", client, server.embedded)
    await client.close()
    await runner.cleanup()
    await server.embedded.close()
