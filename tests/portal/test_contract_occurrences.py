"""Avlys denne: ``DELETE /api/v1/meetings/{id}/occurrences/{start}`` (contracts.md section 2), run
against both implementations (the embedded portal in-process, and HttpPortal over loopback)."""
from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import quote

import aiohttp
import pytest

from core.portal import NotFound, PortalRejected
from tests.portal.test_contract import OSLO, day, key, organizer, scheduled_body


def weekly_body(org, weeks=4, **extra):
    first = day(2, 9)
    occurrences = [{"start": (first + timedelta(weeks=i)).isoformat(),
                    "end": (first + timedelta(weeks=i, minutes=30)).isoformat()} for i in range(weeks)]
    return scheduled_body(org, start=occurrences[0]["start"], end=occurrences[0]["end"],
                          recurrence={"frequency": "weekly", "interval": 1,
                                      "until": (first + timedelta(weeks=weeks - 1)).date().isoformat()},
                          occurrences=occurrences, **extra)


def starts(meeting):
    return [datetime.fromisoformat(o["start"]) for o in meeting["occurrences"]]


async def test_cancelling_one_occurrence_leaves_the_others_and_tells_the_invitees(subject):
    org = organizer()
    body = weekly_body(org, emails=["a@example.no"], sms=["+4792345678"])
    meeting = await subject.portal.create_meeting(body, idempotency_key=key())
    before = await subject.portal.get_meeting(meeting["id"])
    second = before["occurrences"][1]
    # the start with another offset notation names the same instant
    start = datetime.fromisoformat(second["start"]).astimezone(OSLO).isoformat()
    await subject.portal.cancel_occurrence(meeting["id"], start, org["id"])
    after = await subject.portal.get_meeting(meeting["id"])
    assert after["status"] == "active"
    assert starts(after) == [s for i, s in enumerate(starts(before)) if i != 1]
    assert [o["start"] for o in after["cancelled_occurrences"]] == [second["start"]]
    assert after["revision"] == before["revision"] + 1
    told = await subject.portal.outbox(meeting["id"])
    cancelled = [m for m in told if "avlyst" in m["body"].lower()]
    assert sorted(m["to"] for m in cancelled) == ["+4792345678", "a@example.no"]
    local = datetime.fromisoformat(second["start"]).astimezone(OSLO)
    assert all(local.strftime("%d.%m.%Y") in m["body"] and "De andre møtene" in m["body"] for m in cancelled)
    assert all("Oppfølging" not in m["body"] for m in cancelled if m["channel"] == "sms")

    # again: nothing changes, no one is told twice
    await subject.portal.cancel_occurrence(meeting["id"], second["start"], org["id"])
    assert len(await subject.portal.outbox(meeting["id"])) == len(told)
    assert (await subject.portal.get_meeting(meeting["id"]))["revision"] == after["revision"]


async def test_another_organizer_or_no_such_occurrence_is_not_found_and_changes_nothing(subject):
    org = organizer()
    meeting = await subject.portal.create_meeting(weekly_body(org, emails=["a@example.no"]), idempotency_key=key())
    first = (await subject.portal.get_meeting(meeting["id"]))["occurrences"][0]["start"]
    with pytest.raises(NotFound):
        await subject.portal.cancel_occurrence(meeting["id"], first, organizer("Per Hansen")["id"])
    off_by_an_hour = (datetime.fromisoformat(first) + timedelta(hours=1)).isoformat()
    with pytest.raises(NotFound):
        await subject.portal.cancel_occurrence(meeting["id"], off_by_an_hour, org["id"])
    with pytest.raises(NotFound):
        await subject.portal.cancel_occurrence("no-such-meeting", first, org["id"])
    with pytest.raises(PortalRejected) as caught:
        await subject.portal.cancel_occurrence(meeting["id"], "i morgen", org["id"])
    assert caught.value.code == "invalid_start"
    stored = await subject.portal.get_meeting(meeting["id"])
    assert len(stored["occurrences"]) == 4 and stored["cancelled_occurrences"] == []
    assert [m for m in await subject.portal.outbox(meeting["id"]) if "avlyst" in m["body"].lower()] == []


async def test_a_quick_meeting_has_no_occurrences(subject):
    org = organizer()
    quick = await subject.portal.create_quick_meeting(org, idempotency_key=key())
    with pytest.raises(NotFound):
        await subject.portal.cancel_occurrence(quick["id"], quick["created_at"], org["id"])


async def test_cancelling_the_last_remaining_occurrence_cancels_the_meeting(subject):
    org = organizer()
    meeting = await subject.portal.create_meeting(weekly_body(org, weeks=2), idempotency_key=key())
    for occurrence in (await subject.portal.get_meeting(meeting["id"]))["occurrences"]:
        await subject.portal.cancel_occurrence(meeting["id"], occurrence["start"], org["id"])
    stored = await subject.portal.get_meeting(meeting["id"])
    assert stored["status"] == "cancelled" and stored["occurrences"] == []
    assert len(stored["cancelled_occurrences"]) == 2


async def test_the_list_orders_a_series_by_its_next_remaining_occurrence(subject):
    org = organizer()
    series = await subject.portal.create_meeting(weekly_body(org, weeks=3), idempotency_key=key())
    single = await subject.portal.create_meeting(scheduled_body(org, days_ahead=5), idempotency_key=key())
    assert [m["id"] for m in await subject.portal.list_meetings(org["id"])] == [series["id"], single["id"]]
    first = (await subject.portal.get_meeting(series["id"]))["occurrences"][0]["start"]
    await subject.portal.cancel_occurrence(series["id"], first, org["id"])
    assert [m["id"] for m in await subject.portal.list_meetings(org["id"])] == [single["id"], series["id"]]


async def test_the_rest_api_takes_the_start_url_encoded_and_plain(portal_server, issuer):
    """The path as the contract gives it: the start URL-encoded (``%2B`` for the offset's plus)."""
    from tests.portal.conftest import token_provider

    org = organizer()
    meeting = await portal_server.embedded.create_meeting(weekly_body(org), idempotency_key=key())
    stored = await portal_server.embedded.get_meeting(meeting["id"])
    token = await token_provider(issuer).token()
    async with aiohttp.ClientSession() as session:
        for occurrence, encode in zip(stored["occurrences"][:2], (True, False)):
            start = quote(occurrence["start"], safe="") if encode else occurrence["start"]
            url = f"{portal_server.url}/api/v1/meetings/{meeting['id']}/occurrences/{start}"
            async with session.delete(url, params={"organizer": org["id"]},
                                      headers={"Authorization": "Bearer " + token}) as response:
                assert response.status == 204, await response.text()
        url = f"{portal_server.url}/api/v1/meetings/{meeting['id']}/occurrences/2020-01-01T00%3A00%3A00%2B01%3A00"
        async with session.delete(url, params={"organizer": org["id"]},
                                  headers={"Authorization": "Bearer " + token}) as response:
            assert response.status == 404
            assert (await response.json())["error"]["code"] == "not_found"
    assert len((await portal_server.embedded.get_meeting(meeting["id"]))["cancelled_occurrences"]) == 2
