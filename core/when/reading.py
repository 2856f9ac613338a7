"""What the rules have read from a text (:class:`Found`), and how a rule says no (:class:`Refuse`).

The rules (:mod:`core.when.day_rules`, :mod:`core.when.time_rules`) fill a :class:`Found`; the
resolution (:mod:`core.when.resolution`) turns it into a :class:`~core.when.period.Period`.  Either
may refuse; a refusal carries one of the reasons of :data:`core.when.period.REASONS`, so that the
bot can tell the user why.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from .period import Period


class Refuse(Exception):
    """The text is impossible or unclear: no :class:`Period`.

    ``reason`` is what the user is told (one of :data:`core.when.period.REASONS`); the message
    is for developers.

    >>> Refuse("31 February", "no_such_date").reason
    'no_such_date'
    """

    def __init__(self, why: str, reason: str = "unclear") -> None:
        super().__init__(why)
        self.reason = reason


class Ambiguous(Refuse):
    """Two or more readings that people really mean; ``periods`` holds those that exist."""

    def __init__(self, why: str, periods: tuple[Period, ...]) -> None:
        super().__init__(why, "ambiguous")
        self.periods = periods


@dataclass(frozen=True)
class Clock:
    """A wall-clock time as written. ``ap`` is "am"/"pm" when the text says so.

    ``raw`` is the text of the time (``"0930"``, ``"14"``), :data:`WORD_CLOCK` for a time said in
    words, or :data:`RELATIVE` for a time counted from now ("om 45 minutter")."""

    hour: int
    minute: int = 0
    ap: str | None = None
    raw: str = ""


def make_clock(hour: int, minute: int, ap: str | None = None, raw: str = "") -> Clock:
    """A :class:`Clock`, refusing impossible ones (25, 14:60, 13pm).

    >>> make_clock(14, 30), make_clock(2, 0, "pm").ap
    (Clock(hour=14, minute=30, ap=None, raw=''), 'pm')
    """
    if minute > 59:
        raise Refuse("minute")
    if ap is not None:
        if not 1 <= hour <= 12:
            raise Refuse("12-hour clock")
    elif hour > 24 or (hour == 24 and minute):
        raise Refuse("hour")
    return Clock(hour, minute, ap, raw)


# ``Clock.raw`` of a time said in words: speech is on the 12-hour clock, so
# "halv ett" is never 00:30 without a part of the day.
WORD_CLOCK = "words"
# ``Clock.raw`` of a time counted from now: exact, never a 12-hour question.
RELATIVE = "relative"

# A weekday's mode: "next" (the next such day, today included when still ahead), "neste" ("neste
# fredag", "next friday": next week's, refused where people disagree), "nextweek" ("fredag neste
# uke"), "thisweek" ("fredag denne uka"), "after" ("førstkommende fredag": after today).
WeekdayMode = str


@dataclass
class Found:
    """What the rules have read so far."""

    dates: list[_dt.date] = field(default_factory=list)          # explicit days
    alt_dates: tuple[_dt.date, ...] = ()                          # one of these days ("12/5" in English)
    weekdays: list[tuple[int, WeekdayMode]] = field(default_factory=list)   # (0-6, mode)
    week: int | None = None                        # ISO week number ("uke 49")
    start: Clock | None = None
    end: Clock | None = None
    duration: _dt.timedelta | None = None
    part: str | None = None                        # "am"/"pm" from words (kveld, morning)
    part_hours: tuple[int, int] | None = None      # the hours that part of the day allows
    short_weekday: bool = False                    # "to." for torsdag: only with a date

    def has_day(self) -> bool:
        return bool(self.dates or self.alt_dates or self.weekdays or self.week is not None)

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
PARTS: dict[str, tuple[str, int, int]] = {
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
