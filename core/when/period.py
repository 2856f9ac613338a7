"""The value :func:`core.when.parse_period` returns."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Period:
    """A meeting time read from text.

    ``start``    aware datetime in the users' time zone (``TIME_ZONE``).
    ``end``      aware datetime, or ``None`` when the text gives no end
                 ("i morgen kl 14").  When present it is always after ``start``.
    ``has_time`` ``False`` when the text names a day but no time of day
                 ("i morgen", "3.12"): ``start`` is then that day at 00:00 and
                 ``end`` is ``None``; the dialog should ask for the time.

    >>> from zoneinfo import ZoneInfo
    >>> p = Period(_dt.datetime(2026, 11, 26, 14, tzinfo=ZoneInfo("Europe/Oslo")))
    >>> p.date, p.end, p.has_time
    (datetime.date(2026, 11, 26), None, True)
    """

    start: _dt.datetime
    end: _dt.datetime | None = None
    has_time: bool = True

    @property
    def date(self) -> _dt.date:
        """The (local) day the period starts on."""
        return self.start.date()

    @property
    def duration(self) -> _dt.timedelta | None:
        """Elapsed (real) time from start to end, or ``None`` without an end.

        Not ``end - start``: Python subtracts wall-clock times within one zone,
        which is an hour off across a daylight-saving change.
        """
        if self.end is None:
            return None
        utc = _dt.timezone.utc
        return self.end.astimezone(utc) - self.start.astimezone(utc)


REASONS = ("past", "no_such_date", "end_before_start", "ambiguous", "dst", "unclear")


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why :func:`core.when.read_period` gave no :class:`Period`.

    ``reason``      one of :data:`REASONS`: ``past`` (the time has gone), ``no_such_date``
                    ("31.02"), ``end_before_start``, ``ambiguous`` (two readings; both in
                    ``candidates``), ``dst`` (a wall-clock time a daylight-saving change skips
                    or repeats), ``unclear`` (not understood).
    ``candidates``  the readings a person could mean, when ``reason`` is ``ambiguous``.

    >>> Refusal("unclear").candidates
    ()
    """

    reason: str
    candidates: tuple[Period, ...] = ()
