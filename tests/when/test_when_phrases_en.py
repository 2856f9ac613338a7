"""English phrases (locale "en") against the fixed now: Wednesday 2026-11-25 10:00 Oslo."""

from __future__ import annotations

import pytest

from core.when import parse_period

from .conftest import NOW, show

D = "2026-11-26"  # tomorrow (Thursday)

CASES = [
    ("today", ("2026-11-25",)),
    ("today at 14:00", ("2026-11-25 14:00", None)),
    ("tomorrow", (D,)),
    ("Tomorrow at 2 PM", (f"{D} 14:00", None)),
    ("tomorrow at 2pm", (f"{D} 14:00", None)),
    ("tomorrow at 2 p.m.", (f"{D} 14:00", None)),
    ("tomorrow at 2:30 pm", (f"{D} 14:30", None)),
    ("tomorrow at 14", (f"{D} 14:00", None)),
    ("tomorrow 14:00", (f"{D} 14:00", None)),
    ("tomorrow at 9", (f"{D} 09:00", None)),
    ("tomorrow at 12am", (f"{D} 00:00", None)),
    ("tomorrow at 12pm", (f"{D} 12:00", None)),
    ("tomorrow at noon", (f"{D} 12:00", None)),
    ("at 9", None),                        # gone today: past, not tomorrow (issue 20)
    ("at 11", ("2026-11-25 11:00", None)),
    ("2pm", ("2026-11-25 14:00", None)),
    ("at noon", ("2026-11-25 12:00", None)),
    ("the day after tomorrow", ("2026-11-27",)),
    ("the day after tomorrow at 8", ("2026-11-27 08:00", None)),
    ("day after tomorrow at 8", ("2026-11-27 08:00", None)),
    ("in two days", ("2026-11-27",)),
    ("in two days at 9", ("2026-11-27 09:00", None)),
    ("in 3 days at noon", ("2026-11-28 12:00", None)),
    ("in a week", ("2026-12-02",)),
    ("in a week at 10:00", ("2026-12-02 10:00", None)),
    ("in two weeks", ("2026-12-09",)),
    ("tonight at 8", ("2026-11-25 20:00", None)),
    ("this afternoon at 3", ("2026-11-25 15:00", None)),
    ("tomorrow afternoon at 3", (f"{D} 15:00", None)),
    ("tomorrow evening at 7", (f"{D} 19:00", None)),
    ("tomorrow morning at 9", (f"{D} 09:00", None)),
    ("tomorrow at 3 in the afternoon", (f"{D} 15:00", None)),
    # ranges
    ("tomorrow 2-3pm", (f"{D} 14:00", f"{D} 15:00")),
    ("tomorrow from 2 to 3 pm", (f"{D} 14:00", f"{D} 15:00")),
    ("tomorrow 11-1pm", (f"{D} 11:00", f"{D} 13:00")),
    ("tomorrow 12-1pm", (f"{D} 12:00", f"{D} 13:00")),
    ("tomorrow 10-11am", (f"{D} 10:00", f"{D} 11:00")),
    ("tomorrow 9am-10:30am", (f"{D} 09:00", f"{D} 10:30")),
    ("tomorrow 9-10:30am", (f"{D} 09:00", f"{D} 10:30")),
    ("tomorrow 2pm-3", (f"{D} 14:00", f"{D} 15:00")),
    ("2:30 pm to 3:30 pm", ("2026-11-25 14:30", "2026-11-25 15:30")),
    ("14:00-15:00", ("2026-11-25 14:00", "2026-11-25 15:00")),
    ("tomorrow 14:00–15:30", (f"{D} 14:00", f"{D} 15:30")),
    ("tomorrow 10-12", (f"{D} 10:00", f"{D} 12:00")),
    ("tomorrow at 9 until 10", (f"{D} 09:00", f"{D} 10:00")),
    ("from 9 to 10 tomorrow", (f"{D} 09:00", f"{D} 10:00")),
    ("tomorrow from 9:00 until 10:00", (f"{D} 09:00", f"{D} 10:00")),
    ("between 2 and 3pm tomorrow", (f"{D} 14:00", f"{D} 15:00")),
    ("tomorrow 10pm to midnight", (f"{D} 22:00", "2026-11-27 00:00")),
    ("tomorrow 11pm-1am", (f"{D} 23:00", "2026-11-27 01:00")),
    ("tomorrow 22:00-02:00", (f"{D} 22:00", "2026-11-27 02:00")),
    # durations
    ("tomorrow at 9 for 45 minutes", (f"{D} 09:00", f"{D} 09:45")),
    ("tomorrow at 9 for 1.5 hours", (f"{D} 09:00", f"{D} 10:30")),
    ("tomorrow at 9 for 1,5 hours", (f"{D} 09:00", f"{D} 10:30")),
    ("tomorrow at 9 for an hour", (f"{D} 09:00", f"{D} 10:00")),
    ("tomorrow at 9 for an hour and a half", (f"{D} 09:00", f"{D} 10:30")),
    ("tomorrow at 10 for half an hour", (f"{D} 10:00", f"{D} 10:30")),
    ("tomorrow at 10 for 30 mins", (f"{D} 10:00", f"{D} 10:30")),
    ("tomorrow at 10 for 90 minutes", (f"{D} 10:00", f"{D} 11:30")),
    ("tomorrow at 10 for 2 hrs", (f"{D} 10:00", f"{D} 12:00")),
    ("tomorrow at 10 for two hours", (f"{D} 10:00", f"{D} 12:00")),
    ("tomorrow at 10 for 1 hour 30 minutes", (f"{D} 10:00", f"{D} 11:30")),
    ("tomorrow for 2 hours at 10", (f"{D} 10:00", f"{D} 12:00")),
    # weekdays
    ("on friday at 9", ("2026-11-27 09:00", None)),
    ("friday at 9", ("2026-11-27 09:00", None)),
    ("Fri 9am", ("2026-11-27 09:00", None)),
    ("this friday at 9", ("2026-11-27 09:00", None)),
    ("friday this week at 9", ("2026-11-27 09:00", None)),
    ("next friday at 9", None),            # the 27th or 4 December: ambiguous (issue 20)
    ("next tuesday", ("2026-12-01",)),
    ("next tuesday at 10", ("2026-12-01 10:00", None)),
    ("tuesday next week", ("2026-12-01",)),
    ("tuesday next week 10-11", ("2026-12-01 10:00", "2026-12-01 11:00")),
    ("next week on monday at 9", ("2026-11-30 09:00", None)),
    ("wednesday at 12", ("2026-11-25 12:00", None)),
    ("wednesday at 9", ("2026-12-02 09:00", None)),
    ("on Monday from 9 to 10", ("2026-11-30 09:00", "2026-11-30 10:00")),
    ("thurs 10-11", ("2026-11-26 10:00", "2026-11-26 11:00")),
    ("in week 49 on tuesday at 10", ("2026-12-01 10:00", None)),
    # dates
    ("December 3", ("2026-12-03",)),
    ("December 3 at 14:00", ("2026-12-03 14:00", None)),
    ("3 December", ("2026-12-03",)),
    ("3 December 10:30-11", ("2026-12-03 10:30", "2026-12-03 11:00")),
    ("Dec 3rd", ("2026-12-03",)),
    ("Dec 3rd 2pm", ("2026-12-03 14:00", None)),
    ("dec. 3", ("2026-12-03",)),
    ("3rd of December 2026", ("2026-12-03",)),
    ("December 3, 2026 at 10", ("2026-12-03 10:00", None)),
    ("the 3rd of December at 10", ("2026-12-03 10:00", None)),
    ("on December 3rd at 9am", ("2026-12-03 09:00", None)),
    ("October 3 at 2pm", None),            # seven weeks ago: past (issue 20)
    ("May 17 at 12", ("2027-05-17 12:00", None)),
    ("Monday 30 November at 9", ("2026-11-30 09:00", None)),
    ("Monday, November 30 at 9", ("2026-11-30 09:00", None)),
    ("Mon Nov 30 9am", ("2026-11-30 09:00", None)),
    ("Thursday December 3rd 2-3pm", ("2026-12-03 14:00", "2026-12-03 15:00")),
    ("2026-12-03 at 10", ("2026-12-03 10:00", None)),
    ("03.12.2026 at 10", ("2026-12-03 10:00", None)),
    ("3.12 at 10", ("2026-12-03 10:00", None)),
    ("12/31", ("2026-12-31",)),
    ("31/12 at 10", ("2026-12-31 10:00", None)),
    ("13/3 at 10", ("2027-03-13 10:00", None)),
    ("12/12 at 10", ("2026-12-12 10:00", None)),
    ("tomorrow kl 14", (f"{D} 14:00", None)),
    ("tomorrow noon-1pm", (f"{D} 12:00", f"{D} 13:00")),
    ("from noon to 1pm tomorrow", (f"{D} 12:00", f"{D} 13:00")),
    ("tomorrow 12 noon", (f"{D} 12:00", None)),
    ("at midnight", None),                 # 00:00 today has gone: past (issue 20)
    ("10 am tomorrow", (f"{D} 10:00", None)),
    ("tomorrow 10 am to 12 pm", (f"{D} 10:00", f"{D} 12:00")),
    ("Tuesday, December 1 at 10am", ("2026-12-01 10:00", None)),
    ("Dec 1, 10:00-11:00", ("2026-12-01 10:00", "2026-12-01 11:00")),
    ("this coming friday at 9", ("2026-11-27 09:00", None)),
    ("thursday 1-2pm", ("2026-11-26 13:00", "2026-11-26 14:00")),
    ("tomorrow between 9 and 10", (f"{D} 09:00", f"{D} 10:00")),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_phrase_en(text, expected):
    assert show(parse_period(text, NOW, "en")) == expected


@pytest.mark.parametrize("locale", ["en", "en-US", "en-GB", "EN"])
def test_english_locales(locale):
    assert show(parse_period("tomorrow 2-3pm", NOW, locale)) == (f"{D} 14:00", f"{D} 15:00")
