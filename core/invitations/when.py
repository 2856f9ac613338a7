"""Dates and times as invitees read them, in the meeting's time zone.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> start = datetime(2026, 12, 1, 12, 0, tzinfo=ZoneInfo("UTC"))
>>> end = datetime(2026, 12, 1, 13, 0, tzinfo=ZoneInfo("UTC"))
>>> period(start, end, "Europe/Oslo", "nb")
'tirsdag 01.12.2026 kl. 13:00–14:00'
>>> period(start, end, "Europe/Oslo", "en", sms=True)
'Tue 1 Dec 2026 13:00-14:00'
"""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from .model import Series
from .texts import words

_MONTHS_EN = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_MONTHS_EN_LONG = ("January February March April May June July August September October November "
                   "December").split()


def day_text(day: date, language: str, *, short: bool = False) -> str:
    """``tirsdag 01.12.2026`` / ``Tuesday 1 December 2026``; ``short``: ``tir 01.12.2026`` /
    ``Tue 1 Dec 2026``."""
    w = words(language)
    weekday = w["weekdays_short" if short else "weekdays"].split()[day.weekday()]
    if language == "en":
        month = (_MONTHS_EN if short else _MONTHS_EN_LONG)[day.month - 1]
        return w["date_long"].format(weekday=weekday, date=f"{day.day} {month} {day.year}")
    return w["date_long"].format(weekday=weekday, date=day.strftime("%d.%m.%Y"))


def numeric_date(day: date, language: str) -> str:
    """``01.12.2026`` / ``1 Dec 2026``: a date without its weekday."""
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}" if language == "en" else day.strftime("%d.%m.%Y")


def local(value: datetime, time_zone: str) -> datetime:
    return value.astimezone(ZoneInfo(time_zone))


def clock(start: datetime, end: datetime, time_zone: str, language: str, *, sms: bool = False) -> str:
    """``kl. 13:00–14:00``; an end on another day gets its date."""
    s, e = local(start, time_zone), local(end, time_zone)
    end_text = e.strftime("%H:%M") if e.date() == s.date() else f"{numeric_date(e.date(), language)} {e:%H:%M}"
    return words(language)["time_range_sms" if sms else "time_range"].format(start=s.strftime("%H:%M"), end=end_text)


def period(start: datetime, end: datetime, time_zone: str, language: str, *, sms: bool = False) -> str:
    """``tirsdag 01.12.2026 kl. 13:00–14:00`` (e-mail) / ``tir 01.12.2026 kl. 13:00-14:00`` (SMS)."""
    day = day_text(local(start, time_zone).date(), language, short=sms)
    return f"{day} {clock(start, end, time_zone, language, sms=sms)}"


def zone_name(time_zone: str, language: str) -> str:
    return words(language)["zone_oslo"] if time_zone == "Europe/Oslo" else time_zone


def rule_text(series: Series | None, language: str) -> str:
    w = words(language)
    if series is None:
        return ""
    rule = series.rule
    if "rule_" + rule in w:
        return w["rule_" + rule]
    unit = w.get("unit_" + series.frequency, series.frequency)
    return w["rule_every"].format(n=series.interval, unit=unit)
