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

What is understood, rule by rule, is in :mod:`core.when.rules`; how a reading
becomes a time (future preferred, weekdays that are today, past-midnight
ends, daylight saving) in :mod:`core.when.grammar`; where dateparser is used
in :mod:`core.when.fallback`.

``locale`` is the Teams locale or a language: anything starting with "en" is
English, everything else Norwegian (nb, nn, no, nb-NO).  Results are in the
zone ``tz`` (default: the ``TIME_ZONE`` environment variable, read at call
time, else Europe/Oslo); a naive ``now`` is taken as wall-clock time there.
"""

from __future__ import annotations

import datetime as _dt
import os
from zoneinfo import ZoneInfo

from . import fallback
from .grammar import normalize, read, resolve
from .period import Period, Refusal
from .rules import Context, Refuse

__all__ = ["Period", "Refusal", "parse_period", "read_period", "warm_up", "default_tz"]

MAX_TEXT = 200


def default_tz() -> ZoneInfo:
    """The users' zone: ``TIME_ZONE`` (read now, not at import), else Europe/Oslo."""
    return ZoneInfo(os.environ.get("TIME_ZONE") or "Europe/Oslo")


def _language(locale: str | None) -> str:
    return "en" if (locale or "").lower().startswith("en") else "nb"


def parse_period(text: str, now: _dt.datetime, locale: str = "nb", *, tz=None) -> Period | None:
    """The period ``text`` names, or ``None`` when it is not one the parser is sure of."""
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
        return None
    tz = tz or default_tz()
    now = now.replace(tzinfo=tz) if now.tzinfo is None else now.astimezone(tz)
    ctx = Context(now, _language(locale))
    s = normalize(text)
    try:
        found = read(s, ctx)
    except Refuse:
        found = _with_fallback(s, ctx, tz)
        if found is None:
            return None
    except (ValueError, OverflowError):
        return None
    try:
        return resolve(found, ctx, tz)
    except (Refuse, ValueError, OverflowError):
        return None


def read_period(text: str, now: _dt.datetime, locale: str = "nb", *, tz=None) -> Period | Refusal:
    """Like :func:`parse_period`, but a refusal says why (:class:`Refusal`), so the bot can tell
    the user ("already past", "no such date", "end before start", the two dates it could be).

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> now = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Europe/Oslo"))
    >>> read_period("blå", now)
    Refusal(reason='unclear', candidates=())
    """
    period = parse_period(text, now, locale, tz=tz)
    return period if period is not None else Refusal("unclear")


def _with_fallback(s: str, ctx: Context, tz):
    """Retry with dateparser reading one day + month word the grammar lacks."""
    if not any(ch.isdigit() for ch in s):
        return None
    try:
        hit = fallback.month_day(s, ctx.locale, ctx.today, getattr(tz, "key", "Europe/Oslo"))
    except (ValueError, OverflowError):
        return None
    if hit is None:
        return None
    rest, day = hit
    try:
        found = read(rest, ctx)
    except (Refuse, ValueError, OverflowError):
        return None
    found.dates.append(day)
    return found


def warm_up(tz=None) -> None:
    """Load dateparser's data and compile the grammar now, so that no user waits
    for it; the bot calls this at start-up with its settings' zone (``tz``;
    default: :func:`default_tz`)."""
    tz = tz or default_tz()
    fallback.warm_up(getattr(tz, "key", "Europe/Oslo"))
    now = _dt.datetime.now(tz)
    for locale, text in (("nb", "i morgen kl 13-14"), ("en", "tomorrow 2-3pm")):
        parse_period(text, now, locale, tz=tz)
