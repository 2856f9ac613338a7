"""Issue 16: every outbox message of the embedded portal for a single meeting, a series and a
cancellation, in nb and en (the change texts have no endpoint yet: ``tests/invitations``), with
the longest template name, a year of the longest dates and the longest join link."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.invitations.gsm7 import is_gsm7, units
from core.portal.embedded import SEED_TEMPLATES, EmbeddedPortal

OSLO = ZoneInfo("Europe/Oslo")
EMAILS = ["anne@example.no", "bjorn@example.com"]
SMS = ["+4792345678", "+46701234567"]
#: A bot behind a long host name: the embedded portal's join links are <base>/webapp/conference/<room>.
LONG_BASE = "https://" + "delta-videomoter-" * 4 + "sykehuset-i-vestfold.no/portal"
SCHEDULED = [t for t in SEED_TEMPLATES if t["kind"] == "scheduled"]
LONGEST_NAME = max(SCHEDULED, key=lambda t: len(t["name"]))


def body(template: dict, occurrences: list[tuple[datetime, datetime]], frequency: str | None) -> dict:
    first = occurrences[0]
    return {"organizer": {"id": str(uuid.uuid4()), "name": "Kari Nordmann", "email": "kari@siv.no"},
            "template_id": template["id"], "subject": "Æ" * 200, "time_zone": "Europe/Oslo",
            "start": first[0].isoformat(), "end": first[1].isoformat(),
            "recurrence": None if frequency is None else {"frequency": frequency, "interval": 1,
                                                          "until": occurrences[-1][0].date().isoformat()},
            "occurrences": [{"start": s.isoformat(), "end": e.isoformat()} for s, e in occurrences],
            "invitations": {"emails": EMAILS, "sms": SMS}}


def a_year_of_wednesdays() -> list[tuple[datetime, datetime]]:
    first = date(2027, 9, 1)  # a Wednesday in September: the longest weekday and month words
    return [(datetime.combine(first + timedelta(weeks=i), datetime.min.time(), OSLO).replace(hour=10),
             datetime.combine(first + timedelta(weeks=i), datetime.min.time(), OSLO).replace(hour=23, minute=30))
            for i in range(52)]


def check_messages(messages: list[dict], meeting: dict, language: str, *, cancelled: bool = False) -> None:
    assert sorted((m["channel"], m["to"]) for m in messages) == sorted(
        [("email", e) for e in EMAILS] + [("sms", s) for s in SMS]), "one message per recipient"
    for message in messages:
        text = message["body"]
        assert message["language"] == language
        assert meeting["host_pin"] not in text, "the host PIN is the organizer's alone"
        assert not [r for r in EMAILS + SMS if r != message["to"] and r in text], "another recipient named"
        assert "kari" not in text.lower() and "Nordmann" not in text
        if message["channel"] == "sms":
            assert message["subject"] is None and "Æ" not in text
            assert is_gsm7(text) and units(text) <= 306, (units(text), text)
        else:
            assert "Æ" * 200 in message["subject"] and "Æ" * 200 in text
            assert meeting["room_number"] in text
        if not cancelled:
            assert message["channel"] == "sms" or meeting["sip_address"] in text
            assert meeting["join_url"] in text and meeting["room_number"] in text
            assert (meeting["guest_pin"] in text) if meeting["guest_pin"] else ("PIN" not in text)
        else:
            assert ("avlyst" if language == "nb" else "cancelled") in text.lower()


@pytest.fixture
def portal(tmp_path):
    portal = EmbeddedPortal.open(tmp_path / "portal.sqlite3", base_url=LONG_BASE,
                                 sip_domain="video-endepunkter.sykehuset-i-vestfold.no",
                                 contact="Sykehuset i Vestfold, sentralbord +47 33 34 20 00, eller din avdeling")
    yield portal
    portal.close()


@pytest.mark.parametrize("template", SCHEDULED, ids=[t["id"] for t in SCHEDULED])
@pytest.mark.parametrize("kind", ["single", "series"])
async def test_every_message_of_a_meeting_and_its_cancellation(portal, template, kind):
    occurrences = a_year_of_wednesdays()
    if kind == "single":
        occurrences = occurrences[:1]
    meeting = await portal.create_meeting(body(template, occurrences, None if kind == "single" else "weekly"),
                                          idempotency_key=uuid.uuid4().hex)
    assert len(meeting["join_url"]) > 100
    invitations = await portal.outbox(meeting["id"])
    check_messages(invitations, meeting, template["language"])
    if kind == "series":
        mail = next(m["body"] for m in invitations if m["channel"] == "email")
        assert mail.count("\n- ") == 52  # a year of weekly meetings: every date listed
    organizer = (await portal.get_meeting(meeting["id"]))["organizer_id"]
    await portal.cancel_meeting(meeting["id"], organizer)
    cancellations = (await portal.outbox(meeting["id"]))[len(invitations):]
    check_messages(cancellations, meeting, template["language"], cancelled=True)


async def test_the_longest_template_name_is_in_no_sms(portal):
    meeting = await portal.create_meeting(body(LONGEST_NAME, a_year_of_wednesdays(), "weekly"),
                                          idempotency_key=uuid.uuid4().hex)
    for message in await portal.outbox(meeting["id"]):
        assert LONGEST_NAME["name"] not in message["body"]
        if message["channel"] == "sms":
            assert units(message["body"]) <= 306
