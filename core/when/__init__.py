"""Norwegian and English date-time phrases -> :class:`Period`. Never a silent guess.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> now = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Europe/Oslo"))  # a Wednesday
    >>> p = parse_period("i morgen kl 13-14", now)
    >>> p.start.isoformat(), p.end.isoformat()
    ('2026-11-26T13:00:00+01:00', '2026-11-26T14:00:00+01:00')
    >>> parse_period("onsdag neste uke 10.30-11", now).start.isoformat()
    '2026-12-02T10:30:00+01:00'
    >>> parse_period("blå", now) is None, parse_period("31.02 kl 14", now) is None
    (True, True)
    >>> read_period("31.02 kl 14", now), read_period("kl 9", now)
    (Refusal(reason='no_such_date', candidates=()), Refusal(reason='past', candidates=()))

How the parts fit: :mod:`core.when.reader` reads a text with the rules of
:mod:`core.when.rule_table` (:mod:`core.when.day_rules`, :mod:`core.when.time_rules`; day words
put right by :mod:`core.when.spelling`) into a :class:`~core.when.reading.Found`;
:mod:`core.when.resolution` turns that into a :class:`Period` (future preferred, never a
silent guess, daylight saving) with calendar help from :mod:`core.when.dates` (years, holidays).

``locale`` is the Teams locale or a language: anything starting with "en" is
English, everything else Norwegian (nb, nn, no, nb-NO).  Results are in the
zone ``tz`` (default: the ``TIME_ZONE`` environment variable, read at call
time, else Europe/Oslo); a naive ``now`` is taken as wall-clock time there.
"""

from __future__ import annotations

import datetime as _dt
import os
from zoneinfo import ZoneInfo

from .period import Period, Refusal
from .reader import normalize, read
from .reading import Ambiguous, Context, Refuse
from .resolution import resolve
from .rule_table import rules_for

__all__ = ["Period", "Refusal", "parse_period", "read_period", "warm_up", "default_tz"]

MAX_TEXT = 200


def default_tz() -> ZoneInfo:
    """The users' zone: ``TIME_ZONE`` (read now, not at import), else Europe/Oslo."""
    return ZoneInfo(os.environ.get("TIME_ZONE") or "Europe/Oslo")


def _language(locale: str | None) -> str:
    return "en" if (locale or "").lower().startswith("en") else "nb"


def read_period(text: str, now: _dt.datetime, locale: str = "nb", *,
                tz: _dt.tzinfo | None = None) -> Period | Refusal:
    """The period ``text`` names, or a :class:`Refusal` that says why there is none: ``past``,
    ``no_such_date``, ``end_before_start``, ``ambiguous`` (with the readings people mean in
    ``candidates``), ``dst`` or ``unclear``.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> friday = datetime(2026, 12, 4, 9, 15, tzinfo=ZoneInfo("Europe/Oslo"))
    >>> read_period("blå", friday), read_period("2.12 kl 10", friday)
    (Refusal(reason='unclear', candidates=()), Refusal(reason='past', candidates=()))
    >>> [c.date.isoformat() for c in read_period("neste lørdag", friday).candidates]
    ['2026-12-05', '2026-12-12']
    """
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
        return Refusal("unclear")
    zone = tz or default_tz()
    now = now.replace(tzinfo=zone) if now.tzinfo is None else now.astimezone(zone)
    ctx = Context(now, _language(locale))
    try:
        return resolve(read(normalize(text), ctx), ctx, zone)
    except Ambiguous as ambiguous:
        return Refusal("ambiguous", ambiguous.periods)
    except Refuse as refusal:
        return Refusal(refusal.reason)
    except (ValueError, OverflowError):
        return Refusal("unclear")


def parse_period(text: str, now: _dt.datetime, locale: str = "nb", *,
                 tz: _dt.tzinfo | None = None) -> Period | None:
    """The period ``text`` names, or ``None`` when it is not one the parser is sure of
    (:func:`read_period` says why)."""
    result = read_period(text, now, locale, tz=tz)
    return result if isinstance(result, Period) else None


def warm_up(tz: _dt.tzinfo | None = None) -> None:
    """Compile the rules of both languages now, so that no user waits for it; the bot calls
    this at start-up with its settings' zone (``tz``; default: :func:`default_tz`)."""
    zone = tz or default_tz()
    now = _dt.datetime.now(zone)
    for locale, text in (("nb", "i morgen kl 13-14"), ("en", "tomorrow 2-3pm")):
        rules_for(locale)
        parse_period(text, now, locale, tz=zone)
