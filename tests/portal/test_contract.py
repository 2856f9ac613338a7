"""The portal contract (contracts.md section 2), run against both implementations: the embedded
portal in-process, and HttpPortal with msal tokens talking to the embedded portal's REST API over
loopback (see the ``subject`` fixture)."""
from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from core.invitations.gsm7 import units
from core.portal import Conflict, NotFound, PortalRejected

OSLO = ZoneInfo("Europe/Oslo")
NB_TEMPLATE = "videokonsultasjon-15-hd-chat-nb"
EN_TEMPLATE = "videokonsultasjon-15-hd-chat-en"
SENSITIVE_TEMPLATE = "sensitivt-rom-5-hd-nb"
#: Contract v1.1: every meeting (quick and scheduled) is a virtual room.
ROOM_FIELDS = {"room_number", "guest_pin", "host_pin", "sip_address"}


def assert_room(meeting: dict, *, guest_pin: bool = False) -> None:
    """v1.1's fields: a 6-digit room number in the join link, digit PINs (a guest PIN only where
    the template has one), ``<room>@<domain>``, and no PIN anywhere in the join link."""
    room = meeting["room_number"]
    assert isinstance(room, str) and re.fullmatch(r"\d{6}", room), room
    assert room in meeting["join_url"] and meeting["join_url"].endswith("/webapp/conference/" + room)
    assert isinstance(meeting["host_pin"], str) and re.fullmatch(r"\d{4,12}", meeting["host_pin"])
    if guest_pin:
        assert isinstance(meeting["guest_pin"], str) and re.fullmatch(r"\d{4,12}", meeting["guest_pin"])
        assert meeting["guest_pin"] != meeting["host_pin"]
    else:
        assert meeting["guest_pin"] is None
    for pin in (meeting["host_pin"], meeting["guest_pin"]):
        assert pin is None or pin not in meeting["join_url"], "a PIN inside the join link"
    local, _, domain = meeting["sip_address"].partition("@")
    assert local == room and domain and "." in domain


def key() -> str:
    return uuid.uuid4().hex


def organizer(name: str = "Kari Nordmann") -> dict:
    suffix = uuid.uuid4().hex[:6]
    return {"id": str(uuid.uuid4()), "name": name, "email": f"kari.{suffix}@siv.no"}


def day(days_ahead: int, hour: int, minute: int = 0) -> datetime:
    base = datetime.now(OSLO) + timedelta(days=days_ahead)
    return base.replace(hour=hour, minute=minute, second=0, microsecond=0)


def scheduled_body(org: dict, *, template: str = NB_TEMPLATE, subject: str = "Oppfølging",
                   days_ahead: int = 3, emails=(), sms=(), **extra) -> dict:
    start, end = day(days_ahead, 14), day(days_ahead, 15)
    body = {"organizer": org, "template_id": template, "subject": subject, "time_zone": "Europe/Oslo",
            "start": start.isoformat(), "end": end.isoformat(), "recurrence": None,
            "occurrences": [{"start": start.isoformat(), "end": end.isoformat()}],
            "invitations": {"emails": list(emails), "sms": list(sms)}}
    body.update(extra)
    return body


async def test_templates_have_the_contract_fields_and_the_quick_template(subject):
    templates = await subject.portal.templates()
    assert templates, "the portal has templates"
    for template in templates:
        assert set(template) == {"id", "name", "kind", "max_participants", "quality", "chat", "language"}
        assert template["kind"] in ("scheduled", "quick")
    quick = [t for t in templates if t["kind"] == "quick"]
    assert [t["name"] for t in quick] == ["Hurtigavtale - 365"]
    assert {t["language"] for t in templates} >= {"nb", "en"}


async def test_quick_meeting_is_valid_for_365_days_and_creates_the_user(subject):
    org = organizer()
    meeting = await subject.portal.create_quick_meeting(org, idempotency_key=key())
    assert set(meeting) == {"id", "kind", "template_id", "join_url", "valid_until", "created_at"} | ROOM_FIELDS
    assert meeting["kind"] == "quick" and meeting["template_id"] == "hurtigavtale-365"
    assert_room(meeting)
    stored = await subject.portal.get_meeting(meeting["id"])
    assert {name: stored[name] for name in ROOM_FIELDS | {"join_url"}} == {
        name: meeting[name] for name in ROOM_FIELDS | {"join_url"}}
    created = datetime.fromisoformat(meeting["created_at"])
    assert created.tzinfo is not None
    assert datetime.fromisoformat(meeting["valid_until"]) - created == timedelta(days=365)
    user = await subject.embedded.user(org["id"])
    assert user["name"] == org["name"] and user["email"] == org["email"]


async def test_same_key_same_body_returns_the_first_answer_and_creates_nothing(subject):
    org = organizer()
    k = key()
    first = await subject.portal.create_quick_meeting(org, idempotency_key=k)
    again = await subject.portal.create_quick_meeting(dict(reversed(list(org.items()))), idempotency_key=k)
    assert again == first
    assert [m["id"] for m in await subject.portal.list_meetings(org["id"])] == [first["id"]]


async def test_same_key_other_body_is_a_conflict(subject):
    org = organizer()
    k = key()
    await subject.portal.create_quick_meeting(org, idempotency_key=k)
    with pytest.raises(Conflict) as caught:
        await subject.portal.create_quick_meeting(dict(org, name="Someone Else"), idempotency_key=k)
    assert caught.value.code == "idempotency_conflict" and caught.value.status == 409
    assert len(await subject.portal.list_meetings(org["id"])) == 1


async def test_scheduled_meeting_answer_and_stored_meeting(subject):
    org = organizer()
    body = scheduled_body(org, emails=["a@example.no", "b@example.no"], sms=["+4792345678"])
    meeting = await subject.portal.create_meeting(body, idempotency_key=key())
    assert set(meeting) == {"id", "kind", "join_url", "join_opens_at", "occurrences", "invitations"} | ROOM_FIELDS
    assert meeting["kind"] == "scheduled"
    assert_room(meeting)
    assert meeting["invitations"] == {"emails": 2, "sms": 1}
    start = datetime.fromisoformat(body["start"])
    assert datetime.fromisoformat(meeting["join_opens_at"]) == start - timedelta(minutes=20)
    assert [datetime.fromisoformat(o["start"]) for o in meeting["occurrences"]] == [start]

    stored = await subject.portal.get_meeting(meeting["id"])
    assert stored["subject"] == "Oppfølging" and stored["template_id"] == NB_TEMPLATE
    assert stored["status"] == "active" and stored["recurrence"] is None
    assert datetime.fromisoformat(stored["start"]) == start
    assert stored["invitations"] == {"emails": ["a@example.no", "b@example.no"], "sms": ["+4792345678"]}
    assert stored["join_url"] == meeting["join_url"]
    assert {name: stored[name] for name in ROOM_FIELDS} == {name: meeting[name] for name in ROOM_FIELDS}
    listed = await subject.portal.list_meetings(org["id"])
    assert {name: listed[0][name] for name in ROOM_FIELDS} == {name: meeting[name] for name in ROOM_FIELDS}


async def test_the_sensitive_room_gives_guests_a_pin_and_the_others_do_not(subject):
    org = organizer()
    sensitive = await subject.portal.create_meeting(scheduled_body(org, template=SENSITIVE_TEMPLATE),
                                                    idempotency_key=key())
    assert_room(sensitive, guest_pin=True)
    assert_room(await subject.portal.get_meeting(sensitive["id"]), guest_pin=True)
    for template in (NB_TEMPLATE, EN_TEMPLATE, "videomote-50-fullhd-chat-nb"):
        assert_room(await subject.portal.create_meeting(scheduled_body(org, template=template),
                                                        idempotency_key=key()))


async def test_room_numbers_and_pins_differ_between_meetings(subject):
    org = organizer()
    meetings = [await subject.portal.create_quick_meeting(org, idempotency_key=key()) for _ in range(12)]
    meetings += [await subject.portal.create_meeting(scheduled_body(org, template=SENSITIVE_TEMPLATE),
                                                     idempotency_key=key()) for _ in range(12)]
    rooms = [m["room_number"] for m in meetings]
    assert len(set(rooms)) == len(rooms)
    assert len({m["host_pin"] for m in meetings}) > 1 and len({m["guest_pin"] for m in meetings[12:]}) > 1
    # a replay of a key answers the same room, PINs and all
    k = key()
    first = await subject.portal.create_quick_meeting(org, idempotency_key=k)
    assert await subject.portal.create_quick_meeting(org, idempotency_key=k) == first


async def test_the_join_link_opens_the_rooms_join_page(http_portal):
    """The embedded portal's REST app serves the join link (the in-process run has no HTTP)."""
    org = organizer()
    meeting = await http_portal.create_meeting(scheduled_body(org, template=SENSITIVE_TEMPLATE,
                                                              subject="Samtale"), idempotency_key=key())
    async with aiohttp.ClientSession() as session, session.get(meeting["join_url"]) as response:
        page = await response.text()
    assert response.status == 200 and meeting["room_number"] in page and "krever PIN" in page
    assert "Samtale" not in page, "a guessable room number must not reveal the subject"
    assert meeting["guest_pin"] not in page and meeting["host_pin"] not in page


async def test_weekly_series_keeps_its_occurrences(subject):
    org = organizer()
    first = day(2, 9)
    occurrences = [{"start": (first + timedelta(weeks=i)).isoformat(),
                    "end": (first + timedelta(weeks=i, minutes=30)).isoformat()} for i in range(4)]
    body = scheduled_body(org, start=occurrences[0]["start"], end=occurrences[0]["end"],
                          recurrence={"frequency": "weekly", "interval": 1,
                                      "until": (first + timedelta(weeks=3)).date().isoformat()},
                          occurrences=occurrences)
    meeting = await subject.portal.create_meeting(body, idempotency_key=key())
    assert len(meeting["occurrences"]) == 4
    stored = await subject.portal.get_meeting(meeting["id"])
    assert stored["recurrence"]["frequency"] == "weekly" and len(stored["occurrences"]) == 4


async def test_scheduled_retry_with_the_same_key_sends_no_second_invitation(subject):
    org = organizer()
    body = scheduled_body(org, emails=["a@example.no"], sms=["+4792345678"])
    k = key()
    first = await subject.portal.create_meeting(body, idempotency_key=k)
    again = await subject.portal.create_meeting(body, idempotency_key=k)
    assert again == first
    assert len(await subject.portal.outbox(first["id"])) == 2
    assert len(await subject.portal.list_meetings(org["id"])) == 1


async def test_invitations_one_per_recipient_in_the_template_language(subject):
    org = organizer()
    emails = ["anne@example.no", "bjorn@example.no"]
    sms = ["+4792345678", "+4741234567"]
    body = scheduled_body(org, subject="Kontrolltime", emails=emails, sms=sms)
    meeting = await subject.portal.create_meeting(body, idempotency_key=key())
    messages = await subject.portal.outbox(meeting["id"])
    assert sorted((m["channel"], m["to"]) for m in messages) == sorted(
        [("email", e) for e in emails] + [("sms", s) for s in sms])
    start = datetime.fromisoformat(body["start"]).astimezone(OSLO)
    everyone = emails + sms
    for message in messages:
        assert message["language"] == "nb" and message["meeting_id"] == meeting["id"]
        text = message["body"]
        assert meeting["join_url"] in text and meeting["room_number"] in text
        assert meeting["host_pin"] not in text and "PIN" not in text  # no guest PIN in this room
        assert start.strftime("%d.%m.%Y") in text and start.strftime("%H:%M") in text
        others = [r for r in everyone if r != message["to"]]
        assert not any(other in text for other in others), "a message names another recipient"
        assert org["email"] not in text and org["name"] not in text
    mail = next(m for m in messages if m["channel"] == "email")
    assert "Kontrolltime" in mail["body"] and "videomøte" in mail["body"] and "Kontrolltime" in mail["subject"]
    assert meeting["sip_address"] in mail["body"]
    for message in (m for m in messages if m["channel"] == "sms"):
        assert units(message["body"]) <= 306, "an SMS is kept to two messages"
        assert message["subject"] is None and "Kontrolltime" not in message["body"]  # no subject in SMS


async def test_the_guest_pin_goes_to_guests_on_its_own_line_and_the_host_pin_to_no_one(subject):
    org = organizer()
    body = scheduled_body(org, template=SENSITIVE_TEMPLATE, emails=["anne@example.no"], sms=["+4792345678"])
    meeting = await subject.portal.create_meeting(body, idempotency_key=key())
    messages = await subject.portal.outbox(meeting["id"])
    assert len(messages) == 2
    for message in messages:
        assert meeting["guest_pin"] in message["body"] and meeting["host_pin"] not in message["body"]
    mail = next(m["body"] for m in messages if m["channel"] == "email")
    assert f"PIN: {meeting['guest_pin']}" in mail.splitlines()
    await subject.portal.cancel_meeting(meeting["id"], org["id"])
    assert all(meeting["host_pin"] not in m["body"] for m in await subject.portal.outbox(meeting["id"]))


async def test_invitations_in_english_for_an_english_template(subject):
    org = organizer()
    body = scheduled_body(org, template=EN_TEMPLATE, emails=["guest@example.com"], sms=["+4792345678"])
    meeting = await subject.portal.create_meeting(body, idempotency_key=key())
    messages = await subject.portal.outbox(meeting["id"])
    assert {m["language"] for m in messages} == {"en"}
    assert all("Join" in m["body"] and "Bli med" not in m["body"] for m in messages)


@pytest.mark.parametrize("change, code", [
    ({"subject": ""}, "invalid_subject"),
    ({"subject": "x" * 201}, "invalid_subject"),
    ({"template_id": "hurtigavtale-365"}, "invalid_template"),
    ({"template_id": "no-such-template"}, "invalid_template"),
    ({"time_zone": "Mars/Olympus"}, "invalid_time_zone"),
    ({"start": "i morgen"}, "invalid_start"),
    ({"end": "2020-01-01T10:00:00+01:00"}, "invalid_end"),
    ({"invitations": {"emails": ["not-an-address"], "sms": []}}, "invalid_email"),
    ({"invitations": {"emails": [], "sms": ["92345678"]}}, "invalid_sms"),
    ({"recurrence": {"frequency": "hourly", "interval": 1, "until": "2030-01-01"}}, "invalid_recurrence"),
    ({"organizer": {"name": "no id"}}, "invalid_organizer"),
])
async def test_invalid_meetings_are_rejected_with_the_portals_code(subject, change, code):
    org = organizer()
    body = scheduled_body(org)
    body.update(change)
    with pytest.raises(PortalRejected) as caught:
        await subject.portal.create_meeting(body, idempotency_key=key())
    assert caught.value.code == code
    assert caught.value.message and caught.value.message != code
    assert await subject.portal.list_meetings(org["id"]) == []


async def test_too_many_invitees_for_the_template(subject):
    org = organizer()
    emails = [f"p{i}@example.no" for i in range(16)]
    with pytest.raises(PortalRejected) as caught:
        await subject.portal.create_meeting(scheduled_body(org, emails=emails), idempotency_key=key())
    assert caught.value.code == "too_many_invitees"
    assert "15" in caught.value.message


async def test_list_is_upcoming_first_and_only_the_organizers(subject):
    org, other = organizer(), organizer("Per Hansen")
    later = await subject.portal.create_meeting(scheduled_body(org, days_ahead=10), idempotency_key=key())
    sooner = await subject.portal.create_meeting(scheduled_body(org, days_ahead=2), idempotency_key=key())
    await subject.portal.create_meeting(scheduled_body(other, days_ahead=1), idempotency_key=key())
    listed = await subject.portal.list_meetings(org["id"])
    assert [m["id"] for m in listed] == [sooner["id"], later["id"]]


async def test_get_unknown_meeting_is_not_found(subject):
    with pytest.raises(NotFound) as caught:
        await subject.portal.get_meeting("no-such-meeting")
    assert caught.value.status == 404


async def test_cancel_marks_cancelled_tells_invitees_and_only_for_the_organizer(subject):
    org = organizer()
    body = scheduled_body(org, emails=["a@example.no"], sms=["+4792345678"])
    meeting = await subject.portal.create_meeting(body, idempotency_key=key())
    with pytest.raises(NotFound):
        await subject.portal.cancel_meeting(meeting["id"], organizer("Per Hansen")["id"])
    assert (await subject.portal.get_meeting(meeting["id"]))["status"] == "active"
    await subject.portal.cancel_meeting(meeting["id"], org["id"])
    assert (await subject.portal.get_meeting(meeting["id"]))["status"] == "cancelled"
    messages = await subject.portal.outbox(meeting["id"])
    cancellations = [m for m in messages if "avlyst" in m["body"].lower()]
    assert sorted(m["to"] for m in cancellations) == ["+4792345678", "a@example.no"]
    # cancelling again changes nothing and tells no one twice
    await subject.portal.cancel_meeting(meeting["id"], org["id"])
    assert len(await subject.portal.outbox(meeting["id"])) == len(messages)
    with pytest.raises(NotFound):
        await subject.portal.cancel_meeting("no-such-meeting", org["id"])


async def test_ping(subject):
    assert await subject.portal.ping() is True


# -- PATCH (v1.1): change a booked meeting ---------------------------------------------------------
async def test_patch_moves_the_meeting_and_tells_each_invitee_what_happened(subject):
    org = organizer()
    created = await subject.portal.create_meeting(
        scheduled_body(org, emails=["kept@example.no", "gone@example.no"], sms=["+4792345678"]), idempotency_key=key())
    before = await subject.portal.get_meeting(created["id"])
    start, end = day(4, 9), day(4, 10, 30)
    changes = {"start": start.isoformat(), "end": end.isoformat(), "subject": "Oppfølging (flyttet)",
               "occurrences": [{"start": start.isoformat(), "end": end.isoformat()}],
               "invitations": {"emails": ["kept@example.no", "new@example.no"], "sms": ["+4792345678"]}}
    changed = await subject.portal.update_meeting(created["id"], changes, org["id"], idempotency_key=key())
    assert datetime.fromisoformat(changed["start"]) == start and datetime.fromisoformat(changed["end"]) == end
    assert changed["subject"] == "Oppfølging (flyttet)" and changed["status"] == "active"
    assert changed["join_url"] == before["join_url"] and changed["room_number"] == before["room_number"]
    assert datetime.fromisoformat(changed["join_opens_at"]) == start - timedelta(minutes=20)
    assert changed["revision"] == before["revision"] + 1
    stored = await subject.portal.get_meeting(created["id"])
    assert stored["invitations"] == changes["invitations"]
    messages = [m for m in await subject.portal.outbox(created["id"])]
    after_create = messages[3:]  # the three invitations of the create come first
    by_recipient = {m["to"]: m for m in after_create}
    assert set(by_recipient) == {"kept@example.no", "new@example.no", "gone@example.no", "+4792345678"}
    assert "09:00" in by_recipient["kept@example.no"]["body"] and "09:00" in by_recipient["+4792345678"]["body"]
    assert "09:00" in by_recipient["new@example.no"]["body"]
    gone = by_recipient["gone@example.no"]["body"].lower()
    assert "avlys" in gone and "09:00" not in gone
    for message in after_create:
        assert before["host_pin"] not in message["body"]
        others = {"kept@example.no", "new@example.no", "gone@example.no", "+4792345678"} - {message["to"]}
        assert not any(other in message["body"] for other in others)


async def test_patch_is_idempotent_and_a_reused_key_with_other_changes_is_a_conflict(subject):
    org = organizer()
    created = await subject.portal.create_meeting(scheduled_body(org, emails=["a@example.no"]),
                                                  idempotency_key=key())
    same = key()
    first = await subject.portal.update_meeting(created["id"], {"subject": "Nytt emne"}, org["id"],
                                                idempotency_key=same)
    again = await subject.portal.update_meeting(created["id"], {"subject": "Nytt emne"}, org["id"],
                                                idempotency_key=same)
    assert first == again
    assert len(await subject.portal.outbox(created["id"])) == 2  # the invitation and one change notice
    with pytest.raises(Conflict):
        await subject.portal.update_meeting(created["id"], {"subject": "Et annet"}, org["id"], idempotency_key=same)


async def test_patch_by_another_organizer_or_of_a_cancelled_meeting_is_not_found(subject):
    org = organizer()
    created = await subject.portal.create_meeting(scheduled_body(org), idempotency_key=key())
    with pytest.raises(NotFound):
        await subject.portal.update_meeting(created["id"], {"subject": "Kapret"}, organizer()["id"],
                                            idempotency_key=key())
    assert (await subject.portal.get_meeting(created["id"]))["subject"] == "Oppfølging"
    await subject.portal.cancel_meeting(created["id"], org["id"])
    with pytest.raises(NotFound):
        await subject.portal.update_meeting(created["id"], {"subject": "Igjen"}, org["id"], idempotency_key=key())


async def test_patch_is_checked_by_the_create_rules(subject):
    org = organizer()
    created = await subject.portal.create_meeting(scheduled_body(org), idempotency_key=key())
    for changes, code in (({"end": day(3, 13).isoformat()}, "invalid_end"), ({"subject": ""}, "invalid_subject"),
                          ({"invitations": {"emails": ["not-an-address"], "sms": []}}, "invalid_email"),
                          ({"colour": "blue"}, "invalid_body")):
        with pytest.raises(PortalRejected) as caught:
            await subject.portal.update_meeting(created["id"], changes, org["id"], idempotency_key=key())
        assert caught.value.code == code
    assert (await subject.portal.get_meeting(created["id"]))["subject"] == "Oppfølging"
