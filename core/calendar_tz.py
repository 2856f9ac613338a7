"""The ``VTIMEZONE`` of an iCalendar file, written the way Outlook, Google and Apple write theirs.

``icalendar``'s own ``Timezone.from_tzinfo`` lists every transition since 1970 as ``RDATE``s;
some readers (CalDAV servers among them) then keep the standard offset all year and put a summer
meeting an hour wrong. Here a zone whose daylight-saving rule is "the n-th (or last) weekday of a
month at a wall-clock time" (Europe/Oslo: last Sunday of March 02:00, last Sunday of October 03:00)
gets one ``STANDARD`` and one ``DAYLIGHT`` with a yearly ``RRULE``, checked against the zone's real
transitions over the years the meeting spans; any other zone falls back to ``icalendar``'s form.

    >>> tz = vtimezone(ZoneInfo("Europe/Oslo"), 2027, 2028)
    >>> [(c.name, str(c["rrule"].to_ical().decode())) for c in tz.subcomponents]
    [('STANDARD', 'FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10'), ('DAYLIGHT', 'FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3')]
"""
from __future__ import annotations

import calendar as _calendar
from datetime import datetime, timedelta, timezone
from typing import NamedTuple
from zoneinfo import ZoneInfo

import icalendar

_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class Transition(NamedTuple):
    at: datetime          # local wall-clock time just before it (naive, in the "from" offset)
    offset_from: timedelta
    offset_to: timedelta
    name: str


def transitions(tz: ZoneInfo, year: int) -> list[Transition]:
    """The zone's offset changes in ``year`` (to the minute)."""
    found = []
    day = datetime(year, 1, 1, tzinfo=timezone.utc)
    end = datetime(year + 1, 1, 1, tzinfo=timezone.utc)
    before = day.astimezone(tz).utcoffset()
    while day < end:
        after_day = day + timedelta(days=1)
        offset = after_day.astimezone(tz).utcoffset()
        if offset != before:
            low, high = day, after_day
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if middle.astimezone(tz).utcoffset() == before:
                    low = middle
                else:
                    high = middle
            assert before is not None and offset is not None
            high = high.replace(second=0, microsecond=0)  # offsets change on whole minutes
            local = (high + before).replace(tzinfo=None)
            found.append(Transition(local, before, offset, high.astimezone(tz).tzname() or ""))
            before = offset
        day = after_day
    return found


def _rule(at: datetime) -> tuple[int, int, int]:
    """(month, weekday, n) where n is -1 for the month's last such weekday."""
    days_in_month = _calendar.monthrange(at.year, at.month)[1]
    n = -1 if at.day + 7 > days_in_month else (at.day - 1) // 7 + 1
    return at.month, at.weekday(), n


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> int:
    days = [d for d in range(1, _calendar.monthrange(year, month)[1] + 1)
            if _calendar.weekday(year, month, d) == weekday]
    return days[n] if n == -1 else days[n - 1]


def vtimezone(tz: ZoneInfo, first_year: int, last_year: int) -> icalendar.Timezone:
    """The zone for events in ``first_year``..``last_year`` (see the module docstring)."""
    pattern = transitions(tz, first_year)
    if len(pattern) != 2:
        return icalendar.Timezone.from_tzinfo(tz)
    rules = [(_rule(t.at), t.at.time(), t.offset_from, t.offset_to) for t in pattern]
    for year in range(first_year - 1, last_year + 2):
        real = transitions(tz, year)
        if len(real) != 2:
            return icalendar.Timezone.from_tzinfo(tz)
        for t, ((month, weekday, n), clock, off_from, off_to) in zip(real, rules):
            if (t.at.month, t.at.day, t.at.time(), t.offset_from, t.offset_to) != (
                    month, _nth_weekday(year, month, weekday, n), clock, off_from, off_to):
                return icalendar.Timezone.from_tzinfo(tz)
    zone = icalendar.Timezone()
    zone.add("tzid", tz.key)
    for t, ((month, weekday, n), _clock, _from, _to) in sorted(zip(pattern, rules), key=lambda p: p[0].offset_to):
        part = icalendar.TimezoneDaylight() if t.offset_to > t.offset_from else icalendar.TimezoneStandard()
        part.add("dtstart", t.at.replace(year=1970, day=_nth_weekday(1970, month, weekday, n)))
        part.add("tzoffsetfrom", t.offset_from)
        part.add("tzoffsetto", t.offset_to)
        part.add("tzname", t.name)
        part.add("rrule", {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": f"{n}{_DAYS[weekday]}"})
        zone.add_component(part)
    return zone
