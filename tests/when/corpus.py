"""Shared moments and a compact notation for the phrase corpora.

``r(day, "14:00", "15:00")`` is a range on ``day`` ("26.11" or "26.11.2027"; the year
defaults to 2026), ``r(day, "14:00")`` a start without an end, ``d(day)`` a day
without a time, and an end that is on another day is written ``"27.11 02:00"``.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")

NOWS = {
    "W": dt.datetime(2026, 11, 25, 10, 0, tzinfo=OSLO),    # Wednesday morning
    "S": dt.datetime(2026, 11, 29, 21, 45, tzinfo=OSLO),   # Sunday, late evening
    "Y": dt.datetime(2026, 12, 31, 16, 0, tzinfo=OSLO),    # New Year's Eve (Thursday)
    "M": dt.datetime(2027, 1, 4, 7, 30, tzinfo=OSLO),      # Monday, early morning
    "SP": dt.datetime(2026, 3, 28, 20, 0, tzinfo=OSLO),    # Saturday before the spring change
    "FA": dt.datetime(2026, 10, 24, 12, 0, tzinfo=OSLO),   # Saturday before the autumn change
    "F": dt.datetime(2026, 11, 27, 23, 50, tzinfo=OSLO),   # Friday, ten to midnight
}


def _day(text: str) -> str:
    parts = text.split(".")
    year = parts[2] if len(parts) == 3 else "2026"
    return f"{year}-{int(parts[1]):02d}-{int(parts[0]):02d}"


def r(day: str, start: str, end: str | None = None) -> tuple:
    first = f"{_day(day)} {start}"
    if end is None:
        return (first, None)
    if " " in end:
        other, clock = end.split(" ")
        return (first, f"{_day(other)} {clock}")
    return (first, f"{_day(day)} {end}")


def d(day: str) -> tuple:
    return (_day(day),)
