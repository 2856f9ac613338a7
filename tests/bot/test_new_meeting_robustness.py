"""Issue 6: bad input and hard situations in Ny avtale - double submits, old cards, wrong values,
markdown in the subject, clients that cannot update cards, a bot restart mid-dialog, group chats,
and the portal failing. Each gets a clear message and leaves the dialog where it was.
"""
from __future__ import annotations

import asyncio
import json

import pytest

from core.portal import PortalUnavailable
from tests.bot.new_meeting_steps import (
    Form,
    facts_of,
    frozen_clock,
    meetings_of,
    next_weekday,
    step_of,
    the_meeting,
    update_lines,
)
from tests.harness import Reply, inputs_of

USE_CARD = "Svar i kortet, eller skriv «avbryt» for å avslutte."
STALE = "Dette kortet er ikke i bruk lenger."
ALREADY = "Dette møtet er allerede opprettet, og lenken står i svaret over."


async def started(bot, step: str, client=None, **answers) -> Form:
    form = Form(client or bot.client())
    await form.start("ny avtale")
    await form.fill(stop_at=step, **answers)
    assert form.step == step
    return form


# -- double submits -------------------------------------------------------------------------------
async def test_confirm_pressed_twice_creates_one_meeting(bot):
    form = await started(bot, "summary", emails="ola@example.no")
    summary = form.card
    await form.press()
    assert "Møtet er opprettet" in form.text
    again = await form.client.press(summary)
    assert len(again) == 1 and ALREADY in again[0].text and "Møtet er opprettet" not in again[0].text
    meetings = await meetings_of(bot, form.client)
    assert len(meetings) == 1
    outbox = (await bot.session.get(f"{bot.url}/portal/api/v1/outbox"))
    assert len((await outbox.json())["messages"]) == 1  # one invitation, not two


async def test_confirm_double_click_at_the_same_time_creates_one_meeting(bot):
    form = await started(bot, "summary")
    summary = form.card
    before = len(bot.connector.sent)
    await asyncio.gather(form.client.press(summary), form.client.press(summary))
    texts = [Reply(a).text for a in bot.connector.sent[before:]]
    assert len(texts) == 2
    assert sum("Møtet er opprettet" in t for t in texts) == 1 and sum(ALREADY in t for t in texts) == 1
    assert len(await meetings_of(bot, form.client)) == 1


async def test_a_step_card_submitted_twice(bot):
    form = await started(bot, "subject")
    subject_card = form.card
    await form.press(subject="Første")
    assert form.step == "invitations"
    again = await form.client.press(subject_card, inputs={"subject": "Andre"})
    assert len(again) == 1 and STALE in again[0].text
    await form.fill()
    assert facts_of(form.card)["Emne"] == "Første"


async def test_a_submit_from_an_old_card_changes_nothing(bot):
    form = await started(bot, "time")
    template_card = form.history[0]
    assert step_of(template_card) == "template"
    stale = await form.client.press(template_card, inputs={"template": "sensitivt-rom-5-hd-nb"})
    assert len(stale) == 1 and STALE in stale[0].text
    await form.fill()
    assert facts_of(form.card)["Mal"] == "Videokonsultasjon (15, HD, Chat) (nb)"
    await form.press()
    # cards of a finished Ny avtale during the next one are old too
    old_summary = form.card
    await form.start("ny avtale")
    stale = await form.client.press(old_summary)
    assert STALE in stale[0].text and form.step == "template"
    assert len(await meetings_of(bot, form.client)) == 1


# -- wrong values, missing keys, text instead of a card answer ------------------------------------
@pytest.mark.parametrize("step,bad,message", [
    ("template", {"template": 5}, "Velg en av malene i listen."),
    ("template", {}, "Velg en av malene i listen."),
    ("template", {"template": "hurtigavtale-365"}, "Velg en av malene i listen."),
    ("subject", {"subject": ["Møte"]}, "Skriv et emne."),
    ("subject", {}, "Skriv et emne."),
    ("invitations", {"emails": 5, "sms": "", "consent": "true"}, "Ugyldig verdi i skjemaet."),
    ("invitations", {"emails": "", "sms": {"n": 1}, "consent": "false"}, "Ugyldig verdi i skjemaet."),
    ("invitations", {"emails": "ola@example.no", "consent": 1}, "Ugyldig verdi i skjemaet."),
    ("time", {"date": 20261201, "start": "10:00", "end": "11:00"}, "Dato og klokkeslett må være gyldige"),
    ("time", {"date": "2026-12-01", "start": "25:00", "end": "26:00"}, "Dato og klokkeslett må være gyldige"),
    ("time", {}, "Velg dato, start og slutt, eller skriv tidspunktet."),
    ("time", {"when": ["i morgen"]}, "Dato og klokkeslett må være gyldige"),
    ("recurrence", {"recurrence": ["weekly"], "until": ""}, "Velg en gyldig regelmessighet."),
    ("recurrence", {"recurrence": "weekly", "until": 20270101}, "Velg en gyldig regelmessighet."),
    ("recurrence", {}, "Velg en gyldig regelmessighet."),
])
async def test_wrong_types_and_missing_keys_re_ask_the_step(bot, step, bad, message):
    form = await started(bot, step)
    run = form.run
    await form.submit(form.data(**bad))  # only the action's data and these values, as a broken client might
    assert message in form.text
    assert form.step == step and form.run == run and len(form.replies) == 1
    await form.fill()
    await form.press()
    assert len(await meetings_of(bot, form.client)) == 1


@pytest.mark.parametrize("step", ["template", "invitations", "recurrence", "summary"])
async def test_text_where_a_card_answer_was_expected(bot, step):
    form = await started(bot, step)
    await form.say("ja takk, den første")
    assert USE_CARD in form.replies[0].text
    assert len(form.replies) == 2 and step_of(form.replies[1]) == step  # the card again, at the bottom
    assert await meetings_of(bot, form.client) == []


async def test_values_that_are_not_an_object_and_actions_of_a_wrong_type(bot):
    form = await started(bot, "invitations")
    replies = await form.client.post(form.client.activity(value="emails=ola@example.no"))
    assert USE_CARD in replies[0].text
    replies = await form.client.post(form.client.activity(value=[1, 2]))
    assert USE_CARD in replies[0].text
    await form.submit(form.data(action=7, emails="ola@example.no", sms="", consent="true"))
    assert STALE in form.text and form.step == "invitations"
    await form.submit({k: v for k, v in form.data(emails="", sms="", consent="false").items() if k != "action"})
    assert STALE in form.text and form.step == "invitations"
    await form.submit(form.data(action="self_destruct"))
    assert STALE in form.text and form.step == "invitations"
    await form.fill(emails="ola@example.no")
    await form.press()
    assert len(await meetings_of(bot, form.client)) == 1


async def test_summary_without_an_action_creates_nothing(bot):
    form = await started(bot, "summary")
    await form.submit({k: v for k, v in form.data().items() if k != "action"})
    assert STALE in form.text
    assert form.step == "summary" and len(await meetings_of(bot, form.client)) == 0
    await form.press()
    assert len(await meetings_of(bot, form.client)) == 1


# -- markdown and HTML in the subject -------------------------------------------------------------
async def test_markdown_and_html_in_the_subject_are_escaped_when_echoed(bot):
    raw = "**Viktig** <b>møte</b> [se her](https://example.no) _a_"
    escaped = r"\*\*Viktig\*\* \<b\>møte\</b\> \[se her\](https://example.no) \_a\_"
    form = await started(bot, "subject")
    subject_card = form.card
    await form.press(subject=raw)
    assert update_lines(bot.connector)[subject_card.id] == f"✓ Emne: {escaped}"
    await form.fill()
    assert facts_of(form.card)["Emne"] == escaped
    await form.press()
    assert escaped in form.text and raw not in form.text
    assert (await the_meeting(bot, form.client))["subject"] == raw  # stored as typed
    # editing shows the raw text in the input (inputs are not markdown)
    form2 = await started(bot, "summary", subject=raw)
    await form2.press("Endre")
    await form2.press("Emne")
    assert inputs_of(form2.card.card)["subject"]["value"] == raw


# -- cards replaced, or not ------------------------------------------------------------------------
async def test_the_dialog_goes_on_when_cards_cannot_be_updated(bot):
    bot.connector.fail_updates = True
    form = await started(bot, "summary", emails="ola@example.no")
    await form.press()
    assert "Møtet er opprettet" in form.text
    assert bot.connector.updates == []
    assert len(await meetings_of(bot, form.client)) == 1


# -- restart -------------------------------------------------------------------------------------
async def test_a_restart_mid_dialog_continues_at_the_same_step(start_bot, tmp_path):
    data_dir = tmp_path / "state"
    first = await start_bot(data_dir=data_dir, clock=frozen_clock())
    client = first.client()
    form = await started(first, "time", client=client, subject="Over omstart", emails="ola@example.no")
    run, time_card = form.run, form.card
    await first.runner.cleanup()

    second = await start_bot(data_dir=data_dir, clock=frozen_clock())
    client.bot_url = second.url
    await form.press(date=next_weekday(2).isoformat(), start="10:00", end="11:00")
    assert form.step == "recurrence" and form.run == run
    assert update_lines(second.connector)[time_card.id].startswith("✓ Tidspunkt:")
    await form.answer()
    summary = form.card
    assert facts_of(summary)["Emne"] == "Over omstart"
    await second.runner.cleanup()

    third = await start_bot(data_dir=data_dir, clock=frozen_clock())
    client.bot_url = third.url
    await form.press(reply=summary)
    assert "Møtet er opprettet" in form.text
    meeting = await the_meeting(third, client)
    assert meeting["subject"] == "Over omstart" and meeting["invitations"]["emails"] == ["ola@example.no"]
    # the double click after the restart still finds one meeting
    again = await client.press(summary)
    assert ALREADY in again[0].text and len(await meetings_of(third, client)) == 1


# -- group chats ----------------------------------------------------------------------------------
async def test_group_chat_each_user_has_their_own_dialog(bot):
    anna_client = bot.client("Anna Berg", conversation_type="groupChat")
    per_client = bot.client("Per Dahl", conversation_type="groupChat", conversation_id=anna_client.conversation_id)
    anna, per = Form(anna_client), Form(per_client)
    await anna.start("ny avtale", mention=True)
    await anna.answer()
    await per.start("ny avtale", mention=True)
    assert per.step == "template" and per.run != anna.run
    await per.answer()
    await anna.say("Planleggingsmøte", mention=True)  # typed answers reach the right dialog
    await per.answer(subject="Fagmøte")
    assert (anna.step, per.step) == ("invitations", "invitations")
    # Per presses Anna's card: nothing happens to either dialog
    stale = await per_client.press(anna.card, inputs={"emails": "", "sms": "", "consent": "false"})
    assert STALE in stale[0].text and anna.step == "invitations"
    await anna.fill(emails="ola@example.no")
    # in a group chat the summary masks addresses: others can read along
    assert facts_of(anna.card)["E-post"] == r"o\*\*\*@example.no"
    await per.fill()
    await anna.press()
    await per.press()
    anna_meeting = await the_meeting(bot, anna_client)
    per_meeting = await the_meeting(bot, per_client)
    assert anna_meeting["subject"] == "Planleggingsmøte" and per_meeting["subject"] == "Fagmøte"
    assert anna_meeting["invitations"]["emails"] == ["ola@example.no"] and per_meeting["invitations"]["emails"] == []
    assert anna_meeting["id"] != per_meeting["id"]


async def test_group_chat_cancel_ends_only_ones_own_dialog(bot):
    anna_client = bot.client("Anna Berg", conversation_type="groupChat")
    per_client = bot.client("Per Dahl", conversation_type="groupChat", conversation_id=anna_client.conversation_id)
    anna, per = Form(anna_client), Form(per_client)
    await anna.start("ny avtale", mention=True)
    await per.start("ny avtale", mention=True)
    await per.say("avbryt", mention=True)
    assert "Ny avtale er avbrutt" in per.text
    await anna.answer()
    assert anna.step == "subject"


# -- the portal failing --------------------------------------------------------------------------
async def test_portal_down_when_starting_gives_a_clear_message(bot, monkeypatch):
    portal = bot.resources.embedded_portal

    async def down():
        raise PortalUnavailable("connection refused")

    real = portal.templates
    monkeypatch.setattr(portal, "templates", down)
    client = bot.client()
    replies = await client.say("ny avtale")
    assert len(replies) == 1
    assert "Delta-portalen svarer ikke akkurat nå. Ingenting er opprettet." in replies[0].text
    assert "connection refused" not in json.dumps(replies[0].activity)
    assert "Det er ingenting å avbryte" in (await client.say("avbryt"))[0].text  # no dialog was left behind
    monkeypatch.setattr(portal, "templates", real)
    form = Form(client)
    await form.start("ny avtale")
    assert form.step == "template"


async def test_portal_down_when_creating_keeps_the_summary_and_retries_once(bot, monkeypatch):
    portal = bot.resources.embedded_portal
    real = portal.create_meeting
    keys = []

    async def down(body, *, idempotency_key):
        keys.append(idempotency_key)
        raise PortalUnavailable("timeout")

    async def up(body, *, idempotency_key):
        keys.append(idempotency_key)
        return await real(body, idempotency_key=idempotency_key)

    form = await started(bot, "summary")
    monkeypatch.setattr(portal, "create_meeting", down)
    await form.press()
    assert form.step == "summary"
    # a timeout: the meeting may exist, so no "Ingenting er opprettet" and only Prøv igjen (same request)
    assert "Det er usikkert om møtet ble opprettet. Trykk Prøv igjen" in form.text
    assert "Ingenting er opprettet" not in form.text and "timeout" not in form.text
    monkeypatch.setattr(portal, "create_meeting", up)
    await form.press()
    assert "Møtet er opprettet" in form.text
    await form.client.press(form.history[-2])  # the summary shown with the error, pressed late
    assert len(keys) == 2 and keys[0] == keys[1]  # one idempotency key for the whole dialog
    assert len(await meetings_of(bot, form.client)) == 1


async def test_typed_answer_in_a_channel_thread_replaces_the_card_not_the_thread(bot):
    client = bot.client(conversation_type="channel")
    form = Form(client)
    await form.start("ny avtale", mention=True)
    await form.fill(stop_at="time")
    time_card = form.card
    await form.say("i morgen kl 13-14", mention=True, replyToId="1700000000001")
    assert form.step == "recurrence"
    updated = [u["_updated"] for u in bot.connector.updates]
    assert time_card.id in updated and "1700000000001" not in updated
