from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

OSLO = ZoneInfo("Europe/Oslo")
# Wednesday 25 November 2026, 10:00 in Oslo: the same fixed "now" as tests/when.
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=OSLO)


def show(period: Any) -> tuple[str, ...] | tuple[str, None] | None:
    """A Period as compact strings, as in tests/when: ("2026-11-26 13:00", "2026-11-26 14:00"),
    ("2026-11-26",) for a day without a time."""
    if period is None:
        return None
    if not period.has_time:
        return (period.start.strftime("%Y-%m-%d"),)
    start = period.start.strftime("%Y-%m-%d %H:%M")
    return (start, None if period.end is None else period.end.strftime("%Y-%m-%d %H:%M"))


@pytest.fixture(autouse=True)
def _oslo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIME_ZONE", "Europe/Oslo")
