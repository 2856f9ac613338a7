"""Ny avtale and time: the app's clock, "i dag", the booking rules of core, the join window and
daylight-saving changes - whole conversations over real HTTP, each at a frozen, known "now"."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from bot.actions import Services
from bot.dialogs.new_meeting import schedule
from core.booking import Booking
from tests.bot.new_meeting_steps import (
    NOW,
    TZ,
    Form,
    facts_of,
    frozen_clock,
    iso,
    meetings_of,
    shown_period,
    the_meeting,
    today,
)

PAST = "Tidspunktet du skrev etter «ny avtale», har allerede begynt."
DAY_OVER = "Det er ikke mer tid igjen i dag"
TWICE = "Det klokkeslettet finnes to ganger den dagen (overgang til vintertid)."
AUTUMN = date(2027, 10, 31)  # Oslo: 02:00-03:00 happens twice
SPRING = date(2027, 3, 28)   # Oslo: 02:00-03:00 never happens


def time_inputs(form: Form) -> tuple[str, str, str]:
    inputs = form.inputs()
    return inputs["date"].get("value"), inputs["start"].get("value"), inputs["end"].get("value")


# -- the app's clock (item: tests could fail around midnight) --------------------------------------
async def test_the_dialog_reads_the_apps_clock_at_midnight_on_new_years_eve(start_bot):
    """The bot's "i morgen" is the day after the app's now, not after the machine's."""
    eve = datetime(2026, 12, 31, 23, 59, 59, tzinfo=TZ)
    bot = await start_bot(clock=frozen_clock(eve))
    form = Form(bot.client())
    await form.start("ny avtale i morgen kl 13-14")
    await form.fill(stop_at="recurrence")  # the time step is skipped: the pre-filled time is known
    await form.fill()
    new_year = date(2027, 1, 1)
    assert facts_of(form.card)["Tidspunkt"] == shown_period(new_year, "13:00", "14:00") == "fre 01.01.2027 13:00-14:00"
    await form.press()
    meeting = await the_meeting(bot, form.client)
    assert (meeting["start"], meeting["end"]) == (iso(new_year, "13:00"), iso(new_year, "14:00"))


async def test_settings_time_zone_is_used_not_the_environment(start_bot, monkeypatch):
    """warm_up and every parse use the settings' zone: a TIME_ZONE in the environment that is no
    zone at all changes nothing (the bot used to read it at start-up and fail)."""
    monkeypatch.setenv("TIME_ZONE", "Nowhere/Atlantis")
    bot = await start_bot(time_zone="Europe/Oslo", clock=frozen_clock())
    form = Form(bot.client())
    await form.start("ny avtale hver mandag kl 9-10 til 21. desember")
    await form.fill()
    monday = date(2026, 11, 30)
    assert facts_of(form.card)["Tidspunkt"] == shown_period(monday, "09:00", "10:00")
    assert facts_of(form.card)["Regelmessighet"].startswith("Ukentlig, 4 møter")


# -- "ny avtale i dag" ------------------------------------------------------------------------------
async def test_i_dag_defaults_to_the_next_free_slot_today(bot):
    form = Form(bot.client())
    await form.start("ny avtale i dag")  # 10:00: 09:00 has gone, 11:00 is next
    await form.fill(stop_at="time")
    assert time_inputs(form) == (today().isoformat(), "11:00", "12:00")
    assert PAST not in form.text and DAY_OVER not in form.text
    await form.press()
    assert form.step == "recurrence"


async def test_a_typed_time_that_has_begun_is_not_dropped_silently(bot):
    form = Form(bot.client())
    await form.start("ny avtale i dag kl 8-9")
    await form.fill(stop_at="time")
    assert PAST in form.text
    assert time_inputs(form) == (today().isoformat(), "11:00", "12:00")
    await form.press()  # the suggestion can be booked as it is
    assert form.step == "recurrence" and PAST not in form.text


async def test_a_typed_start_without_an_end_is_the_cards_default(bot):
    form = Form(bot.client())
    await form.start("ny avtale i morgen kl 13")
    await form.fill(stop_at="time")
    assert time_inputs(form) == ((today() + timedelta(days=1)).isoformat(), "13:00", "14:00")


@pytest.mark.parametrize("clock,expected,notice", [
    ("21:10", (date(2026, 11, 25), "22:00", "23:00"), None),    # "i dag" means today, evenings too
    ("22:30", (date(2026, 11, 26), "09:00", "10:00"), DAY_OVER),  # no hour left today: next morning, said
])
async def test_i_dag_in_the_evening(start_bot, clock, expected, notice):
    hour, minute = map(int, clock.split(":"))
    bot = await start_bot(clock=frozen_clock(NOW.replace(hour=hour, minute=minute)))
    form = Form(bot.client())
    await form.start("ny avtale i dag")
    await form.fill(stop_at="time")
    day, start, end = expected
    assert time_inputs(form) == (day.isoformat(), start, end)
    assert (DAY_OVER in form.text) == (notice is not None)
    await form.press()
    assert form.step == "recurrence"


# -- one set of rules: core.booking's (item: series_problem/check_period written twice) -------------
async def test_a_meeting_under_way_can_be_booked_one_that_ended_cannot(bot):
    """The time step asks core.booking, which creates the meeting by the same rule: a meeting is
    in the past when its end has passed (at 10:00, 09:30-11:00 is under way, 08:00-09:00 over)."""
    form = Form(bot.client())
    await form.start("ny avtale")
    await form.fill(stop_at="time")
    await form.press(date=today().isoformat(), start="08:00", end="09:00", when="")
    assert form.step == "time" and "Det tidspunktet har allerede vært." in form.text
    await form.press(date=today().isoformat(), start="09:30", end="11:00", when="")
    assert form.step == "recurrence"
    await form.fill()
    await form.press()
    meeting = await the_meeting(bot, form.client)
    assert (meeting["start"], meeting["end"]) == (iso(today(), "09:30"), iso(today(), "11:00"))


async def test_long_lived_room_over_the_autumn_change_is_not_too_long(bot):
    """00:00-23:30 on the day the clocks go back lasts 24.5 real hours; the 24-hour rule is about
    the wall clock, so the long-lived room is booked on that day as on any other."""
    form = Form(bot.client())
    await form.start("ny avtale")
    await form.fill(day=AUTUMN, start="10:00", end="11:00", stop_at="recurrence")
    until = AUTUMN + timedelta(days=2)
    await form.press("Langvarig rom (00:00-23:30 daglig)", until=until.isoformat())
    assert form.step == "summary", form.text
    assert facts_of(form.card)["Regelmessighet"].startswith("Daglig, 3 møter")
    assert facts_of(form.card)["Kobling åpner"] == "30.10.2027 kl. 23:40"
    await form.press()
    meeting = await the_meeting(bot, form.client)
    assert [o["start"] for o in meeting["occurrences"]] == [iso(AUTUMN + timedelta(days=i), "00:00") for i in range(3)]
    assert meeting["occurrences"][0]["end"] == "2027-10-31T23:30:00+01:00"


def test_the_dialog_asks_core_for_the_rules():
    booking = Booking(portal=None, time_zone=TZ, clock=frozen_clock())
    services = Services(booking=booking, directory=None, tz=TZ, limits=None)
    start = datetime(2026, 12, 1, 9, 0, tzinfo=TZ)

    def refusal_code(services, start, end):
        refusal = schedule(services, start, end)[1]
        return refusal.code if refusal is not None else None

    assert refusal_code(services, start, start + timedelta(hours=25)) == "too_long"
    assert refusal_code(services, start, start) == "end_before_start"
    assert refusal_code(services, start - timedelta(days=7), start - timedelta(days=7, hours=-1)) == "in_the_past"
    assert refusal_code(services, start, start + timedelta(hours=24)) is None
    series, refusal = schedule(services, start, start + timedelta(hours=1), "weekly", date(2026, 12, 22))
    assert refusal is None and [s.day for s, _ in series] == [1, 8, 15, 22]
    series, refusal = schedule(services, start, start + timedelta(hours=1), "daily", date(2028, 1, 1))
    assert series == [] and refusal.code == "series_too_long"


# -- the join window across daylight-saving changes ------------------------------------------------
async def test_join_opens_twenty_real_minutes_before_a_start_just_after_the_spring_change(bot):
    """03:00 on 28 March 2027 comes right after 01:59: the link opens at 01:40, not at "02:40"
    (a wall-clock time that day never has)."""
    form = Form(bot.client())
    await form.start("ny avtale")
    await form.fill(day=SPRING, start="03:00", end="04:00", stop_at="recurrence")
    await form.fill()
    assert facts_of(form.card)["Kobling åpner"] == "28.03.2027 kl. 01:40"
    await form.press()
    assert "Deltakerne kan koble til fra 28.03.2027 kl. 01:40." in form.text
    meeting = await the_meeting(bot, form.client)
    opens = datetime.fromisoformat(meeting["join_opens_at"])
    assert opens == datetime(2027, 3, 28, 0, 40, tzinfo=timezone.utc)


# -- times that exist twice, or not at all ---------------------------------------------------------
async def test_a_time_that_exists_twice_is_refused_from_the_pickers(bot):
    form = Form(bot.client())
    await form.start("ny avtale")
    await form.fill(stop_at="time")
    await form.press(date=AUTUMN.isoformat(), start="02:30", end="03:30", when="")
    assert form.step == "time" and TWICE in form.text
    assert time_inputs(form) == (AUTUMN.isoformat(), "02:30", "03:30")  # kept for correcting
    await form.press(date=AUTUMN.isoformat(), start="01:00", end="02:15", when="")  # the end is the one
    assert form.step == "time" and TWICE in form.text
    await form.press(date=AUTUMN.isoformat(), start="03:30", end="04:30", when="")
    assert form.step == "recurrence"
    await form.fill()
    await form.press()
    meeting = await the_meeting(bot, form.client)
    assert meeting["start"] == "2027-10-31T03:30:00+01:00"


async def test_a_time_that_exists_twice_is_refused_typed_and_never_pre_filled(bot):
    form = Form(bot.client())
    await form.start("ny avtale 31.10.2027 kl 02:30-03:30")
    await form.fill(stop_at="time")  # not skipped: which 02:30 is not guessed
    # contracts §4 (wave 2): parse_period refuses the repeated time, so the pickers are not pre-filled
    await form.press(date=AUTUMN.isoformat(), start="02:30", end="03:30", when="")
    assert form.step == "time" and TWICE in form.text
    await form.say("31.10.2027 kl 02:30-03:30")
    assert form.step == "time" and TWICE in form.text
    await form.say("31.10.2027 kl 04:00-05:00")
    assert form.step == "recurrence"
    assert await meetings_of(bot, form.client) == []


async def test_a_time_that_does_not_exist_is_refused_from_the_pickers(bot):
    form = Form(bot.client())
    await form.start("ny avtale")
    await form.fill(stop_at="time")
    await form.press(date=SPRING.isoformat(), start="02:30", end="03:30", when="")
    assert form.step == "time" and "Det klokkeslettet finnes ikke den dagen (overgang til sommertid)." in form.text
