"""Legg i kalender through real HTTP: the button's address serves the meeting's .ics; a wrong,
altered, expired or someone else's link is a bare 404; the file follows changes (SEQUENCE,
EXDATE) and shows no subject when the link was given in a shared chat."""
from __future__ import annotations

from datetime import date, timedelta

import icalendar
import pytest

from tests.bot.my_meetings_helpers import Clock, book
from tests.harness import actions_of


@pytest.fixture
async def clock():
    return Clock()


@pytest.fixture
async def bot(start_bot, clock):
    return await start_bot(clock=clock)


def calendar_links(reply):
    return [a["url"] for a in actions_of(reply.card) if a.get("title") in ("Legg i kalender", "Add to calendar")]


async def fetch(bot, url):
    async with bot.session.get(url) as response:
        return response.status, response.headers, await response.read()


def event_of(body: bytes):
    return next(iter(icalendar.Calendar.from_ical(body).walk("VEVENT")))


async def test_the_link_in_mine_moter_serves_the_series_and_follows_avlys_denne(bot):
    client = bot.client()
    meeting = await book(bot, client, "Fagmøte ortopedi", frequency="weekly", until=date(2027, 11, 16))
    url = calendar_links((await client.say("mine møter"))[0])[0]
    assert url.startswith(bot.url + "/calendar/") and url.endswith(".ics")
    status, headers, body = await fetch(bot, url)
    assert status == 200 and headers["Content-Type"].startswith("text/calendar")
    assert "attachment" in headers["Content-Disposition"] and headers["Cache-Control"] == "no-store"
    event = event_of(body)
    assert str(event["summary"]) == "Fagmøte ortopedi" and meeting["join_url"] in str(event["location"])
    assert meeting["join_url"] in str(event["description"]) and "20 minutter" in str(event["description"])
    assert event["rrule"]["FREQ"] == ["WEEKLY"] and "exdate" not in event
    assert b"METHOD:PUBLISH" in body and b"BEGIN:VTIMEZONE" in body and b"TZID:Europe/Oslo" in body
    sequence = int(event["sequence"])

    await bot.resources.embedded_portal.cancel_occurrence(meeting["id"], "2027-10-19T14:00:00+02:00",
                                                          client.user.aad_object_id)
    status, _headers, body = await fetch(bot, url)
    changed = event_of(body)
    assert status == 200 and str(changed["uid"]) == str(event["uid"]) and int(changed["sequence"]) == sequence + 1
    assert [d.dt.isoformat() for d in changed["exdate"].dts] == ["2027-10-19T14:00:00+02:00"]


async def test_wrong_altered_expired_and_someone_elses_links_are_a_bare_404(bot, clock):
    owner, intruder = bot.client(), bot.client("Per Hansen")
    meeting = await book(bot, owner, "Fagmøte ortopedi")
    url = calendar_links((await owner.say("mine møter"))[0])[0]
    token = url.rsplit("/", 1)[1][:-len(".ics")]
    payload, signature = token.split(".")
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    someone_elses = bot.resources.bot.services.calendar.url(meeting["id"], intruder.user.aad_object_id)
    bad = [f"{bot.url}/calendar/{payload}.{flipped}.ics", f"{bot.url}/calendar/{payload}.ics",
           f"{bot.url}/calendar/x.ics", f"{bot.url}/calendar/{'A' * 2000}.ics", someone_elses]
    answers = [await fetch(bot, u) for u in bad]
    assert {status for status, _h, _b in answers} == {404}
    assert len({body for _s, _h, body in answers}) == 1 and b"Fagm" not in answers[0][2]
    assert (await fetch(bot, url))[0] == 200
    clock.advance(timedelta(days=31))
    status, _headers, body = await fetch(bot, url)
    assert status == 404 and body == answers[0][2]


async def test_a_link_given_in_a_shared_chat_gives_no_subject(bot):
    client = bot.client(conversation_type="groupChat")
    await book(bot, client, "Fagmøte ortopedi")
    url = calendar_links((await client.say("mine møter", mention=True))[0])[0]
    event = event_of((await fetch(bot, url))[2])
    assert str(event["summary"]) == "Videomøte" and "Fagm" not in str(event.to_ical().decode())


async def test_the_quick_meeting_card_offers_a_free_all_day_event(bot):
    client = bot.client(locale="en-US")
    card = (await client.say("hurtig"))[0]
    url = calendar_links(card)[0]
    status, _headers, body = await fetch(bot, url)
    event = event_of(body)
    assert status == 200 and "Hurtigavtale - 365" in str(event["summary"]) and str(event["transp"]) == "TRANSPARENT"
    assert event.decoded("dtstart") == date(2027, 10, 1) and "until 30.09.2028" in str(event["description"])
