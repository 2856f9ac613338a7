"""Issue 6: Ny avtale, whole conversations over real HTTP - the happy paths, and what the portal stored.

Each test talks to the bot as Teams does (tests/harness.py) and reads the meeting back from the
embedded portal's REST API: every field exact.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from tests.bot.new_meeting_steps import (
    Form,
    TEMPLATES,
    expected_occurrences,
    facts_of,
    iso,
    nb_day,
    next_weekday,
    outbox_of,
    shown_period,
    step_of,
    the_meeting,
    titles,
    today,
    update_lines,
)
from tests.harness import actions_of, inputs_of


def first_day():
    """A Tuesday at least two days ahead, on a day of the month every month has."""
    day = next_weekday(1)
    while day.day > 28:
        day += timedelta(days=7)
    return day


async def test_happy_path_with_every_field_books_exactly_what_was_entered(bot, caplog):
    caplog.set_level(logging.INFO)
    client = bot.client()
    form = Form(client)
    day = first_day()
    until = day + timedelta(weeks=4)
    subject = "Tverrfaglig møte"

    # 1 Mal: the scheduled templates, the default chosen, each explained in words
    await form.start("ny avtale")
    assert form.step == "template" and len(form.replies) == 1
    card = form.card.card
    assert card["version"] == "1.5"
    assert set(inputs_of(card)) == {"template"}
    template_input = inputs_of(card)["template"]
    assert template_input["value"] == "videokonsultasjon-15-hd-chat-nb" and template_input["isRequired"]
    assert [c["value"] for c in template_input["choices"]] == list(TEMPLATES)
    assert "Ny avtale - steg 1 av 6" in form.text
    assert "opptil 50 deltakere, FullHD, med chat, invitasjoner på norsk" in form.text
    assert "opptil 5 deltakere, HD, uten chat" in form.text
    assert "invitasjoner på engelsk" in form.text
    assert titles(form.card)[:2] == ["Neste", "Avbryt"]
    assert actions_of(card)[0]["data"]["action"] == "next"
    cards = [form.card]

    await form.press(template="videomote-50-fullhd-chat-nb")
    assert form.step == "subject"
    assert set(inputs_of(form.card.card)) == {"subject"}
    assert "Ikke skriv sensitiv informasjon" in form.text
    cards.append(form.card)

    await form.press(subject=subject)
    assert form.step == "invitations"
    assert set(inputs_of(form.card.card)) == {"emails", "sms", "consent"}
    cards.append(form.card)

    await form.press(emails="Ola.Nordmann@Example.NO; kari@example.no,\nper@example.no,",
                     sms="923 45 678\n+46 70 123 45 67", consent="true")
    assert form.step == "time"
    assert set(inputs_of(form.card.card)) == {"date", "start", "end", "when"}
    assert "Deltakerne kan koble til fra" in form.text  # the join window, from the card's default time
    cards.append(form.card)

    await form.press(date=day.isoformat(), start="13:00", end="14:00", when="")
    assert form.step == "recurrence"
    assert set(inputs_of(form.card.card)) == {"recurrence", "until"}
    assert "Langvarig rom (00:00-23:30 daglig)" in titles(form.card)
    assert f"Første møte: {shown_period(day, '13:00', '14:00')}." in form.text
    cards.append(form.card)

    await form.press(recurrence="weekly", until=until.isoformat())
    assert form.step == "summary"
    assert titles(form.card) == ["Opprett møte", "Vis invitasjonen", "Endre", "Avbryt"]
    assert [a["data"]["action"] for a in actions_of(form.card.card)] == ["confirm", "preview_invitation", "edit", "cancel"]
    last = until
    assert facts_of(form.card) == {
        "Mal": "Videomøte (50, FullHD, Chat) (nb)",
        "Emne": subject,
        "E-post": "Ola.Nordmann@example.no, kari@example.no, per@example.no",
        "SMS": "+47 923 45 678, +46 70 123 45 67",
        "Tidspunkt": shown_period(day, "13:00", "14:00"),
        "Kobling åpner": f"{day:%d.%m.%Y} kl. 12:40",
        "Regelmessighet": f"Ukentlig, 5 møter: første {shown_period(day, '13:00', '14:00')}, "
                          f"siste {shown_period(last, '13:00', '14:00')}.",
    }
    cards.append(form.card)

    await form.press()  # Opprett møte
    assert len(form.replies) == 1 and step_of(form.last) is None
    result = form.last
    meeting = await the_meeting(bot, client)
    url = meeting["join_url"]
    assert url.startswith("http://127.0.0.1:")
    open_meeting = actions_of(result.card)[0]
    assert (open_meeting["type"], open_meeting["title"], open_meeting["url"]) == ("Action.OpenUrl", "Åpne møtet", url)
    assert "Møtet er opprettet" in result.text and subject in result.text and url in result.text
    assert f"Deltakerne kan koble til fra {day:%d.%m.%Y} kl. 12:40." in result.text
    assert "5 møter. De første:" in result.text and "... og 2 til, siste" in result.text
    assert "Invitasjoner sendt: 3 på e-post og 2 på SMS." in result.text

    # the portal holds exactly what was entered
    assert meeting["subject"] == subject
    assert meeting["template_id"] == "videomote-50-fullhd-chat-nb"
    assert meeting["time_zone"] == "Europe/Oslo"
    assert meeting["start"] == iso(day, "13:00") and meeting["end"] == iso(day, "14:00")
    assert meeting["recurrence"] == {"frequency": "weekly", "interval": 1, "until": until.isoformat()}
    assert meeting["occurrences"] == expected_occurrences(day, "13:00", "14:00", "weekly", until)
    assert meeting["invitations"] == {"emails": ["Ola.Nordmann@example.no", "kari@example.no", "per@example.no"],
                                      "sms": ["+4792345678", "+46701234567"]}
    assert meeting["status"] == "active" and meeting["kind"] == "scheduled"
    assert meeting["join_opens_at"] == iso(day, "12:40")

    # one invitation per recipient, in the template's language, naming no one else
    messages = await outbox_of(bot, meeting["id"])
    assert sorted((m["channel"], m["to"]) for m in messages) == sorted(
        [("email", a) for a in meeting["invitations"]["emails"]] + [("sms", n) for n in meeting["invitations"]["sms"]])
    everyone = meeting["invitations"]["emails"] + meeting["invitations"]["sms"]
    for message in messages:
        assert message["language"] == "nb" and url in message["body"]
        assert not [o for o in everyone if o != message["to"] and o in message["body"]]
        if message["channel"] == "email":
            assert subject in message["body"]

    # every answered card was replaced by a compact line, in order
    lines = update_lines(bot.connector)
    assert [u["_updated"] for u in bot.connector.updates] == [c.id for c in cards]
    assert lines[cards[0].id] == "✓ Velg mal: Videomøte (50, FullHD, Chat) (nb)"
    assert lines[cards[1].id] == f"✓ Emne: {subject}"
    assert lines[cards[2].id] == "✓ Invitasjoner: E-post 3, SMS 2"
    assert lines[cards[3].id] == f"✓ Tidspunkt: {shown_period(day, '13:00', '14:00')}"
    assert lines[cards[4].id].startswith("✓ Regelmessighet: Ukentlig, 5 møter")
    assert lines[cards[5].id] == f"✓ Oppsummering: {subject}"
    for update in bot.connector.updates:
        assert not actions_of(update["attachments"][0]["content"])  # nothing left to press

    # no personal data in the logs
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for secret in [subject, "kari@example.no", "Ola.Nordmann", "92345678", "701234567"]:
        assert secret not in logged


async def test_time_as_free_text_in_the_when_field(bot):
    client = bot.client()
    form = Form(client)
    day = today() + timedelta(days=3)
    await form.start("ny avtale")
    await form.fill(subject="Fagmøte", stop_at="time")
    await form.press(when=f"{nb_day(day)} kl 10-11.30")  # the pickers keep their defaults
    assert form.step == "recurrence"
    await form.fill(recurrence="none")
    assert facts_of(form.card)["Tidspunkt"] == shown_period(day, "10:00", "11:30")
    assert facts_of(form.card)["E-post"] == "ingen" and facts_of(form.card)["SMS"] == "ingen"
    await form.press()
    assert "Ingen invitasjoner er sendt. Del lenken selv." in form.text
    meeting = await the_meeting(bot, client)
    assert (meeting["start"], meeting["end"]) == (iso(day, "10:00"), iso(day, "11:30"))
    assert meeting["recurrence"] is None
    assert meeting["occurrences"] == [{"start": iso(day, "10:00"), "end": iso(day, "11:30")}]
    assert meeting["invitations"] == {"emails": [], "sms": []}
    assert meeting["template_id"] == "videokonsultasjon-15-hd-chat-nb" and meeting["subject"] == "Fagmøte"
    assert await outbox_of(bot, meeting["id"]) == []


async def test_time_typed_in_the_chat(bot):
    client = bot.client()
    form = Form(client)
    tomorrow = today() + timedelta(days=1)
    await form.start("Ny avtale")
    await form.fill(stop_at="time")
    time_card = form.card
    await form.say("i morgen kl 13-14")
    assert form.step == "recurrence"
    # the time card was replaced even though the answer came as text
    assert update_lines(bot.connector)[time_card.id] == f"✓ Tidspunkt: {shown_period(tomorrow, '13:00', '14:00')}"
    await form.fill(recurrence="none")
    await form.press()
    meeting = await the_meeting(bot, client)
    assert (meeting["start"], meeting["end"]) == (iso(tomorrow, "13:00"), iso(tomorrow, "14:00"))


async def test_subject_typed_in_the_chat_and_the_button_from_the_welcome_card(bot):
    client = bot.client()
    form = Form(client)
    welcome = (await client.install())[0]
    form._track(await client.press(welcome, title="Ny avtale"))
    assert form.step == "template"
    await form.press()
    await form.say("Ukemøte")
    assert form.step == "invitations"
    await form.fill()
    assert facts_of(form.card)["Emne"] == "Ukemøte"


async def test_long_lived_room_preset(bot):
    client = bot.client()
    form = Form(client)
    day = first_day()
    until = day + timedelta(days=30)
    await form.start("ny avtale")
    await form.fill(day=day, start="10:00", end="11:00", stop_at="recurrence")
    await form.press("Langvarig rom (00:00-23:30 daglig)", until=until.isoformat())
    assert form.step == "summary"
    facts = facts_of(form.card)
    assert facts["Tidspunkt"] == shown_period(day, "00:00", "23:30")
    assert facts["Regelmessighet"].startswith("Daglig, 31 møter: første")
    await form.press()
    meeting = await the_meeting(bot, client)
    assert (meeting["start"], meeting["end"]) == (iso(day, "00:00"), iso(day, "23:30"))
    assert meeting["recurrence"] == {"frequency": "daily", "interval": 1, "until": until.isoformat()}
    assert meeting["occurrences"] == expected_occurrences(day, "00:00", "23:30", "daily", until)
    assert len(meeting["occurrences"]) == 31


async def test_long_lived_room_needs_its_last_day(bot):
    client = bot.client()
    form = Form(client)
    await form.start("ny avtale")
    await form.fill(stop_at="recurrence")
    await form.press("Langvarig rom (00:00-23:30 daglig)", until="")
    assert form.step == "recurrence"
    assert "Velg til hvilken dato møtet skal gjentas." in form.text
    assert inputs_of(form.card.card)["recurrence"]["value"] == "daily"


async def test_result_card_lists_the_first_occurrences_and_the_count(bot):
    client = bot.client()
    form = Form(client)
    day = first_day()
    until = day + timedelta(days=13)
    await form.start("ny avtale")
    await form.fill(day=day, start="08:00", end="08:30", recurrence="weekdays", until=until)
    assert facts_of(form.card)["Regelmessighet"].startswith("Hverdager (mandag-fredag), 10 møter")
    await form.press()
    text = form.text
    assert "10 møter. De første:" in text
    for d in (day, day + timedelta(days=1), day + timedelta(days=2)):
        assert "- " + shown_period(d, "08:00", "08:30") in text
    assert f"... og 7 til, siste {shown_period(until, '08:00', '08:30')}." in text
    meeting = await the_meeting(bot, client)
    assert [o["start"] for o in meeting["occurrences"]] == [
        o["start"] for o in expected_occurrences(day, "08:00", "08:30", "weekdays", until)]


async def test_english_locale_end_to_end(bot):
    client = bot.client(locale="en-US")
    form = Form(client)
    tomorrow = today() + timedelta(days=1)
    await form.start("new meeting")
    assert form.step == "template"
    assert "New meeting - step 1 of 6" in form.text and "Choose template" in form.text
    assert "up to 15 participants, HD, with chat, invitations in English" in form.text
    assert titles(form.card)[:2] == ["Next", "Cancel"]
    await form.press(template="videokonsultasjon-15-hd-chat-en")
    assert "Do not write sensitive information" in form.text
    await form.press(subject="Team meeting")
    assert "Send invitation by e-mail" in form.text
    await form.press(emails="anna@example.com", sms="", consent="false")
    assert "Confirm that the invitees have accepted contact by e-mail/SMS." in form.text
    await form.press(emails="anna@example.com", sms="", consent="true")
    assert form.step == "time" and "Or type the time" in form.text
    await form.say("tomorrow 1-2 pm")
    assert form.step == "recurrence" and "Repeat until (inclusive)" in form.text
    await form.press(recurrence="none", until="")
    assert form.step == "summary"
    assert titles(form.card) == ["Create meeting", "Show the invitation", "Change", "Cancel"]
    facts = facts_of(form.card)
    assert facts["Template"] == "Videokonsultasjon (15, HD, Chat) (en)"
    assert facts["E-mail"] == "anna@example.com" and facts["SMS"] == "none" and facts["Recurrence"] == "None"
    weekday = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[tomorrow.weekday()]
    assert facts["Time"] == f"{weekday} {tomorrow:%d.%m.%Y} 13:00-14:00"
    assert facts["Joining opens"] == f"{tomorrow:%d.%m.%Y} 12:40"
    await form.press()
    assert "The meeting is created" in form.text and "Invitations sent: 1 by e-mail and 0 by SMS." in form.text
    assert titles(form.last)[0] == "Open the meeting"
    meeting = await the_meeting(bot, client)
    assert meeting["template_id"] == "videokonsultasjon-15-hd-chat-en" and meeting["subject"] == "Team meeting"
    assert (meeting["start"], meeting["end"]) == (iso(tomorrow, "13:00"), iso(tomorrow, "14:00"))
    messages = await outbox_of(bot, meeting["id"])
    assert [(m["channel"], m["to"], m["language"]) for m in messages] == [("email", "anna@example.com", "en")]
    assert "You are invited to a video meeting: Team meeting" in messages[0]["body"]
    # the compact lines are English too
    assert "✓ Choose template: Videokonsultasjon (15, HD, Chat) (en)" in update_lines(bot.connector).values()


async def test_english_locale_interruptions(bot):
    client = bot.client(locale="en-GB")
    form = Form(client)
    await form.start("new meeting")
    await form.say("help")
    assert "Step: Choose template." in form.text and form.step == "template"
    await form.say("cancel")
    assert "The new meeting is cancelled. Nothing was created." in form.text
    assert step_of(form.last) is None
