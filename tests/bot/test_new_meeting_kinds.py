"""Issue 6, "Done when": a scripted Teams client that fills each card's inputs by the contract's ids
(contracts.md section 3) and presses its first action books meetings of every kind - each template,
each frequency - and the portal holds exactly what was entered.
"""
from __future__ import annotations

from datetime import timedelta

import pytest

from tests.bot.new_meeting_steps import (
    TEMPLATES,
    expected_occurrences,
    iso,
    next_weekday,
    outbox_of,
    the_meeting,
)
from tests.harness import Reply, actions_of, inputs_of

CONTRACT_INPUTS = {"template", "subject", "emails", "sms", "consent", "date", "start", "end", "when",
                   "recurrence", "until"}
FREQUENCIES = ["none", "daily", "weekdays", "weekly", "biweekly", "monthly"]


def first_day():
    day = next_weekday(1)  # a Tuesday: every frequency (weekdays too) may start on it
    while day.day > 28:  # and a day every month has
        day += timedelta(days=7)
    return day


async def book_by_contract(client, values: dict[str, str]) -> tuple[Reply, list[set[str]]]:
    """"ny avtale", then for every card: fill the inputs it has by their contract ids, press the
    first action; until the card that opens the meeting. Returns it and the inputs seen per card."""
    replies = await client.say("ny avtale")
    seen: list[set[str]] = []
    for _ in range(10):
        card = [r for r in replies if r.cards][-1]
        first = actions_of(card.card)[0]
        if first["type"] == "Action.OpenUrl":
            return card, seen
        assert first["type"] == "Action.Submit" and isinstance(first["data"]["action"], str)
        inputs = set(inputs_of(card.card))
        assert inputs <= CONTRACT_INPUTS, inputs - CONTRACT_INPUTS
        seen.append(inputs)
        replies = await client.press(card, inputs={k: values[k] for k in inputs if k in values})
    raise AssertionError("no meeting after ten cards: " + "\n".join(r.text for r in replies))


@pytest.mark.parametrize("frequency", FREQUENCIES)
@pytest.mark.parametrize("template_id", list(TEMPLATES))
async def test_every_template_and_frequency_can_be_booked_by_the_contract(bot, template_id, frequency):
    name, _, language = TEMPLATES[template_id]
    client = bot.client()
    day = first_day()
    until = day + timedelta(days=70)
    subject = f"Fagmøte {frequency}"
    values = {
        "template": template_id, "subject": subject,
        "emails": "anna@example.no, bjorn@example.no", "sms": "923 45 678", "consent": "true",
        "date": day.isoformat(), "start": "13:00", "end": "14:15", "when": "",
        "recurrence": frequency, "until": until.isoformat(),
    }
    result, seen = await book_by_contract(client, values)
    assert seen == [{"template"}, {"subject"}, {"emails", "sms", "consent"}, {"date", "start", "end", "when"},
                    {"recurrence", "until"}, set()]

    meeting = await the_meeting(bot, client)
    expected = expected_occurrences(day, "13:00", "14:15", frequency, None if frequency == "none" else until)
    assert meeting["template_id"] == template_id
    assert meeting["subject"] == subject
    assert meeting["time_zone"] == "Europe/Oslo"
    assert (meeting["start"], meeting["end"]) == (iso(day, "13:00"), iso(day, "14:15"))
    if frequency == "none":
        assert meeting["recurrence"] is None
    else:
        assert meeting["recurrence"] == {
            "frequency": "weekly" if frequency == "biweekly" else frequency,
            "interval": 2 if frequency == "biweekly" else 1,
            "until": until.isoformat(),
        }
    assert meeting["occurrences"] == expected
    assert meeting["invitations"] == {"emails": ["anna@example.no", "bjorn@example.no"], "sms": ["+4792345678"]}
    assert meeting["join_url"] in result.text
    if len(expected) > 1:
        assert f"{len(expected)} møter. De første:" in result.text
    messages = await outbox_of(bot, meeting["id"])
    assert sorted((m["channel"], m["to"], m["language"]) for m in messages) == [
        ("email", "anna@example.no", language), ("email", "bjorn@example.no", language),
        ("sms", "+4792345678", language)]


def test_the_kinds_cover_distinct_series():
    """The frequencies above are not all the same series in disguise (guards the expectations)."""
    day = first_day()
    until = day + timedelta(days=70)
    counts = {f: len(expected_occurrences(day, "13:00", "14:00", f, until)) for f in FREQUENCIES}
    assert counts == {"none": 1, "daily": 71, "weekdays": 51, "weekly": 11, "biweekly": 6, "monthly": 3}
