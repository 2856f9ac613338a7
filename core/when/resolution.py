"""The resolution: what was read (:class:`~core.when.reading.Found`) -> a :class:`Period`.

Decisions (each tested in ``tests/when``):

* A day without a time gives ``Period(start=that day 00:00, end=None, has_time=False)``.
  A part of the day without a clock (``i kveld``, ``i morgen ettermiddag``,
  ``tonight``) is no time and is refused: 00:00 would misstate it.
* Never a silent guess about the day:

  - a time without a day is today; when it has already gone (to the minute) it is refused
    as past, never moved to tomorrow (``kl 7-8`` at 09:15);
  - a weekday that is today means today when the time asked for is still
    ahead (or no time is given), otherwise the same weekday next week;
  - ``neste fredag`` / ``next Friday`` is Friday of next (ISO) week, but where people
    disagree it is refused as ambiguous with both days offered: when the next Friday
    from today is still in this week (``neste lørdag`` on a Friday: tomorrow, or the
    Saturday after?), and when the day is tomorrow (``neste mandag`` on a Sunday).
    ``fredag neste uke`` is always next week's; ``på fredag``, ``kommende fredag``,
    ``this Friday`` the next Friday from today; ``førstkommende fredag`` the first
    Friday after today;
  - a date without a year is the next such day, unless it came round within the last
    three months (refused as past: :mod:`core.when.dates`);
  - an ISO week without a year (``uke 2``) is the next such week.

* Named days are never moved: ``i dag kl 8`` said at 10:00 is today 08:00, in
  the past, exactly as written (the dialog tells the user it has passed);
  ``25.11 kl 8`` on 25 November likewise.  But a day that is *itself* in the
  past is refused: a date with its year in the past and this week's day once
  it has gone (``fredag denne uka`` on a Saturday).
* Two statements of the day must agree: a weekday with a date (``mandag
  3.12`` when 3 December is a Thursday), ``i morgen fredag`` on a Wednesday,
  a week number with a date; otherwise the text is refused.
* Clock times are 24-hour and taken as written: ``kl 8`` is 08:00, ``kl 14``
  14:00, ``930`` and ``0930`` 09:30.  Only an explicit ``am``/``pm`` or a part-of-day word
  (``i kveld``, ``ettermiddag``, ``afternoon``, ``evening``) moves 1-11 to the afternoon.
  A start at 1-6 o'clock written without a leading zero and without any of
  those (``kl 3``, ``2-3``, ``at 2``, ``halv tre``) is refused as ambiguous, with both
  readings offered: people mean 15:00 as often as 03:00; so is a clock said in words that
  falls before 01:00 (``halv ett``: 12:30 in speech).  ``kl 03``, ``03:00``, ``3pm``,
  ``i ettermiddag kl 3`` are clear.
  An English range with ``am``/``pm`` on one side only takes the reading of
  the other side that gives the shorter meeting: ``2-3pm`` is 14-15, ``11-1pm`` 11-13;
  ``3-2pm`` (03:00-14:00 the only reading) is refused.
  A part-of-day word must agree with the clock (:data:`~core.when.reading.PARTS`):
  ``i kveld kl 4``, ``formiddag kl 2``, ``tonight at 9am`` are refused.
* An end before the start ends the next day only when that is clearly meant:
  a start at or after 18:00 and an end at or before 06:00 (``22-02``,
  ``i kveld 23:30-00:30``, ``10pm-1am``).  ``13-12``, ``13-1``, ``20-08``,
  ``2pm-2am`` and ``14-14`` are refused.  English alone reads a morning or noon start
  with an end at 1-6 o'clock on the 12-hour clock: ``12-1`` is 12-13, ``9-5`` 9-17.
  ``24``/``24:00``/``midnatt`` as an end is midnight.
* A duration is elapsed time (it may cross a daylight-saving change); an end
  given as a clock time is wall-clock time.
* A wall-clock time that does not exist (02:30 on the last Sunday of March in
  Oslo) or exists twice (02:30 on the last Sunday of October) is refused.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace

from .period import Period
from .reading import RELATIVE, WORD_CLOCK, Ambiguous, Clock, Context, Found, Refuse

_UTC = _dt.timezone.utc
SMALL_HOURS = range(1, 7)


def resolve(f: Found, ctx: Context, tz: _dt.tzinfo) -> Period:
    """The period ``f`` names; :class:`~core.when.reading.Ambiguous` when people mean more
    than one reading (with those of them that exist)."""
    variants, forked = _variants(f, ctx)
    if not forked:
        return _one(f, ctx, tz)
    periods: list[Period] = []
    refusals: list[Refuse] = []
    for v in variants:
        try:
            periods.append(_one(v, ctx, tz))
        except Refuse as refusal:
            refusals.append(refusal)
    if not periods:
        raise refusals[0]
    unique = {(p.start.astimezone(_UTC), p.end and p.end.astimezone(_UTC)): p for p in periods}
    ordered = sorted(unique.values(), key=lambda p: p.start.astimezone(_UTC))
    raise Ambiguous("two readings", tuple(ordered))


def _variants(f: Found, ctx: Context) -> tuple[list[Found], bool]:
    """The readings ``f`` stands for: one per possible day and 12-hour reading."""
    forked = False
    found = [f]
    if f.alt_dates:
        forked = True
        found = [replace(f, dates=[*f.dates, day], alt_dates=()) for day in f.alt_dates]
    by_day: list[Found] = []
    for v in found:
        nexts = [wd for wd, mode in v.weekdays if mode == "neste"]
        days = neste_days(nexts[0], ctx.today) if nexts and not v.dates and v.week is None else ()
        if len(days) > 1:
            forked = True
            by_day.extend(replace(v, dates=[day]) for day in days)
        else:
            by_day.append(v)
    result: list[Found] = []
    for v in by_day:
        if _small_hour(v):
            forked = True
            result.extend(replace(v, start=_with_ap(v.start, ap), end=_with_ap(v.end, ap))
                          for ap in ("am", "pm"))
        else:
            result.append(v)
    return result, forked


def neste_days(wd: int, today: _dt.date) -> tuple[_dt.date, ...]:
    """The days ``neste <weekday>`` may name: next week's, and the next one from today when
    that is another day, or the one after it when the day is tomorrow.

    >>> friday = _dt.date(2026, 12, 4)
    >>> neste_days(0, friday), neste_days(5, friday)
    ((datetime.date(2026, 12, 7),), (datetime.date(2026, 12, 5), datetime.date(2026, 12, 12)))
    >>> neste_days(0, _dt.date(2026, 12, 6))    # "neste mandag" on a Sunday
    (datetime.date(2026, 12, 7), datetime.date(2026, 12, 14))
    """
    ahead = (wd - today.weekday()) % 7 or 7
    coming = today + _dt.timedelta(days=ahead)
    next_week = today + _dt.timedelta(days=7 - today.weekday() + wd)
    if coming != next_week:
        return coming, next_week
    if ahead == 1:
        return coming, coming + _dt.timedelta(days=7)
    return (coming,)


def _small_hour(f: Found) -> bool:
    """"kl 3", "at 2", "halv tre": 03:00 on the clock as written, but people mean 15:00 just
    as often."""
    start, end = f.start, f.end
    return (start is not None and start.ap is None and (end is None or end.ap is None)
            and f.part is None and not start.raw.startswith("0") and start.raw != RELATIVE
            and (start.hour in SMALL_HOURS or start.hour == 0 and start.raw == WORD_CLOCK))


def _with_ap(c: Clock | None, ap: str) -> Clock | None:
    if c is None or c.ap is not None or c.hour > 12:
        return c
    return Clock(c.hour or 12, c.minute, ap, c.raw)


def _apply_day_part(c: Clock | None, part: str | None) -> Clock | None:
    if c is None or part is None:
        return c
    if c.ap is not None:
        if c.ap != part:
            raise Refuse("am/pm against part of day")
        return c
    if part == "pm":
        if 1 <= c.hour <= 11:
            return Clock(c.hour + 12, c.minute, None, c.raw)
        return c
    if c.hour >= 12:
        raise Refuse("morning, afternoon clock")
    return c


def _to24(c: Clock, pm: bool) -> int:
    return (c.hour % 12) + (12 if pm else 0)


def _from_ap(c: Clock | None) -> Clock | None:
    if c is None or c.ap is None:
        return c
    return Clock(_to24(c, c.ap == "pm"), c.minute, None, c.raw)


def _one_sided(f: Found, start: Clock, end: Clock) -> tuple[Clock, Clock]:
    """An English range with am/pm on one side: the other side's reading that gives the
    shorter meeting ("2-3pm" = 14-15, "11-1pm" = 11-13)."""
    marked, loose = (end, start) if end.ap else (start, end)
    fixed = _to24(marked, marked.ap == "pm") * 60 + marked.minute
    options = [loose.hour] if loose.hour > 12 or loose.hour == 0 else [loose.hour % 12, loose.hour % 12 + 12]
    best: tuple[int, int] | None = None
    for h in options:
        t = h * 60 + loose.minute
        length = (fixed - t) % 1440 if loose is start else (t - fixed) % 1440
        if length and (best is None or length < best[0]):
            best = (length, h)
    if best is None:
        raise Refuse("empty range", "end_before_start")
    if (loose is start and marked.ap == "pm" and best[1] in SMALL_HOURS
            and f.part is None and not loose.raw.startswith("0")):
        # "3-2pm" would be 03:00-14:00: a small hour given its morning reading only
        # by the other side, and an eleven-hour meeting.  A slip, not a wish.
        raise Refuse("small hour before a pm end")
    loose_fixed = Clock(best[1], loose.minute, None, loose.raw)
    marked_fixed = Clock(_to24(marked, marked.ap == "pm"), marked.minute, None, marked.raw)
    return (loose_fixed, marked_fixed) if loose is start else (marked_fixed, loose_fixed)


def _clocks(f: Found) -> tuple[Clock | None, Clock | None]:
    """Both clocks on the 24-hour clock (am/pm and parts of the day applied)."""
    start, end = f.start, f.end
    if _small_hour(f):
        raise Refuse("small hour without am/pm")    # forked in _variants: never here
    if f.part is not None and start is not None and start.ap not in (None, f.part):
        raise Refuse("am/pm against part of day")    # the end may be after midnight: "tonight 10pm-1am"
    if start is not None and end is not None and (start.ap is None) != (end.ap is None):
        start, end = _one_sided(f, start, end)
    else:
        start, end = _from_ap(start), _from_ap(end)
    start = _apply_day_part(start, f.part)
    if f.part_hours is not None and start is not None:
        low, high = f.part_hours
        if not low <= start.hour < high:
            raise Refuse("the clock is not in that part of the day")
    if (end is not None and f.part == "pm" and start is not None and 1 <= end.hour < 12
            and (end.hour, end.minute) <= (start.hour, start.minute)
            and (end.hour + 12, end.minute) > (start.hour, start.minute)):
        end = Clock(end.hour + 12, end.minute, None, end.raw)   # "i kveld 7-9" = 19-21
    return start, end


def wall(day: _dt.date, hour: int, minute: int, tz: _dt.tzinfo) -> _dt.datetime:
    """An aware datetime for a wall-clock time; refuses a time that a daylight-saving change
    skips or repeats (there is no one instant for it)."""
    if hour == 24:
        day, hour = day + _dt.timedelta(days=1), 0
    naive = _dt.datetime(day.year, day.month, day.day, hour, minute)
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() != second.utcoffset():
        raise Refuse("no such time, or twice (daylight saving)", "dst")
    return first


def _minute(now: _dt.datetime) -> _dt.datetime:
    return now.replace(second=0, microsecond=0)


def _weekday_date(wd: int, mode: str, ctx: Context, start: Clock | None, tz: _dt.tzinfo) -> _dt.date:
    today = ctx.today
    monday = today - _dt.timedelta(days=today.weekday())
    if mode == "nextweek":
        return monday + _dt.timedelta(days=7 + wd)
    if mode == "neste":
        days = neste_days(wd, today)
        if len(days) > 1:
            raise Refuse("neste: two days")    # forked in _variants: never here
        return days[0]
    if mode == "thisweek":
        day = monday + _dt.timedelta(days=wd)
        if day < today:
            raise Refuse("this week's day has passed", "past")
        return day
    ahead = (wd - today.weekday()) % 7
    if mode == "after" and ahead == 0:
        ahead = 7
    if ahead == 0 and start is not None and start.hour < 24:
        if wall(today, start.hour, start.minute, tz) < _minute(ctx.now):
            ahead = 7
    return today + _dt.timedelta(days=ahead)


def _week_day(f: Found, ctx: Context, day: _dt.date | None) -> _dt.date:
    assert f.week is not None
    if len(f.weekdays) != 1 or f.weekdays[0][1] != "next":
        raise Refuse("week number needs one weekday")
    wd = f.weekdays[0][0]
    year, this_week, _ = ctx.today.isocalendar()
    if f.week == this_week and _dt.date.fromisocalendar(year, f.week, wd + 1) < ctx.today:
        # "tirsdag uke 48" on Wednesday of week 48 is this week's Tuesday, gone;
        # not Tuesday of week 48 next year (as "fredag denne uka" on a Saturday).
        raise Refuse("this week's day has passed", "past")
    for y in (year, year + 1):
        try:
            d = _dt.date.fromisocalendar(y, f.week, wd + 1)
        except ValueError:
            continue
        if d >= ctx.today:
            if day is not None and day != d:
                raise Refuse("week and day disagree")
            return d
    raise Refuse("no such week", "no_such_date")


def _day(f: Found, ctx: Context, start: Clock | None, tz: _dt.tzinfo) -> _dt.date | None:
    days = set(f.dates)
    if len(days) > 1:
        raise Refuse("two different days")
    day = next(iter(days), None)
    if f.week is not None:
        return _week_day(f, ctx, day)
    if f.short_weekday and day is None:
        raise Refuse("a two-letter weekday without a date")    # "to 10" is not Thursday
    if day is not None:
        for wd, mode in f.weekdays:
            if day.weekday() != wd:
                raise Refuse("weekday and date disagree")
            if mode == "neste" and day not in neste_days(wd, ctx.today):
                raise Refuse("week and date disagree")
            if mode in ("nextweek", "thisweek") and _weekday_date(wd, mode, ctx, start, tz) != day:
                raise Refuse("week and date disagree")
        return day
    resolved = {_weekday_date(wd, mode, ctx, start, tz) for wd, mode in f.weekdays}
    if len(resolved) > 1:
        raise Refuse("two different weekdays")
    return next(iter(resolved), None)


# An end at or before the start is on the next day only when that is clearly
# meant: the meeting starts in the evening and ends in the night ("22-02",
# "23:30-00:30").  "13-1" or "14-2" (meant 13-14? 14:00-14:02?) are refused.
OVERNIGHT_START = _dt.time(18, 0)
OVERNIGHT_END = _dt.time(6, 0)


def _afternoon_end(f: Found, ctx: Context, start_c: Clock, end_c: Clock) -> bool:
    """English talks on the 12-hour clock: ``12-1``, ``11-1``, ``9-5`` without am/pm
    are 12:00-13:00, 11:00-13:00, 09:00-17:00 (nobody means 12:00 to 01:00).  Only a
    start from 07:00 to 12:59 and an end at 1-6 o'clock, written without a leading zero
    and with no am/pm or part of the day anywhere.  Norwegian writes 24-hour times,
    and there ``12-1`` stays refused (12-13? 12-14? a digit lost?)."""
    return (ctx.locale == "en" and f.part is None and f.start is not None and f.end is not None
            and f.start.ap is None and f.end.ap is None and 7 <= start_c.hour <= 12
            and end_c.hour in SMALL_HOURS and not end_c.raw.startswith("0")
            and end_c.raw != WORD_CLOCK)


def _end(f: Found, ctx: Context, day: _dt.date, start_c: Clock, end_c: Clock,
         tz: _dt.tzinfo) -> _dt.datetime:
    if (end_c.hour, end_c.minute) > (start_c.hour, start_c.minute):
        return wall(day, end_c.hour, end_c.minute, tz)
    if (end_c.hour, end_c.minute) == (start_c.hour, start_c.minute):
        raise Refuse("empty range", "end_before_start")
    if _afternoon_end(f, ctx, start_c, end_c):
        return wall(day, end_c.hour + 12, end_c.minute, tz)
    if (_dt.time(start_c.hour, start_c.minute) < OVERNIGHT_START
            or _dt.time(end_c.hour % 24, end_c.minute) > OVERNIGHT_END):
        raise Refuse("end before start, and not clearly past midnight", "end_before_start")
    return wall(day + _dt.timedelta(days=1), end_c.hour, end_c.minute, tz)


def _one(f: Found, ctx: Context, tz: _dt.tzinfo) -> Period:
    """One reading -> its period."""
    start_c, end_c = _clocks(f)
    if start_c is None:
        if end_c is not None or f.duration is not None:
            raise Refuse("an end without a start")
        if f.part is not None:
            raise Refuse("a part of the day is no time")    # "i kveld", "tomorrow afternoon"
        day = _day(f, ctx, None, tz)
        if day is None:
            raise Refuse("nothing")
        return Period(wall(day, 0, 0, tz), None, has_time=False)
    if start_c.hour == 24:
        raise Refuse("24 as a start")
    day = _day(f, ctx, start_c, tz)
    if day is None:
        day = ctx.today
        if wall(day, start_c.hour, start_c.minute, tz) < _minute(ctx.now):
            raise Refuse("a time today that has gone", "past")
    start = wall(day, start_c.hour, start_c.minute, tz)
    end = None if end_c is None else _end(f, ctx, day, start_c, end_c, tz)
    if f.duration is not None:
        by_duration = (start.astimezone(_UTC) + f.duration).astimezone(tz)
        if end is not None and end != by_duration:
            raise Refuse("end and duration disagree")
        end = by_duration
    if end is not None and end.astimezone(_UTC) <= start.astimezone(_UTC):
        # compared as instants: Python compares wall times in one zone
        raise Refuse("end before start", "end_before_start")
    return Period(start, end, has_time=True)
