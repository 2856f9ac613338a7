"""The rules that read a day: dates, holidays, weekdays, days and weeks from today, parts of the day.

Each rule is a regular expression (in :mod:`core.when.rule_table`) plus a handler here that
records what the phrase means in a :class:`~core.when.reading.Found`.  A handler returns
``False`` when the match is not its kind after all (the text is left for later rules), and raises
:class:`~core.when.reading.Refuse` when the phrase is impossible.

The examples run as doctests (``tests/when/test_when_doctests.py`` gives them ``demo`` from
:mod:`core.when.reader`: what the rules alone find, with ``now`` = Wednesday 2026-11-25 10:00).
"""

from __future__ import annotations

import datetime as _dt
import re

from .dates import date_from, day_of_month, holiday, valid_day_month
from .lexicon import ANY_MONTH, HOLIDAY_WORDS, WEEKDAYS, number
from .reading import Context, Found, Refuse, make_clock

Match = re.Match[str]


def int_word(text: str, locale: str) -> int:
    """A whole number in digits or words ("14", "to", "two")."""
    value = number(text, locale)
    if value is None or value != int(value):
        raise Refuse("number")
    return int(value)


def iso(m: Match, f: Found, ctx: Context) -> None:
    """ISO 8601 day, optionally with a time: ``2026-12-03``, ``2026-12-03T14:00``.
    A time after a space is left to the time rules (``2026-12-03 14:00-15:00``).

    >>> demo("2026-12-03t14:30")
    {'dates': [datetime.date(2026, 12, 3)], 'start': '14:30'}
    >>> demo("2026-12-03 14:00-15:00")
    {'dates': [datetime.date(2026, 12, 3)], 'start': '14:00', 'end': '15:00'}
    """
    f.dates.append(date_from(int(m["d"]), int(m["mo"]), int(m["y"]), ctx))
    if m["h"]:
        f.set_start(make_clock(int(m["h"]), int(m["mi"]), None, m["h"]))


def numeric_date(m: Match, f: Found, ctx: Context) -> None:
    """Day, month and year with dots, slashes or hyphens: ``03.12.2026``, ``14.01.27``, ``3/12/2026``,
    and the Norwegian habit ``3/12-26`` (slash, then a hyphen before the year).

    >>> demo("03.12.2026"), demo("14.01.27")
    ({'dates': [datetime.date(2026, 12, 3)]}, {'dates': [datetime.date(2027, 1, 14)]})
    >>> demo("31.02.2027")
    'refused: no_such_date'
    """
    _record(f, [date_from(d, mo, int(m["y"]), ctx) for d, mo in _readings(m, ctx)], ctx)


def _readings(m: Match, ctx: Context) -> list[tuple[int, int]]:
    """(day, month) readings of ``a`` and ``b``: day-first everywhere; in English a slashed date
    may also be month-first (``12/31`` only that, ``12/3`` both: 12 March or 3 December).

    Teams gives "en-US" or "en-GB", but :func:`core.when.parse_period` is called with the
    language, and the two differ exactly here; so in English a slashed date with two readings is
    refused as ambiguous with both offered.  Dotted and hyphenated dates (``3.12``,
    ``3-12-2026``) are day-first, as nobody writes month-first with dots."""
    a, b = int(m["a"]), int(m["b"])
    if m["sep"] == "/" and ctx.locale == "en" and a != b:
        readings = [(d, mo) for d, mo in ((a, b), (b, a)) if valid_day_month(d, mo)]
        return readings or [(a, b)]
    return [(a, b)]


def _record(f: Found, days: list[_dt.date], ctx: Context) -> None:
    if len(days) == 1:
        f.dates.append(days[0])
    elif f.alt_dates:
        raise Refuse("two ambiguous dates")
    else:
        f.alt_dates = tuple(days)


def _maybe(day: int, month: int, ctx: Context) -> _dt.date | Refuse:
    try:
        return date_from(day, month, None, ctx)
    except Refuse as refusal:
        return refusal


def slash_date(m: Match, f: Found, ctx: Context) -> None:
    """Day/month without a year: ``1/12``.  English ``12/5`` is ambiguous (5 December or
    12 May: both are offered); ``3/13`` is 13 March in English, refused in Norwegian.

    >>> demo("1/12")
    {'dates': [datetime.date(2026, 12, 1)]}
    >>> demo("12/5", "en"), demo("3/13", "en")
    ({'alt_dates': (datetime.date(2027, 5, 12), datetime.date(2026, 12, 5))}, {'dates': [datetime.date(2027, 3, 13)]})
    """
    readings = _readings(m, ctx)
    if len(readings) == 1:
        f.dates.append(date_from(*readings[0], None, ctx))
        return
    found = [_maybe(d, mo, ctx) for d, mo in readings]
    days = [x for x in found if isinstance(x, _dt.date)]
    if not days:
        refusal = found[0]
        assert isinstance(refusal, Refuse)
        raise refusal
    if f.alt_dates:
        raise Refuse("two ambiguous dates")
    f.alt_dates = tuple(days)       # even one: the other reading was meant as often


def month_name_date(m: Match, f: Found, ctx: Context) -> None:
    """A day with a month name (of either language): ``3. desember``, ``3 des.``,
    ``3. desember 2026``, ``3rd december``; English ``3 December``, ``3rd of Dec``,
    ``December 3``, ``Dec 3rd 2026``, ``3. desember``.

    >>> demo("3. des"), demo("3. januar"), demo("3. december")
    ({'dates': [datetime.date(2026, 12, 3)]}, {'dates': [datetime.date(2027, 1, 3)]}, {'dates': [datetime.date(2026, 12, 3)]})
    >>> demo("dec 3rd 2026", "en"), demo("3. oktober")
    ({'dates': [datetime.date(2026, 12, 3)]}, 'refused: past')
    """
    g = m.groupdict()
    day = g["d"] or g.get("d2")
    word = g["mon"] or g.get("mon2")
    assert day is not None and word is not None
    year = g["y"] or g.get("y2")
    f.dates.append(date_from(int(day), ANY_MONTH[word.rstrip(".")], int(year) if year else None, ctx))


def holiday_day(m: Match, f: Found, ctx: Context) -> None:
    """A holiday, computed for the year (Easter moves): ``julaften``, ``lille julaften``,
    ``1. juledag``, ``2. påskedag``, ``langfredag``, ``Kristi himmelfartsdag``, ``2. pinsedag``,
    ``nyttårsaften``; English ``Christmas Eve``, ``New Year's Eve``, ``Good Friday``.  Without
    a year the next one, unless it has just passed (then refused as past).

    >>> demo("julaften"), demo("langfredag"), demo("new year's eve", "en")
    ({'dates': [datetime.date(2026, 12, 24)]}, {'dates': [datetime.date(2027, 3, 26)]}, {'dates': [datetime.date(2026, 12, 31)]})
    """
    name = HOLIDAY_WORDS[ctx.locale][re.sub(r"\s+", " ", m["w"])]
    f.dates.append(holiday(name, int(m["y"]) if m["y"] else None, ctx))


RELATIVE_DAYS: dict[str, tuple[int, str | None]] = {
    # word: (days from today, part of day)
    "i dag": (0, None), "idag": (0, None),
    "i morgen": (1, None), "imorgen": (1, None), "i morra": (1, None), "imorra": (1, None),
    "i morgon": (1, None), "imorgon": (1, None), "i mårå": (1, None), "i mårra": (1, None),
    "i måra": (1, None), "i mårn": (1, None), "imårn": (1, None), "i morn": (1, None),
    "i mora": (1, None),
    "i overmorgen": (2, None), "iovermorgen": (2, None), "overimorgen": (2, None),
    "i overmorra": (2, None), "i overmorgon": (2, None), "iovermorgon": (2, None),
    "i kveld": (0, "evening"), "ikveld": (0, "evening"), "i ettermiddag": (0, "afternoon"),
    "i formiddag": (0, "forenoon"), "i føremiddag": (0, "forenoon"),
    "today": (0, None), "tomorrow": (1, None), "tonight": (0, "evening"),
    "the day after tomorrow": (2, None), "day after tomorrow": (2, None),
    "this morning": (0, "morning"), "this afternoon": (0, "afternoon"),
    "this evening": (0, "evening"),
}


def relative_day(m: Match, f: Found, ctx: Context) -> None:
    """Days named from today: ``i dag``, ``idag``, ``i morgen``, ``imorgen``, ``i morra``,
    ``i morgon``, ``i overmorgen``, ``i kveld`` (today, afternoon clock); English ``today``,
    ``tomorrow``, ``the day after tomorrow``, ``tonight``, ``this afternoon``.

    >>> demo("i overmorgen"), demo("tonight", "en")
    ({'dates': [datetime.date(2026, 11, 27)]}, {'dates': [datetime.date(2026, 11, 25)], 'part': 'pm'})
    """
    days, part = RELATIVE_DAYS[re.sub(r"\s+", " ", m[0])]
    f.dates.append(ctx.today + _dt.timedelta(days=days))
    if part:
        f.set_part(part)


def days_from_now(m: Match, f: Found, ctx: Context) -> None:
    """``om to dager``, ``om en uke``, ``om 2 uker``, ``om 14 dager``, ``om to dagar``; English
    ``in two days``, ``in a week``, ``a week from today``, ``3 days from now``.

    >>> demo("om to dager"), demo("in a week", "en")
    ({'dates': [datetime.date(2026, 11, 27)]}, {'dates': [datetime.date(2026, 12, 2)]})
    >>> demo("a week from today", "en")
    {'dates': [datetime.date(2026, 12, 2)]}
    """
    g = m.groupdict()
    n = int_word(g["n"] or g.get("n2") or "", ctx.locale)
    unit = g["u"] or g.get("u2") or ""
    days = n * (7 if unit.startswith(("uke", "week", "veke")) else 1)
    if not 0 < days <= 366:
        raise Refuse("too far")
    f.dates.append(ctx.today + _dt.timedelta(days=days))


_WEEK_WORD_MODE = {"neste": "nextweek", "kommende": "nextweek", "next": "nextweek",
                   "denne": "thisweek", "this": "thisweek"}


def week_word(m: Match, f: Found, ctx: Context) -> None:
    """``neste uke`` / ``denne uka`` (``next week`` / ``this week``) away from the weekday
    it belongs to: ``torsdag kl 14 neste uke``, ``thursday at 2pm next week``.  It needs
    exactly one weekday, read by then; alone (``neste uke``, ``i neste uke``) or with a
    weekday that says otherwise (``førstkommende fredag neste uke``) it is refused.

    >>> demo("torsdag kl 14 neste uke"), demo("neste uke kl 14")
    ({'weekdays': [(3, 'nextweek')], 'start': '14:00'}, 'refused: unclear')
    """
    mode = _WEEK_WORD_MODE[m["w"]]
    if len(f.weekdays) != 1 or f.week is not None:
        raise Refuse("a week without one weekday")
    wd, had = f.weekdays[0]
    if had not in ("next", mode):
        raise Refuse("this and next week")
    f.weekdays[0] = (wd, mode)


def week_number(m: Match, f: Found, ctx: Context) -> None:
    """An ISO week: ``uke 49``, ``i uke 49``, ``week 49`` (needs a weekday too).

    >>> demo("uke 49")
    {'week': 49}
    """
    week = int(m["n"])
    if not 1 <= week <= 53 or f.week not in (None, week):
        raise Refuse("week")
    f.week = week


def day_number(m: Match, f: Found, ctx: Context) -> bool | None:
    """A day of the month without a month: ``den 3.``, ``den 3``, ``fredag 4.``
    (a bare ``4.`` only after a weekday); English ``the 3rd``, ``on the 3rd``,
    ``3rd``.  The nearest such day (:func:`core.when.dates.day_of_month`).

    >>> demo("den 3."), demo("on the 3rd", "en")
    ({'dates': [datetime.date(2026, 12, 3)]}, {'dates': [datetime.date(2026, 12, 3)]})
    >>> demo("fredag 4. kl 10")
    {'dates': [datetime.date(2026, 12, 4)], 'weekdays': [(4, 'next')], 'start': '10:00'}
    >>> demo("4. kl 10")
    'refused: unclear'
    """
    if ctx.locale == "nb" and not m["den"]:
        if not (m["dot"] and f.weekdays):
            return False
        if m.string[: m.start()].rstrip().endswith(("kl", "fra", "til", "og")):
            return False
    f.dates.append(day_of_month(int(m["d"]), ctx))
    return None


_PRE_MODE = {
    None: "next", "på": "next", "on": "next", "kommende": "next", "coming": "next",
    "this coming": "next", "this": "next",
    "neste": "neste", "next": "neste", "on next": "neste",
    "førstkommende": "after",
    "denne": "thisweek",
}
_POST_MODE = {None: None, "neste": "nextweek", "next": "nextweek", "kommende": "nextweek",
              "denne": "thisweek", "this": "thisweek"}

SHORT_WEEKDAYS = {"ma": 0, "ti": 1, "on": 2, "to": 3, "fr": 4, "lø": 5, "lo": 5, "sø": 6, "so": 6}


def short_weekday(m: Match, f: Found, ctx: Context) -> None:
    """Outlook's and Teams' two-letter Norwegian weekdays, right before a date:
    ``to. 26.11.2026``, ``ma 30.11``.  Alone they are ordinary words ("to" is two,
    "ti" ten), so the text is refused unless a date is read and agrees (a
    disagreeing date, ``to. 27.11``, is refused like ``torsdag 27.11``).

    >>> demo("to. 26.11 kl 13"), demo("to 10")
    ({'dates': [datetime.date(2026, 11, 26)], 'weekdays': [(3, 'next')], 'start': '13:00'}, 'refused: unclear')
    """
    f.weekdays.append((SHORT_WEEKDAYS[m["wd"]], "next"))
    f.short_weekday = True


def weekday(m: Match, f: Found, ctx: Context) -> None:
    """A weekday, with what comes with it.

    * ``tirsdag``, ``på tirsdag``, ``kommende tirsdag`` (English ``tuesday``,
      ``on tuesday``, ``this tuesday``): the next Tuesday from today; today
      itself when it is Tuesday and the time asked for is still ahead.
    * ``neste tirsdag`` (``next tuesday``): Tuesday of next (ISO) week, refused as ambiguous
      where people disagree (see :mod:`core.when.resolution`).
    * ``tirsdag neste uke``, ``tirsdag i neste uke``, ``neste uke tirsdag`` (``tuesday next
      week``): Tuesday of next week, always.
    * ``førstkommende tirsdag``: the first Tuesday after today.
    * ``tirsdag denne uka``, ``denne tirsdagen`` (``tuesday this week``): this week's.

    >>> demo("neste mandag"), demo("tirsdag neste uke")
    ({'weekdays': [(0, 'neste')]}, {'weekdays': [(1, 'nextweek')]})
    """
    wd = WEEKDAYS[ctx.locale][(m["wd"] or m["wd2"]).rstrip(".")]
    pre = re.sub(r"\s+", " ", m["pre"]) if m["pre"] else None
    mode = _PRE_MODE[pre]
    post = _POST_MODE[m["post"] or m["pre2"]]
    if post is not None:
        if pre not in (None, "på", "on") and {"neste": "nextweek"}.get(mode, mode) != post:
            raise Refuse("this and next week")
        mode = post
    f.weekdays.append((wd, mode))


_PART_WORDS = {
    "ettermiddagen": "afternoon", "ettermiddag": "afternoon", "kvelden": "evening",
    "kveld": "evening", "morgenen": "morning", "morgonen": "morning", "morgen": "morning",
    "tidlig": "morning", "tidleg": "morning",
    "formiddagen": "forenoon", "formiddag": "forenoon", "føremiddagen": "forenoon",
    "føremiddag": "forenoon",
    "afternoon": "afternoon", "evening": "evening", "morning": "morning",
}


def day_part(m: Match, f: Found, ctx: Context) -> bool | None:
    """Part of the day that settles a 12-hour reading: ``i morgen ettermiddag kl 3``
    is 15:00, ``tomorrow evening at 7`` is 19:00, ``tomorrow morning at 9`` 09:00,
    ``fredag morgen kl 8`` 08:00 (a bare ``morgen`` only after a day: alone it is
    a misspelt "i morgen").  The clock must fall in that part of the day
    (:data:`~core.when.reading.PARTS`): ``i kveld kl 4`` and ``formiddag kl 2`` are refused.

    >>> demo("kveld"), demo("in the morning", "en"), demo("fredag morgen")
    ({'part': 'pm'}, {'part': 'am'}, {'weekdays': [(4, 'next')], 'part': 'am'})
    >>> demo("morgen kl 8")
    'refused: unclear'
    """
    word = m["w"]
    if word == "morgen" and not f.has_day():
        return False
    f.set_part(_PART_WORDS[word])
    return None
