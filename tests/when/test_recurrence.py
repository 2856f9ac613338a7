"""Regelmessighet: occurrences, limits, daylight saving, join window, long-lived room."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.recurrence import (
    JOIN_MARGIN,
    SeriesTooLong,
    join_window,
    long_lived_room,
    occurrences,
)

OSLO = ZoneInfo("Europe/Oslo")


def at(y, mo, d, h=9, mi=0):
    return dt.datetime(y, mo, d, h, mi, tzinfo=OSLO)


def days(occ):
    return [s.date().isoformat() for s, _ in occ]


def test_none_is_the_meeting_itself():
    assert occurrences(at(2026, 12, 1), at(2026, 12, 1, 10), "none", None) == [
        (at(2026, 12, 1), at(2026, 12, 1, 10))]
    assert len(occurrences(at(2026, 12, 1), at(2026, 12, 1, 10), "none", dt.date(2027, 5, 1))) == 1


def test_daily_until_is_inclusive():
    occ = occurrences(at(2026, 12, 1), at(2026, 12, 1, 10), "daily", dt.date(2026, 12, 5))
    assert days(occ) == ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05"]
    assert all(e - s == dt.timedelta(hours=1) for s, e in occ)


def test_until_same_day_gives_one():
    assert len(occurrences(at(2026, 12, 1), at(2026, 12, 1, 10), "daily", dt.date(2026, 12, 1))) == 1


def test_weekdays_skip_weekends():
    occ = occurrences(at(2026, 11, 27), at(2026, 11, 27, 10), "weekdays", dt.date(2026, 12, 8))
    assert days(occ) == ["2026-11-27", "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03",
                         "2026-12-04", "2026-12-07", "2026-12-08"]


def test_weekly_and_biweekly():
    start, end = at(2026, 12, 1), at(2026, 12, 1, 10)
    assert days(occurrences(start, end, "weekly", dt.date(2026, 12, 29))) == [
        "2026-12-01", "2026-12-08", "2026-12-15", "2026-12-22", "2026-12-29"]
    biweekly = days(occurrences(start, end, "biweekly", dt.date(2026, 12, 29)))
    assert biweekly == ["2026-12-01", "2026-12-15", "2026-12-29"]
    assert biweekly == days(occurrences(start, end, "weekly", dt.date(2026, 12, 29), interval=2))


def test_monthly_clamps_to_the_last_day():
    occ = occurrences(at(2026, 1, 31), at(2026, 1, 31, 10), "monthly", dt.date(2026, 6, 30))
    assert days(occ) == ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31",
                         "2026-06-30"]
    occ = occurrences(at(2026, 1, 15), at(2026, 1, 15, 10), "monthly", dt.date(2026, 4, 14))
    assert days(occ) == ["2026-01-15", "2026-02-15", "2026-03-15"]


def test_march_dst_keeps_wall_clock():
    occ = occurrences(at(2026, 3, 26), at(2026, 3, 26, 10), "daily", dt.date(2026, 4, 1))
    assert {(s.hour, e.hour) for s, e in occ} == {(9, 10)}
    offsets = [s.utcoffset() for s, _ in occ]
    assert offsets[:3] == [dt.timedelta(hours=1)] * 3 and offsets[3:] == [dt.timedelta(hours=2)] * 4


def test_october_dst_keeps_wall_clock():
    occ = occurrences(at(2026, 10, 19), at(2026, 10, 19, 10), "weekly", dt.date(2026, 11, 2))
    assert [s.strftime("%m-%d %H:%M%z") for s, _ in occ] == [
        "10-19 09:00+0200", "10-26 09:00+0100", "11-02 09:00+0100"]


def test_time_in_the_gap_moves_forward():
    occ = occurrences(at(2026, 3, 28, 2, 30), at(2026, 3, 28, 3, 30), "daily", dt.date(2026, 3, 30))
    assert [s.strftime("%d %H:%M%z") for s, _ in occ] == [
        "28 02:30+0100", "29 03:30+0200", "30 02:30+0200"]


def test_long_lived_room_across_dst():
    preset = long_lived_room(dt.date(2026, 3, 27), dt.date(2026, 3, 31), OSLO)
    assert preset.frequency == "daily" and preset.until == dt.date(2026, 3, 31)
    occ = occurrences(*preset)
    assert [(s.strftime("%H:%M"), e.strftime("%H:%M")) for s, e in occ] == [("00:00", "23:30")] * 5


def test_long_lived_room_default_zone(monkeypatch):
    monkeypatch.setenv("TIME_ZONE", "Europe/Oslo")
    preset = long_lived_room(dt.date(2026, 12, 1), dt.date(2027, 5, 31))
    assert preset.start == at(2026, 12, 1, 0) and preset.end == at(2026, 12, 1, 23, 30)
    assert len(occurrences(*preset)) == 182


def test_one_year_is_allowed_more_is_not():
    start, end = at(2026, 11, 25), at(2026, 11, 25, 10)
    assert len(occurrences(start, end, "daily", dt.date(2027, 11, 25))) == 366
    with pytest.raises(SeriesTooLong, match="at most one year") as err:
        occurrences(start, end, "weekly", dt.date(2027, 11, 26))
    assert err.value.reason == "span" and isinstance(err.value, ValueError)


def test_more_than_366_occurrences():
    # a leap year inside: 1 March 2027 to 1 March 2028 is 367 days
    with pytest.raises(ValueError, match="366 occurrences") as err:
        occurrences(at(2027, 3, 1), at(2027, 3, 1, 10), "daily", dt.date(2028, 3, 1))
    assert err.value.reason == "count"


@pytest.mark.parametrize(("args", "message"), [
    (("hourly", dt.date(2026, 12, 5)), "unknown frequency"),
    (("daily", None), "needs a last day"),
    (("daily", dt.date(2026, 11, 30)), "before the first"),
])
def test_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        occurrences(at(2026, 12, 1), at(2026, 12, 1, 10), *args)


def test_end_must_follow_start_and_interval_positive():
    with pytest.raises(ValueError):
        occurrences(at(2026, 12, 1, 10), at(2026, 12, 1, 9), "daily", dt.date(2026, 12, 2))
    with pytest.raises(ValueError):
        occurrences(at(2026, 12, 1), at(2026, 12, 1, 10), "daily", dt.date(2026, 12, 2), interval=0)


def test_fixed_offset_start_uses_time_zone(monkeypatch):
    monkeypatch.setenv("TIME_ZONE", "Europe/Oslo")
    start = dt.datetime.fromisoformat("2026-10-19T09:00:00+02:00")
    occ = occurrences(start, start + dt.timedelta(hours=1), "weekly", dt.date(2026, 10, 26))
    assert [s.strftime("%H:%M%z") for s, _ in occ] == ["09:00+0200", "09:00+0100"]


def test_join_window():
    opens, closes = join_window(at(2026, 12, 1, 14), at(2026, 12, 1, 15))
    assert opens == at(2026, 12, 1, 13, 40) and closes == at(2026, 12, 1, 15, 20)
    assert JOIN_MARGIN == dt.timedelta(minutes=20)


@settings(max_examples=150, deadline=None)
@given(day=st.dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31)),
       hour=st.integers(0, 22), minutes=st.integers(15, 300),
       frequency=st.sampled_from(["daily", "weekdays", "weekly", "biweekly", "monthly"]),
       span=st.integers(0, 400))
def test_series_properties(day, hour, minutes, frequency, span):
    start = dt.datetime.combine(day, dt.time(hour), tzinfo=OSLO)
    end = start + dt.timedelta(minutes=minutes)
    until = day + dt.timedelta(days=span)
    if frequency == "weekdays" and day.weekday() > 4:
        with pytest.raises(ValueError, match="weekday"):
            occurrences(start, end, frequency, until)
        return
    try:
        occ = occurrences(start, end, frequency, until)
    except SeriesTooLong:
        assert span >= 366
        return
    assert 1 <= len(occ) <= 366
    assert occ[0][0].astimezone(dt.timezone.utc) == start.astimezone(dt.timezone.utc)
    for s, e in occ:
        assert day <= s.date() <= until
        assert e.astimezone(dt.timezone.utc) > s.astimezone(dt.timezone.utc)
    assert [s for s, _ in occ] == sorted(s for s, _ in occ)


def test_monthly_on_the_30th_and_every_other_month():
    occ = occurrences(at(2026, 1, 30), at(2026, 1, 30, 10), "monthly", dt.date(2026, 4, 30))
    assert days(occ) == ["2026-01-30", "2026-02-28", "2026-03-30", "2026-04-30"]
    occ = occurrences(at(2026, 1, 31), at(2026, 1, 31, 10), "monthly", dt.date(2026, 7, 31), interval=2)
    assert days(occ) == ["2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31"]
    leap = occurrences(at(2027, 12, 31), at(2027, 12, 31, 10), "monthly", dt.date(2028, 3, 31))
    assert days(leap) == ["2027-12-31", "2028-01-31", "2028-02-29", "2028-03-31"]


def test_weekly_for_a_year_keeps_the_wall_clock_through_both_changes():
    occ = occurrences(at(2026, 1, 5, 8, 30), at(2026, 1, 5, 9, 15), "weekly", dt.date(2027, 1, 4))
    assert len(occ) == 53
    assert {(s.strftime("%H:%M"), e.strftime("%H:%M")) for s, e in occ} == {("08:30", "09:15")}
    assert {s.utcoffset() for s, _ in occ} == {dt.timedelta(hours=1), dt.timedelta(hours=2)}


def test_biweekly_with_an_interval_doubles_it():
    occ = occurrences(at(2026, 12, 1), at(2026, 12, 1, 10), "biweekly", dt.date(2027, 1, 26), interval=2)
    assert days(occ) == ["2026-12-01", "2026-12-29", "2027-01-26"]


def test_overnight_meeting_keeps_its_wall_clock_length():
    # 22:00-01:00 every night across the March change: 01:00 is still before it
    occ = occurrences(at(2026, 3, 27, 22), at(2026, 3, 28, 1), "daily", dt.date(2026, 3, 29))
    assert [(s.strftime("%d %H:%M"), e.strftime("%d %H:%M")) for s, e in occ] == [
        ("27 22:00", "28 01:00"), ("28 22:00", "29 01:00"), ("29 22:00", "30 01:00")]
    # an end at 02:00 on the night of the change does not exist: it moves on by the gap
    occ = occurrences(at(2026, 3, 28, 22), at(2026, 3, 29, 2), "daily", dt.date(2026, 3, 29))
    assert [e.strftime("%d %H:%M%z") for _, e in occ] == ["29 03:00+0200", "30 02:00+0200"]


def test_weekdays_on_a_weekend_start_says_so_before_any_limit():
    with pytest.raises(ValueError, match="must start on a weekday"):
        occurrences(at(2026, 11, 28), at(2026, 11, 28, 10), "weekdays", dt.date(2028, 1, 1))


def test_error_messages_name_the_limits():
    with pytest.raises(SeriesTooLong) as span:
        occurrences(at(2026, 11, 25), at(2026, 11, 25, 10), "monthly", dt.date(2028, 1, 1))
    assert "one year" in str(span.value) and "2027-11-25" in str(span.value)
    with pytest.raises(SeriesTooLong) as count:
        occurrences(at(2027, 3, 1), at(2027, 3, 1, 10), "daily", dt.date(2028, 3, 1))
    assert "366" in str(count.value)
