"""The grammar: small rules that each recognise one kind of phrase.

Every rule is a regular expression (per language) plus a handler that records
what the phrase means in a :class:`Found`.  The parser runs the rules in the
order of :func:`rules_for`; each match is cut out of the text, and once all
rules have run, nothing may be left but filler words ("den", "på", "on",
"the") and punctuation.  Anything else ("blå", "ca", "i går", "neste uke"
without a day) makes the whole text unclear, and :func:`core.when.parse_period`
answers ``None``.  That is the rule that keeps the parser from guessing.

The examples in each docstring run as doctests (``tests/when``); ``_demo``
shows what one rule alone finds, with ``now`` = Wednesday 2026-11-25 10:00.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from .lexicon import MONTHS, NUMBERS, WEEKDAYS, alternation, number


class Refuse(Exception):
    """The text is impossible or unclear: the parser must answer ``None``."""


@dataclass
class Clock:
    """A wall-clock time as written. ``ap`` is "am"/"pm" when the text says so."""

    hour: int
    minute: int = 0
    ap: str | None = None
    raw: str = ""


@dataclass
class Found:
    """What the rules have read so far."""

    dates: list = field(default_factory=list)      # explicit days (datetime.date)
    weekdays: list = field(default_factory=list)   # (weekday 0-6, mode)
    week: int | None = None                        # ISO week number ("uke 49")
    start: Clock | None = None
    end: Clock | None = None
    duration: _dt.timedelta | None = None
    part: str | None = None                        # "am"/"pm" from words (kveld, morning)
    part_hours: tuple | None = None                # the hours that part of the day allows
    short_weekday: bool = False                    # "to." for torsdag: only with a date

    def has_day(self) -> bool:
        return bool(self.dates or self.weekdays or self.week is not None)

    def set_start(self, clock: Clock) -> None:
        if self.start is not None:
            raise Refuse("two start times")
        self.start = clock

    def set_end(self, clock: Clock) -> None:
        if self.end is not None:
            raise Refuse("two end times")
        self.end = clock

    def set_part(self, name: str) -> None:
        """Record a part of the day by name (see :data:`PARTS`)."""
        part, low, high = PARTS[name]
        if self.part not in (None, part) or self.part_hours not in (None, (low, high)):
            raise Refuse("two parts of the day")
        self.part, self.part_hours = part, (low, high)


# A part of the day: which half of a 12-hour clock it settles, and the start
# hours (from, before) it allows, so that "i kveld kl 4" or "formiddag kl 2" is
# refused instead of being read as 16:00 or 02:00.
PARTS = {
    "morning": ("am", 5, 12),      # i morgen tidlig, om morgenen, fredag morgen, morning
    "forenoon": ("am", 7, 12),     # formiddag
    "afternoon": ("pm", 12, 19),   # ettermiddag, afternoon
    "evening": ("pm", 17, 24),     # kveld, evening, tonight
}


@dataclass(frozen=True)
class Context:
    now: _dt.datetime   # aware, in the users' zone
    locale: str         # "nb" or "en"

    @property
    def today(self) -> _dt.date:
        return self.now.date()


# ---------------------------------------------------------------- helpers

B0 = r"(?<![\w.:/])"          # not inside a number or word
B1 = r"(?![\w:/]|[.,]\d)"      # ... on either side


def _t(n: int) -> str:
    """A clock time: 14, 14:00, 14.00, 1400, 930 (09:30), 2pm, 2:30 pm."""
    return (
        rf"(?P<t{n}>(?P<hhmm{n}>\d{{3,4}})|(?P<h{n}>\d{{1,2}})(?:[:.](?P<m{n}>\d{{2}}))?)"
        rf"(?:\s*(?P<ap{n}>am|pm))?"
    )


def clock_from(m: re.Match, n: int) -> Clock:
    """Read the clock of ``_t(n)``, refusing impossible ones (25, 14:60, 13pm).
    Compact times have the minutes last: ``0930`` and ``930`` are 09:30, ``1415`` 14:15
    (``130`` is 01:30, a small hour the resolver refuses as unclear; ``975`` is refused).
    Their minutes must be a multiple of five: ``1314`` is far more likely "13-14" with the
    dash lost than a meeting at 13:14, so it is refused (``13:14`` is taken as written)."""
    raw = m.group(f"t{n}")
    if m.group(f"hhmm{n}"):
        hour, minute = int(raw[:-2]), int(raw[-2:])
        if minute % 5:
            raise Refuse("1314: 13:14 or 13-14 without its dash?")
    else:
        hour, minute = int(m.group(f"h{n}")), int(m.group(f"m{n}") or 0)
    ap = m.group(f"ap{n}")
    return make_clock(hour, minute, ap, raw)


def make_clock(hour: int, minute: int, ap: str | None = None, raw: str = "") -> Clock:
    if minute > 59:
        raise Refuse("minute")
    if ap is not None:
        if not 1 <= hour <= 12:
            raise Refuse("12-hour clock")
    elif hour > 24 or (hour == 24 and minute):
        raise Refuse("hour")
    return Clock(hour, minute, ap, raw)


def valid_day_month(day: int, month: int) -> bool:
    """Whether day.month exists in some year (29.02 does, 31.04 does not)."""
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def date_from(day: int, month: int, year: int | None, ctx: Context) -> _dt.date:
    """A calendar day; without a year, the next one from today (today included).
    With a year it must not be before today: a meeting is never booked in the
    past, and "14.01.26" typed in January 2027 is a slip of habit, not a wish.

    >>> ctx = Context(_dt.datetime(2026, 11, 25, 10), "nb")
    >>> date_from(3, 12, None, ctx), date_from(24, 11, None, ctx), date_from(14, 1, 27, ctx)
    (datetime.date(2026, 12, 3), datetime.date(2027, 11, 24), datetime.date(2027, 1, 14))
    >>> date_from(24, 11, 2026, ctx)  # yesterday, with its year
    Traceback (most recent call last):
    ...
    core.when.rules.Refuse: a day in the past
    >>> date_from(29, 2, None, ctx)   # no 29 February within a year
    Traceback (most recent call last):
    ...
    core.when.rules.Refuse: no such day within a year
    """
    if not valid_day_month(day, month):
        raise Refuse("no such day")
    today = ctx.today
    if year is None:
        for y in (today.year, today.year + 1):
            try:
                d = _dt.date(y, month, day)
            except ValueError:
                continue
            if d >= today:
                return d
        raise Refuse("no such day within a year")
    if year < 100:
        year += 2000
    # A year far from now is a typo, not a meeting.
    if not today.year - 1 <= year <= today.year + 2:
        raise Refuse("year out of range")
    try:
        found = _dt.date(year, month, day)
    except ValueError:
        raise Refuse("no such day") from None
    if found < today:
        raise Refuse("a day in the past")
    return found


def day_of_month(day: int, ctx: Context) -> _dt.date:
    """The next day numbered ``day`` (today included): this month's, else next month's.
    A number the next such month lacks is refused rather than pushed further.

    >>> ctx = Context(_dt.datetime(2026, 11, 25, 10), "nb")
    >>> day_of_month(3, ctx), day_of_month(25, ctx), day_of_month(31, ctx)
    (datetime.date(2026, 12, 3), datetime.date(2026, 11, 25), datetime.date(2026, 12, 31))
    """
    today = ctx.today
    if not 1 <= day <= 31:
        raise Refuse("no such day")
    first = today.replace(day=1)
    for months_ahead in (0, 1):
        y, m = divmod(first.month - 1 + months_ahead, 12)
        try:
            d = _dt.date(first.year + y, m + 1, day)
        except ValueError:
            continue
        if d >= today:
            return d
    raise Refuse("no such day next")


def _num_alt(locale: str) -> str:
    return r"(?:\d+(?:[.,]\d+)?|" + alternation(NUMBERS[locale])[3:]


def _int_word(text: str, locale: str) -> int:
    value = number(text, locale)
    if value is None or value != int(value):
        raise Refuse("number")
    return int(value)


# ---------------------------------------------------------------- day rules

def iso(m, f: Found, ctx: Context):
    """ISO 8601 day, optionally with a time: ``2026-12-03``, ``2026-12-03T14:00``.
    A time after a space is left to the time rules (``2026-12-03 14:00-15:00``).

    >>> _demo("2026-12-03t14:30")
    {'dates': [datetime.date(2026, 12, 3)], 'start': '14:30'}
    >>> _demo("2026-12-03 14:00-15:00")
    {'dates': [datetime.date(2026, 12, 3)], 'start': '14:00', 'end': '15:00'}
    """
    f.dates.append(date_from(int(m["d"]), int(m["mo"]), int(m["y"]), ctx))
    if m["h"]:
        f.set_start(make_clock(int(m["h"]), int(m["mi"]), None, m["h"]))


def numeric_date(m, f: Found, ctx: Context):
    """Day, month and year with dots, slashes or hyphens: ``03.12.2026``, ``14.01.27``, ``3/12/2026``,
    and the Norwegian habit ``3/12-26`` (slash, then a hyphen before the year).

    >>> _demo("03.12.2026"), _demo("14.01.27")
    ({'dates': [datetime.date(2026, 12, 3)]}, {'dates': [datetime.date(2027, 1, 14)]})
    >>> _demo("31.02.2027")
    'refused'
    """
    a, b = int(m["a"]), int(m["b"])
    f.dates.append(date_from(*_day_month(a, b, m["sep"], ctx), int(m["y"]), ctx))


def _day_month(a: int, b: int, sep: str, ctx: Context) -> tuple[int, int]:
    """Day-first everywhere; in English a slashed date may be month-first when
    only that reading exists (``12/31``), and is refused when both exist (``12/3``).

    Teams gives "en-US" or "en-GB", but :func:`core.when.parse_period` is
    called with the language and the two differ exactly here, so the rule is
    the same for every English locale: only an unambiguous slashed date (or
    one whose two readings are the same day, ``12/12``) is accepted.  Dotted
    and hyphenated dates (``3.12``, ``3-12-2026``) are day-first, as nobody
    writes month-first with dots.

    >>> ctx = Context(_dt.datetime(2026, 11, 25, 10), "en")
    >>> _day_month(12, 31, "/", ctx), _day_month(31, 12, "/", ctx), _day_month(3, 12, ".", ctx)
    ((31, 12), (31, 12), (3, 12))
    """
    if sep == "/" and ctx.locale == "en" and a != b:
        as_dm, as_md = valid_day_month(a, b), valid_day_month(b, a)
        if as_dm and as_md:
            raise Refuse("day/month or month/day")
        if as_md:
            return b, a
    return a, b


def month_name_date(m, f: Found, ctx: Context):
    """A day with a month name: ``3. desember``, ``3 des.``, ``3. desember 2026``;
    English ``3 December``, ``3rd of Dec``, ``December 3``, ``Dec 3rd 2026``.

    >>> _demo("3. des"), _demo("3. oktober")
    ({'dates': [datetime.date(2026, 12, 3)]}, {'dates': [datetime.date(2027, 10, 3)]})
    >>> _demo("dec 3rd 2026", "en")
    {'dates': [datetime.date(2026, 12, 3)]}
    """
    months = MONTHS[ctx.locale]
    g = m.groupdict()
    day = g["d"] or g.get("d2")
    month = months[(g["mon"] or g.get("mon2")).rstrip(".")]
    year = g["y"] or g.get("y2")
    f.dates.append(date_from(int(day), month, int(year) if year else None, ctx))


def slash_date(m, f: Found, ctx: Context):
    """Day/month without a year: ``1/12``.  English ``12/3`` is refused (3 December
    or 12 March?); ``3/13`` is 13 March in English, refused in Norwegian.

    >>> _demo("1/12")
    {'dates': [datetime.date(2026, 12, 1)]}
    >>> _demo("12/3", "en"), _demo("3/13", "en")
    ('refused', {'dates': [datetime.date(2027, 3, 13)]})
    """
    day, month = _day_month(int(m["a"]), int(m["b"]), "/", ctx)
    f.dates.append(date_from(day, month, None, ctx))


_RELATIVE = {
    # word: (days from today, part of day)
    "i dag": (0, None), "idag": (0, None),
    "i morgen": (1, None), "imorgen": (1, None), "i morra": (1, None), "imorra": (1, None),
    "i morgon": (1, None), "imorgon": (1, None),
    "i overmorgen": (2, None), "iovermorgen": (2, None), "overimorgen": (2, None),
    "i overmorra": (2, None),
    "i kveld": (0, "evening"), "ikveld": (0, "evening"), "i ettermiddag": (0, "afternoon"),
    "i formiddag": (0, "forenoon"),
    "today": (0, None), "tomorrow": (1, None), "tonight": (0, "evening"),
    "the day after tomorrow": (2, None), "day after tomorrow": (2, None),
    "this morning": (0, "morning"), "this afternoon": (0, "afternoon"),
    "this evening": (0, "evening"),
}


def relative_day(m, f: Found, ctx: Context):
    """Days named from today: ``i dag``, ``idag``, ``i morgen``, ``imorgen``,
    ``i overmorgen``, ``i kveld`` (today, afternoon clock); English ``today``,
    ``tomorrow``, ``the day after tomorrow``, ``tonight``, ``this afternoon``.

    >>> _demo("i overmorgen"), _demo("tonight", "en")
    ({'dates': [datetime.date(2026, 11, 27)]}, {'dates': [datetime.date(2026, 11, 25)], 'part': 'pm'})
    """
    days, part = _RELATIVE[re.sub(r"\s+", " ", m[0])]
    f.dates.append(ctx.today + _dt.timedelta(days=days))
    if part:
        f.set_part(part)


def days_from_now(m, f: Found, ctx: Context):
    """``om to dager``, ``om en uke``, ``om 2 uker``, ``om 14 dager``; English ``in two days``,
    ``in a week``, ``a week from today``, ``3 days from now``.

    >>> _demo("om to dager"), _demo("in a week", "en")
    ({'dates': [datetime.date(2026, 11, 27)]}, {'dates': [datetime.date(2026, 12, 2)]})
    >>> _demo("a week from today", "en")
    {'dates': [datetime.date(2026, 12, 2)]}
    """
    g = m.groupdict()
    n = _int_word(g["n"] or g.get("n2"), ctx.locale)
    unit = g["u"] or g.get("u2")
    days = n * (7 if unit.startswith(("uke", "week", "veke")) else 1)
    if not 0 < days <= 366:
        raise Refuse("too far")
    f.dates.append(ctx.today + _dt.timedelta(days=days))


_WEEK_WORD_MODE = {"neste": "nextweek", "kommende": "nextweek", "next": "nextweek",
                   "denne": "thisweek", "this": "thisweek"}


def week_word(m, f: Found, ctx: Context):
    """``neste uke`` / ``denne uka`` (``next week`` / ``this week``) away from the weekday
    it belongs to: ``torsdag kl 14 neste uke``, ``thursday at 2pm next week``.  It needs
    exactly one weekday, read by then; alone (``neste uke``, ``i neste uke``) or with a
    weekday that says otherwise (``førstkommende fredag neste uke``) it is refused.

    >>> _demo("torsdag kl 14 neste uke"), _demo("neste uke kl 14")
    ({'weekdays': [(3, 'nextweek')], 'start': '14:00'}, 'refused')
    """
    mode = _WEEK_WORD_MODE[m["w"]]
    if len(f.weekdays) != 1 or f.week is not None:
        raise Refuse("a week without one weekday")
    wd, had = f.weekdays[0]
    if had not in ("next", mode):
        raise Refuse("this and next week")
    f.weekdays[0] = (wd, mode)


def week_number(m, f: Found, ctx: Context):
    """An ISO week: ``uke 49``, ``i uke 49``, ``week 49`` (needs a weekday too).

    >>> _demo("uke 49")
    {'week': 49}
    """
    week = int(m["n"])
    if not 1 <= week <= 53 or f.week not in (None, week):
        raise Refuse("week")
    f.week = week


def day_number(m, f: Found, ctx: Context):
    """A day of the month without a month: ``den 3.``, ``den 3``, ``fredag 4.``
    (a bare ``4.`` only after a weekday); English ``the 3rd``, ``on the 3rd``,
    ``3rd``.  The next such day from today, today included: this month's if it
    is still ahead, else next month's (``den 3.`` on 25 November is 3 December).

    >>> _demo("den 3."), _demo("on the 3rd", "en")
    ({'dates': [datetime.date(2026, 12, 3)]}, {'dates': [datetime.date(2026, 12, 3)]})
    >>> _demo("fredag 4. kl 10")
    {'dates': [datetime.date(2026, 12, 4)], 'weekdays': [(4, 'next')], 'start': '10:00'}
    >>> _demo("4. kl 10")
    'refused'
    """
    if ctx.locale == "nb" and not m["den"]:
        if not (m["dot"] and f.weekdays):
            return False
        if m.string[: m.start()].rstrip().endswith(("kl", "fra", "til", "og")):
            return False
    f.dates.append(day_of_month(int(m["d"]), ctx))


_PRE_MODE = {
    None: "next", "på": "next", "on": "next", "kommende": "next", "coming": "next",
    "this coming": "next", "this": "next",
    "neste": "nextweek", "next": "nextweek", "on next": "nextweek",
    "førstkommende": "after",
    "denne": "thisweek",
}
_POST_MODE = {None: None, "neste": "nextweek", "next": "nextweek", "kommende": "nextweek",
              "denne": "thisweek", "this": "thisweek"}


SHORT_WEEKDAYS = {"ma": 0, "ti": 1, "on": 2, "to": 3, "fr": 4, "lø": 5, "lo": 5, "sø": 6, "so": 6}


def short_weekday(m, f: Found, ctx: Context):
    """Outlook's and Teams' two-letter Norwegian weekdays, right before a date:
    ``to. 26.11.2026``, ``ma 30.11``.  Alone they are ordinary words ("to" is two,
    "ti" ten), so the text is refused unless a date is read and agrees (a
    disagreeing date, ``to. 27.11``, is refused like ``torsdag 27.11``).

    >>> _demo("to. 26.11 kl 13"), _demo("to 10")
    ({'dates': [datetime.date(2026, 11, 26)], 'weekdays': [(3, 'next')], 'start': '13:00'}, 'refused')
    """
    f.weekdays.append((SHORT_WEEKDAYS[m["wd"]], "next"))
    f.short_weekday = True


def weekday(m, f: Found, ctx: Context):
    """A weekday, with what comes with it.

    * ``tirsdag``, ``på tirsdag``, ``kommende tirsdag`` (English ``tuesday``,
      ``on tuesday``, ``this tuesday``): the next Tuesday from today; today
      itself when it is Tuesday and the time asked for is still ahead.
    * ``neste tirsdag``, ``tirsdag neste uke``, ``tirsdag i neste uke``,
      ``neste uke tirsdag`` (``next tuesday``, ``tuesday next week``): Tuesday of
      next (ISO) week.  Norwegian "neste fredag" said on a Wednesday means next
      week's Friday; this week's is "på fredag".
    * ``førstkommende tirsdag``: the first Tuesday after today.
    * ``tirsdag denne uka``, ``denne tirsdagen`` (``tuesday this week``): this week's.

    >>> _demo("neste mandag"), _demo("tirsdag neste uke")
    ({'weekdays': [(0, 'nextweek')]}, {'weekdays': [(1, 'nextweek')]})
    """
    wd = WEEKDAYS[ctx.locale][(m["wd"] or m["wd2"]).rstrip(".")]
    pre = re.sub(r"\s+", " ", m["pre"]) if m["pre"] else None
    mode = _PRE_MODE[pre]
    post = _POST_MODE[m["post"] or m["pre2"]]
    if post is not None:
        if pre not in (None, "på", "on") and mode != post:
            raise Refuse("this and next week")
        mode = post
    f.weekdays.append((wd, mode))


_PART_WORDS = {
    "ettermiddagen": "afternoon", "ettermiddag": "afternoon", "kvelden": "evening",
    "kveld": "evening", "morgenen": "morning", "morgen": "morning", "tidlig": "morning",
    "formiddagen": "forenoon", "formiddag": "forenoon",
    "afternoon": "afternoon", "evening": "evening", "morning": "morning",
}


def day_part(m, f: Found, ctx: Context):
    """Part of the day that settles a 12-hour reading: ``i morgen ettermiddag kl 3``
    is 15:00, ``tomorrow evening at 7`` is 19:00, ``tomorrow morning at 9`` 09:00,
    ``fredag morgen kl 8`` 08:00 (a bare ``morgen`` only after a day: alone it is
    a misspelt "i morgen").  The clock must fall in that part of the day
    (:data:`PARTS`): ``i kveld kl 4`` and ``formiddag kl 2`` are refused.

    >>> _demo("kveld"), _demo("in the morning", "en"), _demo("fredag morgen")
    ({'part': 'pm'}, {'part': 'am'}, {'weekdays': [(4, 'next')], 'part': 'am'})
    >>> _demo("morgen kl 8")
    'refused'
    """
    word = m["w"]
    if word == "morgen" and not f.has_day():
        return False
    f.set_part(_PART_WORDS[word])


# ---------------------------------------------------------------- time rules

def duration(m, f: Found, ctx: Context):
    """How long: ``i 45 minutter``, ``i 1,5 time``, ``i to timer``, ``i en halvtime``,
    ``i halvannen time``, ``i tre kvarter``, ``i 1 time og 30 min``; English
    ``for 45 minutes``, ``for 1.5 hours``, ``for an hour and a half``, ``for half an hour``.
    (``i en halv time`` is 30 minutes; ``i 1,5 t`` and ``for 1h`` use the short unit.)

    >>> _demo("i 1,5 time"), _demo("i en halvtime")
    ({'duration': '1:30:00'}, {'duration': '0:30:00'})
    >>> _demo("for an hour and a half", "en")
    {'duration': '1:30:00'}
    """
    if m["halfhour"]:
        minutes = 30.0
    elif m["onehalf"]:
        minutes = 90.0
    else:
        n = number(m["n"], ctx.locale)
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
            minutes += _int_word(m["n2"], ctx.locale)
    if minutes != int(minutes) or not 0 < minutes <= 24 * 60:
        raise Refuse("duration")
    if f.duration is not None:
        raise Refuse("two durations")
    f.duration = _dt.timedelta(minutes=int(minutes))


def _looks_like_date(raw: str) -> bool:
    if "." not in raw:
        return False
    a, b = raw.split(".")
    return valid_day_month(int(a), int(b))


def time_range(m, f: Found, ctx: Context):
    """From one time to another: ``14-15``, ``14:00–15:30``, ``10.30-11``, ``kl 14-15``,
    ``14 til 15``, ``fra 14 til 15``, ``kl 14 til kl 15``, ``mellom 14 og 15``;
    English ``2-3pm``, ``2:30 pm to 3:30 pm``, ``from 2 to 3 pm``, ``between 2 and 3``.
    Two day.month lookalikes (``3.12-4.12``) are refused: days or times?

    >>> _demo("kl 14-15.30"), _demo("from 2 to 3 pm", "en")
    ({'start': '14:00', 'end': '15:30'}, {'start': '02:00', 'end': '03:00pm'})
    >>> _demo("3.12-4.12")
    'refused'
    """
    lead, sep = m["lead"], m["sep"]
    if sep in ("og", "and") and lead not in ("mellom", "between"):
        raise Refuse("and")
    a, b = clock_from(m, 1), clock_from(m, 2)
    if not (lead or m["kl"]) and _looks_like_date(a.raw) and _looks_like_date(b.raw):
        raise Refuse("days or times")
    f.set_start(a)
    f.set_end(b)


_END_ROLES = ("til", "to", "until", "till")


def marked_time(m, f: Found, ctx: Context):
    """A time with a marker: ``kl 14``, ``kl. 14.00``, ``klokka 8``, ``kl14``, ``fra 14``,
    ``til kl 15``; English ``at 9``, ``at 2pm``, ``from 14:00``, ``until 3``.

    >>> _demo("klokka 8"), _demo("at 9", "en")
    ({'start': '08:00'}, {'start': '09:00'})
    """
    _place(clock_from(m, 1), m["role"], f)


def _place(clock: Clock, role: str | None, f: Found) -> None:
    if role in _END_ROLES:
        f.set_end(clock)
    else:
        f.set_start(clock)


def plain_time(m, f: Found, ctx: Context):
    """A time that says it is one without a marker: ``14:00``, ``2pm``, ``2:30 pm``.

    >>> _demo("14:00"), _demo("2 pm", "en")
    ({'start': '14:00'}, {'start': '02:00pm'})
    """
    if not (m["ap1"] or ":" in m["t1"]):
        return False
    f.set_start(clock_from(m, 1))


HOUR_WORDS = {
    "nb": ("en", "ett", "én", "to", "tre", "fire", "fem", "seks", "sju", "syv", "åtte", "ni",
           "ti", "elleve", "tolv"),
    "en": ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
           "eleven", "twelve"),
}


# ``Clock.raw`` of a time said in words: speech is on the 12-hour clock, so
# "halv ett" is never 00:30 without a part of the day (see grammar._clocks).
WORD_CLOCK = "words"

_MINUTE_WORDS = {"fem": 5, "5": 5, "ti": 10, "10": 10, "tjue": 20, "20": 20}


def word_time(m, f: Found, ctx: Context):
    """Norwegian clock words, read on the 24-hour clock as written:
    ``kl halv ti`` 09:30, ``kvart over ni`` 09:15, ``kvart på ti`` 09:45,
    ``ti over ni`` 09:10, ``fem på ti`` 09:55, ``fem på halv ti`` 09:25,
    ``fem over halv ti`` 09:35, ``klokka åtte`` 08:00; ``halv 15`` 14:30
    (``halv 3`` is then 02:30, which the resolver refuses as unclear).
    (``noon``, ``midnight``, ``midnatt`` become 12:00, 00:00 or, as an end,
    24:00 in normalising.)

    >>> _demo("kl halv ti"), _demo("kvart på 15"), _demo("fem på halv ti"), _demo("ti over ni")
    ({'start': '09:30'}, {'start': '14:45'}, {'start': '09:25'}, {'start': '09:10'})
    """
    role = m["role"]
    if m["hw2"] and not (m["kl"] or m["role"]):
        return False          # "to" / "ti" alone is not a time
    if m["noon"]:
        clock = Clock(12, 0, None, "noon")
    elif m["midnight"]:
        clock = Clock(24 if role in _END_ROLES else 0, 0, None, "midnight")
    else:
        word = m["hw"] or m["hw2"]
        hour = int(word) if word.isdigit() else _int_word(word, ctx.locale)
        if not 0 <= hour <= 24:
            raise Refuse("hour")
        how = re.sub(r"\s+", " ", m["how"] or "")
        minutes = hour * 60
        if how == "halv" or m["half"]:
            minutes -= 30
        if how.startswith("kvart"):
            minutes += 15 if how.endswith("over") else -15
        elif m["mw"]:
            step = _MINUTE_WORDS[m["mw"]]
            minutes += step if m["dir"] == "over" else -step
        if minutes < 0:
            raise Refuse("before midnight")     # "halv 0"
        clock = make_clock(*divmod(minutes, 60), None, WORD_CLOCK)
    _place(clock, role, f)


def dotted(m, f: Found, ctx: Context):
    """``a.b`` without a marker is a day.month when it can be one and no day has
    been named yet (``3.12`` is 3 December, ``3.10`` 3 October); otherwise a
    time (``14.00``, ``10.30``, ``i morgen 10.15``).  With a weekday it is the
    date only when that date falls on that weekday (``tirsdag 1.12``).  A pair
    that reads as a day.month but is taken as a time must look like a clock
    time people book (minutes a multiple of five: ``tirsdag 10.10``); otherwise
    the writer most likely meant a day that contradicts the rest (``mandag 8.12``,
    8 December being a Tuesday), and the text is refused.

    >>> _demo("3.12"), _demo("14.15"), _demo("fra 10.30")
    ({'dates': [datetime.date(2026, 12, 3)]}, {'start': '14:15'}, {'start': '10:30'})
    >>> _demo("tirsdag 10.10"), _demo("mandag 8.12"), _demo("i morgen 10.12")
    ({'weekdays': [(1, 'next')], 'start': '10:10'}, 'refused', 'refused')
    """
    a, b = int(m["a"]), int(m["b"])
    role = m["role"]
    if m["a"] == "0":
        raise Refuse("0.12: neither day nor clear time")
    is_time = len(m["b"]) == 2 and (a < 24 or (a == 24 and b == 0)) and b < 60
    if not role and valid_day_month(a, b):
        if not f.dates:
            try:
                day = date_from(a, b, None, ctx)
            except Refuse:
                day = None
            fits = day is not None and (
                not f.weekdays or all(day.weekday() == wd for wd, _ in f.weekdays)
            )
            if fits or (day is not None and not is_time):
                f.dates.append(day)
                return
        if is_time and b % 5:
            raise Refuse("a day.month that contradicts, or an odd clock time")
    if not is_time:
        raise Refuse("neither day nor time")
    _place(make_clock(a, b, None, m[0]), role, f)


def bare_number(m, f: Found, ctx: Context):
    """A number alone (``14``, ``0900``) is a time only next to a day
    (``i morgen 14``, ``tirsdag 0900``) or after ``fra``/``til``; alone it could
    be a day of the month or anything, so ``14`` by itself is refused.

    >>> _demo("14")
    'refused'
    """
    role = m["role"]
    if not role and (not f.has_day() or f.start is not None):
        raise Refuse("bare number")
    _place(clock_from(m, 1), role, f)


# ---------------------------------------------------------------- the table

Rule = tuple[str, "re.Pattern[str]", Callable]


@lru_cache(maxsize=None)
def rules_for(locale: str) -> tuple[Rule, ...]:
    """The rules of one language, in the order they run."""
    nb = locale == "nb"
    months = alternation(MONTHS[locale])
    wds = alternation(WEEKDAYS[locale])
    num = _num_alt(locale)
    roles = "(?:fra|til)" if nb else "(?:from|to|until|till|til)"
    marker = "(?:kl)" if nb else "(?:kl|at)"
    ordinal = "" if nb else r"(?:st|nd|rd|th)?"
    relative = alternation(k for k in _RELATIVE if (k[0] in "io") == nb)

    table: list[tuple[str, str, Callable]] = [
        ("iso", rf"{B0}(?P<y>\d{{4}})-(?P<mo>\d{{2}})-(?P<d>\d{{2}})"
                rf"(?:t(?P<h>\d{{2}}):(?P<mi>\d{{2}})(?::00)?)?{B1}", iso),
        ("numeric_date", rf"{B0}(?P<a>\d{{1,2}})(?P<sep>[./-])(?P<b>\d{{1,2}})(?:(?P=sep)|(?<=\d/\d)-|(?<=\d/\d\d)-)"
                         rf"(?P<y>\d{{4}}|\d{{2}}){B1}", numeric_date),
        ("month_name_date",
         rf"{B0}(?:(?P<d>\d{{1,2}}){ordinal}\.?\s*(?:of\s+)?(?P<mon>{months})(?!\w)\.?"
         rf"(?:\s*(?P<y>\d{{4}})(?!\w))?"
         + ("" if nb else rf"|(?P<mon2>{months})(?!\w)\.?\s*(?:the\s+)?(?P<d2>\d{{1,2}}){ordinal}"
                          rf"(?:\s+(?P<y2>\d{{4}}))?{B1}")
         + ")", month_name_date),
        ("slash_date", rf"{B0}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}}){B1}", slash_date),
        *([("short_weekday", r"(?<!\w)(?P<wd>ma|ti|on|to|fr|lø|lo|sø|so)(?!\w)\.?"
                             r"(?=\s*(?:\||\d{1,2}\.\d{1,2}(?![\d:])))", short_weekday)] if nb else []),
        ("days_from_now",
         (rf"(?<!\w)om\s+(?P<n>{num})\s+(?P<u>dager|dag|døgn|uker|uke|veker|veke)(?!\w)" if nb else
          rf"(?<!\w)(?:in\s+(?P<n>{num})\s+(?P<u>days|day|weeks|week)(?:\s?s?\s+time)?"
          rf"|(?P<n2>{num})\s+(?P<u2>days|day|weeks|week)\s+from\s+(?:now|today))(?!\w)"), days_from_now),
        ("relative_day", rf"(?<!\w){relative}(?!\w)", relative_day),
        ("weekday",
         (rf"(?<!\w)(?:(?P<pre>på|neste|førstkommende|kommende|denne)\s+)?(?P<wd>{wds})(?!\w)\.?"
          rf"(?:\s+(?:i\s+|på\s+)?(?P<post>neste|denne|kommende)\s+(?:uke|uka|uken|veke|veka))?(?!\w)"
          rf"|(?<!\w)(?:i\s+)?(?P<pre2>neste|denne)\s+(?:uke|uka|uken|veke|veka)\s+(?:på\s+)?(?P<wd2>{wds})(?!\w)\.?"
          if nb else
          rf"(?<!\w)(?:(?P<pre>on\s+next|this\s+coming|on|next|this|coming)\s+)?(?P<wd>{wds})(?!\w)\.?"
          rf"(?:\s+(?:of\s+)?(?P<post>next|this)\s+week)?(?!\w)"
          rf"|(?<!\w)(?P<pre2>next|this)\s+week\s+(?:on\s+)?(?P<wd2>{wds})(?!\w)\.?"), weekday),
        ("week_number",
         (r"(?<!\w)(?:i\s+)?(?:uke|uka|veke)\s*(?P<n>\d{1,2})(?![\w:/-]|[.,]\d)" if nb else
          r"(?<!\w)(?:in\s+)?week\s*(?P<n>\d{1,2})(?![\w:/-]|[.,]\d)"), week_number),
        ("week_word",
         (r"(?<!\w)(?:(?:i|på)\s+)?(?P<w>neste|denne|kommende)\s+(?:uke|uka|uken|veke|veka)(?!\w)" if nb else
          r"(?<!\w)(?P<w>next|this)\s+week(?!\w)"), week_word),
        ("day_number",
         (r"(?<![\w.:/-])(?<!-\s)(?:(?P<den>den)\s+)?(?P<d>\d{1,2})(?P<dot>\.)?(?![\w.:/]|\s*-\s*\d)" if nb else
          r"(?<!\w)(?:on\s+)?(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)(?!\w)"), day_number),
        ("day_part",
         (r"(?<!\w)(?:(?:på|om|i)\s+)?(?P<w>ettermiddagen|ettermiddag|kvelden|kveld|morgenen|morgen|"
          r"formiddagen|formiddag|tidlig)(?!\w)" if nb else
          r"(?<!\w)(?:in\s+the\s+)?(?P<w>afternoon|evening|morning)(?!\w)"), day_part),
        ("duration",
         (rf"(?<!\w)(?:(?:i|varighet)\s+)?(?:(?P<halfhour>(?:(?:en|ei|ein)\s+)?halv\s*time)|"
          rf"(?P<onehalf>halvannen\s+time)|"
          rf"(?P<n>{num})(?P<half>\s+og\s+en\s+halv)?\s*(?P<u>timer|timar|time|t|minutter|minutt|min|kvarter)(?!\w)\.?"
          rf"(?:\s+(?:og\s+)?(?P<n2>{num})\s*(?:minutter|minutt|min)(?!\w)\.?)?)(?!\w)" if nb else
          rf"(?<!\w)(?:for\s+)?(?:(?P<halfhour>half\s+an\s+hour)|(?P<onehalf>\ban\s+hour\s+and\s+a\s+half)|"
          rf"(?P<n>{num})(?P<half>\s+and\s+a\s+half)?\s*(?P<u>hours|hour|hrs|hr|h|minutes|minute|mins|min)(?!\w)\.?"
          rf"(?:\s+(?:and\s+)?(?P<n2>{num})\s*(?:minutes|minute|mins|min)(?!\w)\.?)?)(?!\w)"), duration),
        ("time_range",
         rf"{B0}(?:(?P<lead>{'fra|mellom' if nb else 'from|between'})\s+)?(?:(?P<kl>{marker})\s*)?{_t(1)}"
         rf"\s*(?P<sep>-|{'til|og' if nb else 'to|until|till|til|and'})\s*(?:{marker}\s*)?{_t(2)}{B1}",
         time_range),
        ("word_time",
         rf"(?<!\w)(?:(?P<role>{roles})\s+)?(?:(?P<kl>{marker})\s*)?(?:(?P<noon>(?!))|(?P<midnight>(?!))|"
         + (rf"(?:(?P<how>halv|kvart\s+over|kvart\s+på)|(?P<mw>fem|ti|tjue|5|10|20)\s+(?P<dir>over|på)"
            rf"(?:\s+(?P<half>halv))?)\s+(?P<hw>\d{{1,2}}|{alternation(HOUR_WORDS[locale])})|"
            if nb else r"(?P<how>(?!))(?P<mw>(?!))(?P<dir>(?!))(?P<half>(?!))(?P<hw>(?!))|")
         + rf"(?P<hw2>{alternation(HOUR_WORDS[locale])}))(?!\w)", word_time),
        ("marked_time",
         rf"{B0}(?:(?P<role>{roles})\s+(?:{marker}\s*)?|{marker}\s*){_t(1)}{B1}", marked_time),
        ("plain_time", rf"{B0}{_t(1)}{B1}", plain_time),
        ("dotted", rf"{B0}(?:(?P<role>{roles})\s+)?(?P<a>\d{{1,2}})\.(?P<b>\d{{1,2}})\.?{B1}", dotted),
        ("bare_number", rf"{B0}(?:(?P<role>{roles})\s+)?{_t(1)}{B1}", bare_number),
    ]
    return tuple((name, re.compile(rx), fn) for name, rx, fn in table)


def _demo(text: str, locale: str = "nb"):
    """What the rules find in ``text`` (for the doctests)."""
    from .grammar import normalize, read

    ctx = Context(_dt.datetime(2026, 11, 25, 10), locale)
    try:
        f = read(normalize(text), ctx)
    except Refuse:
        return "refused"
    out = {}
    for key in ("dates", "weekdays", "week", "start", "end", "duration", "part"):
        value = getattr(f, key)
        if value in (None, []):
            continue
        if isinstance(value, Clock):
            value = f"{value.hour:02d}:{value.minute:02d}{value.ap or ''}"
        elif isinstance(value, _dt.timedelta):
            value = str(value)
        out[key] = value
    return out
