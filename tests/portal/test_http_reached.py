"""HttpPortal's errors say whether the request may have been carried out (``reached``) and carry the
portal's own reason only when the portal gave one (``portal_message``). Over real HTTP, against the
embedded portal's REST API behind the fault middleware (tests/portal/faults.py).

``reached`` is what lets the bot say "nothing was created" only when that is true: after a lost
answer on a create the meeting may exist."""
from __future__ import annotations

import uuid

import pytest

from core.portal import Conflict, PortalError, PortalRejected, PortalUnavailable, RateLimited, Unauthorized
from core.portal.http import HttpPortal
from tests.harness import free_port

from .conftest import token_provider
from .faults import DropAfterCommit, DropBeforeCommit, Raw, Status
from .test_contract import organizer

QUICK = "/api/v1/meetings/quick"


def key() -> str:
    return uuid.uuid4().hex


async def failure(http_portal) -> PortalError:
    """The error a quick-meeting create ends with (the faults are planned by the test)."""
    with pytest.raises(PortalError) as caught:
        await http_portal.create_quick_meeting(organizer(), idempotency_key=key())
    return caught.value


@pytest.mark.parametrize("faults, error, reached", [
    ((DropAfterCommit(), DropBeforeCommit(), DropBeforeCommit()), PortalUnavailable, True),
    ((DropBeforeCommit(),) * 3, PortalUnavailable, True),  # sent, then dropped: the client cannot tell
    ((Status(503),) * 3, PortalUnavailable, False),
    ((Status(502),) * 3, PortalUnavailable, True),
    ((Status(504),) * 3, PortalUnavailable, True),
    ((Status(500),), PortalUnavailable, True),
    ((Status(429),) * 3, RateLimited, False),
    ((DropBeforeCommit(), Status(503), Status(503)), PortalUnavailable, True),  # the first may have
    ((DropBeforeCommit(), Status(429), Status(429)), RateLimited, True),
    ((DropBeforeCommit(), Status(403)), Unauthorized, True),
    ((DropBeforeCommit(), Status(422, "invalid", "nei")), PortalRejected, False),  # about the request
    ((Status(409),), Conflict, False),
    ((Raw(201, "<html>proxy</html>", "text/html"),), PortalUnavailable, True),  # a success we cannot read
])
async def test_reached_says_whether_the_request_may_have_been_carried_out(http_portal, portal_server,
                                                                        faults, error, reached):
    portal_server.faults.plan("POST", QUICK, *faults)
    caught = await failure(http_portal)
    assert type(caught) is error and caught.reached is reached


async def test_nothing_listening_reached_nothing(sleeps):
    client = HttpPortal(f"http://127.0.0.1:{free_port()}", timeout=1.0, deadline=3.0, sleep=sleeps)
    async with client:
        with pytest.raises(PortalUnavailable) as caught:
            await client.create_quick_meeting(organizer(), idempotency_key=key())
    assert caught.value.code == "unreachable" and caught.value.reached is False


async def test_no_token_reached_nothing(portal_server, issuer, sleeps):
    """The bot's credentials are refused by the token issuer: nothing was sent to the portal."""
    client = HttpPortal(portal_server.url, token_provider(issuer, client_secret="wrong"), timeout=5.0,
                        deadline=8.0, sleep=sleeps)
    async with client:
        with pytest.raises(Unauthorized) as caught:
            await client.create_quick_meeting(organizer(), idempotency_key=key())
    assert caught.value.reached is False and portal_server.faults.requests("POST", QUICK) == []


async def test_the_portal_message_only_from_its_json_error_body(http_portal, portal_server):
    portal_server.faults.plan("POST", QUICK, Status(413, "too_large", "For stor forespørsel"))
    assert (await failure(http_portal)).portal_message == "For stor forespørsel"
    portal_server.faults.plan("POST", QUICK, Raw(413, "Request Entity Too Large"))
    caught = await failure(http_portal)
    assert caught.portal_message is None and caught.code == "http_error"
    portal_server.faults.plan("POST", QUICK, *[Status(503, "busy", "Portalen er opptatt")] * 3)
    assert (await failure(http_portal)).portal_message == "Portalen er opptatt"
