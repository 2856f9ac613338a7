"""Impossible or unclear input gives None, never a guess."""

from __future__ import annotations

import pytest

from core.when import parse_period

from .conftest import NOW

NB = [
    "", "   ", "blå", "i morgen blå", "blå i morgen kl 14", "møte", "desember", "neste uke",
    "i neste uke", "uke 49", "31.02", "31.02 kl 14", "30.02", "29.02", "31.04", "32.12", "0.12",
    "3.13.2026", "kl 25", "25:00", "kl 14:60", "i morgen kl 24", "kl 24", "14-14", "13-12",
    "i morgen kl 9-8", "14", "0900", "1400", "i morgen 14 15", "kl 14 kl 15", "kl 14 eller 15",
    "i morgen kl 14 og 15", "til 15", "i morgen til kl 15", "i 45 minutter", "i 2 timer",
    "i morgen i 0 minutter", "i morgen kl 14 i 25 timer", "i morgen kl 14 i 1,33 time",
    "i dag og i morgen", "i morgen kl 14 i dag", "i går", "i går kl 14", "forrige tirsdag",
    "nå", "snart", "om litt", "ca kl 14", "i morgen kl 14, ca 1 time", "i morgen tidlig kl 20",
    "tirsdag om en uke", "mandag 1.12", "mandag 1. desember", "tirsdag 30.11", "i morgen fredag",
    "3.12-4.12", "1.12-2.12", "tirsdag onsdag", "03.12.2062", "03.12.1999", "14.01.99",
    "i morgen kl 3", "i morgen halv tre", "i morgen kl to", "kl 5", "i morgen 14-15 i 2 timer",
    "3-4 desember", "3.-4. desember", "4. kl 10", "tirsdager kl 10", "hver tirsdag kl 10",
    "i morgen kl 14+", "kl 14?15", "i morgen 14:00:00:00", "mandag uke 54", "uke 0 mandag",
    "neste denne fredag", "3 desember 3 desember 2027", "2026-02-30", "2026-12-03t25:00",
    "i morgen kl 130", "i morgen kl 975", "kl 14 til", "fra til", "-", "kl", "i", "på", "den",
]

EN = [
    "blue", "tomorrow blue", "December", "next week", "week 49", "yesterday", "yesterday at 2",
    "now", "tomorrow at 13pm", "tomorrow at 0am", "tomorrow at 2", "at 2 o'clock tomorrow",
    "tomorrow from 2 to 3", "12/3", "3/12", "3/12/2026", "Dec 32", "February 30 at 10",
    "tmrw at 10", "until 3pm", "for 45 minutes", "tomorrow 3pm-3pm", "tomorrow at 9 and 10",
    "tomorrow morning at 20", "tonight at 9am", "tuesday tomorrow", "last friday", "i morgen",
    "tomorrow at 10 for 0 minutes", "in 400 days", "monday next week this week",
]


@pytest.mark.parametrize("text", NB)
def test_refused_nb(text):
    assert parse_period(text, NOW, "nb") is None


@pytest.mark.parametrize("text", EN)
def test_refused_en(text):
    assert parse_period(text, NOW, "en") is None


def test_not_text():
    assert parse_period(None, NOW) is None  # type: ignore[arg-type]
    assert parse_period("i morgen kl 14 " * 30, NOW) is None  # absurdly long
