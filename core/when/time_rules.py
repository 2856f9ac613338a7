"""The rules that read a time of day: ranges, marked and plain times, clock words, durations,
times counted from now.

As in :mod:`core.when.day_rules`: each handler goes with a regular expression in
:mod:`core.when.rule_table`, records what it read in a :class:`~core.when.reading.Found`,
returns ``False`` to leave the match to later rules and raises
:class:`~core.when.reading.Refuse` for the impossible.  Clock times are taken as written;
the resolution (:mod:`core.when.resolution`) decides about 12-hour readings.
"""

from __future__ import annotations

import datetime as _dt
import re

from .dates import date_from, valid_day_month
from .day_rules import int_word
from .lexicon import number
from .reading import RELATIVE, WORD_CLOCK, Clock, Context, Found, Refuse, make_clock

Match = re.Match[str]


def clock_from(m: Match, n: int) -> Clock:
    """Read the clock of ``rule_table.clock(n)``, refusing impossible ones (25, 14:60, 13pm).
    Compact times have the minutes last: ``0930`` and ``930`` are 09:30, ``1415`` 14:15
    (``130`` is 01:30, a small hour the resolution asks about; ``975`` is refused).
    Their minutes must be a multiple of five: ``1314`` is far more likely "13-14" with the
    dash lost than a meeting at 13:14, so it is refused (``13:14`` is taken as written)."""
    raw = m.group(f"t{n}")
    if m.group(f"hhmm{n}"):
        hour, minute = int(raw[:-2]), int(raw[-2:])
        if minute % 5:
            raise Refuse("1314: 13:14 or 13-14 without its dash?")
    else:
        hour, minute = int(m.group(f"h{n}")), int(m.group(f"m{n}") or 0)
    return make_clock(hour, minute, m.group(f"ap{n}"), raw)


def _minutes(m: Match, locale: str) -> int:
    """The length a duration phrase gives, in minutes (the groups of ``rule_table.length``)."""
    if m["halfhour"]:
        minutes = 30.0
    elif m["onehalf"]:
        minutes = 90.0
    else:
        n = number(m["n"], locale)
        if n is None:
            raise Refuse("number")
        unit = m["u"]
        if unit.startswith(("t", "h")):
            minutes = n * 60 + (30 if m["half"] else 0)
        elif unit.startswith("kvarter"):
            minutes = n * 15
        else:
            if m["half"]:
                raise Refuse("half a minute")
            minutes = n
        if m["n2"]:
            if not unit.startswith(("t", "h")):
                raise Refuse("minutes and minutes")
            minutes += int_word(m["n2"], locale)
    if minutes != int(minutes) or not 0 < minutes <= 24 * 60:
        raise Refuse("duration")
    return int(minutes)


def duration(m: Match, f: Found, ctx: Context) -> None:
    """How long: ``i 45 minutter``, ``i 1,5 time``, ``i to timer``, ``i en halvtime``,
    ``i halvannen time``, ``i tre kvarter``, ``i 1 time og 30 min``; English
    ``for 45 minutes``, ``for 1.5 hours``, ``for an hour and a half``, ``for half an hour``.
    (``i en halv time`` is 30 minutes; ``i 1,5 t`` and ``for 1h`` use the short unit.)

    >>> demo("i 1,5 time"), demo("i en halvtime")
    ({'duration': '1:30:00'}, {'duration': '0:30:00'})
    >>> demo("for an hour and a half", "en")
    {'duration': '1:30:00'}
    """
    minutes = _minutes(m, ctx.locale)
    if f.duration is not None:
        raise Refuse("two durations")
    f.duration = _dt.timedelta(minutes=minutes)


ROUND_TO = 5


def from_now(m: Match, f: Found, ctx: Context) -> None:
    """A start counted from now: ``om 45 minutter``, ``om en time``, ``om halvannen time``,
    ``om ein time``; English ``in 30 minutes``, ``in an hour``, ``in half an hour``.  The time is
    rounded to the nearest five minutes (09:13 + 45 minutes is 10:00), and may be tomorrow's.

    >>> demo("om 45 minutter"), demo("in an hour and a half", "en")
    ({'dates': [datetime.date(2026, 11, 25)], 'start': '10:45'}, {'dates': [datetime.date(2026, 11, 25)], 'start': '11:30'})
    """
    minutes = _minutes(m, ctx.locale)
    now = ctx.now.replace(second=0, microsecond=0)
    at = now.astimezone(_dt.timezone.utc) + _dt.timedelta(minutes=minutes)
    rest = at.minute % ROUND_TO
    at += _dt.timedelta(minutes=-rest if rest * 2 < ROUND_TO else ROUND_TO - rest)
    local = at.astimezone(now.tzinfo)
    f.dates.append(local.date())
    f.set_start(Clock(local.hour, local.minute, None, RELATIVE))


def _looks_like_date(raw: str) -> bool:
    if "." not in raw:
        return False
    a, b = raw.split(".")
    return valid_day_month(int(a), int(b))


def time_range(m: Match, f: Found, ctx: Context) -> None:
    """From one time to another: ``14-15``, ``14:00–15:30``, ``10.30-11``, ``kl 14-15``,
    ``14 til 15``, ``fra 14 til 15``, ``kl 14 til kl 15``, ``mellom 14 og 15``;
    English ``2-3pm``, ``2:30 pm to 3:30 pm``, ``from 2 to 3 pm``, ``between 2 and 3``.
    Two day.month lookalikes (``3.12-4.12``) are refused: days or times?

    >>> demo("kl 14-15.30"), demo("from 2 to 3 pm", "en")
    ({'start': '14:00', 'end': '15:30'}, {'start': '02:00', 'end': '03:00pm'})
    >>> demo("3.12-4.12")
    'refused: unclear'
    """
    lead, sep = m["lead"], m["sep"]
    if sep in ("og", "and") and lead not in ("mellom", "between"):
        raise Refuse("and")
    a, b = clock_from(m, 1), clock_from(m, 2)
    if not (lead or m["kl"]) and _looks_like_date(a.raw) and _looks_like_date(b.raw):
        raise Refuse("days or times")
    f.set_start(a)
    f.set_end(b)


END_ROLES = ("til", "to", "until", "till", "-")


def place(clock: Clock, role: str | None, f: Found) -> None:
    """A clock as the start, or as the end after ``til``/``to``/``until`` or a dash."""
    if role in END_ROLES:
        f.set_end(clock)
    else:
        f.set_start(clock)


def marked_time(m: Match, f: Found, ctx: Context) -> None:
    """A time with a marker: ``kl 14``, ``kl. 14.00``, ``klokka 8``, ``kl14``, ``fra 14``,
    ``til kl 15``; English ``at 9``, ``at 2pm``, ``from 14:00``, ``until 3``.

    >>> demo("klokka 8"), demo("at 9", "en")
    ({'start': '08:00'}, {'start': '09:00'})
    """
    place(clock_from(m, 1), m["role"], f)


def plain_time(m: Match, f: Found, ctx: Context) -> bool | None:
    """A time that says it is one without a marker: ``14:00``, ``2pm``, ``2:30 pm``.

    >>> demo("14:00"), demo("2 pm", "en")
    ({'start': '14:00'}, {'start': '02:00pm'})
    """
    if not (m["ap1"] or ":" in m["t1"]):
        return False
    f.set_start(clock_from(m, 1))
    return None


HOUR_WORDS = {
    "nb": ("en", "ett", "én", "to", "tre", "fire", "fem", "seks", "sju", "syv", "åtte", "ni",
           "ti", "elleve", "tolv"),
    "en": ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
           "eleven", "twelve"),
}

MINUTE_WORDS = {"fem": 5, "ti": 10, "tjue": 20, "five": 5, "ten": 10, "twenty": 20,
                "twenty-five": 25, "twentyfive": 25, "quarter": 15, "half": 30,
                "5": 5, "10": 10, "20": 20, "25": 25}
# English "ten to eleven" may be 10:50 or 10-11; only these may go before "to".
_BEFORE_WORDS = ("quarter", "twenty", "twenty-five", "twentyfive", "20", "25")


def word_time(m: Match, f: Found, ctx: Context) -> bool | None:
    """Clock words, read on the 24-hour clock as written: ``kl halv ti`` 09:30,
    ``kvart over ni`` 09:15, ``kvart på ti`` 09:45, ``ti over ni`` 09:10, ``fem på ti`` 09:55,
    ``fem på halv ti`` 09:25, ``fem over halv ti`` 09:35, ``klokka åtte`` 08:00; ``halv 15``
    14:30 (``halv 3`` is then 02:30, which the resolution asks about).  English ``half past
    ten`` 10:30, ``quarter to three`` 02:45, ``ten past nine`` 09:10 (``ten to eleven`` is
    refused: 10:50, or 10-11?).  Two joined by ``til``/``to`` or a dash are a range
    (``kvart over ni–kvart på elleve``).

    >>> demo("kl halv ti"), demo("kvart på 15"), demo("fem på halv ti"), demo("ti over ni")
    ({'start': '09:30'}, {'start': '14:45'}, {'start': '09:25'}, {'start': '09:10'})
    >>> demo("kvart over ni-kvart på elleve"), demo("half past ten to eleven", "en")
    ({'start': '09:15', 'end': '10:45'}, {'start': '10:30', 'end': '11:00'})
    """
    role = "-" if m["dash"] else m["role"]
    if m["hw2"] and not (m["kl"] or role or m["ap"]):
        return False          # "to" / "ti" alone is not a time
    word = m["hw"] or m["hw2"]
    hour = int(word) if word.isdigit() else int_word(word, ctx.locale)
    if not 0 <= hour <= 24:
        raise Refuse("hour")
    minutes = hour * 60
    g = m.groupdict()
    how = re.sub(r"\s+", " ", g.get("how") or "")
    if how == "halv" or g.get("half"):
        minutes -= 30
    if how.startswith("kvart"):
        minutes += 15 if how.endswith("over") else -15
    elif m["mw"]:
        step = MINUTE_WORDS[m["mw"]]
        if m["dir"] in ("to", "before", "till"):
            if m["mw"] not in _BEFORE_WORDS:
                return False
            step = -step
        elif m["dir"] == "på":
            step = -step
        minutes += step
    if minutes < 0:
        raise Refuse("before midnight")     # "halv 0"
    h, mi = divmod(minutes, 60)
    if m["ap"]:
        clock = make_clock(h or 12, mi, m["ap"], WORD_CLOCK)
    else:
        clock = make_clock(h, mi, None, WORD_CLOCK)
    place(clock, role, f)
    return None


def dotted(m: Match, f: Found, ctx: Context) -> None:
    """``a.b`` without a marker is a day.month when it can be one and no day has
    been named yet (``3.12`` is 3 December, ``3.10`` 3 October); otherwise a
    time (``14.00``, ``10.30``, ``i morgen 10.15``).  With a weekday it is the
    date only when that date falls on that weekday (``tirsdag 1.12``).  A pair
    that reads as a day.month but is taken as a time must look like a clock
    time people book (minutes a multiple of five: ``tirsdag 10.10``); otherwise
    the writer most likely meant a day that contradicts the rest (``mandag 8.12``,
    8 December being a Tuesday), and the text is refused.  A day.month that has just
    passed (``24.11``) is refused as past rather than read as 24:11 or moved a year.

    >>> demo("3.12"), demo("14.15"), demo("fra 10.30")
    ({'dates': [datetime.date(2026, 12, 3)]}, {'start': '14:15'}, {'start': '10:30'})
    >>> demo("tirsdag 10.10"), demo("mandag 8.12"), demo("i morgen 10.12"), demo("20.11")
    ({'weekdays': [(1, 'next')], 'start': '10:10'}, 'refused: unclear', 'refused: unclear', 'refused: past')
    """
    a, b = int(m["a"]), int(m["b"])
    role = m["role"]
    if m["a"] == "0":
        raise Refuse("0.12: neither day nor clear time")
    is_time = len(m["b"]) == 2 and (a < 24 or (a == 24 and b == 0)) and b < 60
    if not role and valid_day_month(a, b):
        if not f.dates:
            refusal = None
            try:
                day: _dt.date | None = date_from(a, b, None, ctx)
            except Refuse as e:
                day, refusal = None, e
            fits = day is not None and (
                not f.weekdays or all(day.weekday() == wd for wd, _ in f.weekdays)
            )
            if day is not None and (fits or not is_time):
                f.dates.append(day)
                return
            if refusal is not None and refusal.reason == "past" and not (
                    f.weekdays and is_time and b % 5 == 0):
                raise refusal
        if is_time and b % 5:
            raise Refuse("a day.month that contradicts, or an odd clock time")
    if not is_time:
        if not role and 1 <= a <= 31 and 1 <= b <= 12:
            raise Refuse("a day.month that does not exist", "no_such_date")    # "31.02"
        raise Refuse("neither day nor time")
    place(make_clock(a, b, None, m[0]), role, f)


def bare_number(m: Match, f: Found, ctx: Context) -> None:
    """A number alone (``14``, ``0900``) is a time only next to a day
    (``i morgen 14``, ``tirsdag 0900``) or after ``fra``/``til``; alone it could
    be a day of the month or anything, so ``14`` by itself is refused.

    >>> demo("14")
    'refused: unclear'
    """
    role = m["role"]
    if not role and (not f.has_day() or f.start is not None):
        raise Refuse("bare number")
    if not role and m.string[m.end():m.end() + 1] == ".":
        raise Refuse("an ordinal, not a time")      # "1. nyttårsdag", "fredag 14."
    place(clock_from(m, 1), role, f)
