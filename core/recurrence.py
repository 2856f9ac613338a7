"""Regelmessighet: a meeting's time repeated by a rule -> its occurrences.

    >>> from datetime import datetime, date
    >>> from zoneinfo import ZoneInfo
    >>> oslo = ZoneInfo("Europe/Oslo")
    >>> occ = occurrences(datetime(2026, 3, 27, 9, tzinfo=oslo), datetime(2026, 3, 27, 10, tzinfo=oslo),
    ...                   "daily", date(2026, 3, 30))
    >>> [s.strftime("%d %H:%M%z") for s, _ in occ]     # 09:00 on both sides of the DST change
    ['27 09:00+0100', '28 09:00+0100', '29 09:00+0200', '30 09:00+0200']

Rules (dateutil's rrule on wall-clock times, then placed in the zone):

* ``none``: the one meeting; ``until`` is ignored.
* ``daily``, ``weekdays`` (Monday-Friday), ``weekly``, ``biweekly`` (= weekly
  with interval 2; an interval given with it is doubled), ``monthly``.
  ``interval`` repeats every n-th day/week/month; for ``weekdays`` every n-th week.
* ``until`` is a day, inclusive, in the users' zone.
* Wall-clock times are kept across daylight-saving changes: 09:00 stays 09:00.
  A time that does not exist on some day (02:30 on the last Sunday of March)
  moves forward by the gap (03:30), as clocks do; one that exists twice takes
  the first.
* A ``weekdays`` series must start on a weekday (its first meeting is the start).
* ``monthly`` on the 29th-31st falls on the last day of shorter months.
* A series may last at most one year (``until`` at most one year after the
  first day) and have at most 366 occurrences; otherwise :class:`SeriesTooLong`
  (a ``ValueError``) says which.

Also here: :func:`join_window` (by :data:`core.rules.JOIN_MARGIN`) and the guideline's
long-lived room preset :func:`long_lived_room`.
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import NamedTuple
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, FR, MO, MONTHLY, TH, TU, WE, WEEKLY, rrule

from .rules import FREQUENCIES, JOIN_MARGIN, MAX_OCCURRENCES

__all__ = [
    "FREQUENCIES", "JOIN_MARGIN", "MAX_OCCURRENCES", "MAX_SPAN", "SeriesPreset", "SeriesTooLong",
    "join_window", "long_lived_room", "occurrences",
]

MAX_SPAN = relativedelta(years=1)


class SeriesTooLong(ValueError):
    """A series over the limits. ``reason`` is "span" (longer than one year) or "count" (over 366)."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


def _zone(start: _dt.datetime, tz: _dt.tzinfo | None) -> _dt.tzinfo:
    if tz is not None:
        return tz
    if isinstance(start.tzinfo, ZoneInfo):
        return start.tzinfo
    return ZoneInfo(os.environ.get("TIME_ZONE") or "Europe/Oslo")


def _place(naive: _dt.datetime, tz: _dt.tzinfo) -> _dt.datetime:
    """Wall-clock time in ``tz``; a time in a DST gap moves forward by the gap."""
    aware = naive.replace(tzinfo=tz, fold=0)
    return aware.astimezone(_dt.timezone.utc).astimezone(tz)


def occurrences(start: _dt.datetime, end: _dt.datetime, frequency: str,
                until: _dt.date | None, interval: int = 1, *, tz: _dt.tzinfo | None = None
                ) -> list[tuple[_dt.datetime, _dt.datetime]]:
    """Every (start, end) of the series, first to last, as aware datetimes in the zone.

    ``start``/``end`` are aware (a naive one is taken as wall-clock time in the
    zone); the zone is ``tz``, else ``start``'s ZoneInfo, else ``TIME_ZONE``.
    """
    if frequency not in FREQUENCIES:
        raise ValueError(f"unknown frequency {frequency!r}; expected one of {', '.join(FREQUENCIES)}")
    if isinstance(interval, bool) or not isinstance(interval, int) or interval < 1:
        raise ValueError("interval must be a whole number of at least 1")
    tz = _zone(start, tz)
    local_start = start.replace(tzinfo=tz) if start.tzinfo is None else start.astimezone(tz)
    local_end = end.replace(tzinfo=tz) if end.tzinfo is None else end.astimezone(tz)
    if local_end <= local_start:
        raise ValueError("the end must be after the start")
    if frequency == "none":
        return [(local_start, local_end)]
    if until is None:
        raise ValueError(f"a {frequency} series needs a last day (until)")
    if isinstance(until, _dt.datetime):
        until = until.astimezone(tz).date() if until.tzinfo else until.date()
    first_day = local_start.date()
    if frequency == "weekdays" and first_day.weekday() > 4:
        raise ValueError("a weekdays series must start on a weekday (Monday to Friday)")
    if until < first_day:
        raise ValueError("the last day (until) is before the first meeting")
    if until > first_day + MAX_SPAN:
        raise SeriesTooLong(
            f"a series may last at most one year: the last day may be {first_day + MAX_SPAN} at the latest",
            "span")

    wall_start = local_start.replace(tzinfo=None, fold=0)
    wall_length = local_end.replace(tzinfo=None) - wall_start   # wall-clock length, e.g. 00:00-23:30
    last = _dt.datetime.combine(until, _dt.time.max)
    if frequency == "daily":
        rule = rrule(DAILY, dtstart=wall_start, until=last, interval=interval)
    elif frequency == "weekdays":
        rule = rrule(WEEKLY, dtstart=wall_start, until=last, interval=interval, byweekday=(MO, TU, WE, TH, FR))
    elif frequency in ("weekly", "biweekly"):
        weeks = 2 * interval if frequency == "biweekly" else interval
        rule = rrule(WEEKLY, dtstart=wall_start, until=last, interval=weeks)
    else:  # monthly: the same day of the month, or the month's last day when shorter
        day = wall_start.day
        if day > 28:
            rule = rrule(MONTHLY, dtstart=wall_start, until=last, interval=interval, bymonthday=(day, -1),
                         bysetpos=1)
        else:
            rule = rrule(MONTHLY, dtstart=wall_start, until=last, interval=interval)

    out: list[tuple[_dt.datetime, _dt.datetime]] = []
    for wall in rule:
        if len(out) == MAX_OCCURRENCES:
            raise SeriesTooLong(
                f"a series may have at most {MAX_OCCURRENCES} occurrences; this one has more", "count")
        out.append((_place(wall, tz), _place(wall + wall_length, tz)))
    return out


def join_window(start: _dt.datetime, end: _dt.datetime) -> tuple[_dt.datetime, _dt.datetime]:
    """When participants can join: 20 minutes before the start to 20 minutes after the end.

    Aware times are shifted in UTC (real minutes, also across a daylight-saving change) and given
    back in their own zone; naive ones are taken as they are.

    >>> from datetime import datetime
    >>> opens, closes = join_window(datetime(2026, 11, 26, 14), datetime(2026, 11, 26, 15))
    >>> opens.time(), closes.time()
    (datetime.time(13, 40), datetime.time(15, 20))
    >>> oslo = ZoneInfo("Europe/Oslo")   # 03:10 just after the spring change: opens 01:50 (02:xx never was)
    >>> join_window(datetime(2027, 3, 28, 3, 10, tzinfo=oslo), datetime(2027, 3, 28, 4, tzinfo=oslo))[0].isoformat()
    '2027-03-28T01:50:00+01:00'
    """
    return _shift(start, -JOIN_MARGIN), _shift(end, JOIN_MARGIN)


def _shift(moment: _dt.datetime, delta: _dt.timedelta) -> _dt.datetime:
    if moment.tzinfo is None:
        return moment + delta
    return (moment.astimezone(_dt.timezone.utc) + delta).astimezone(moment.tzinfo)


class SeriesPreset(NamedTuple):
    start: _dt.datetime
    end: _dt.datetime
    frequency: str
    until: _dt.date


def long_lived_room(day: _dt.date, until: _dt.date, tz: _dt.tzinfo | None = None) -> SeriesPreset:
    """The guideline's long-lived room: 00:00-23:30 every day from ``day`` to ``until``.

    >>> from datetime import date
    >>> p = long_lived_room(date(2026, 12, 1), date(2027, 5, 31), ZoneInfo("Europe/Oslo"))
    >>> p.start.isoformat(), p.end.isoformat(), p.frequency, p.until
    ('2026-12-01T00:00:00+01:00', '2026-12-01T23:30:00+01:00', 'daily', datetime.date(2027, 5, 31))
    """
    tz = tz or ZoneInfo(os.environ.get("TIME_ZONE") or "Europe/Oslo")
    start = _place(_dt.datetime.combine(day, _dt.time(0, 0)), tz)
    end = _place(_dt.datetime.combine(day, _dt.time(23, 30)), tz)
    return SeriesPreset(start, end, "daily", until)
