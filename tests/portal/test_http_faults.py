"""HttpPortal against a portal that is slow, fails, or loses answers: every fault ends with exactly one
meeting or a clear typed error. The portal is the embedded portal's REST API on loopback behind the
fault-injecting middleware (tests/portal/faults.py); tokens come from the local OIDC issuer."""
from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from core.portal import (
    Conflict,
    NotFound,
    PortalRejected,
    PortalUnavailable,
    RateLimited,
    Unauthorized,
)
from core.portal.http import HttpPortal, parse_retry_after
from tests.harness import free_port

from .conftest import token_provider
from .faults import DropAfterCommit, DropBeforeCommit, Hang, Raw, Status
from .test_contract import organizer, scheduled_body

QUICK = "/api/v1/meetings/quick"
MEETINGS = "/api/v1/meetings"


def key() -> str:
    return uuid.uuid4().hex


async def meetings_of(portal_server, org) -> list[dict]:
    return await portal_server.embedded.list_meetings(org["id"])


async def test_503_twice_then_success_creates_one_meeting(http_portal, portal_server, sleeps):
    org = organizer()
    portal_server.faults.plan("POST", QUICK, Status(503), Status(503))
    k = key()
    meeting = await http_portal.create_quick_meeting(org, idempotency_key=k)
    attempts = portal_server.faults.requests("POST", QUICK)
    assert [a.outcome for a in attempts] == ["Status", "Status", "passed"]
    assert {a.idempotency_key for a in attempts} == {k}, "every retry carries the action's key"
    assert all(a.bearer for a in attempts)
    assert [m["id"] for m in await meetings_of(portal_server, org)] == [meeting["id"]]
    assert len(sleeps.waits) == 2 and all(0 <= w <= http_portal.backoff_cap for w in sleeps.waits)


async def test_answer_lost_after_commit_then_retry_returns_the_first_meeting(http_portal, portal_server):
    org = organizer()
    portal_server.faults.plan("POST", QUICK, DropAfterCommit())
    meeting = await http_portal.create_quick_meeting(org, idempotency_key=key())
    assert portal_server.faults.committed == 1
    assert [a.outcome for a in portal_server.faults.requests("POST", QUICK)] == ["DropAfterCommit", "passed"]
    stored = await meetings_of(portal_server, org)
    assert [m["id"] for m in stored] == [meeting["id"]], "one meeting, and it is the one we were given"


async def test_scheduled_answer_lost_after_commit_sends_invitations_once(http_portal, portal_server):
    org = organizer()
    body = scheduled_body(org, emails=["a@example.no"], sms=["+4792345678"])
    portal_server.faults.plan("POST", MEETINGS, DropAfterCommit(), Status(502))
    meeting = await http_portal.create_meeting(body, idempotency_key=key())
    assert len(portal_server.faults.requests("POST", MEETINGS)) == 3
    assert [m["id"] for m in await meetings_of(portal_server, org)] == [meeting["id"]]
    assert len(await portal_server.embedded.outbox(meeting["id"])) == 2


async def test_connection_dropped_before_commit_is_retried(http_portal, portal_server):
    org = organizer()
    portal_server.faults.plan("POST", QUICK, DropBeforeCommit())
    meeting = await http_portal.create_quick_meeting(org, idempotency_key=key())
    assert [m["id"] for m in await meetings_of(portal_server, org)] == [meeting["id"]]


async def test_a_portal_that_keeps_failing_gives_unavailable_and_no_meeting(http_portal, portal_server, sleeps):
    org = organizer()
    portal_server.faults.plan("POST", QUICK, Status(503), Status(504), Status(502), Status(503))
    with pytest.raises(PortalUnavailable) as caught:
        await http_portal.create_quick_meeting(org, idempotency_key=key())
    assert len(portal_server.faults.requests("POST", QUICK)) == http_portal.max_attempts == 3
    assert caught.value.code == "injected"  # the portal's own code comes through
    assert await meetings_of(portal_server, org) == []


async def test_a_slow_portal_gives_unavailable_within_the_configured_time(portal_server, issuer):
    portal_server.faults.plan("POST", QUICK, Hang(), Hang(), Hang())
    client = HttpPortal(portal_server.url, token_provider(issuer), connect_timeout=1.0, timeout=0.4,
                        deadline=1.0, backoff_base=0.01)
    async with client:
        await client.templates()  # token and connection ready: what follows measures the portal only
        started = time.monotonic()
        with pytest.raises(PortalUnavailable) as caught:
            await client.create_quick_meeting(organizer(), idempotency_key=key())
        elapsed = time.monotonic() - started
    assert caught.value.code == "timeout"
    assert 0.35 <= elapsed < 2.5, elapsed  # the deadline (1 s) with generous room, not the server's pace
    assert 2 <= len(portal_server.faults.requests("POST", QUICK)) <= 3


async def test_429_honours_retry_after(http_portal, portal_server, sleeps):
    org = organizer()
    portal_server.faults.plan("POST", QUICK, Status(429, "rate_limited", "slow down", retry_after="2"))
    await http_portal.create_quick_meeting(org, idempotency_key=key())
    assert sleeps.waits == [2.0]
    assert len(await meetings_of(portal_server, org)) == 1


async def test_429_retry_after_is_capped_and_persistent_429_is_rate_limited(http_portal, portal_server, sleeps):
    portal_server.faults.plan("GET", "/api/v1/templates", *[Status(429, retry_after="3600")] * 3)
    with pytest.raises(RateLimited):
        await http_portal.templates()
    assert sleeps.waits == [http_portal.retry_after_cap] * 2


@pytest.mark.parametrize("status, error", [
    (400, PortalRejected), (422, PortalRejected), (404, NotFound), (409, Conflict), (403, Unauthorized),
    (410, PortalRejected),
])
async def test_other_4xx_are_never_retried(http_portal, portal_server, status, error):
    org = organizer()
    portal_server.faults.plan("POST", QUICK, Status(status, "some_code", "Grunnen fra portalen"))
    with pytest.raises(error) as caught:
        await http_portal.create_quick_meeting(org, idempotency_key=key())
    assert len(portal_server.faults.requests("POST", QUICK)) == 1
    if error is PortalRejected:
        assert (caught.value.code, caught.value.message) == ("some_code", "Grunnen fra portalen")
    assert await meetings_of(portal_server, org) == []


async def test_500_is_not_retried(http_portal, portal_server):
    portal_server.faults.plan("POST", QUICK, Status(500, "internal", "boom"))
    with pytest.raises(PortalUnavailable):
        await http_portal.create_quick_meeting(organizer(), idempotency_key=key())
    assert len(portal_server.faults.requests("POST", QUICK)) == 1


async def test_422_from_the_real_portal_carries_its_code_and_message(http_portal, portal_server):
    body = scheduled_body(organizer(), subject="   ")
    with pytest.raises(PortalRejected) as caught:
        await http_portal.create_meeting(body, idempotency_key=key())
    assert caught.value.code == "invalid_subject" and caught.value.status == 422
    assert "subject" in caught.value.message
    assert len(portal_server.faults.requests("POST", MEETINGS)) == 1


async def test_expired_token_is_refreshed_once(http_portal, portal_server, issuer):
    issuer.expired_tokens_to_issue = 1  # msal caches it (expires_in says an hour); the portal refuses it
    org = organizer()
    meeting = await http_portal.create_quick_meeting(org, idempotency_key=key())
    attempts = portal_server.faults.requests("POST", QUICK)
    assert len(attempts) == 2 and len(issuer.token_requests) == 2
    assert [m["id"] for m in await meetings_of(portal_server, org)] == [meeting["id"]]
    # the fresh token is cached: the next call asks the issuer for nothing
    await http_portal.templates()
    assert len(issuer.token_requests) == 2


async def test_a_token_refused_twice_is_unauthorized_after_one_refresh(http_portal, portal_server, issuer):
    portal_server.faults.plan("POST", QUICK, *[Status(401, "invalid_token", "token refused")] * 3)
    with pytest.raises(Unauthorized):
        await http_portal.create_quick_meeting(organizer(), idempotency_key=key())
    assert len(portal_server.faults.requests("POST", QUICK)) == 2
    assert len(issuer.token_requests) == 2


async def test_no_token_is_refused_by_the_portal(portal_server):
    async with HttpPortal(portal_server.url) as client:
        with pytest.raises(Unauthorized):
            await client.templates()


async def test_nothing_listening_is_unavailable(issuer, sleeps):
    client = HttpPortal(f"http://127.0.0.1:{free_port()}", timeout=1.0, deadline=3.0, sleep=sleeps)
    async with client:
        with pytest.raises(PortalUnavailable) as caught:
            await client.create_quick_meeting(organizer(), idempotency_key=key())
    assert caught.value.code == "unreachable" and len(sleeps.waits) == 2


async def test_a_create_without_key_is_refused_before_sending(http_portal, portal_server):
    with pytest.raises(ValueError):
        await http_portal.create_quick_meeting(organizer(), idempotency_key="")
    assert portal_server.faults.requests("POST", QUICK) == []


async def test_a_success_that_is_not_json_is_unavailable(http_portal, portal_server):
    """E.g. a proxy's login page answering 200 with HTML in front of the portal."""
    portal_server.faults.plan("GET", "/api/v1/templates", Raw(200, "<html>proxy login</html>", "text/html"))
    with pytest.raises(PortalUnavailable) as caught:
        await http_portal.templates()
    assert caught.value.code == "bad_answer"


async def test_an_error_without_the_contract_shape_still_maps_by_status(http_portal, portal_server):
    portal_server.faults.plan("POST", QUICK, Raw(422, "Unprocessable", "text/plain"))
    with pytest.raises(PortalRejected) as caught:
        await http_portal.create_quick_meeting(organizer(), idempotency_key=key())
    assert caught.value.code == "invalid"


def test_backoff_is_exponential_with_full_jitter_and_capped():
    client = HttpPortal("http://127.0.0.1:9", backoff_base=0.5, backoff_cap=3.0, random_fn=lambda: 1.0)
    assert [client._backoff(n) for n in (1, 2, 3, 4, 5)] == [0.5, 1.0, 2.0, 3.0, 3.0]
    low = HttpPortal("http://127.0.0.1:9", random_fn=lambda: 0.0)
    assert low._backoff(3) == 0.0


def test_retry_after_seconds_and_dates():
    now = datetime(2026, 1, 5, 12, 0, tzinfo=timezone.utc)
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Mon, 05 Jan 2026 12:00:30 GMT", now=lambda: now) == 30.0
    assert parse_retry_after("Mon, 05 Jan 2026 11:00:00 GMT", now=lambda: now) == 0.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None
    assert timedelta(seconds=parse_retry_after("0")) == timedelta(0)
