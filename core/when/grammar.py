"""Text -> :class:`~core.when.rules.Found` -> :class:`~core.when.period.Period`.

``normalize`` evens out spelling, ``read`` runs the rules and insists that
nothing unknown is left over, ``resolve`` turns what was read into aware
datetimes.  Decisions (each tested in ``tests/when``):

* A day without a time gives ``Period(start=that day 00:00, end=None, has_time=False)``.
  A part of the day without a clock (``i kveld``, ``i morgen ettermiddag``,
  ``tonight``) is no time and is refused: 00:00 would misstate it.
* Future preferred:

  - a time without a day is today when it is still ahead (to the minute),
    otherwise tomorrow (``kl 9`` at 10:00 is tomorrow 09:00);
  - a weekday that is today means today when the time asked for is still
    ahead (or no time is given), otherwise the same weekday next week;
  - ``neste fredag`` / ``next Friday`` is Friday of next (ISO) week; ``på
    fredag``, ``kommende fredag``, ``this Friday`` the next Friday from today;
    ``førstkommende fredag`` the first Friday after today;
  - a date without a year (``3.12``, ``3. desember``, ``Dec 3``) is the next
    such day, today included; a day of the month alone (``den 3.``, ``the
    3rd``) is this month's if still ahead, else next month's;
  - an ISO week without a year (``uke 2``) is the next such week.

* Named days are never moved: ``i dag kl 8`` said at 10:00 is today 08:00, in
  the past, exactly as written (the dialog tells the user it has passed);
  ``25.11 kl 8`` on 25 November likewise.  But a day that is *itself* in the
  past is refused: a date with its year (``24.11.2026`` on 25 November,
  ``14.01.26`` in 2027: a slip of habit, not a wish) and this week's day once
  it has gone (``fredag denne uka`` on a Saturday).
* Two statements of the day must agree: a weekday with a date (``mandag
  3.12`` when 3 December is a Thursday), ``i morgen fredag`` on a Wednesday,
  a week number with a date; otherwise the text is refused.
* Clock times are 24-hour and taken as written: ``kl 8`` is 08:00, ``kl 14``
  14:00, ``930`` and ``0930`` 09:30.  Only an explicit ``am``/``pm`` or a part-of-day word (``i kveld``,
  ``ettermiddag``, ``afternoon``, ``evening``) moves 1-11 to the afternoon.
  A start at 1-6 o'clock written without a leading zero and without any of
  those (``kl 3``, ``at 2``, ``halv tre``) is refused: people mean 15:00 as
  often as 03:00; so is a clock said in words that falls before 01:00
  (``halv ett``: 12:30 in speech).  ``kl 03``, ``03:00``, ``3pm``, ``i ettermiddag kl 3`` are clear.
  An English range with ``am``/``pm`` on one side only takes the reading of
  the other side that gives the shorter meeting: ``2-3pm`` is 14-15, ``11-1pm`` 11-13;
  ``3-2pm`` (03:00-14:00 the only reading) is refused like ``kl 3``.
  A part-of-day word must agree with the clock (:data:`~core.when.rules.PARTS`):
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
  Oslo) is refused; one that exists twice (02:30 on the last Sunday of
  October) is the first of the two (``fold=0``).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

from .lexicon import FILLERS
from .period import Period
from .rules import WORD_CLOCK, Clock, Context, Found, Refuse, rules_for

_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_KL = re.compile(r"(?<!\w)(?:klokka|klokken|klokke|kl)(?!\w)\.?")
_AMPM = re.compile(r"(?<![\w.])([ap])\.?\s?m(?:\.|(?!\w))")
_OCLOCK = re.compile(r"\s*o['’]?\s?clock(?!\w)")
_LOOSE_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
_NOON = re.compile(r"(?<!\w)(?:12\s+)?(?:noon|midday)(?!\w)")
_MIDNIGHT_END = re.compile(r"(?<!\w)(til|to|until|till)\s+(?:kl\s+)?(?:midnatt|midnight)(?!\w)|-\s*(?:midnatt|midnight)(?!\w)")
_MIDNIGHT = re.compile(r"(?<!\w)(?:midnatt|midnight)(?!\w)")
_WORD_COLON = re.compile(r"(?<!\d):|:(?!\d)")
_NYNORSK = re.compile(r"(?<!\w)frå(?!\w)")
_AT_SIGN = re.compile(r"\s*@\s*")
_PUNCT = re.compile(r"[!?()\[\]\"';«»“”]")
_SPACES = re.compile(r"\s+")

SENTINEL = " | "


def normalize(text: str) -> str:
    """Lower case, one kind of dash, ``kl`` for klokka/klokken/kl., ``pm`` for p.m.

    >>> normalize("  Klokka 14:00–15:30, i morgen! ")
    'kl 14:00-15:30 i morgen'
    >>> normalize("2 P.M. on Friday"), normalize("i 1,5 time.")
    ('2 pm on friday', 'i 1,5 time')
    >>> normalize("noon-1pm"), normalize("22 til midnatt"), normalize("fra midnatt")
    ('12:00-1pm', '22 til 24:00', 'fra 00:00')
    >>> normalize("I morgen: kl:14 frå 9")
    'i morgen kl 14 fra 9'
    """
    t = unicodedata.normalize("NFKC", text).lower()
    t = "".join(ch for ch in t if unicodedata.category(ch) != "Cf")   # zero-width spaces, marks
    t = _DASHES.sub("-", t)
    t = _OCLOCK.sub("", t)
    t = _KL.sub(" kl ", t)
    t = _AMPM.sub(r"\1m", t)
    t = _NOON.sub("12:00", t)
    t = _MIDNIGHT_END.sub(lambda m: f"{m[1] or ''} 24:00" if m[1] else "-24:00", t)
    t = _MIDNIGHT.sub("00:00", t)
    t = _LOOSE_COMMA.sub(" ", t)
    t = _WORD_COLON.sub(" ", t)
    t = _NYNORSK.sub("fra", t)
    t = _AT_SIGN.sub(" kl ", t)            # "tomorrow @ 2pm", "i morgen @14"
    t = _PUNCT.sub(" ", t)
    t = _SPACES.sub(" ", t).strip()
    t = t.rstrip(" ")
    # a final dot ends the sentence, except after a number: "fredag 27." is the 27th
    return t if re.search(r"\d\.$", t) else t.rstrip(". ")


_LEFTOVER = re.compile(r"[|.,\s]+")


def read(text: str, ctx: Context) -> Found:
    """Run every rule over normalised ``text``; refuse when anything unknown is left."""
    found = Found()
    s = text
    for _name, pattern, handler in rules_for(ctx.locale):
        pos = 0
        while True:
            m = pattern.search(s, pos)
            if m is None:
                break
            if m.end() == m.start():          # defensive: never loop on empty matches
                pos = m.end() + 1
                continue
            if handler(m, found, ctx) is False:
                pos = m.end()
                continue
            s = s[: m.start()] + SENTINEL + s[m.end():]
            pos = m.start()
    fillers = FILLERS[ctx.locale]
    for word in _LEFTOVER.split(s):
        if word and word not in fillers:
            raise Refuse("unknown words")
    return found


# ---------------------------------------------------------------- resolution

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


SMALL_HOURS = range(1, 7)


def _clocks(f: Found) -> tuple[Clock | None, Clock | None]:
    """Both clocks on the 24-hour clock (am/pm and parts of the day applied)."""
    start, end = f.start, f.end
    if (start is not None and start.ap is None and (end is None or end.ap is None)
            and f.part is None and not start.raw.startswith("0")
            and (start.hour in SMALL_HOURS or start.hour == 0 and start.raw == WORD_CLOCK)):
        # "kl 3", "at 2", "halv tre": 03:00 on the clock as written, but people
        # mean 15:00 just as often.  Ask rather than guess ("kl 15", "kl 03", "3pm").
        raise Refuse("small hour without am/pm")
    if f.part is not None and start is not None and start.ap not in (None, f.part):
        raise Refuse("am/pm against part of day")    # the end may be after midnight: "tonight 10pm-1am"
    if start is not None and end is not None and (start.ap is None) != (end.ap is None):
        # English range with am/pm on one side: the other side's reading that
        # gives the shorter meeting ("2-3pm" = 14-15, "11-1pm" = 11-13).
        marked, loose = (end, start) if end.ap else (start, end)
        fixed = _to24(marked, marked.ap == "pm") * 60 + marked.minute
        if loose.hour > 12 or loose.hour == 0:
            options = [loose.hour]
        else:
            options = [loose.hour % 12, loose.hour % 12 + 12]
        best = None
        for h in options:
            t = h * 60 + loose.minute
            length = (fixed - t) % 1440 if loose is start else (t - fixed) % 1440
            if length and (best is None or length < best[0]):
                best = (length, h)
        if best is None:
            raise Refuse("empty range")
        if (loose is start and marked.ap == "pm" and best[1] in SMALL_HOURS
                and f.part is None and not loose.raw.startswith("0")):
            # "3-2pm" would be 03:00-14:00: a small hour given its morning reading only
            # by the other side, and an eleven-hour meeting.  A slip, not a wish.
            raise Refuse("small hour before a pm end")
        loose_fixed = Clock(best[1], loose.minute, None, loose.raw)
        marked_fixed = Clock(_to24(marked, marked.ap == "pm"), marked.minute, None, marked.raw)
        start, end = (loose_fixed, marked_fixed) if loose is start else (marked_fixed, loose_fixed)
    else:
        start = _from_ap(start)
        end = _from_ap(end)
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


def _from_ap(c: Clock | None) -> Clock | None:
    if c is None or c.ap is None:
        return c
    return Clock(_to24(c, c.ap == "pm"), c.minute, None, c.raw)


def _wall(day: _dt.date, hour: int, minute: int, tz) -> _dt.datetime:
    """An aware datetime for a wall-clock time; refuses times in a DST gap."""
    if hour == 24:
        day, hour = day + _dt.timedelta(days=1), 0
    naive = _dt.datetime(day.year, day.month, day.day, hour, minute)
    dt = naive.replace(tzinfo=tz, fold=0)
    back = dt.astimezone(_dt.timezone.utc).astimezone(tz)
    if back.replace(tzinfo=None) != naive:
        raise Refuse("no such time (daylight saving)")
    return dt


def _weekday_date(wd: int, mode: str, ctx: Context, start: Clock | None, tz) -> _dt.date:
    today = ctx.today
    monday = today - _dt.timedelta(days=today.weekday())
    if mode == "nextweek":
        return monday + _dt.timedelta(days=7 + wd)
    if mode == "thisweek":
        day = monday + _dt.timedelta(days=wd)
        if day < today:
            raise Refuse("this week's day has passed")
        return day
    ahead = (wd - today.weekday()) % 7
    if mode == "after" and ahead == 0:
        ahead = 7
    if ahead == 0 and start is not None and start.hour < 24:
        if _wall(today, start.hour, start.minute, tz) < _minute(ctx.now):
            ahead = 7
    return today + _dt.timedelta(days=ahead)


def _minute(now: _dt.datetime) -> _dt.datetime:
    return now.replace(second=0, microsecond=0)


def _day(f: Found, ctx: Context, start: Clock | None, tz) -> _dt.date | None:
    days = set(f.dates)
    if len(days) > 1:
        raise Refuse("two different days")
    day = next(iter(days), None)
    if f.week is not None:
        if len(f.weekdays) != 1 or f.weekdays[0][1] not in ("next",):
            raise Refuse("week number needs one weekday")
        wd = f.weekdays[0][0]
        year, this_week, _ = ctx.today.isocalendar()
        if f.week == this_week and _dt.date.fromisocalendar(year, f.week, wd + 1) < ctx.today:
            # "tirsdag uke 48" on Wednesday of week 48 is this week's Tuesday, gone;
            # not Tuesday of week 48 next year (as "fredag denne uka" on a Saturday).
            raise Refuse("this week's day has passed")
        candidate = None
        for y in (year, year + 1):
            try:
                d = _dt.date.fromisocalendar(y, f.week, wd + 1)
            except ValueError:
                continue
            if d >= ctx.today:
                candidate = d
                break
        if candidate is None:
            raise Refuse("no such week")
        if day is not None and day != candidate:
            raise Refuse("week and day disagree")
        return candidate
    if f.short_weekday and day is None:
        raise Refuse("a two-letter weekday without a date")    # "to 10" is not Thursday
    if day is not None:
        for wd, mode in f.weekdays:
            if day.weekday() != wd:
                raise Refuse("weekday and date disagree")
            if mode in ("nextweek", "thisweek") and \
                    _weekday_date(wd, mode, ctx, start, tz) != day:
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


def resolve(f: Found, ctx: Context, tz) -> Period:
    start_c, end_c = _clocks(f)
    if start_c is None:
        if end_c is not None or f.duration is not None:
            raise Refuse("an end without a start")
        if f.part is not None:
            raise Refuse("a part of the day is no time")    # "i kveld", "tomorrow afternoon"
        day = _day(f, ctx, None, tz)
        if day is None:
            raise Refuse("nothing")
        return Period(_wall(day, 0, 0, tz), None, has_time=False)
    if start_c.hour == 24:
        raise Refuse("24 as a start")
    day = _day(f, ctx, start_c, tz)
    if day is None:
        day = ctx.today
        if _wall(day, start_c.hour, start_c.minute, tz) < _minute(ctx.now):
            day += _dt.timedelta(days=1)
    start = _wall(day, start_c.hour, start_c.minute, tz)
    end = None
    if end_c is not None:
        if (end_c.hour, end_c.minute) > (start_c.hour, start_c.minute):
            end = _wall(day, end_c.hour, end_c.minute, tz)
        elif (end_c.hour, end_c.minute) == (start_c.hour, start_c.minute):
            raise Refuse("empty range")
        elif _afternoon_end(f, ctx, start_c, end_c):
            end = _wall(day, end_c.hour + 12, end_c.minute, tz)
        else:
            if (_dt.time(start_c.hour, start_c.minute) < OVERNIGHT_START
                    or _dt.time(end_c.hour % 24, end_c.minute) > OVERNIGHT_END):
                raise Refuse("end before start, and not clearly past midnight")
            end = _wall(day + _dt.timedelta(days=1), end_c.hour, end_c.minute, tz)
    if f.duration is not None:
        by_duration = (start.astimezone(_dt.timezone.utc) + f.duration).astimezone(tz)
        if end is not None and end != by_duration:
            raise Refuse("end and duration disagree")
        end = by_duration
    utc = _dt.timezone.utc
    if end is not None and end.astimezone(utc) <= start.astimezone(utc):
        raise Refuse("end before start")   # compared as instants: Python compares wall times in one zone
    return Period(start, end, has_time=True)
