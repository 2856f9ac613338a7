"""What "ny avtale <text>" says: a time (through :func:`core.when.parse_period`) and recurrence words.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> tz = ZoneInfo("Europe/Oslo")
    >>> now = datetime(2026, 11, 25, 10, 0, tzinfo=tz)
    >>> sorted(read_request_text("i morgen kl 13-14", now, "nb", tz).items())
    [('end', '2026-11-26T14:00:00+01:00'), ('start', '2026-11-26T13:00:00+01:00')]
    >>> r = read_request_text("hver mandag kl 9-10 til 1. mars", now, "nb", tz)
    >>> r["frequency"], r["until"], r["start"]
    ('weekly', '2027-03-01', '2026-11-30T09:00:00+01:00')
    >>> r = read_request_text("hver mandag til 1. mars kl 9-10", now, "nb", tz)
    >>> r["until"], r["start"]
    ('2027-03-01', '2026-11-30T09:00:00+01:00')
    >>> r = read_request_text("ukentlig fra tirsdag kl 9-10", now, "nb", tz)
    >>> r["frequency"], r["start"]
    ('weekly', '2026-12-01T09:00:00+01:00')
    >>> saturday = datetime(2026, 11, 28, 7, 0, tzinfo=tz)  # "kl 8-9" is Saturday 08:00: the series starts Monday
    >>> read_request_text("hverdager kl 8-9 til 4. desember", saturday, "nb", tz)["start"]
    '2026-11-30T08:00:00+01:00'
    >>> friday = datetime(2026, 11, 27, 10, 0, tzinfo=tz)  # "kl 8-9" has passed today: the series starts Monday
    >>> read_request_text("hverdager kl 8-9 til 4. desember", friday, "nb", tz)["start"]
    '2026-11-30T08:00:00+01:00'
    >>> read_request_text("blå", now, "nb", tz)
    {}
    >>> sorted(read_request_text("i dag kl 8-9", now, "nb", tz).items())   # 10:00: already begun
    [('date_hint', '2026-11-25'), ('time_past', True)]
    >>> sorted(read_request_text("i morgen kl 13", now, "nb", tz).items())  # no end: the card asks
    [('date_hint', '2026-11-26'), ('start_hint', '2026-11-26T13:00:00+01:00')]

Only what is understood for sure is returned; anything else is left for the dialog to ask. The
last day of a series may stand anywhere after the recurrence words ("til 1. mars kl 9-10" and
"kl 9-10 til 1. mars" both work); a "weekdays" series named by a time alone starts on the first
weekday from then (the series is the same, and it cannot start on a Saturday).
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from .recurrence import occurrences
from .when import parse_period

_WEEKDAYS_NB = "mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag"
_WEEKDAYS_EN = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"

#: (frequency, pattern) in the order they are tried; a named group ``day`` carries a weekday.
_RULES = {
    "nb": (
        ("biweekly", rf"\b(?:annenhver|annen hver|hver annen|hver andre)\s+(?:uke|(?P<day>{_WEEKDAYS_NB}))\b"),
        ("weekdays", r"\b(?:alle hverdager|hver hverdag|hverdager|hver ukedag|ukedager)\b"),
        ("daily", r"\b(?:daglig|hver dag|alle dager)\b"),
        ("weekly", rf"\b(?:ukentlig|hver uke|hver (?P<day>{_WEEKDAYS_NB}))\b"),
        ("monthly", r"\b(?:månedlig|hver måned)\b"),
    ),
    "en": (
        ("biweekly", rf"\b(?:biweekly|fortnightly|every other (?:week|(?P<day>{_WEEKDAYS_EN})))\b"),
        ("weekdays", r"\b(?:every weekday|on weekdays|weekdays)\b"),
        ("daily", r"\b(?:daily|every day)\b"),
        ("weekly", rf"\b(?:weekly|every week|every (?P<day>{_WEEKDAYS_EN}))\b"),
        ("monthly", r"\b(?:monthly|every month)\b"),
    ),
}
_UNTIL = {
    "nb": re.compile(r"\b(?:til og med|t\.o\.m\.?|fram til|frem til|til)\s+"),
    "en": re.compile(r"\b(?:until|till|through|to)\s+"),
}
# Words that introduce the first meeting ("ukentlig fra tirsdag kl 9-10"): the time follows them.
_FROM = {
    "nb": re.compile(r"^(?:fra og med|f\.o\.m\.?|fom|fra|første gang|start)\s+", re.IGNORECASE),
    "en": re.compile(r"^(?:from|starting|beginning|first)\s+", re.IGNORECASE),
}
_COMPILED = {lang: tuple((f, re.compile(p, re.IGNORECASE)) for f, p in rules) for lang, rules in _RULES.items()}


def read_request_text(text: str, now: datetime, language: str, tz: tzinfo) -> dict[str, Any]:
    """Form values understood from free text: ``start``/``end`` (ISO), ``date_hint`` (a day without
    a whole period), ``frequency`` and ``until`` (ISO date; ``until_hint`` while the time is unknown).
    A time that cannot be pre-filled is not dropped silently: ``start_hint`` (ISO) is a start
    without a usable end, ``time_past`` (True) a time that has already begun. Empty when nothing is
    understood for sure."""
    lang = "en" if language == "en" else "nb"
    rest = " ".join(text.split())[:200]
    values: dict[str, Any] = {}
    weekday = None
    for frequency, pattern in _COMPILED[lang]:
        match = pattern.search(rest)
        if match:
            values["frequency"] = frequency
            weekday = match.groupdict().get("day")
            tail = rest[match.end():]
            rest = rest[:match.start()]
            until, tail = _until(tail, now, lang, tz)
            if until is not None:
                values["until"] = until.isoformat()
            rest = (rest + " " + tail).strip()
            break
    period = None
    if "frequency" in values:
        rest = _FROM[lang].sub("", rest)
    candidates = [f"{weekday} {rest}".strip()] if weekday else []
    candidates.append(rest)
    for candidate in candidates:
        if candidate:
            period = parse_period(candidate, now, lang, tz=tz)
            if period is not None:
                break
    if period is None and "frequency" in values and rest:
        # a series' bare time already gone today ("hverdager kl 8-9" at 10:00) starts tomorrow
        period = parse_period(("tomorrow " if lang == "en" else "i morgen ") + rest, now, lang, tz=tz)
    if period is not None:
        if (period.has_time and period.end is not None
                and timedelta(0) < period.end - period.start <= timedelta(hours=24)
                and period.start >= now and not (_twice(period.start, tz) or _twice(period.end, tz))):
            start, end = period.start, period.end
            if values.get("frequency") == "weekdays" and start.weekday() > 4:
                shift = 7 - start.weekday()
                start = datetime.combine(start.date() + timedelta(days=shift), start.time(), tz)
                end = datetime.combine(end.date() + timedelta(days=shift), end.time(), tz)
            values["start"], values["end"] = start.isoformat(), end.isoformat()
        else:
            values["date_hint"] = period.start.date().isoformat()
            if period.has_time and period.start < now:
                values["time_past"] = True  # said, so the card can tell it was dropped
            elif period.has_time:
                values["start_hint"] = period.start.isoformat()
    elif rest and "frequency" not in values:
        return {}
    if values.get("until"):
        if "start" not in values:
            # checked once the time is known: the recurrence card shows it as its default
            values["until_hint"] = values.pop("until")
        else:
            try:
                occurrences(datetime.fromisoformat(values["start"]), datetime.fromisoformat(values["end"]),
                            values["frequency"], datetime.fromisoformat(values["until"]).date(), tz=tz)
            except ValueError:
                values.pop("until")
    return values


def _twice(moment: datetime, tz: tzinfo) -> bool:
    """Whether a time's wall-clock reading exists twice that day (02:30 on the last Sunday of
    October): not pre-filled, the organizer picks it on the card (which says why).

    >>> from zoneinfo import ZoneInfo
    >>> oslo = ZoneInfo("Europe/Oslo")
    >>> (_twice(datetime(2027, 10, 31, 2, 30, tzinfo=oslo), oslo),
    ...  _twice(datetime(2027, 10, 31, 3, 30, tzinfo=oslo), oslo))
    (True, False)
    """
    wall = moment.astimezone(tz).replace(tzinfo=None)
    return wall.replace(tzinfo=tz, fold=0).utcoffset() != wall.replace(tzinfo=tz, fold=1).utcoffset()


def _until(tail: str, now: datetime, lang: str, tz: tzinfo) -> tuple[date | None, str]:
    """``til 1. mars`` after the recurrence words: the last day, when it is a plain date. Words
    after the date ("til 1. mars kl 9-10") are given back with the rest of the text."""
    for match in _UNTIL[lang].finditer(tail):
        words = tail[match.end():].split()
        for n in range(len(words), 0, -1):
            period = parse_period(" ".join(words[:n]), now, lang, tz=tz)
            if period is not None and not period.has_time:
                return period.start.date(), (tail[:match.start()] + " " + " ".join(words[n:])).strip()
    return None, tail
