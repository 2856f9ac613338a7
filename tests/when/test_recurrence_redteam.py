"""Red-team check of ``core.recurrence.occurrences``: series worked out by hand from a calendar
(2027: summer time from Sun 28 March, winter time from Sun 31 October), independent of the
recurrence tests written with the implementation."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from core.recurrence import occurrences

OSLO = ZoneInfo("Europe/Oslo")


def _dt(*a: int) -> datetime:
    return datetime(*a, tzinfo=OSLO)


CASES = [
    # weekly across the spring change: 09:00 stays 09:00
    ((_dt(2027, 3, 26, 9), _dt(2027, 3, 26, 10), "weekly", date(2027, 4, 9)),
     ["2027-03-26T09:00+01:00/2027-03-26T10:00+01:00", "2027-04-02T09:00+02:00/2027-04-02T10:00+02:00",
      "2027-04-09T09:00+02:00/2027-04-09T10:00+02:00"]),
    # monthly on the 31st: the last day of shorter months
    ((_dt(2027, 1, 31, 10), _dt(2027, 1, 31, 11), "monthly", date(2027, 4, 30)),
     ["2027-01-31T10:00+01:00/2027-01-31T11:00+01:00", "2027-02-28T10:00+01:00/2027-02-28T11:00+01:00",
      "2027-03-31T10:00+02:00/2027-03-31T11:00+02:00", "2027-04-30T10:00+02:00/2027-04-30T11:00+02:00"]),
    # weekdays from a Friday over a weekend, until inclusive
    ((_dt(2026, 11, 27, 8), _dt(2026, 11, 27, 9), "weekdays", date(2026, 12, 2)),
     ["2026-11-27T08:00+01:00/2026-11-27T09:00+01:00", "2026-11-30T08:00+01:00/2026-11-30T09:00+01:00",
      "2026-12-01T08:00+01:00/2026-12-01T09:00+01:00", "2026-12-02T08:00+01:00/2026-12-02T09:00+01:00"]),
    # biweekly, until inclusive
    ((_dt(2026, 11, 25, 14), _dt(2026, 11, 25, 15), "biweekly", date(2026, 12, 23)),
     ["2026-11-25T14:00+01:00/2026-11-25T15:00+01:00", "2026-12-09T14:00+01:00/2026-12-09T15:00+01:00",
      "2026-12-23T14:00+01:00/2026-12-23T15:00+01:00"]),
    # overnight, daily across the autumn change
    ((_dt(2027, 10, 30, 22), _dt(2027, 10, 31, 1), "daily", date(2027, 10, 31)),
     ["2027-10-30T22:00+02:00/2027-10-31T01:00+02:00", "2027-10-31T22:00+01:00/2027-11-01T01:00+01:00"]),
    # none: the one meeting, until ignored
    ((_dt(2026, 11, 25, 14), _dt(2026, 11, 25, 15), "none", date(2027, 1, 1)),
     ["2026-11-25T14:00+01:00/2026-11-25T15:00+01:00"]),
]


@pytest.mark.parametrize(("args", "expected"), CASES, ids=[c[0][2] + str(i) for i, c in enumerate(CASES)])
def test_hand_worked_series(args, expected):
    got = [f"{s.isoformat(timespec='minutes')}/{e.isoformat(timespec='minutes')}" for s, e in occurrences(*args)]
    assert got == expected


def test_one_year_is_the_limit():
    # 25 Nov 2026 to 25 Nov 2027 inclusive is 366 days: allowed; one day more is refused.
    assert len(occurrences(_dt(2026, 11, 25, 0), _dt(2026, 11, 25, 23, 30), "daily", date(2027, 11, 25))) == 366
    with pytest.raises(ValueError, match="one year"):
        occurrences(_dt(2026, 11, 25, 0), _dt(2026, 11, 25, 23, 30), "daily", date(2027, 11, 26))
