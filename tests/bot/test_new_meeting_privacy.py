"""Ny avtale in a group chat or channel, where everyone reads the cards: invitee addresses and
numbers never come back in full - not in the summary, not in a re-asked or edited Invitasjoner
card, not in its error messages. In a personal chat the organizer sees them in full to check them."""
from __future__ import annotations

import json

import pytest

from tests.bot.new_meeting_steps import Form, facts_of, the_meeting, titles

RETYPE = "Her kan flere lese med, så jeg viser ikke adresser og numre igjen. Skriv dem inn på nytt."
KEEP = "Trykk «Behold inviterte» for å beholde dem, eller skriv en ny liste."
SHARED = ["groupChat", "channel"]


def said_since(bot, before: int) -> str:
    """Everything the bot sent or updated after ``before`` sent activities, as JSON text."""
    return json.dumps(bot.connector.sent[before:] + bot.connector.updates, ensure_ascii=False)


async def shared_form(bot, kind: str, stop_at: str, **answers) -> Form:
    form = Form(bot.client(conversation_type=kind))
    await form.start("ny avtale", mention=True)
    await form.fill(stop_at=stop_at, **answers)
    assert form.step == stop_at
    return form


@pytest.mark.parametrize("kind", SHARED)
async def test_errors_mask_the_entries_and_the_card_is_not_filled_again(bot, kind):
    form = await shared_form(bot, kind, "invitations")
    before = len(bot.connector.sent)
    await form.press(emails="ola.nordmann@example.no, kari@@example.no, trude@", sms="+47 33 34 20 00",
                     consent="true")
    assert form.step == "invitations"
    text = form.text
    assert "«k\\*\\*\\*@example.no» er ikke en gyldig e-postadresse." in text
    assert "«t•••» er ikke en gyldig e-postadresse." in text
    assert "«+47 •• •• •0 00» er ikke et mobilnummer. SMS kan bare sendes til mobil." in text
    assert RETYPE in text
    inputs = form.inputs()
    assert "value" not in inputs["emails"] and "value" not in inputs["sms"]
    assert inputs["consent"]["value"] == "true"  # not personal: kept
    sent = said_since(bot, before)
    for secret in ("ola.nordmann", "kari@@", "trude@", "33 34 20 00", "33342000"):
        assert secret not in sent
    assert "Behold inviterte" not in titles(form.card)  # nothing accepted yet to keep
    await form.press(emails="ola.nordmann@example.no", sms="412 34 567")
    assert form.step == "time"


@pytest.mark.parametrize("kind", SHARED)
async def test_editing_shows_the_invitees_masked_and_keeps_or_replaces_them(bot, kind):
    form = await shared_form(bot, kind, "summary", emails="ola.nordmann@example.no, kari.berg@example.no",
                             sms="412 34 567")
    assert facts_of(form.card)["E-post"] == "o\\*\\*\\*@example.no, k\\*\\*\\*@example.no"
    before = len(bot.connector.sent)
    await form.press("Endre")
    await form.press("Invitasjoner")
    assert form.step == "invitations"
    text = form.text
    assert KEEP in text
    assert "Invitert nå: o\\*\\*\\*@example.no, k\\*\\*\\*@example.no på e-post, +47 ••• •• 567 på SMS." in text
    inputs = form.inputs()
    assert "value" not in inputs["emails"] and "value" not in inputs["sms"]
    assert titles(form.card)[:3] == ["Neste", "Behold inviterte", "Avbryt"]
    for secret in ("ola.nordmann", "kari.berg", "412 34 567", "41234567"):
        assert secret not in said_since(bot, before)

    await form.press("Behold inviterte")  # what was typed before, unchanged
    assert form.step == "summary"
    assert facts_of(form.card)["SMS"] == "+47 ••• •• 567"

    await form.press("Endre")
    await form.press("Invitasjoner")
    await form.press(emails="per@example.no", sms="")  # a new list replaces the old one
    assert form.step == "summary" and facts_of(form.card)["E-post"] == "p\\*\\*\\*@example.no"
    assert facts_of(form.card)["SMS"] == "ingen"
    await form.press()
    meeting = await the_meeting(bot, form.client)
    assert meeting["invitations"] == {"emails": ["per@example.no"], "sms": []}


async def test_keep_creates_the_meeting_with_the_full_lists(bot):
    form = await shared_form(bot, "groupChat", "summary", emails="ola.nordmann@example.no", sms="412 34 567")
    await form.press("Endre")
    await form.press("Invitasjoner")
    await form.press("Behold inviterte")
    await form.press()
    meeting = await the_meeting(bot, form.client)
    assert meeting["invitations"] == {"emails": ["ola.nordmann@example.no"], "sms": ["+4741234567"]}


async def test_a_new_template_with_too_few_seats_offers_no_keep(bot):
    form = await shared_form(bot, "groupChat", "summary", template="videomote-50-fullhd-chat-nb",
                             emails=", ".join(f"person{i}@example.no" for i in range(6)))
    await form.press("Endre")
    await form.press("Velg mal")
    before = len(bot.connector.sent)
    await form.press(template="sensitivt-rom-5-hd-nb")
    assert form.step == "invitations"
    assert "For mange inviterte: malen tillater 4 i tillegg til deg." in form.text
    assert "Behold inviterte" not in titles(form.card)
    assert "person0@" not in said_since(bot, before)
    # a keep sent anyway (an old card, a crafted submit) cannot keep a list that does not fit
    await form.submit(form.data(keep="true"))
    assert form.step == "invitations" and "For mange inviterte" in form.text
    await form.press(emails="person0@example.no")
    assert form.step == "summary"


async def test_a_personal_chat_still_shows_and_pre_fills_the_entries(bot):
    form = Form(bot.client())
    await form.start("ny avtale")
    await form.fill(stop_at="invitations")
    await form.press(emails="ola.nordmann@example.no, kari@@example.no", sms="", consent="true")
    assert "«kari@@example.no» er ikke en gyldig e-postadresse." in form.text
    assert form.inputs()["emails"]["value"] == "ola.nordmann@example.no, kari@@example.no"
    assert RETYPE not in form.text and "Behold inviterte" not in titles(form.card)
