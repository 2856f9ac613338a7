"""**Endre**: change a booked meeting through the bot over HTTP (issue 17 item 3): the edit card
shows the meeting's values, saving sends PATCH once per card, the invitees are told through the
outbox, errors come back on the same card (updated in place), and only the organizer, only in
the personal chat, can do it."""
from __future__ import annotations

from tests.compose.test_message_extension import action_value, fetch_card, invoke, submit_data
from tests.harness import TeamsClient, inputs_of


async def booked(bot, client: TeamsClient, **inputs) -> dict:
    card = await fetch_card(client)
    data = submit_data(card, "Opprett møte", **inputs)
    status, body = await invoke(client, "composeExtension/submitAction", action_value(data))
    assert status == 200 and "composeExtension" in body, body
    (meeting,) = await bot.portal.list_meetings(client.user.aad_object_id)
    return meeting


async def add_invitees(bot, client, meeting, emails, sms=()):
    await bot.portal.update_meeting(meeting["id"], {"invitations": {"emails": list(emails), "sms": list(sms)}},
                                    client.user.aad_object_id, idempotency_key="seed-" + meeting["id"])


async def test_edit_moves_the_meeting_and_tells_the_invitees(bot):
    client = bot.client()
    meeting = await booked(bot, client, subject="Fagmøte ortopedi", when="i morgen kl 13-14")
    await add_invitees(bot, client, meeting, ["kari@example.no", "ola@example.no"])
    sent_before = len(await bot.portal.outbox(meeting["id"]))
    (edit,) = await client.submit({"action": "edit_meeting", "meeting_id": meeting["id"]})
    values = inputs_of(edit.card)
    assert values["subject"]["value"] == "Fagmøte ortopedi"
    assert values["start"]["value"] == "13:00" and values["end"]["value"] == "14:00"
    assert "kari@example.no" in values["emails"]["value"]
    replies = await client.press(edit, "Lagre endringene",
                                 inputs={"start": "15:00", "end": "16:00", "emails": "kari@example.no, per@example.no",
                                         "consent": "true"})
    assert replies == [] or all("Møtet er endret" not in r.text for r in replies)  # the card was updated
    (update,) = [u for u in client.connector.updates if u.get("_updated") == edit.id][-1:]
    text = "\n".join(str(v) for v in update.get("attachments", [{}])[0].get("content", {}).get("body", []))
    assert "Møtet er endret" in text and "13:00-14:00" in text and "15:00-16:00" in text
    stored = await bot.portal.get_meeting(meeting["id"])
    assert stored["start"].startswith("2026-11-26T15:00")
    assert stored["invitations"]["emails"] == ["kari@example.no", "per@example.no"]
    news = (await bot.portal.outbox(meeting["id"]))[sent_before:]
    assert sorted(m["to"] for m in news) == ["kari@example.no", "ola@example.no", "per@example.no"]
    assert "15:00" in next(m for m in news if m["to"] == "per@example.no")["body"]
    assert "avlys" in next(m for m in news if m["to"] == "ola@example.no")["body"].lower()
    # the same card pressed again changes nothing more
    await client.press(edit, "Lagre endringene",
                       inputs={"start": "15:00", "end": "16:00", "emails": "kari@example.no, per@example.no",
                               "consent": "true"})
    assert len(await bot.portal.outbox(meeting["id"])) == sent_before + 3


async def test_errors_come_back_on_the_same_card_with_values_kept(bot):
    client = bot.client()
    meeting = await booked(bot, client, subject="Teammøte", when="i morgen kl 13-14")
    (edit,) = await client.submit({"action": "edit_meeting", "meeting_id": meeting["id"]})
    await client.press(edit, "Lagre endringene",
                       inputs={"subject": "Kontroll 01019012345", "emails": "ny@example.no", "consent": "false",
                               "start": "15:00", "end": "14:00"})
    update = [u for u in client.connector.updates if u.get("_updated") == edit.id][-1]
    card = update["attachments"][0]["content"]
    assert inputs_of(card)["emails"]["value"] == "ny@example.no"
    body = str(card["body"])
    assert "Bekreft at de inviterte" in body
    stored = await bot.portal.get_meeting(meeting["id"])
    assert stored["subject"] == "Teammøte" and stored["start"].startswith("2026-11-26T13:00")


async def test_only_the_organizer_and_only_in_the_personal_chat(bot):
    client = bot.client()
    meeting = await booked(bot, client, subject="Teammøte", when="i morgen kl 13-14")
    stranger = bot.client("Ola Nordmann")
    (reply,) = await stranger.submit({"action": "edit_meeting", "meeting_id": meeting["id"]})
    assert "Teammøte" not in reply.text and "subject" not in inputs_of(reply.card)
    await stranger.submit({"action": "save_meeting", "meeting_id": meeting["id"], "key": "k" * 32,
                           "subject": "Kapret", "date": "2026-11-26", "start": "09:00", "end": "10:00",
                           "recurrence": "none"})
    assert (await bot.portal.get_meeting(meeting["id"]))["subject"] == "Teammøte"
    group = TeamsClient(client.session, client.bot_url, client.connector, client.user, conversation_type="groupChat")
    (reply,) = await group.submit({"action": "edit_meeting", "meeting_id": meeting["id"]})
    assert "Teammøte" not in reply.text and "personlige chatten" in reply.text
