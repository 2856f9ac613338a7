"""Legg i kalender: the .ics files round-trip through a real CalDAV server (Radicale on loopback).

The server stores what we PUT and computes the instances itself (a calendar-query REPORT with a
time range and ``expand``), so a wrong RRULE, EXDATE, VTIMEZONE or UNTIL shows up as a wrong
instance list or a wrong wall-clock time.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import aiohttp
import icalendar

from core.calendar import calendar_file, uid
from core.recurrence import occurrences
from tests.calendar.caldav import expanded_instances, make_calendar, put_event

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2027, 10, 1, 8, 0, tzinfo=timezone.utc)


def meeting_of(series, cancelled=(), recurrence=None, **extra):
    def periods(values):
        return [{"start": s.isoformat(), "end": e.isoformat()} for s, e in values]

    meeting = {"id": "Rk3x9Zq2", "kind": "scheduled", "status": "active", "time_zone": "Europe/Oslo",
               "subject": "Fagmøte", "join_url": "https://join.example.no/webapp/conference/123456",
               "start": series[0][0].isoformat(), "end": series[0][1].isoformat(), "recurrence": recurrence,
               "occurrences": periods([p for p in series if p not in cancelled]),
               "cancelled_occurrences": periods(cancelled), "created_at": "2027-09-30T10:00:00+02:00"}
    meeting.update(extra)
    return meeting


def ics(meeting) -> bytes:
    return calendar_file(meeting, summary=meeting.get("subject") or "Hurtigavtale - 365",
                         location=meeting["join_url"], description="Bli med: " + meeting["join_url"], now=NOW)


def wall(event) -> tuple[str, str]:
    start = event.decoded("dtstart").astimezone(OSLO)
    end = event.decoded("dtend").astimezone(OSLO) if "dtend" in event else start + event.decoded("duration")
    return start.strftime("%Y-%m-%d %H:%M"), end.strftime("%H:%M")


async def roundtrip(radicale, meeting, start, end):
    async with aiohttp.ClientSession() as session:
        collection = f"{radicale.url}/kari/delta/"
        await make_calendar(session, collection)
        status = await put_event(session, f"{collection}{meeting['id']}.ics", ics(meeting))
        assert status == 201
        return await expanded_instances(session, collection, start, end)


async def test_weekly_series_with_a_cancelled_occurrence_across_the_october_dst_change(radicale):
    # Tuesdays 14:00-15:00 from 12.10.2027 to 16.11.2027; the clocks go back on Sunday 31.10.2027.
    series = occurrences(datetime(2027, 10, 12, 14, tzinfo=OSLO), datetime(2027, 10, 12, 15, tzinfo=OSLO),
                         "weekly", date(2027, 11, 16))
    assert len(series) == 6 and {s.utcoffset() for s, _ in series} == {timedelta(hours=2), timedelta(hours=1)}
    cancelled = [series[3]]  # 02.11.2027, the first Tuesday in winter time
    meeting = meeting_of(series, cancelled, {"frequency": "weekly", "interval": 1, "until": "2027-11-16"})
    text = ics(meeting).decode()
    assert "RRULE:FREQ=WEEKLY;UNTIL=20271116T130000Z" in text and "BEGIN:VTIMEZONE" in text
    assert "METHOD:PUBLISH" in text and "EXDATE;TZID=Europe/Oslo:20271102T140000" in text

    instances = await roundtrip(radicale, meeting, datetime(2027, 10, 1, tzinfo=timezone.utc),
                                datetime(2027, 12, 1, tzinfo=timezone.utc))
    assert sorted(wall(e) for e in instances) == [
        ("2027-10-12 14:00", "15:00"), ("2027-10-19 14:00", "15:00"), ("2027-10-26 14:00", "15:00"),
        ("2027-11-09 14:00", "15:00"), ("2027-11-16 14:00", "15:00")]
    assert {str(e["uid"]) for e in instances} == {uid(meeting["id"])}
    assert {str(e["summary"]) for e in instances} == {"Fagmøte"}
    assert all(meeting["join_url"] in str(e["location"]) for e in instances)


async def test_monthly_on_the_31st_falls_on_the_last_day_of_shorter_months(radicale):
    series = occurrences(datetime(2027, 8, 31, 9, tzinfo=OSLO), datetime(2027, 8, 31, 10, tzinfo=OSLO),
                         "monthly", date(2027, 12, 31))
    cancelled = [series[2]]
    meeting = meeting_of(series, cancelled, {"frequency": "monthly", "interval": 1, "until": "2027-12-31"})
    event = next(iter(icalendar.Calendar.from_ical(ics(meeting)).walk("VEVENT")))
    assert event["rrule"]["BYSETPOS"] == [-1] and event["rrule"]["BYMONTHDAY"] == [28, 29, 30, 31]
    instances = await roundtrip(radicale, meeting, datetime(2027, 8, 1, tzinfo=timezone.utc),
                                datetime(2028, 1, 31, tzinfo=timezone.utc))
    assert sorted(wall(e)[0] for e in instances) == [
        "2027-08-31 09:00", "2027-09-30 09:00", "2027-11-30 09:00", "2027-12-31 09:00"]


def test_a_series_no_rule_describes_goes_as_rdates_with_exdates():
    """(Radicale expands only events with an RRULE, so this one is checked in the file itself.)"""
    first = datetime(2027, 10, 12, 14, tzinfo=OSLO)
    series = [(first + timedelta(days=d), first + timedelta(days=d, hours=1)) for d in (0, 3, 10, 20)]
    meeting = meeting_of(series, [series[2]], {"frequency": "weekly", "interval": 1, "until": "2027-11-01"})
    event = next(iter(icalendar.Calendar.from_ical(ics(meeting)).walk("VEVENT")))
    assert "rrule" not in event
    assert [d.dt for d in event["rdate"].dts] == [s for s, _ in series[1:]]
    assert [d.dt for d in event["exdate"].dts] == [series[2][0]]


async def test_a_long_lived_room_keeps_00_to_23_30_on_the_day_the_clocks_change(radicale):
    series = occurrences(datetime(2027, 10, 30, 0, tzinfo=OSLO), datetime(2027, 10, 30, 23, 30, tzinfo=OSLO),
                         "daily", date(2027, 11, 1))
    meeting = meeting_of(series, (), {"frequency": "daily", "interval": 1, "until": "2027-11-01"})
    instances = await roundtrip(radicale, meeting, datetime(2027, 10, 29, tzinfo=timezone.utc),
                                datetime(2027, 11, 3, tzinfo=timezone.utc))
    assert sorted(wall(e) for e in instances) == [
        ("2027-10-30 00:00", "23:30"), ("2027-10-31 00:00", "23:30"), ("2027-11-01 00:00", "23:30")]


async def test_a_quick_meeting_is_a_free_all_day_event_on_the_day_it_was_made(radicale):
    meeting = {"id": "Q9", "kind": "quick", "status": "active", "join_url": "https://join.example.no/q",
               "created_at": "2027-10-04T09:15:00+00:00", "valid_until": "2028-10-03T09:15:00+00:00"}
    text = ics(meeting).decode()
    assert "TRANSP:TRANSPARENT" in text and "DTSTART;VALUE=DATE:20271004" in text
    instances = await roundtrip(radicale, meeting, datetime(2027, 10, 1, tzinfo=timezone.utc),
                                datetime(2027, 10, 10, tzinfo=timezone.utc))
    assert len(instances) == 1 and instances[0].decoded("dtstart") in (date(2027, 10, 4),
                                                                     datetime(2027, 10, 4, tzinfo=timezone.utc))


def test_sequence_rises_and_the_uid_stays_when_an_occurrence_is_cancelled():
    series = occurrences(datetime(2027, 10, 12, 14, tzinfo=OSLO), datetime(2027, 10, 12, 15, tzinfo=OSLO),
                         "weekly", date(2027, 11, 16))
    recurrence = {"frequency": "weekly", "interval": 1, "until": "2027-11-16"}
    before = icalendar.Calendar.from_ical(ics(meeting_of(series, (), recurrence)))
    after = icalendar.Calendar.from_ical(ics(meeting_of(series, [series[1]], recurrence)))
    cancelled = icalendar.Calendar.from_ical(ics(meeting_of(series, [series[1]], recurrence, status="cancelled")))
    events = [next(iter(c.walk("VEVENT"))) for c in (before, after, cancelled)]
    assert len({str(e["uid"]) for e in events}) == 1
    assert [int(e["sequence"]) for e in events] == [0, 1, 2]
    assert [str(e["status"]) for e in events] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    assert int(next(iter(icalendar.Calendar.from_ical(ics(meeting_of(series, (), recurrence, revision=7)))
                         .walk("VEVENT")))["sequence"]) == 7
