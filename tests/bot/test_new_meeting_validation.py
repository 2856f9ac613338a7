"""Issue 6: every check of the Ny avtale form refuses with a clear message and asks the same step again.

Nothing is created while a step is wrong; what the user typed is kept on the re-asked card.
"""
from __future__ import annotations

import json
from datetime import timedelta

import pytest

from tests.bot.new_meeting_steps import (
    Form,
    facts_of,
    iso,
    meetings_of,
    next_weekday,
    outbox_of,
    the_meeting,
    titles,
    today,
    update_lines,
)
from tests.harness import inputs_of

FNR = "01019012345"  # a fødselsnummer with valid check digits (1 January 1990)


async def at_step(bot, step: str, **answers) -> tuple[Form, object]:
    client = bot.client()
    form = Form(client)
    await form.start("ny avtale")
    await form.fill(stop_at=step, **answers)
    assert form.step == step
    return form, client


def sent_json(bot) -> str:
    return json.dumps(bot.connector.sent + bot.connector.updates, ensure_ascii=False)


# -- Emne -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("how", ["card", "chat"])
async def test_subject_with_a_national_id_number_is_blocked_and_never_echoed(bot, how):
    form, client = await at_step(bot, "subject")
    subject_card = form.card
    if how == "card":
        await form.press(subject=f"Samtale {FNR}")
    else:
        await form.say(f"Samtale {FNR[:6]} {FNR[6:]}")
    assert form.step == "subject"
    text = form.text
    assert "Emnet kan ikke brukes." in text and "Dette fant vi:" in text
    assert "fødselsnummer" in text and "helsepersonelloven § 21" in text
    assert text.count("helsepersonelloven") == 1  # the rule once, then one short line per finding
    assert "Bruk heller et nøytralt emne, for eksempel:" in text
    # the number is nowhere in what the bot sent, not even in the input's value
    assert FNR not in sent_json(bot) and FNR[6:] not in sent_json(bot)
    assert "value" not in inputs_of(form.card.card)["subject"]
    assert subject_card.id not in update_lines(bot.connector)  # still the same step: nothing collapsed
    # a suggested neutral subject is one click away
    suggestion = [t for t in titles(form.card) if t not in ("Neste", "Avbryt")][0]
    await form.press(suggestion)
    assert form.step == "invitations"
    await form.fill()
    assert facts_of(form.card)["Emne"] == suggestion
    await form.press()
    assert (await the_meeting(bot, client))["subject"] == suggestion


async def test_subject_with_a_name_and_a_birth_date_is_blocked(bot):
    form, _ = await at_step(bot, "subject")
    await form.press(subject="Møte 24.12.1990")
    assert form.step == "subject" and "fødselsdato" in form.text and "24.12.1990" not in sent_json(bot)
    await form.press(subject="Møte med Ola Nordmann")
    assert form.step == "subject" and "Navnet på en person" in form.text
    await form.press(subject="Tverrfaglig møte")
    assert form.step == "invitations"


async def test_subject_that_may_be_sensitive_asks_for_confirmation(bot):
    form, client = await at_step(bot, "subject")
    await form.press(subject="Møte om diabetes")
    assert form.step == "subject"
    assert "Emnet kan være sensitivt." in form.text and "Dette kan være sensitivt:" in form.text
    assert "Kan si noe om helse" in form.text  # what may be sensitive, and why
    assert titles(form.card)[:3] == ["Bruk nytt emne", "Bruk emnet likevel", "Avbryt"]
    assert inputs_of(form.card.card)["subject"]["value"] == "Møte om diabetes"
    # "Bruk nytt emne" (the primary action) with the text unchanged says so, and does not confirm
    await form.press()
    assert form.step == "subject" and "Emnet er ikke endret." in form.text
    await form.press("Bruk emnet likevel")  # confirming is its own, deliberate action
    assert form.step == "invitations"
    await form.fill()
    await form.press()
    assert (await the_meeting(bot, client))["subject"] == "Møte om diabetes"


async def test_warned_subject_can_be_replaced_instead(bot):
    form, client = await at_step(bot, "subject")
    await form.press(subject="Samtale med pårørende")
    assert "Emnet kan være sensitivt." in form.text
    await form.press("Bruk nytt emne", subject="Samtale")
    assert form.step == "invitations"
    # a confirmation for another subject than the one warned about does not count
    form2, _ = await at_step(bot, "subject")
    await form2.press(subject="Møte om diabetes")
    await form2.press("Bruk emnet likevel", subject="Møte om astma")  # the text changed: warned again
    assert form2.step == "subject" and "Emnet kan være sensitivt." in form2.text
    assert "Emnet er ikke endret." not in form2.text
    await form2.press("Bruk emnet likevel")
    assert form2.step == "invitations"


async def test_warned_subject_offers_a_neutral_subject_for_the_template(bot):
    form, client = await at_step(bot, "subject")
    await form.press(subject="Samtale med pårørende")
    suggestion = titles(form.card)[3]  # the first suggestion suits the chosen template
    assert suggestion in ("Videokonsultasjon", "Videomøte", "Samtale")
    await form.press(suggestion)
    assert form.step == "invitations"


async def test_empty_and_too_long_subjects(bot):
    form, _ = await at_step(bot, "subject")
    await form.press(subject="   ")
    assert form.step == "subject" and "Skriv et emne." in form.text
    await form.say("x" * 250)
    assert form.step == "subject" and "Emnet kan være høyst 200 tegn." in form.text


# -- Invitasjoner ---------------------------------------------------------------------------------
async def test_bad_email_is_refused_and_what_was_typed_is_kept(bot):
    form, _ = await at_step(bot, "invitations")
    await form.press(emails="ola@example.no, ola@, kari@@example.no", sms="", consent="true")
    assert form.step == "invitations"
    assert "«ola@» er ikke en gyldig e-postadresse." in form.text
    assert "«kari@@example.no» er ikke en gyldig e-postadresse." in form.text
    inputs = inputs_of(form.card.card)
    assert inputs["emails"]["value"] == "ola@example.no, ola@, kari@@example.no"
    assert inputs["consent"]["value"] == "true"
    await form.press(emails="ola@example.no, kari@example.no")
    assert form.step == "time"


async def test_landline_is_refused_for_sms(bot):
    form, _ = await at_step(bot, "invitations")
    await form.press(emails="", sms="+47 33 34 20 00", consent="true")
    assert form.step == "invitations"
    assert "«+47 33 34 20 00» er ikke et mobilnummer. SMS kan bare sendes til mobil." in form.text
    await form.press(sms="12")
    assert "«12» er ikke et gyldig mobilnummer." in form.text


async def test_norwegian_numbers_without_47_are_normalised_and_duplicates_removed(bot):
    form, client = await at_step(bot, "invitations")
    invitations = form.card
    await form.press(emails="ola@example.no, OLA@example.no; ola@EXAMPLE.no\nkari@example.no,",
                     sms="92345678, +47 923 45 678\n0047 923 45 678; 412 34 567", consent="true")
    assert form.step == "time"
    assert update_lines(bot.connector)[invitations.id] == "✓ Invitasjoner: E-post 2, SMS 2"
    await form.fill()
    facts = facts_of(form.card)
    assert facts["SMS"] == "+47 923 45 678, +47 412 34 567"
    assert facts["E-post"] == "ola@example.no, kari@example.no"
    await form.press()
    meeting = await the_meeting(bot, client)
    assert meeting["invitations"] == {"emails": ["ola@example.no", "kari@example.no"],
                                      "sms": ["+4792345678", "+4741234567"]}
    messages = await outbox_of(bot, meeting["id"])
    assert sorted(m["to"] for m in messages) == ["+4741234567", "+4792345678", "kari@example.no", "ola@example.no"]


async def test_too_many_invitees_for_the_template(bot):
    form, client = await at_step(bot, "invitations", template="sensitivt-rom-5-hd-nb")
    five = ", ".join(f"p{i}@example.no" for i in range(5))
    await form.press(emails=five, sms="", consent="true")
    assert form.step == "invitations"
    assert "For mange inviterte: malen tillater 4 i tillegg til deg." in form.text
    await form.press(emails=", ".join(f"p{i}@example.no" for i in range(3)), sms="92345678")
    assert form.step == "time"
    await form.fill()
    await form.press()
    meeting = await the_meeting(bot, client)
    assert len(meeting["invitations"]["emails"]) == 3 and meeting["invitations"]["sms"] == ["+4792345678"]


async def test_consent_is_required_when_anyone_is_invited(bot):
    form, _ = await at_step(bot, "invitations")
    await form.press(emails="ola@example.no", sms="", consent="false")
    assert form.step == "invitations"
    assert "Bekreft at de inviterte har akseptert kommunikasjon via e-post/SMS." in form.text
    assert inputs_of(form.card.card)["emails"]["value"] == "ola@example.no"
    await form.press(consent="true")
    assert form.step == "time"


# -- Tidspunkt ------------------------------------------------------------------------------------
async def test_end_before_start(bot):
    form, _ = await at_step(bot, "time")
    day = next_weekday(2)
    await form.press(date=day.isoformat(), start="14:00", end="13:00", when="")
    assert form.step == "time" and "Slutt må være etter start." in form.text
    inputs = inputs_of(form.card.card)
    assert (inputs["date"]["value"], inputs["start"]["value"], inputs["end"]["value"]) == (
        day.isoformat(), "14:00", "13:00")
    await form.press(end="15:00")
    assert form.step == "recurrence"


async def test_past_time(bot):
    form, _ = await at_step(bot, "time")
    yesterday = today() - timedelta(days=1)
    await form.press(date=yesterday.isoformat(), start="10:00", end="11:00", when="")
    assert form.step == "time" and "Det tidspunktet har allerede vært." in form.text
    assert await meetings_of(bot, form.client) == []


async def test_unclear_time_text(bot):
    form, _ = await at_step(bot, "time")
    await form.press(when="en gang etter lunsj")
    assert form.step == "time"
    assert "Jeg forstod ikke «en gang etter lunsj» som et tidspunkt." in form.text
    assert inputs_of(form.card.card)["when"]["value"] == "en gang etter lunsj"
    await form.say("blå")
    assert form.step == "time" and "Jeg forstod ikke «blå» som et tidspunkt." in form.text
    await form.say("i morgen")
    assert "Skriv også klokkeslett" in form.text
    await form.say("i morgen kl 13")
    assert "Skriv også når møtet slutter" in form.text
    assert inputs_of(form.card.card)["start"]["value"] == "13:00"
    await form.say("i morgen kl 13-14")
    assert form.step == "recurrence"


async def test_missing_and_malformed_times(bot):
    form, _ = await at_step(bot, "time")
    await form.press(date="", start="", end="", when="")
    assert form.step == "time" and "Velg dato, start og slutt, eller skriv tidspunktet." in form.text
    await form.press(date="2026-13-45", start="10:00", end="11:00", when="")
    assert form.step == "time" and "Dato og klokkeslett må være gyldige" in form.text


# -- Regelmessighet -------------------------------------------------------------------------------
async def test_until_before_start(bot):
    day = next_weekday(1, at_least=3)
    form, _ = await at_step(bot, "recurrence", day=day)
    await form.press(recurrence="weekly", until=(day - timedelta(days=1)).isoformat())
    assert form.step == "recurrence" and "Sluttdatoen er før første møte." in form.text
    assert inputs_of(form.card.card)["recurrence"]["value"] == "weekly"


async def test_series_over_a_year(bot):
    day = next_weekday(1)
    form, _ = await at_step(bot, "recurrence", day=day)
    await form.press(recurrence="daily", until=(day + timedelta(days=400)).isoformat())
    assert form.step == "recurrence" and "En serie kan vare høyst ett år og ha høyst 366 møter." in form.text
    await form.press(recurrence="weekly", until=(day + timedelta(days=300)).isoformat())
    assert form.step == "summary"


async def test_until_required_and_unknown_frequency(bot):
    form, _ = await at_step(bot, "recurrence")
    await form.press(recurrence="monthly", until="")
    assert form.step == "recurrence" and "Velg til hvilken dato møtet skal gjentas." in form.text
    await form.press(recurrence="yearly", until="")
    assert form.step == "recurrence" and "Velg en gyldig regelmessighet." in form.text


async def test_weekdays_must_start_on_a_weekday(bot):
    saturday = next_weekday(5)
    form, client = await at_step(bot, "recurrence", day=saturday)
    await form.press(recurrence="weekdays", until=(saturday + timedelta(days=14)).isoformat())
    assert form.step == "recurrence"
    assert "«Hverdager» må starte på en hverdag (mandag-fredag)." in form.text
    assert "høyst ett år" not in form.text
    await form.press(recurrence="weekly")
    assert form.step == "summary"
    await form.press()
    meeting = await the_meeting(bot, client)
    assert meeting["start"] == iso(saturday, "13:00") and len(meeting["occurrences"]) == 3
