"""Issue 16 through Teams: the result card, Hurtigavtale and Mine møter show the room (number,
guest PIN, SIP address) and the host PIN only in the organizer's personal chat; **Vis invitasjonen**
on the summary shows the e-mail and SMS exactly as the portal then sends them."""
from __future__ import annotations

import pytest

from tests.bot.new_meeting_steps import (
    Form,
    meetings_of,
    outbox_of,
    the_meeting,
    titles,
)
from tests.harness import Reply

SHARED = ["groupChat", "channel"]


def said_since(bot, before: int) -> str:
    """Everything users read in what the bot sent or updated after ``before`` sent activities
    (texts and cards; not the activities' ids and timestamps, where six digits can occur by chance)."""
    return "\n".join(Reply(a).text for a in bot.connector.sent[before:] + bot.connector.updates)


def preview_texts(reply: Reply) -> tuple[list[str], list[str]]:
    """The e-mail lines (subject line first) and the SMS lines of a preview card, unescaped."""
    containers = [b for b in reply.card["body"] if b.get("type") == "Container"]
    assert len(containers) == 2, reply.card

    def lines(container):
        return [b["text"].replace("\\", "") for b in container["items"] if b.get("type") == "TextBlock"]

    return lines(containers[0]), lines(containers[1])


def filled_in(line: str, meeting: dict) -> str:
    """A preview line with the portal's room in place of the X placeholders."""
    if meeting["guest_pin"]:
        line = line.replace("PIN: XXXXXX", "PIN: " + meeting["guest_pin"]).replace(
            "PIN XXXXXX", "PIN " + meeting["guest_pin"])
    return line.replace("XXXXXX", meeting["room_number"])


@pytest.mark.parametrize("template", ["sensitivt-rom-5-hd-nb", "videokonsultasjon-15-hd-chat-en"])
async def test_vis_invitasjonen_shows_what_the_portal_then_sends(bot, template):
    form = Form(bot.client())
    await form.start("ny avtale")
    await form.fill(template=template, subject="Samtale", emails="anne@example.no", sms="92345678")
    summary = form.card
    assert titles(summary)[:2] == ["Opprett møte", "Vis invitasjonen"]
    await form.press("Vis invitasjonen")
    assert form.card is summary and form.step == "summary", "the summary stays the live card"
    preview = form.last
    assert preview.id != summary.id and "Slik blir invitasjonen" in preview.text
    mail_lines, sms_lines = preview_texts(preview)
    assert await meetings_of(bot, form.client) == [], "a preview creates nothing"

    await form.press("Opprett møte")
    meeting = await the_meeting(bot, form.client)
    messages = await outbox_of(bot, meeting["id"])
    mail = next(m for m in messages if m["channel"] == "email")
    sms = next(m for m in messages if m["channel"] == "sms")
    assert [filled_in(line, meeting) for line in mail_lines] == \
        ["Emnefelt: " + mail["subject"]] + [line for line in mail["body"].splitlines() if line.strip()]
    assert [filled_in(line, meeting) for line in sms_lines] == [sms["body"]]
    assert (meeting["guest_pin"] is not None) == (template == "sensitivt-rom-5-hd-nb")
    assert all(meeting["host_pin"] not in m["body"] for m in messages)


async def test_the_organizer_sees_the_host_pin_in_the_personal_chat(bot):
    form = Form(bot.client())
    await form.start("ny avtale")
    await form.fill(template="sensitivt-rom-5-hd-nb", subject="Samtale")
    await form.press("Opprett møte")
    meeting = await the_meeting(bot, form.client)
    result = form.text
    for value in (meeting["room_number"], meeting["guest_pin"], meeting["sip_address"], meeting["host_pin"]):
        assert value in result
    listed = (await form.client.say("mine møter"))[0].text
    assert meeting["room_number"] in listed and meeting["host_pin"] in listed
    quick = (await form.client.say("hurtig"))[0].text
    made = [m for m in await meetings_of(bot, form.client) if m["kind"] == "quick"][0]
    assert made["room_number"] in quick and made["host_pin"] in quick and "Verts-PIN" in quick


@pytest.mark.parametrize("kind", SHARED)
async def test_no_host_pin_where_others_read_along(bot, kind):
    client = bot.client(conversation_type=kind)
    form = Form(client)
    before = len(bot.connector.sent)
    await form.start("ny avtale", mention=True)
    await form.fill(template="sensitivt-rom-5-hd-nb", subject="Samtale")
    await form.press("Opprett møte")
    meeting = await the_meeting(bot, client)
    assert meeting["room_number"] in form.text and meeting["guest_pin"] in form.text
    assert "personlige chat" in form.text
    await client.say("mine møter", mention=True)
    await client.say("hurtig", mention=True)
    quick = [m for m in await meetings_of(bot, client) if m["kind"] == "quick"][0]
    sent = said_since(bot, before)
    assert quick["room_number"] in sent
    for pin in (meeting["host_pin"], quick["host_pin"]):
        assert pin not in sent
