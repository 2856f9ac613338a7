"""Mine møter and Avlys: the organizer's upcoming meetings, and cancelling one only after a
confirmation (the invitees are told, and it cannot be undone)."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tests.harness import actions_of

TZ = ZoneInfo("Europe/Oslo")


async def scheduled(bot, client, subject="Fagmøte ortopedi"):
    """A scheduled meeting booked straight in the portal for this user (the dialog has its own tests)."""
    portal = bot.resources.embedded_portal
    template = next(t for t in await portal.templates() if t["kind"] == "scheduled")
    start = (datetime.now(TZ) + timedelta(days=2)).replace(hour=10, minute=0, second=0, microsecond=0)
    end = start + timedelta(hours=1)
    body = {"organizer": {"id": client.user.aad_object_id, "name": client.user.name, "email": client.user.email},
            "template_id": template["id"], "subject": subject, "time_zone": "Europe/Oslo",
            "start": start.isoformat(), "end": end.isoformat(), "recurrence": None,
            "occurrences": [{"start": start.isoformat(), "end": end.isoformat()}],
            "invitations": {"emails": ["lege.en@siv.no"], "sms": ["+4741234567"]}}
    return await portal.create_meeting(body, idempotency_key="k-" + subject.replace(" ", "-").lower()[:40])


def button(card, action):
    return next(a for a in actions_of(card) if a.get("data", {}).get("action") == action)


async def test_mine_moter_lists_the_organizers_meetings_with_open_and_avlys(bot):
    client = bot.client()
    other = bot.client("Per Hansen")
    empty = await client.say("mine møter")
    assert "Du har ingen kommende møter" in empty[0].text
    await client.say("hurtig")
    meeting = await scheduled(bot, client)
    await scheduled(bot, other, "Ledermøte")
    replies = await client.say("Mine møter")
    text = replies[0].text
    assert "Hurtigavtale - 365" in text and "Fagmøte ortopedi" in text and "Ledermøte" not in text
    cancel_ids = [a["data"]["meeting_id"] for a in actions_of(replies[0].card)
                  if a.get("data", {}).get("action") == "cancel_meeting"]
    assert meeting["id"] in cancel_ids and len(cancel_ids) == 2
    assert meeting["join_url"] in [a.get("url") for a in actions_of(replies[0].card)]


async def test_avlys_asks_first_and_only_the_confirmation_cancels_and_tells_the_invitees(bot):
    client = bot.client()
    meeting = await scheduled(bot, client)
    portal = bot.resources.embedded_portal
    listing = (await client.say("mine møter"))[0]
    ask = await client.press(listing, title="Avlys")
    assert "Avlyse møtet?" in ask[0].text and "Fagmøte ortopedi" in ask[0].text and "ikke angres" in ask[0].text
    assert (await portal.get_meeting(meeting["id"]))["status"] == "active"  # nothing happened yet
    assert [a["title"] for a in actions_of(ask[0].card)] == ["Ja, avlys møtet", "Nei, behold det"]

    kept = await client.press(ask[0], title="Nei, behold det")
    assert "ikke avlyst" in kept[0].text
    assert (await portal.get_meeting(meeting["id"]))["status"] == "active"

    done = await client.press(ask[0])  # the first action: Ja, avlys møtet
    assert "Møtet er avlyst" in done[0].text
    assert (await portal.get_meeting(meeting["id"]))["status"] == "cancelled"
    told = [m for m in await portal.outbox(meeting["id"]) if "avlyst" in m["body"].lower()]
    assert sorted((m["channel"], m["to"]) for m in told) == [("email", "lege.en@siv.no"), ("sms", "+4741234567")]
    # pressing it again changes nothing and sends no second notice
    await client.press(ask[0])
    assert len([m for m in await portal.outbox(meeting["id"]) if "avlyst" in m["body"].lower()]) == 2
    again = await client.say("mine møter")
    assert "Fagmøte ortopedi" not in again[0].text


async def test_nobody_can_cancel_someone_elses_meeting(bot):
    owner = bot.client()
    intruder = bot.client("Per Hansen")
    meeting = await scheduled(bot, owner)
    portal = bot.resources.embedded_portal
    for data in ({"action": "cancel_meeting", "meeting_id": meeting["id"]},
                 {"action": "cancel_meeting", "meeting_id": meeting["id"], "confirmed": True}):
        replies = await intruder.submit(data)
        assert "Fant ikke møtet" in replies[0].text
        assert "Fagmøte ortopedi" not in replies[0].text
    assert (await portal.get_meeting(meeting["id"]))["status"] == "active"


async def test_bad_meeting_ids_get_a_clear_message(bot):
    client = bot.client()
    for meeting_id in (None, 42, "", "x" * 500, "no-such-meeting"):
        for confirmed in (False, True):
            replies = await client.submit({"action": "cancel_meeting", "meeting_id": meeting_id,
                                           "confirmed": confirmed})
            assert "Fant ikke møtet" in replies[0].text, meeting_id


async def test_a_portal_failure_while_listing_has_a_retry_that_works(bot, monkeypatch):
    from core.portal import PortalUnavailable

    client = bot.client()
    await client.say("hurtig")
    portal = bot.resources.embedded_portal
    real = portal.list_meetings

    async def down(organizer_id):
        raise PortalUnavailable("connection refused")

    monkeypatch.setattr(portal, "list_meetings", down)
    failed = await client.say("mine møter")
    assert "svarer ikke" in failed[0].text and "connection refused" not in failed[0].text
    monkeypatch.setattr(portal, "list_meetings", real)
    retried = await client.press(failed[0], title="Prøv igjen")
    assert "Hurtigavtale - 365" in retried[0].text and "Mine møter" in retried[0].text


async def test_english(bot):
    client = bot.client(locale="en-US")
    await scheduled(bot, client, "Team meeting")
    listing = await client.say("my meetings")
    ask = await client.press(listing[0], title=button(listing[0].card, "cancel_meeting")["title"])
    assert "Cancel the meeting?" in ask[0].text
    done = await client.press(ask[0])
    assert "The meeting is cancelled" in done[0].text
