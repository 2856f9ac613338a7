"""Avlys denne through Teams: Mine møter -> which meeting of the series (the next, or another
picked) -> confirmed, only that one is cancelled, the invitees are told, the others stay; someone
else's meeting is "not found" and nothing changes."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.bot.my_meetings_helpers import OSLO, Clock, book
from tests.harness import inputs_of


@pytest.fixture
async def bot(start_bot):
    return await start_bot(clock=Clock())


async def test_avlys_denne_cancels_the_picked_meeting_only_and_tells_the_invitees(bot):
    client = bot.client()
    meeting = await book(bot, client, "Fagmøte ortopedi", frequency="weekly", until=date(2027, 11, 16))
    portal = bot.resources.embedded_portal
    listing = (await client.say("mine møter"))[0]
    ask = (await client.press(listing, title="Avlys denne"))[0]
    assert "Avlyse ett møte i serien?" in ask.text and "Fagmøte ortopedi" in ask.text
    choice = inputs_of(ask.card)["occurrence"]
    assert choice["value"] == "2027-10-12T14:00:00+02:00"  # the next one is proposed
    assert [c["title"] for c in choice["choices"]][:4] == [
        "tir 12.10.2027 14:00-15:00", "tir 19.10.2027 14:00-15:00", "tir 26.10.2027 14:00-15:00",
        "tir 02.11.2027 14:00-15:00"]
    assert (await portal.get_meeting(meeting["id"]))["cancelled_occurrences"] == []  # nothing yet

    kept = await client.press(ask, title="Nei, behold det")
    assert "ikke avlyst" in kept[0].text

    # pick the first meeting after the change to winter time
    done = await client.press(ask, inputs={"occurrence": "2027-11-02T14:00:00+01:00"})
    assert "Møtet tir 02.11.2027 14:00-15:00 er avlyst" in done[0].text
    stored = await portal.get_meeting(meeting["id"])
    assert [o["start"] for o in stored["cancelled_occurrences"]] == ["2027-11-02T14:00:00+01:00"]
    assert len(stored["occurrences"]) == 5 and stored["status"] == "active"
    told = [m for m in await portal.outbox(meeting["id"]) if "avlyst" in m["body"].lower()]
    assert sorted((m["channel"], m["to"]) for m in told) == [("email", "lege.en@siv.no"), ("sms", "+4741234567")]
    assert all("02.11.2027" in m["body"] for m in told)

    # pressed again: the occurrence is gone, no second message
    again = await client.press(ask, inputs={"occurrence": "2027-11-02T14:00:00+01:00"})
    assert "Fant ikke det møtet i serien" in again[0].text
    assert len([m for m in await portal.outbox(meeting["id"]) if "avlyst" in m["body"].lower()]) == 2
    after = (await client.say("mine møter"))[0].text
    assert "ukentlig til 16.11, 5 igjen" in after


async def test_nobody_can_cancel_an_occurrence_of_someone_elses_series(bot):
    owner, intruder = bot.client(), bot.client("Per Hansen")
    meeting = await book(bot, owner, "Fagmøte ortopedi", frequency="weekly", until=date(2027, 11, 16))
    for data in ({"action": "cancel_occurrence", "meeting_id": meeting["id"], "occurrence": "2027-10-12T14:00:00+02:00"},
                 {"action": "cancel_occurrence", "meeting_id": meeting["id"], "occurrence": "2027-10-12T14:00:00+02:00",
                  "confirmed": True}):
        replies = await intruder.submit(data)
        assert "Fant ikke møtet" in replies[0].text and "Fagmøte ortopedi" not in replies[0].text
    stored = await bot.resources.embedded_portal.get_meeting(meeting["id"])
    assert stored["cancelled_occurrences"] == [] and len(stored["occurrences"]) == 6


@pytest.mark.parametrize("meeting_id, occurrence", [(None, "2027-10-12T14:00:00+02:00"), ("x" * 500, "x"),
                                                    ("no-such", "2027-10-12T14:00:00+02:00"), (42, None)])
async def test_bad_values_get_a_clear_message(bot, meeting_id, occurrence):
    replies = await bot.client().submit({"action": "cancel_occurrence", "meeting_id": meeting_id,
                                         "occurrence": occurrence, "confirmed": True})
    assert "Fant ikke møtet" in replies[0].text


async def test_a_start_that_is_no_meeting_of_the_series_changes_nothing(bot):
    client = bot.client()
    meeting = await book(bot, client, "Fagmøte ortopedi", frequency="weekly", until=date(2027, 11, 16))
    replies = await client.submit({"action": "cancel_occurrence", "meeting_id": meeting["id"],
                                   "occurrence": datetime(2027, 10, 13, 14, tzinfo=OSLO).isoformat(), "confirmed": True})
    assert "Fant ikke det møtet i serien" in replies[0].text
    assert (await bot.resources.embedded_portal.get_meeting(meeting["id"]))["cancelled_occurrences"] == []
