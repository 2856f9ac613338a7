"""Daylight saving in Oslo: 2026-03-29 02:00 -> 03:00, 2026-10-25 03:00 -> 02:00."""

from __future__ import annotations

import datetime as dt

import pytest

from core.when import parse_period, read_period

from .conftest import OSLO, show

MARCH_NOW = dt.datetime(2026, 3, 25, 10, tzinfo=OSLO)     # Wednesday before the change
OCTOBER_NOW = dt.datetime(2026, 10, 21, 10, tzinfo=OSLO)  # Wednesday before the change


@pytest.mark.parametrize(("text", "expected"), [
    ("søndag kl 09-10", ("2026-03-29 09:00", "2026-03-29 10:00")),
    ("29.03 kl 01:30", ("2026-03-29 01:30", None)),
    ("29.03 kl 03:00", ("2026-03-29 03:00", None)),
    ("29.03 kl 02:30", None),              # does not exist in Oslo
    ("søndag kl 02:00-04:00", None),       # start in the gap
    ("29.03 kl 01-04", ("2026-03-29 01:00", "2026-03-29 04:00")),
    ("mandag kl 9", ("2026-03-30 09:00", None)),
    ("lørdag 23-01", ("2026-03-28 23:00", "2026-03-29 01:00")),
])
def test_march(text, expected):
    assert show(parse_period(text, MARCH_NOW)) == expected


def test_march_offsets_and_elapsed_time():
    p = parse_period("29.03 kl 01-04", MARCH_NOW)
    assert p.start.utcoffset() == dt.timedelta(hours=1)
    assert p.end.utcoffset() == dt.timedelta(hours=2)
    assert p.duration == dt.timedelta(hours=2)  # wall clock 01-04, two real hours
    # a duration is elapsed time: 01:30 + 1 hour is 03:30 on the wall that night
    q = parse_period("29.03 kl 01:30 i 1 time", MARCH_NOW)
    assert q.end.strftime("%H:%M%z") == "03:30+0200"


def test_october_repeated_hour_is_refused():
    # contract 4 (issue 20): 02:30 that night comes twice, so there is no one time to book
    assert parse_period("25.10 kl 02:30", OCTOBER_NOW) is None
    assert read_period("25.10 kl 02:30", OCTOBER_NOW).reason == "dst"


@pytest.mark.parametrize(("text", "expected"), [
    ("søndag kl 09-10", ("2026-10-25 09:00", "2026-10-25 10:00")),
    ("mandag 9-10", ("2026-10-26 09:00", "2026-10-26 10:00")),
    ("25.10 kl 01-04", ("2026-10-25 01:00", "2026-10-25 04:00")),
])
def test_october(text, expected):
    assert show(parse_period(text, OCTOBER_NOW)) == expected


def test_october_offsets():
    p = parse_period("mandag 9-10", OCTOBER_NOW)
    assert p.start.utcoffset() == dt.timedelta(hours=1)
    q = parse_period("fredag 9-10", OCTOBER_NOW)
    assert q.start.utcoffset() == dt.timedelta(hours=2)
    r = parse_period("25.10 kl 01-04", OCTOBER_NOW)
    assert r.duration == dt.timedelta(hours=4)  # the repeated hour is real time


def test_time_zone_from_environment_and_argument(monkeypatch):
    from zoneinfo import ZoneInfo
    now = dt.datetime(2026, 11, 25, 10, tzinfo=OSLO)
    monkeypatch.setenv("TIME_ZONE", "America/New_York")
    p = parse_period("i morgen kl 14", now)
    assert p.start.tzinfo == ZoneInfo("America/New_York")
    assert p.start.strftime("%Y-%m-%d %H:%M") == "2026-11-26 14:00"
    q = parse_period("i morgen kl 14", now, tz=ZoneInfo("UTC"))
    assert q.start.strftime("%H:%M%z") == "14:00+0000"


def test_naive_now_is_wall_clock():
    p = parse_period("kl 11", dt.datetime(2026, 11, 25, 10))
    assert show(p) == ("2026-11-25 11:00", None)
    assert parse_period("kl 9", dt.datetime(2026, 11, 25, 10)) is None    # gone: past


def test_duration_across_the_repeated_hour():
    # 01:30 plus 90 minutes is 02:00 the second time round (+01:00): a duration is elapsed time
    p = parse_period("25.10 kl 01:30 i 1,5 time", OCTOBER_NOW)
    assert p.duration == dt.timedelta(minutes=90)
    assert p.end.strftime("%H:%M%z") == "02:00+0100"
