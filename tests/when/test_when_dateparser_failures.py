"""Every measured dateparser failure on Norwegian, and what core.when says instead.

dateparser itself is no longer used (issue 20): the grammar reads month words of both languages,
which was all the fallback ever answered."""

from __future__ import annotations

import pytest

from core.when import parse_period, warm_up

from .conftest import NOW, show

CASES = [
    # dateparser: tomorrow at the *current* clock time
    ("i morgen kl 14", ("2026-11-26 14:00", None)),
    # dateparser: the year 2115
    ("tirsdag 14-15", ("2026-12-01 14:00", "2026-12-01 15:00")),
    # dateparser: the year 2114
    ("3. oktober kl 14", None),      # core.when: seven weeks ago, refused as past (issue 20)
    # dateparser: today at 03:10
    ("3.10", None),
    # dateparser: the 29th (or 25th) of December; a month alone is no day
    ("desember", None),
    # dateparser: nothing at all
    ("i overmorgen", ("2026-11-27",)),
    ("neste mandag", ("2026-11-30",)),
    ("imorgen", ("2026-11-26",)),
    ("klokka 14", ("2026-11-25 14:00", None)),
    ("3.10 kl 14:00", None),
    ("3.1 kl 14:00", ("2027-01-03 14:00", None)),
    # dateparser has no ranges
    ("i morgen kl 13-14", ("2026-11-26 13:00", "2026-11-26 14:00")),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_dateparser_failure_fixed(text, expected):
    assert show(parse_period(text, NOW, "nb")) == expected


def test_warm_up_runs_and_parsing_still_agrees():
    warm_up()
    assert show(parse_period("i morgen kl 14", NOW)) == ("2026-11-26 14:00", None)


FALLBACK = [
    # month words of the other language
    ("nb", "3. december kl 14", ("2026-12-03 14:00", None)),
    ("nb", "3rd december", ("2026-12-03",)),
    ("nb", "3 december 2027 kl 9", ("2027-12-03 09:00", None)),
    ("en", "3. desember at 2pm", ("2026-12-03 14:00", None)),
    ("en", "17. mai at 12", ("2027-05-17 12:00", None)),
    # refused: not a month, impossible day, year out of range
    ("nb", "3 blå kl 14", None),
    ("nb", "30 february", None),
    ("nb", "3 december 2062 kl 9", None),
    ("en", "in 3 hours", ("2026-11-25 13:00", None)),   # from now (issue 20)
]


@pytest.mark.parametrize(("locale", "text", "expected"), FALLBACK, ids=[c[1] for c in FALLBACK])
def test_month_words_of_either_language(locale, text, expected):
    assert show(parse_period(text, NOW, locale)) == expected
