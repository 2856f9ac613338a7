"""A booked meeting -> an iCalendar file (RFC 5545) for **Legg i kalender**.

Built with the ``icalendar`` library; pure (no I/O): the bot serves the bytes behind a signed link
(:mod:`core.calendar_link`). What the file holds:

* ``METHOD:PUBLISH`` and one ``VEVENT`` per meeting, ``UID`` stable per meeting (an updated file
  replaces the event in the calendar, never adds a second), ``SEQUENCE`` raised on every change
  (:func:`sequence`), ``STATUS:CANCELLED`` once the meeting is cancelled.
* ``DTSTART``/``DTEND`` in the meeting's zone (Europe/Oslo) with its ``VTIMEZONE`` (:mod:`core.calendar_tz`).
* A series: an ``RRULE`` when the portal's recurrence gives exactly its occurrences (wall-clock
  times kept across daylight-saving changes, as ``core.recurrence`` does; monthly on the 29th-31st
  as "the last of days 28..31"), else an ``RDATE`` per occurrence (a series whose times were changed
  one by one); an ``EXDATE`` for every cancelled occurrence; an occurrence whose length differs
  from the first (a long-lived room on the day the clocks change) gets its own ``VEVENT`` with
  ``RECURRENCE-ID``.
* ``SUMMARY``, ``LOCATION`` and ``DESCRIPTION`` as the caller words them (the bot's catalogue, in
  the user's language): the subject, the join link and room number, never the host PIN.
* A quick meeting (Hurtigavtale - 365) has no time: it becomes a free (``TRANSP:TRANSPARENT``)
  all-day event on the day it was made, so the link is in the calendar without blocking a year.

    >>> meeting = {"id": "m1", "kind": "scheduled", "status": "active", "start": "2027-10-19T14:00:00+02:00",
    ...            "end": "2027-10-19T15:00:00+02:00", "occurrences": [
    ...     {"start": "2027-10-19T14:00:00+02:00", "end": "2027-10-19T15:00:00+02:00"},
    ...     {"start": "2027-11-02T14:00:00+01:00", "end": "2027-11-02T15:00:00+01:00"}],
    ...     "cancelled_occurrences": [{"start": "2027-10-26T14:00:00+02:00", "end": "2027-10-26T15:00:00+02:00"}],
    ...     "recurrence": {"frequency": "weekly", "interval": 1, "until": "2027-11-02"}}
    >>> text = calendar_file(meeting, summary="Fagmøte", location="https://x/1", description="Bli med",
    ...                      now=datetime(2027, 10, 1, tzinfo=timezone.utc)).decode()
    >>> event = text[text.index("BEGIN:VEVENT"):]
    >>> [line for line in event.splitlines() if line.split(":")[0].split(";")[0] in ("RRULE", "EXDATE", "SEQUENCE")]
    ['SEQUENCE:1', 'RRULE:FREQ=WEEKLY;UNTIL=20271102T130000Z', 'EXDATE;TZID=Europe/Oslo:20271026T140000']
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any, Mapping
from zoneinfo import ZoneInfo

import icalendar
from dateutil.rrule import DAILY, FR, MO, MONTHLY, TH, TU, WE, WEEKLY, rrule

from .calendar_tz import vtimezone

PRODUCT_ID = "-//Sykehuset i Vestfold//Delta video bot//NO"
UID_DOMAIN = "delta-video.siv.no"

_RULES: dict[str, tuple[int, str, Any, int]] = {
    # frequency -> (dateutil freq, iCalendar FREQ, BYDAY, interval factor)
    "daily": (DAILY, "DAILY", None, 1),
    "weekdays": (WEEKLY, "WEEKLY", (MO, TU, WE, TH, FR), 1),
    "weekly": (WEEKLY, "WEEKLY", None, 1),
    "biweekly": (WEEKLY, "WEEKLY", None, 2),
    "monthly": (MONTHLY, "MONTHLY", None, 1),
}
_BYDAY = ["MO", "TU", "WE", "TH", "FR"]

Period = tuple[datetime, datetime]


def uid(meeting_id: str) -> str:
    """The event's UID: the same for every file of one meeting.

    >>> uid("Q2xq4x9mZ0aB")
    'delta-Q2xq4x9mZ0aB@delta-video.siv.no'
    """
    return f"delta-{meeting_id}@{UID_DOMAIN}"


def sequence(meeting: Mapping[str, Any]) -> int:
    """``SEQUENCE``: the portal's ``revision`` (raised on every change) when it gives one, else the
    changes the meeting shows (cancelled occurrences, and cancelling the meeting).

    >>> sequence({"revision": 3}), sequence({"cancelled_occurrences": [{}], "status": "cancelled"})
    (3, 2)
    """
    revision = meeting.get("revision")
    if isinstance(revision, int) and not isinstance(revision, bool) and revision >= 0:
        return revision
    return len(meeting.get("cancelled_occurrences") or []) + (1 if meeting.get("status") == "cancelled" else 0)


def _periods(values: Any) -> list[Period]:
    out = []
    for item in values or []:
        out.append((datetime.fromisoformat(item["start"]), datetime.fromisoformat(item["end"])))
    return sorted(out)


def _place(naive: datetime, tz: ZoneInfo) -> datetime:
    """Wall-clock time in ``tz``; a time in a daylight-saving gap moves forward by the gap."""
    return naive.replace(tzinfo=tz, fold=0).astimezone(timezone.utc).astimezone(tz)


def rule_for(recurrence: Any, series: list[Period], tz: ZoneInfo) -> dict[str, Any] | None:
    """The ``RRULE`` (icalendar's dict form) whose instances are exactly ``series``, or ``None``.

    >>> oslo = ZoneInfo("Europe/Oslo")
    >>> days = [(datetime(2027, 3, d, 9, tzinfo=oslo), datetime(2027, 3, d, 10, tzinfo=oslo)) for d in (27, 28, 29)]
    >>> rule_for({"frequency": "daily", "interval": 1, "until": "2027-03-29"}, days, oslo)
    {'FREQ': 'DAILY', 'UNTIL': datetime.datetime(2027, 3, 29, 7, 0, tzinfo=datetime.timezone.utc)}
    >>> rule_for({"frequency": "daily", "interval": 1, "until": "2027-03-29"}, days[::2], oslo) is None
    True
    """
    if not isinstance(recurrence, dict) or len(series) < 2:
        return None
    known = _RULES.get(str(recurrence.get("frequency")))
    interval = recurrence.get("interval", 1)
    if known is None or not isinstance(interval, int) or interval < 1:
        return None
    freq, name, byday, factor = known
    interval *= factor
    first = series[0][0].astimezone(tz)
    last = series[-1][0].astimezone(timezone.utc)
    # monthly on the 29th-31st falls on the last day of shorter months: "the last of 28..day"
    by_month_day = list(range(28, first.day + 1)) if name == "MONTHLY" and first.day > 28 else None
    expanded = rrule(freq,  # type: ignore[arg-type]
                     dtstart=first.replace(tzinfo=None), interval=interval, byweekday=byday,
                     bymonthday=by_month_day, bysetpos=-1 if by_month_day else None,
                     until=last.astimezone(tz).replace(tzinfo=None), cache=False)
    starts = [_place(naive, tz) for naive in expanded]
    if starts != [start for start, _ in series]:
        return None
    rule: dict[str, Any] = {"FREQ": name}
    if interval != 1:
        rule["INTERVAL"] = interval
    if byday is not None:
        rule["BYDAY"] = list(_BYDAY)
    if by_month_day:
        rule["BYMONTHDAY"], rule["BYSETPOS"] = by_month_day, -1
    rule["UNTIL"] = last
    return rule


def calendar_file(meeting: Mapping[str, Any], *, summary: str, location: str, description: str,
                  now: datetime, time_zone: str = "Europe/Oslo") -> bytes:
    """The ``.ics`` bytes of one meeting (see the module docstring)."""
    tz = ZoneInfo(meeting.get("time_zone") or time_zone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("calscale", "GREGORIAN")
    common = _common(meeting, summary, location, description, now)
    if meeting.get("kind") == "quick":
        calendar.add_component(_quick_event(meeting, common, tz))
        return bytes(calendar.to_ical())
    remaining = _periods(meeting.get("occurrences"))
    cancelled = _periods(meeting.get("cancelled_occurrences"))
    series = sorted(set(remaining) | set(cancelled))
    if not series:
        start, end = datetime.fromisoformat(meeting["start"]), datetime.fromisoformat(meeting["end"])
        series = [(start, end)]
    first_start, first_end = series[0]
    event = _event(common)
    event.add("dtstart", first_start.astimezone(tz))
    event.add("dtend", first_end.astimezone(tz))
    overrides: list[icalendar.Event] = []
    if len(series) > 1:
        rule = rule_for(meeting.get("recurrence"), series, tz)
        if rule is not None:
            event.add("rrule", rule)
        else:
            event.add("rdate", [start.astimezone(tz) for start, _ in series[1:]])
        if cancelled:
            event.add("exdate", [start.astimezone(tz) for start, _ in cancelled])
        length = first_end - first_start
        for start, end in remaining:
            if end - start != length and start != first_start:
                override = _event(common)
                override.add("recurrence-id", start.astimezone(tz))
                override.add("dtstart", start.astimezone(tz))
                override.add("dtend", end.astimezone(tz))
                overrides.append(override)
    calendar.add_component(vtimezone(tz, first_start.year, series[-1][1].year))
    calendar.add_component(event)
    for override in overrides:
        calendar.add_component(override)
    return bytes(calendar.to_ical())


def _common(meeting: Mapping[str, Any], summary: str, location: str, description: str,
            now: datetime) -> dict[str, Any]:
    created = meeting.get("created_at")
    return {
        "uid": uid(str(meeting["id"])),
        "dtstamp": now.astimezone(timezone.utc),
        "created": datetime.fromisoformat(created).astimezone(timezone.utc) if created else None,
        "sequence": sequence(meeting),
        "status": "CANCELLED" if meeting.get("status") == "cancelled" else "CONFIRMED",
        "summary": summary,
        "location": location,
        "description": description,
        "url": meeting.get("join_url"),
    }


def _event(common: Mapping[str, Any]) -> icalendar.Event:
    event = icalendar.Event()
    for name in ("uid", "dtstamp", "created", "sequence", "status", "summary", "location", "description", "url"):
        value = common.get(name)
        if value is not None and value != "":
            event.add(name, value)
    return event


def _quick_event(meeting: Mapping[str, Any], common: Mapping[str, Any], tz: ZoneInfo) -> icalendar.Event:
    """A free all-day event on the day the link was made (it is valid for a year, at any time)."""
    made = meeting.get("created_at")
    day: date = (datetime.fromisoformat(made).astimezone(tz).date() if made
                 else common["dtstamp"].astimezone(tz).date())
    event = _event(common)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    return event
