"""Calendar days: which day a date without a year (or a month) names, and the holidays.

A date without a year is the next such day, today included, unless that day came round within
the last :data:`RECENT` days: then the writer most likely mistyped or looked at an old calendar,
and it is refused as past rather than moved to next year ("2. desember" on 4 December).  A date
with its year must not be in the past.  A day of the month alone ("den 3.") is the nearer of last
month's and next month's; when the nearer one is past it is refused.

    >>> ctx = Context(_dt.datetime(2026, 12, 4, 9), "nb")
    >>> date_from(10, 1, None, ctx), date_from(4, 12, None, ctx), date_from(1, 9, None, ctx)
    (datetime.date(2027, 1, 10), datetime.date(2026, 12, 4), datetime.date(2027, 9, 1))
    >>> date_from(2, 12, None, ctx)
    Traceback (most recent call last):
    ...
    core.when.reading.Refuse: a day that has just passed
"""

from __future__ import annotations

import datetime as _dt
from typing import Callable

from .reading import Context, Refuse

# A date without a year that came round this many days ago or less is refused as past.
RECENT = _dt.timedelta(days=92)

_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def valid_day_month(day: int, month: int) -> bool:
    """Whether day.month exists in some year (29.02 does, 31.04 does not).

    >>> valid_day_month(29, 2), valid_day_month(31, 4)
    (True, False)
    """
    return 1 <= month <= 12 and 1 <= day <= _MONTH_DAYS[month - 1]


def yearly(day_in: Callable[[int], _dt.date | None], ctx: Context) -> _dt.date:
    """The day a yearly date names (``day_in(year)``, ``None`` in years without it): the next
    one from today, unless one came round within :data:`RECENT` days (refused as past) or the
    next is more than a year away (refused: no such day)."""
    today = ctx.today
    for year in (today.year - 1, today.year, today.year + 1, today.year + 2):
        day = day_in(year)
        if day is None:
            continue
        if day < today:
            if today - day <= RECENT:
                raise Refuse("a day that has just passed", "past")
            continue
        if day - today > _dt.timedelta(days=366):
            break
        return day
    raise Refuse("no such day within a year", "no_such_date")


def _calendar_day(day: int, month: int) -> Callable[[int], _dt.date | None]:
    def day_in(year: int) -> _dt.date | None:
        try:
            return _dt.date(year, month, day)
        except ValueError:
            return None
    return day_in


def date_from(day: int, month: int, year: int | None, ctx: Context) -> _dt.date:
    """A calendar day; without a year, see :func:`yearly`.  With a year it must not be before
    today: a meeting is never booked in the past, and "14.01.26" typed in January 2027 is a slip
    of habit, not a wish.

    >>> ctx = Context(_dt.datetime(2026, 11, 25, 10), "nb")
    >>> date_from(3, 12, None, ctx), date_from(14, 1, 27, ctx)
    (datetime.date(2026, 12, 3), datetime.date(2027, 1, 14))
    >>> date_from(24, 11, 2026, ctx)  # yesterday, with its year
    Traceback (most recent call last):
    ...
    core.when.reading.Refuse: a day in the past
    >>> date_from(29, 2, None, ctx)   # no 29 February within a year
    Traceback (most recent call last):
    ...
    core.when.reading.Refuse: no such day within a year
    """
    if not valid_day_month(day, month):
        raise Refuse("no such day", "no_such_date")
    if year is None:
        return yearly(_calendar_day(day, month), ctx)
    return _with_year(_calendar_day(day, month)(_full_year(year)), ctx, year)


def _full_year(year: int) -> int:
    return year + 2000 if year < 100 else year


def _with_year(found: _dt.date | None, ctx: Context, year: int) -> _dt.date:
    today = ctx.today
    # A year far from now is a typo, not a meeting.
    if not today.year - 1 <= _full_year(year) <= today.year + 2:
        raise Refuse("year out of range")
    if found is None:
        raise Refuse("no such day", "no_such_date")
    if found < today:
        raise Refuse("a day in the past", "past")
    return found


def day_of_month(day: int, ctx: Context) -> _dt.date:
    """The day numbered ``day`` nearest today: this month's if it is today or ahead and nearer
    than last month's, else next month's; refused when the nearest is past or does not exist.

    >>> ctx = Context(_dt.datetime(2026, 11, 25, 10), "nb")
    >>> day_of_month(3, ctx), day_of_month(25, ctx), day_of_month(30, ctx)
    (datetime.date(2026, 12, 3), datetime.date(2026, 11, 25), datetime.date(2026, 11, 30))
    >>> day_of_month(20, ctx)
    Traceback (most recent call last):
    ...
    core.when.reading.Refuse: this month's day has just passed
    """
    today = ctx.today
    if not 1 <= day <= 31:
        raise Refuse("no such day", "no_such_date")
    if day >= today.day:
        try:
            return today.replace(day=day)
        except ValueError:
            raise Refuse("no such day this month", "no_such_date") from None
    this_month = today.replace(day=day)
    y, m = divmod(today.month, 12)
    try:
        next_month = _dt.date(today.year + y, m + 1, day)
    except ValueError:
        raise Refuse("no such day next month", "no_such_date") from None
    if today - this_month < next_month - today:
        raise Refuse("this month's day has just passed", "past")
    return next_month


def easter(year: int) -> _dt.date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm).

    >>> easter(2026), easter(2027), easter(2028)
    (datetime.date(2026, 4, 5), datetime.date(2027, 3, 28), datetime.date(2028, 4, 16))
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return _dt.date(year, month, day + 1)


# Holidays: (month, day) for fixed ones, or days from Easter Sunday.
HOLIDAYS: dict[str, tuple[int, int] | int] = {
    "lille julaften": (12, 23), "julaften": (12, 24), "1. juledag": (12, 25),
    "2. juledag": (12, 26), "nyttårsaften": (12, 31), "nyttårsdag": (1, 1),
    "17. mai": (5, 17),
    "skjærtorsdag": -3, "langfredag": -2, "påskeaften": -1, "1. påskedag": 0, "2. påskedag": 1,
    "kristi himmelfartsdag": 39, "pinseaften": 48, "1. pinsedag": 49, "2. pinsedag": 50,
}


def holiday_in(name: str, year: int) -> _dt.date:
    """The day of holiday ``name`` (a key of :data:`HOLIDAYS`) in ``year``.

    >>> holiday_in("langfredag", 2027), holiday_in("2. pinsedag", 2027), holiday_in("julaften", 2026)
    (datetime.date(2027, 3, 26), datetime.date(2027, 5, 17), datetime.date(2026, 12, 24))
    """
    rule = HOLIDAYS[name]
    if isinstance(rule, tuple):
        return _dt.date(year, *rule)
    return easter(year) + _dt.timedelta(days=rule)


def holiday(name: str, year: int | None, ctx: Context) -> _dt.date:
    """The day of holiday ``name``: with ``year`` that year's (not past), else as :func:`yearly`."""
    if year is None:
        return yearly(lambda y: holiday_in(name, y), ctx)
    return _with_year(holiday_in(name, _full_year(year)) if 1 <= _full_year(year) <= 9998 else None,
                      ctx, year)
