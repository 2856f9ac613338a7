"""Issue 6: interruptions at every step, editing from the summary, and "ny avtale <text>" pre-filled."""
from __future__ import annotations

from datetime import timedelta

import pytest

from tests.bot.new_meeting_steps import (
    Form,
    facts_of,
    iso,
    meetings_of,
    nb_day,
    next_weekday,
    expected_occurrences,
    shown_period,
    step_of,
    the_meeting,
    titles,
    today,
    update_lines,
)
from tests.harness import actions_of, inputs_of

STEPS = ["template", "subject", "invitations", "time", "recurrence", "summary"]


async def started(bot, step: str, **extra) -> Form:
    form = Form(bot.client(**extra))
    await form.start("ny avtale")
    await form.fill(stop_at=step, emails="ola@example.no")
    assert form.step == step
    return form


# -- avbryt / lukk / cancel -----------------------------------------------------------------------
@pytest.mark.parametrize("step,word", list(zip(STEPS, ["avbryt", "Lukk", "cancel", "AVBRYT!", "lukk.", "avbryt"])))
async def test_typed_cancel_ends_the_dialog_at_every_step(bot, step, word):
    form = await started(bot, step)
    card = form.card
    await form.say(word)
    assert "Ny avtale er avbrutt. Ingenting er opprettet." in form.text
    assert len(form.replies) == 1 and step_of(form.last) is None
    assert titles(form.last)[:3] == ["Hurtigavtale", "Ny avtale", "Hjelp"]
    assert update_lines(bot.connector)[card.id] == "✕ Ny avtale avbrutt"
    assert await meetings_of(bot, form.client) == []
    # the dialog is over: text is a command again, and the old card says what became of it
    assert "Det forstod jeg ikke" in (await form.client.say("Tverrfaglig møte"))[0].text
    late = await form.client.press(card)
    assert "Denne nye avtalen ble avbrutt" in late[0].text
    assert await meetings_of(bot, form.client) == []


@pytest.mark.parametrize("step", STEPS)
async def test_cancel_button_on_every_card(bot, step):
    form = await started(bot, step)
    card = form.card
    cancel = [a for a in actions_of(card.card) if a["data"]["action"] == "cancel"]
    assert len(cancel) == 1 and cancel[0]["title"] == "Avbryt" and cancel[0].get("associatedInputs") == "none"
    await form.press("Avbryt")
    assert "Ny avtale er avbrutt. Ingenting er opprettet." in form.text
    assert update_lines(bot.connector)[card.id] == "✕ Ny avtale avbrutt"
    assert "Det er ingenting å avbryte" in (await form.client.say("avbryt"))[0].text


# -- hjelp ----------------------------------------------------------------------------------------
HELP_LINES = {
    "template": "Steg: Velg mal.",
    "subject": "Steg: Emne.",
    "invitations": "Steg: Invitasjoner.",
    "time": "Steg: Tidspunkt.",
    "recurrence": "Steg: Regelmessighet.",
    "summary": "Steg: Oppsummering.",
}


@pytest.mark.parametrize("step", STEPS)
async def test_help_explains_the_step_and_asks_again(bot, step):
    form = await started(bot, step)
    run, before = form.run, form.card
    await form.say("hjelp")
    assert len(form.replies) == 2
    help_card, again = form.replies
    assert HELP_LINES[step] in help_card.text and "Dette kan du gjøre" in help_card.text
    assert step_of(again) == step and form.run == run and again.id != before.id
    # the dialog goes on from the card asked again
    if step != "summary":
        await form.fill(emails="ola@example.no")
    await form.press()
    assert "Møtet er opprettet" in form.text
    assert len(await meetings_of(bot, form.client)) == 1


async def test_help_button_and_question_mark_during_the_dialog(bot):
    form = await started(bot, "invitations")
    await form.say("?")
    assert "Steg: Invitasjoner." in form.replies[0].text and form.step == "invitations"
    await form.submit({"action": "help"})
    assert "Steg: Invitasjoner." in form.replies[0].text and form.step == "invitations"


# -- hurtig ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("step", ["template", "time", "summary"])
async def test_hurtig_gives_a_quick_link_and_resumes(bot, step):
    form = await started(bot, step)
    run = form.run
    await form.say("hurtig")
    assert len(form.replies) == 2
    quick, again = form.replies
    assert "Hurtigavtale - 365" in quick.text and titles(quick)[0] == "Åpne møtet"
    assert step_of(again) == step and form.run == run
    kinds = [m["kind"] for m in await meetings_of(bot, form.client)]
    assert kinds == ["quick"]
    if step != "summary":
        await form.fill()
    await form.press()
    assert sorted(m["kind"] for m in await meetings_of(bot, form.client)) == ["quick", "scheduled"]


async def test_quick_meeting_button_during_the_dialog(bot):
    form = await started(bot, "subject")
    await form.submit({"action": "quick_meeting"})
    assert "Hurtigavtale - 365" in form.replies[0].text and form.step == "subject"
    assert [m["kind"] for m in await meetings_of(bot, form.client)] == ["quick"]


async def test_my_meetings_during_the_dialog_resumes(bot):
    form = await started(bot, "time")
    await form.say("mine møter")
    assert "Mine møter" in form.replies[0].text and form.step == "time" and len(form.replies) == 2


# -- a second "ny avtale" -------------------------------------------------------------------------
async def test_second_ny_avtale_and_continue(bot):
    form = await started(bot, "invitations")
    run, card = form.run, form.card
    await form.say("ny avtale")
    question = form.last
    assert "Du holder allerede på med en ny avtale. Vil du starte på nytt?" in question.text
    assert titles(question) == ["Start på nytt", "Fortsett"]
    assert form.step == "invitations"
    await form.press("Fortsett", reply=question)
    assert form.step == "invitations" and form.run == run
    assert update_lines(bot.connector)[question.id] == "Fortsetter der du var."
    # the card from before the question still answers the same step
    await form.press(reply=card, emails="", sms="", consent="false")
    assert form.step == "time"
    await form.fill()
    await form.press()
    assert len(await meetings_of(bot, form.client)) == 1


async def test_second_ny_avtale_and_start_over(bot):
    form = await started(bot, "time")
    old_run, old_card = form.run, form.card
    await form.submit({"action": "new_meeting"})  # the Ny avtale button of a welcome or help card
    question = form.last
    assert "Vil du starte på nytt?" in question.text
    await form.press("Start på nytt", reply=question)
    assert form.step == "template" and form.run != old_run
    assert update_lines(bot.connector)[question.id] == "Startet på nytt."
    # a card of the abandoned run changes nothing
    stale = await form.client.press(old_card)
    assert "Dette kortet er ikke i bruk lenger." in stale[0].text
    assert form.step == "template"
    await form.fill(subject="Ny start")
    await form.press()
    meeting = await the_meeting(bot, form.client)
    assert meeting["subject"] == "Ny start"


async def test_start_over_keeps_what_was_typed_after_ny_avtale(bot):
    form = await started(bot, "subject")
    tomorrow = today() + timedelta(days=1)
    await form.say("ny avtale i morgen kl 13-14")
    await form.press("Start på nytt", reply=form.last)
    assert form.step == "template"
    await form.fill(subject="Fra start", stop_at="recurrence")  # the time step is skipped
    await form.fill()
    assert facts_of(form.card)["Tidspunkt"] == shown_period(tomorrow, "13:00", "14:00")


async def test_restart_question_from_an_old_run_is_stale(bot):
    form = await started(bot, "subject")
    await form.say("ny avtale")
    question = form.last
    await form.press("Start på nytt", reply=question)
    await form.press("Start på nytt", reply=question)  # pressed again: that run is gone
    assert "Dette kortet er ikke i bruk lenger." in form.text
    assert form.step == "template"


# -- Endre from the summary -----------------------------------------------------------------------
async def test_edit_each_field_from_the_summary_keeps_the_rest(bot):
    client = bot.client()
    form = Form(client)
    day = next_weekday(1)
    until = day + timedelta(weeks=3)
    await form.start("ny avtale")
    await form.fill(subject="Første emne", emails="ola@example.no", sms="92345678", day=day,
                    recurrence="weekly", until=until)
    summary = form.card
    await form.press("Endre")
    assert "Hva vil du endre?" in form.text and form.step == "summary"
    assert titles(form.card)[4:] == ["Velg mal", "Emne", "Invitasjoner", "Tidspunkt", "Regelmessighet"]
    await form.press("Emne")
    assert form.step == "subject"
    assert inputs_of(form.card.card)["subject"]["value"] == "Første emne"  # the current answer is the default
    await form.press(subject="Andre emne")
    assert form.step == "summary"  # straight back: nothing else is asked
    facts = facts_of(form.card)
    assert facts["Emne"] == "Andre emne"
    assert facts["E-post"] == "ola@example.no" and facts["SMS"] == "+47 923 45 678"
    assert facts["Regelmessighet"].startswith("Ukentlig, 4 møter")
    # the summary that was changed, and the card with the choices, are read-only lines now
    assert update_lines(bot.connector)[summary.id] == "✓ Oppsummering: Endre"

    await form.press("Endre")
    await form.press("Invitasjoner")
    inputs = inputs_of(form.card.card)
    assert (inputs["emails"]["value"], inputs["sms"]["value"], inputs["consent"]["value"]) == (
        "ola@example.no", "+47 923 45 678", "true")
    await form.press(emails="ola@example.no, kari@example.no")
    assert form.step == "summary" and facts_of(form.card)["E-post"] == "ola@example.no, kari@example.no"

    # a new time that still fits the series: back to the summary, recounted
    await form.press("Endre")
    await form.press("Tidspunkt")
    inputs = inputs_of(form.card.card)
    assert (inputs["date"]["value"], inputs["start"]["value"], inputs["end"]["value"]) == (
        day.isoformat(), "13:00", "14:00")
    later = day + timedelta(days=1)
    await form.press(date=later.isoformat(), start="09:00", end="09:30")
    assert form.step == "summary"
    assert facts_of(form.card)["Regelmessighet"].startswith("Ukentlig, 3 møter")

    await form.press("Endre")
    await form.press("Regelmessighet")
    assert inputs_of(form.card.card)["recurrence"]["value"] == "weekly"
    assert inputs_of(form.card.card)["until"]["value"] == until.isoformat()
    await form.press(recurrence="biweekly")
    assert facts_of(form.card)["Regelmessighet"].startswith("Annenhver uke, 2 møter")

    await form.press("Endre")
    await form.press("Velg mal")
    assert inputs_of(form.card.card)["template"]["value"] == "videokonsultasjon-15-hd-chat-nb"
    await form.press(template="videomote-50-fullhd-chat-nb")
    assert form.step == "summary"

    await form.press()
    meeting = await the_meeting(bot, client)
    assert meeting["subject"] == "Andre emne" and meeting["template_id"] == "videomote-50-fullhd-chat-nb"
    assert meeting["invitations"] == {"emails": ["ola@example.no", "kari@example.no"], "sms": ["+4792345678"]}
    assert meeting["start"] == iso(later, "09:00") and meeting["end"] == iso(later, "09:30")
    assert meeting["recurrence"] == {"frequency": "weekly", "interval": 2, "until": until.isoformat()}
    assert meeting["occurrences"] == expected_occurrences(later, "09:00", "09:30", "biweekly", until)


async def test_edit_time_past_the_series_end_asks_the_recurrence_again(bot):
    form = Form(bot.client())
    day = next_weekday(1)
    until = day + timedelta(weeks=2)
    await form.start("ny avtale")
    await form.fill(day=day, recurrence="weekly", until=until)
    await form.press("Endre")
    await form.press("Tidspunkt")
    await form.press(date=(until + timedelta(days=7)).isoformat())
    assert form.step == "recurrence"
    assert inputs_of(form.card.card)["recurrence"]["value"] == "weekly"
    await form.press(until=(until + timedelta(days=21)).isoformat())
    assert form.step == "summary" and facts_of(form.card)["Regelmessighet"].startswith("Ukentlig, 3 møter")


async def test_edit_template_with_too_many_invitees_asks_the_invitations_again(bot):
    form = Form(bot.client())
    await form.start("ny avtale")
    await form.fill(template="videomote-50-fullhd-chat-nb",
                    emails=", ".join(f"p{i}@example.no" for i in range(6)))
    await form.press("Endre")
    await form.press("Velg mal")
    await form.press(template="sensitivt-rom-5-hd-nb")
    assert form.step == "invitations"
    assert "For mange inviterte: malen tillater 4 i tillegg til deg." in form.text
    await form.press(emails="p0@example.no, p1@example.no")
    assert form.step == "summary"
    await form.press()
    meeting = await the_meeting(bot, form.client)
    assert meeting["template_id"] == "sensitivt-rom-5-hd-nb"
    assert meeting["invitations"]["emails"] == ["p0@example.no", "p1@example.no"]


async def test_edit_with_an_unknown_field_shows_the_choices(bot):
    form = await started(bot, "summary")
    await form.submit(form.data(action="edit", field="organizer"))
    assert form.step == "summary" and "Hva vil du endre?" in form.text


# -- "ny avtale <text>" ---------------------------------------------------------------------------
async def test_prefilled_time_skips_the_time_step(bot):
    client = bot.client()
    form = Form(client)
    tomorrow = today() + timedelta(days=1)
    await form.start("ny avtale i morgen kl 13-14")
    asked = []
    while form.step != "summary" and len(asked) < 6:
        asked.append(form.step)
        await form.answer()
    assert asked == ["template", "subject", "invitations", "recurrence"]
    assert facts_of(form.card)["Tidspunkt"] == shown_period(tomorrow, "13:00", "14:00")
    await form.press()
    meeting = await the_meeting(bot, client)
    assert (meeting["start"], meeting["end"]) == (iso(tomorrow, "13:00"), iso(tomorrow, "14:00"))


@pytest.mark.parametrize("phrase", ["hver mandag kl 9-10 til {until}", "hver mandag til {until} kl 9-10"])
async def test_prefilled_weekly_series_skips_time_and_recurrence(bot, phrase):
    client = bot.client()
    form = Form(client)
    monday = next_weekday(0, at_least=1)
    until = monday + timedelta(weeks=9)
    await form.start("ny avtale " + phrase.format(until=nb_day(until)))
    assert form.step == "template"
    await form.press()
    await form.press(subject="Ukemøte")
    await form.press(emails="", sms="", consent="false")
    assert form.step == "summary"
    facts = facts_of(form.card)
    assert facts["Tidspunkt"] == shown_period(monday, "09:00", "10:00")
    assert facts["Regelmessighet"].startswith("Ukentlig, 10 møter")
    await form.press()
    meeting = await the_meeting(bot, client)
    assert meeting["recurrence"] == {"frequency": "weekly", "interval": 1, "until": until.isoformat()}
    assert meeting["occurrences"] == expected_occurrences(monday, "09:00", "10:00", "weekly", until)


async def test_prefilled_recurrence_without_a_time_fills_the_defaults(bot):
    form = Form(bot.client())
    monday = next_weekday(0, at_least=1)
    until = monday + timedelta(weeks=5)
    await form.start(f"ny avtale hver mandag til {nb_day(until)}")
    await form.fill(stop_at="time")
    inputs = inputs_of(form.card.card)
    assert (inputs["date"]["value"], inputs["start"]["value"]) == (monday.isoformat(), "09:00")
    await form.press()
    assert form.step == "recurrence"
    inputs = inputs_of(form.card.card)
    assert (inputs["recurrence"]["value"], inputs["until"]["value"]) == ("weekly", until.isoformat())
    assert f"Ukentlig, 6 møter: første {shown_period(monday, '09:00', '10:00')}, " in form.text
    await form.press()
    assert form.step == "summary" and facts_of(form.card)["Regelmessighet"].startswith("Ukentlig, 6 møter")


async def test_prefill_that_is_not_understood_says_so(bot):
    form = Form(bot.client())
    await form.start("ny avtale med teamet en gang")
    assert form.step == "template"
    assert "Jeg forstod ikke «med teamet en gang» som tidspunkt eller regelmessighet" in form.text


async def test_prefill_with_a_mention_in_a_group_chat(bot):
    client = bot.client(conversation_type="groupChat")
    form = Form(client)
    tomorrow = today() + timedelta(days=1)
    await form.start("ny avtale i morgen kl 10-11", mention=True)
    assert form.step == "template"
    await form.fill()
    assert facts_of(form.card)["Tidspunkt"] == shown_period(tomorrow, "10:00", "11:00")
