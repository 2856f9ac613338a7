"""The whole path through real HTTP: a weekly series booked for a Teams user, one meeting cancelled
with Avlys denne, the file fetched from the Legg i kalender link in Mine møter, PUT to Radicale,
and the server's own expansion over the series' range gives exactly the remaining meetings at
14:00 Oslo time on both sides of the change to winter time (31.10.2027)."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import aiohttp

from tests.bot.my_meetings_helpers import Clock, book
from tests.calendar.caldav import expanded_instances, make_calendar, put_event
from tests.harness import actions_of

OSLO = ZoneInfo("Europe/Oslo")


async def test_a_series_with_avlys_denne_round_trips_through_radicale(start_bot, radicale):
    bot = await start_bot(clock=Clock())
    client = bot.client()
    await book(bot, client, "Fagmøte ortopedi", frequency="weekly", until=date(2027, 11, 23))
    listing = (await client.say("mine møter"))[0]
    ask = (await client.press(listing, title="Avlys denne"))[0]
    done = await client.press(ask, inputs={"occurrence": "2027-11-09T14:00:00+01:00"})
    assert "er avlyst" in done[0].text
    url = next(a["url"] for a in actions_of((await client.say("mine møter"))[0].card)
               if a.get("title") == "Legg i kalender")
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as response:
            assert response.status == 200
            body = await response.read()
        collection = f"{radicale.url}/kari/delta/"
        await make_calendar(session, collection)
        assert await put_event(session, collection + "fagmote.ics", body) == 201
        instances = await expanded_instances(session, collection, datetime(2027, 10, 12, tzinfo=timezone.utc),
                                             datetime(2027, 11, 24, tzinfo=timezone.utc))
    shown = [s.astimezone(OSLO).strftime("%d.%m %H:%M") for s in sorted(e.decoded("dtstart") for e in instances)]
    assert shown == ["12.10 14:00", "19.10 14:00", "26.10 14:00", "02.11 14:00", "16.11 14:00", "23.11 14:00"]
    assert {str(e["summary"]) for e in instances} == {"Fagmøte ortopedi"}
