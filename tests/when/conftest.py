from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

OSLO = ZoneInfo("Europe/Oslo")
# Wednesday 25 November 2026, 10:00 in Oslo: the fixed "now" of the phrase tables.
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=OSLO)


def show(period) -> tuple | None:
    """A Period as compact strings: ("2026-11-26 13:00", "2026-11-26 14:00"),
    ("2026-11-26 13:00", None) without an end, ("2026-11-26",) for a day without a time."""
    if period is None:
        return None
    assert period.start.tzinfo is not None
    if not period.has_time:
        assert period.end is None and period.start.time() == dt.time(0, 0)
        return (period.start.strftime("%Y-%m-%d"),)
    start = period.start.strftime("%Y-%m-%d %H:%M")
    if period.end is None:
        return (start, None)
    assert period.duration > dt.timedelta(0)
    return (start, period.end.strftime("%Y-%m-%d %H:%M"))


@pytest.fixture(autouse=True)
def _oslo(monkeypatch):
    monkeypatch.setenv("TIME_ZONE", "Europe/Oslo")
