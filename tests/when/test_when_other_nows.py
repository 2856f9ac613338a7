"""The same phrases against other moments: year ends, Sundays, late evenings."""

from __future__ import annotations

import datetime as dt

import pytest

from core.when import parse_period

from .conftest import OSLO, show

SUNDAY_NIGHT = dt.datetime(2026, 11, 29, 23, 30, tzinfo=OSLO)
NEW_YEARS_EVE = dt.datetime(2026, 12, 31, 15, tzinfo=OSLO)   # Thursday
LEAP_DAY = dt.datetime(2028, 2, 29, 8, tzinfo=OSLO)          # Tuesday
FIFTH_DEC = dt.datetime(2026, 12, 5, 9, tzinfo=OSLO)         # Saturday

CASES = [
    (SUNDAY_NIGHT, "nb", "i morgen kl 8", ("2026-11-30 08:00", None)),
    (SUNDAY_NIGHT, "nb", "neste mandag", None),   # tomorrow or the 7th: ambiguous (issue 20)
    (SUNDAY_NIGHT, "nb", "mandag", ("2026-11-30",)),
    (SUNDAY_NIGHT, "nb", "søndag kl 23:45", ("2026-11-29 23:45", None)),
    (SUNDAY_NIGHT, "nb", "søndag kl 20", ("2026-12-06 20:00", None)),
    (SUNDAY_NIGHT, "nb", "tirsdag neste uke", ("2026-12-01",)),
    (SUNDAY_NIGHT, "en", "next monday", None),
    (SUNDAY_NIGHT, "nb", "kl 23-01", None),       # 23:00 has gone: past, not tomorrow (issue 20)
    (SUNDAY_NIGHT, "nb", "kl 23:30-01", ("2026-11-29 23:30", "2026-11-30 01:00")),
    (NEW_YEARS_EVE, "nb", "i morgen kl 10", ("2027-01-01 10:00", None)),
    (NEW_YEARS_EVE, "nb", "3.1 kl 10", ("2027-01-03 10:00", None)),
    (NEW_YEARS_EVE, "nb", "mandag kl 10", ("2027-01-04 10:00", None)),
    (NEW_YEARS_EVE, "nb", "uke 1 mandag kl 9", ("2027-01-04 09:00", None)),
    (NEW_YEARS_EVE, "nb", "31.12 kl 16", ("2026-12-31 16:00", None)),
    (NEW_YEARS_EVE, "nb", "30.12", None),        # yesterday: past, not next year (issue 20)
    (NEW_YEARS_EVE, "nb", "kl 14", None),        # gone today: past (issue 20)
    (NEW_YEARS_EVE, "en", "January 4 at 9", ("2027-01-04 09:00", None)),
    (NEW_YEARS_EVE, "nb", "01.01.26", None),                 # a day in the past, year written
    (NEW_YEARS_EVE, "nb", "01.01.27", ("2027-01-01",)),
    (LEAP_DAY, "nb", "29.02 kl 10", ("2028-02-29 10:00", None)),
    (LEAP_DAY, "nb", "i morgen", ("2028-03-01",)),
    (LEAP_DAY, "nb", "28.02", None),              # yesterday: past (issue 20)
    (LEAP_DAY, "nb", "om en uke", ("2028-03-07",)),
    (FIFTH_DEC, "nb", "3.12", None),             # two days ago: past, no longer next year (issue 20)
    (FIFTH_DEC, "nb", "neste fredag", ("2026-12-11",)),
    (FIFTH_DEC, "nb", "fredag", ("2026-12-11",)),
    (FIFTH_DEC, "nb", "lørdag kl 8", ("2026-12-12 08:00", None)),
    (FIFTH_DEC, "nb", "lørdag kl 10", ("2026-12-05 10:00", None)),
    (FIFTH_DEC, "nb", "fredag denne uka kl 9", None),        # yesterday: this week's Friday has passed
    (FIFTH_DEC, "nb", "søndag denne uka kl 9", ("2026-12-06 09:00", None)),
]


@pytest.mark.parametrize(("now", "locale", "text", "expected"), CASES,
                         ids=[f"{c[0]:%m-%d %H:%M} {c[2]}" for c in CASES])
def test_other_nows(now, locale, text, expected):
    assert show(parse_period(text, now, locale)) == expected
