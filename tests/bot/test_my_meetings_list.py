"""Mine møter that helps: found by words and buttons, one line per meeting with its next time and
series summary, Hurtigavtaler on one line, upcoming first, finished ones hidden, paged with the
page updated in place, every page under Teams' 28 KB with many meetings."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from bot.cards.base import TEAMS_MAX_BYTES
from tests.bot.my_meetings_helpers import OSLO, Clock, book
from tests.harness import actions_of


@pytest.fixture
async def clock():
    return Clock()


@pytest.fixture
async def bot(start_bot, clock):
    return await start_bot(clock=clock)


def buttons(card, action):
    return [a for a in actions_of(card) if (a.get("data") or {}).get("action") == action]


@pytest.mark.parametrize("words", ["mine møter", "Mine moter", "møtene mine", "my meetings", "MINE MØTER!"])
async def test_fuzzy_commands_open_mine_moter(bot, words):
    replies = await bot.client().say(words)
    assert "Mine møter" in replies[0].text and "Du har ingen kommende møter" in replies[0].text


async def test_welcome_help_and_notices_offer_mine_moter(bot):
    client = bot.client()
    welcome = (await client.install())[0]
    assert buttons(welcome.card, "my_meetings")
    help_card = (await client.say("hjelp"))[0]
    assert buttons(help_card.card, "my_meetings") and "mine møter" in help_card.text
    listing = await client.press(welcome, title="Mine møter")
    assert "Mine møter" in listing[0].text


async def test_each_line_has_time_subject_series_and_the_buttons(bot, clock):
    client = bot.client()
    await client.say("hurtig")
    clock.advance(timedelta(minutes=1))
    await client.say("hurtig")
    clock.advance(timedelta(minutes=1))
    newest = (await client.say("hurtig"))[0]
    newest_url = next(a["url"] for a in actions_of(newest.card) if a["title"] == "Åpne møtet")
    weekly = await book(bot, client, "Fagmøte ortopedi", frequency="weekly", until=date(2027, 12, 28))
    single = await book(bot, client, "Tverrfaglig møte", first=datetime(2027, 10, 5, 9, tzinfo=OSLO))
    card = (await client.say("mine møter"))[0]
    text = card.text
    # one line for the three quick meetings, with the newest link
    assert text.count("Nyeste lenke") == 1 and "Hurtigavtaler (3)" in text
    assert newest_url in [a.get("url") for a in actions_of(card.card)]
    # upcoming first: the single meeting on 05.10 before the series starting 12.10
    assert text.index("tir 05.10.2027 09:00-10:00") < text.index("tir 12.10.2027 14:00-15:00")
    assert "Tverrfaglig møte" in text and "Fagmøte ortopedi" in text
    assert "ukentlig til 28.12, 12 igjen" in text
    assert {b["data"]["meeting_id"] for b in buttons(card.card, "edit_meeting")} == {weekly["id"], single["id"]}
    occurrence = buttons(card.card, "cancel_occurrence")
    assert [(b["data"]["meeting_id"], b["data"]["occurrence"]) for b in occurrence] == [
        (weekly["id"], "2027-10-12T14:00:00+02:00")]  # only the series
    calendar = [a for a in actions_of(card.card) if a.get("title") == "Legg i kalender"]
    assert len(calendar) == 3 and all(a["type"] == "Action.OpenUrl" and "/calendar/" in a["url"] for a in calendar)


async def test_finished_meetings_are_hidden_and_a_series_shows_its_next_meeting(bot, clock):
    client = bot.client()
    await book(bot, client, "Tverrfaglig møte", first=datetime(2027, 10, 5, 9, tzinfo=OSLO))
    await book(bot, client, "Fagmøte ortopedi", frequency="weekly", until=date(2027, 11, 2))
    clock.advance(timedelta(days=20))  # 21.10.2027: the single meeting and two of the series are over
    text = (await client.say("mine møter"))[0].text
    assert "Tverrfaglig møte" not in text
    assert "tir 26.10.2027 14:00-15:00" in text and "ukentlig til 02.11, 2 igjen" in text
    clock.advance(timedelta(days=30))
    assert "Du har ingen kommende møter" in (await client.say("mine møter"))[0].text


async def test_no_subject_in_a_shared_chat(bot):
    owner = bot.client(conversation_type="groupChat")
    await book(bot, owner, "Fagmøte ortopedi")
    text = (await owner.say("mine møter", mention=True))[0].text
    assert "tir 12.10.2027 14:00-15:00" in text and "Fagmøte ortopedi" not in text


async def test_many_meetings_are_paged_under_28_kb_and_the_page_is_updated_in_place(bot):
    client = bot.client()
    booked = set()
    for i in range(23):
        meeting = await book(bot, client, "Æ" * 200, first=datetime(2027, 10, 4, 8, tzinfo=OSLO) + timedelta(days=i),
                             frequency="weekly", until=date(2028, 9, 25), key=f"many-meetings-{i:02d}")
        booked.add(meeting["id"])
    first = (await client.say("mine møter"))[0]
    seen, card, pages = set(), first.card, 0
    while True:
        pages += 1
        assert len(json.dumps(card, ensure_ascii=False).encode("utf-8")) < TEAMS_MAX_BYTES
        seen |= {b["data"]["meeting_id"] for b in buttons(card, "edit_meeting")}
        following = [b for b in buttons(card, "my_meetings") if b["title"] == "Neste side"]
        if not following:
            break
        before = len(bot.connector.updates)
        replies = await client.press(first, title="Neste side") if pages == 1 else None
        if replies is None:
            await client.submit(following[0]["data"], reply_to=first.id)
        assert len(bot.connector.updates) == before + 1  # the pressed card is replaced, nothing new sent
        card = bot.connector.updates[-1]["attachments"][0]["content"]
    assert seen == booked and pages == 5
    assert [b["title"] for b in buttons(card, "my_meetings")] == ["Forrige side"]
    assert "Side 5 av 5" in json.dumps(card, ensure_ascii=False)


async def test_english(bot):
    client = bot.client(locale="en-US")
    await book(bot, client, "Team meeting", frequency="weekly", until=date(2027, 11, 2))
    text = (await client.say("my meetings"))[0].text
    assert "My meetings" in text and "weekly until 02.11, 4 left" in text and "Add to calendar" in text
