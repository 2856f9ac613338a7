"""Reminders when the join window opens (issue 17, contracts §3a), through real HTTP: meetings are
booked by Teams-shaped invokes to ``/api/messages`` (the message extension, in the organizer's
personal chat), the reminder arrives at the connector stub on loopback as a proactive message.

The bot's clock is a :class:`MovableClock` the test sets; ``REMINDER_POLL_SECONDS=0`` stops the
background loop so each test runs one round with :meth:`ReminderLoop.tick` (except the real-clock
test, where the loop runs on its own).
"""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from typing import Any

from tests.bot.new_meeting_steps import NOW
from tests.compose.test_message_extension import action_value, fetch_card, invoke, submit_data
from tests.harness import TeamsClient, actions_of, all_text


class MovableClock:
    def __init__(self, at: datetime):
        self.at = at.astimezone(timezone.utc)

    def __call__(self) -> datetime:
        return self.at

    def set(self, at: datetime) -> None:
        self.at = at.astimezone(timezone.utc)


async def book(client: TeamsClient, when: str, subject: str = "Fagmøte ortopedi") -> None:
    card = await fetch_card(client)
    data = submit_data(card, "Opprett møte", subject=subject, when=when)
    status, body = await invoke(client, "composeExtension/submitAction", action_value(data))
    assert status == 200 and "composeExtension" in body, body


def reminders(client: TeamsClient) -> list[dict[str, Any]]:
    return [a for a in client.connector.sent
            if a["_conversation"] == client.conversation_id and "Møtet ditt kan åpnes nå" in all_text_of(a)]


def all_text_of(activity: dict[str, Any]) -> str:
    return "\n".join(all_text(att["content"]) for att in activity.get("attachments") or [])


async def test_a_meeting_booked_21_minutes_ahead_reminds_once_when_it_opens(start_bot):
    clock = MovableClock(NOW.replace(hour=12, minute=39))
    bot = await start_bot(clock=clock, reminder_poll_seconds=0)
    client = bot.client()
    await book(client, "i dag kl 13-14")
    loop = bot.resources.reminders
    assert await loop.tick() == 0 and reminders(client) == []      # 12:39: not yet
    clock.set(NOW.replace(hour=12, minute=40, second=5))
    assert await loop.tick() == 1
    (sent,) = reminders(client)
    card = sent["attachments"][0]["content"]
    text = all_text(card)
    assert "Fagmøte ortopedi" in text and "13:00-14:00" in text
    (meeting,) = await bot.portal.list_meetings(client.user.aad_object_id)
    urls = [a.get("url") for a in actions_of(card) if a["type"] == "Action.OpenUrl"]
    assert urls == [meeting["join_url"]]
    assert any(a.get("data", {}).get("action") == "reminders_off" for a in actions_of(card))
    clock.set(NOW.replace(hour=12, minute=50))
    assert await loop.tick() == 0 and len(reminders(client)) == 1   # never twice


async def test_a_restart_neither_loses_nor_repeats(start_bot, tmp_path):
    clock = MovableClock(NOW)
    data_dir = tmp_path / "shared"
    first = await start_bot(data_dir=data_dir, clock=clock, reminder_poll_seconds=0)
    client = first.client()
    await book(client, "i morgen kl 13-14")
    await first.runner.cleanup()                          # the bot goes down
    clock.set(NOW + timedelta(days=1, hours=2, minutes=45))  # 12:45 next day: due, not started
    second = await start_bot(data_dir=data_dir, clock=clock, reminder_poll_seconds=0)
    assert await second.resources.reminders.tick() == 1
    assert len(reminders(client)) == 1
    third = await start_bot(data_dir=data_dir, clock=clock, reminder_poll_seconds=0)
    assert await third.resources.reminders.tick() == 0
    assert len(reminders(client)) == 1


async def test_one_due_while_the_bot_was_down_is_dropped_after_the_start(start_bot):
    clock = MovableClock(NOW)
    bot = await start_bot(clock=clock, reminder_poll_seconds=0)
    client = bot.client()
    await book(client, "i morgen kl 13-14")
    clock.set(NOW + timedelta(days=1, hours=3, minutes=1))  # 13:01: started
    assert await bot.resources.reminders.tick() == 0
    assert reminders(client) == []


async def test_cancelled_meeting_reminds_no_one(start_bot):
    clock = MovableClock(NOW)
    bot = await start_bot(clock=clock, reminder_poll_seconds=0)
    client = bot.client()
    await book(client, "i morgen kl 13-14")
    (meeting,) = await bot.portal.list_meetings(client.user.aad_object_id)
    await client.submit({"action": "cancel_meeting", "meeting_id": meeting["id"], "confirmed": True})
    assert (await bot.portal.get_meeting(meeting["id"]))["status"] != "active"
    clock.set(NOW + timedelta(days=1, hours=2, minutes=45))
    assert await bot.resources.reminders.tick() == 0
    assert reminders(client) == []


async def test_cancelled_behind_the_bots_back_reminds_no_one(start_bot):
    """Cancelled in the portal itself (not through the bot): the send checks the portal first."""
    clock = MovableClock(NOW)
    bot = await start_bot(clock=clock, reminder_poll_seconds=0)
    client = bot.client()
    await book(client, "i morgen kl 13-14")
    (meeting,) = await bot.portal.list_meetings(client.user.aad_object_id)
    await bot.portal.cancel_meeting(meeting["id"], client.user.aad_object_id)
    clock.set(NOW + timedelta(days=1, hours=2, minutes=45))
    assert await bot.resources.reminders.tick() == 0
    assert reminders(client) == []


async def test_turned_off_from_the_reminder_itself(start_bot):
    clock = MovableClock(NOW)
    bot = await start_bot(clock=clock, reminder_poll_seconds=0)
    client = bot.client()
    card = await fetch_card(client)
    data = submit_data(card, "Opprett møte", subject="Teammøte", when="i morgen kl 13-14")
    await invoke(client, "composeExtension/submitAction", action_value(data))
    (meeting,) = await bot.portal.list_meetings(client.user.aad_object_id)
    stranger = bot.client("Ola Nordmann")
    replies = await stranger.submit({"action": "reminders_off", "meeting_id": meeting["id"]})
    assert "ingen flere påminnelser" not in replies[0].text          # not the stranger's meeting
    replies = await client.submit({"action": "reminders_off", "meeting_id": meeting["id"]})
    assert "ingen flere påminnelser" in replies[0].text
    clock.set(NOW + timedelta(days=1, hours=2, minutes=45))
    assert await bot.resources.reminders.tick() == 0


async def test_two_processes_on_one_data_dir_send_once(start_bot, tmp_path):
    clock = MovableClock(NOW)
    data_dir = tmp_path / "shared"
    one = await start_bot(data_dir=data_dir, clock=clock, reminder_poll_seconds=0)
    two = await start_bot(data_dir=data_dir, clock=clock, reminder_poll_seconds=0)
    client = one.client()
    for hour in (13, 14, 15):
        await book(client, f"i morgen kl {hour}-{hour}:30", subject=f"Møte {hour}")
    clock.set(NOW + timedelta(days=1, hours=6))  # 16:00: all three due... and started
    clock.set(NOW + timedelta(days=1, hours=2, minutes=50))  # 12:50: only the 13:00 one is due
    counts = await asyncio.gather(*(bot.resources.reminders.tick() for bot in (one, two, one, two)))
    assert sum(counts) == 1
    assert len(reminders(client)) == 1


async def test_the_real_clock_and_the_running_loop(start_bot):
    """No controlled clock: a meeting whose join window opens two seconds from now, and the
    background loop (polling every second) sends its reminder by itself, once."""
    bot = await start_bot(reminder_poll_seconds=1)
    client = bot.client()
    await client.say("hjelp")  # the personal chat's reference is recorded
    now = datetime.now(timezone.utc)
    start = now + timedelta(minutes=20, seconds=2)
    body = {"organizer": {"id": client.user.aad_object_id, "name": client.user.name, "email": None},
            "template_id": (await bot.resources.bot.services.booking.templates())[0]["id"],
            "subject": "Kort møte", "time_zone": "Europe/Oslo", "start": start.isoformat(),
            "end": (start + timedelta(minutes=30)).isoformat(), "recurrence": None,
            "occurrences": [{"start": start.isoformat(), "end": (start + timedelta(minutes=30)).isoformat()}],
            "invitations": {"emails": [], "sms": []}}
    await bot.resources.bot.services.booking.create_meeting(body, "k" * 32)
    deadline = asyncio.get_running_loop().time() + 8
    while not reminders(client) and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.1)
    assert len(reminders(client)) == 1
    await asyncio.sleep(1.5)
    assert len(reminders(client)) == 1
