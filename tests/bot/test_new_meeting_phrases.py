"""core.phrases: what "ny avtale <text>" pre-fills (unit tests with a fixed, explicit ``now``)."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.phrases import read_request_text

TZ = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TZ)  # a Wednesday


@pytest.mark.parametrize("text,expected", [
    ("i morgen kl 13-14", {"start": "2026-11-26T13:00:00+01:00", "end": "2026-11-26T14:00:00+01:00"}),
    ("hver mandag kl 9-10 til 1. mars", {"frequency": "weekly", "until": "2027-03-01",
                                         "start": "2026-11-30T09:00:00+01:00", "end": "2026-11-30T10:00:00+01:00"}),
    ("hver mandag til 1. mars kl 9-10", {"frequency": "weekly", "until": "2027-03-01",
                                         "start": "2026-11-30T09:00:00+01:00", "end": "2026-11-30T10:00:00+01:00"}),
    ("ukentlig fra tirsdag kl 9-10 til 1. mars", {"frequency": "weekly", "until": "2027-03-01",
                                                  "start": "2026-12-01T09:00:00+01:00",
                                                  "end": "2026-12-01T10:00:00+01:00"}),
    # a weekday that is today, later today: the series starts today
    ("annenhver onsdag kl 14-15 til 1. april", {"frequency": "biweekly", "until": "2027-04-01",
                                                "start": "2026-11-25T14:00:00+01:00",
                                                "end": "2026-11-25T15:00:00+01:00"}),
    ("hver mandag til 1. mars", {"frequency": "weekly", "date_hint": "2026-11-30", "until_hint": "2027-03-01"}),
    ("daglig", {"frequency": "daily"}),
    ("blå", {}),
    ("med teamet", {}),
])
def test_norwegian(text, expected):
    assert read_request_text(text, NOW, "nb", TZ) == expected


@pytest.mark.parametrize("text,expected", [
    ("tomorrow 1-2 pm", {"start": "2026-11-26T13:00:00+01:00", "end": "2026-11-26T14:00:00+01:00"}),
    ("every monday 9-10am until March 1", {"frequency": "weekly", "until": "2027-03-01",
                                           "start": "2026-11-30T09:00:00+01:00",
                                           "end": "2026-11-30T10:00:00+01:00"}),
    ("weekly from tuesday 9-10am until March 1", {"frequency": "weekly", "until": "2027-03-01",
                                                  "start": "2026-12-01T09:00:00+01:00",
                                                  "end": "2026-12-01T10:00:00+01:00"}),
])
def test_english(text, expected):
    assert read_request_text(text, NOW, "en", TZ) == expected


def test_a_series_that_cannot_be_booked_keeps_no_last_day():
    values = read_request_text("daglig kl 9-10 til 1. mars 2028", NOW, "nb", TZ)
    assert values["frequency"] == "daily" and "until" not in values  # over a year: asked in the card


def test_weekdays_start_on_a_weekday():
    friday = datetime(2026, 11, 27, 10, 0, tzinfo=TZ)
    values = read_request_text("hverdager kl 8-8.30 til 1. februar", friday, "nb", TZ)
    assert values == {"frequency": "weekdays", "until": "2027-02-01",
                      "start": "2026-11-30T08:00:00+01:00", "end": "2026-11-30T08:30:00+01:00"}


def test_past_times_are_not_prefilled_but_said():
    assert read_request_text("i dag kl 8-9", NOW, "nb", TZ) == {"date_hint": "2026-11-25", "time_past": True}


def test_a_start_without_an_end_is_a_hint_for_the_card():
    assert read_request_text("i morgen kl 13", NOW, "nb", TZ) == {
        "date_hint": "2026-11-26", "start_hint": "2026-11-26T13:00:00+01:00"}


def test_a_time_that_exists_twice_is_not_prefilled():
    # 31 October 2027: 02:30 happens twice in Oslo; the card asks instead of guessing
    values = read_request_text("31.10.2027 kl 02:30-03:30", NOW, "nb", TZ)
    # contracts §4 (wave 2): parse_period refuses a repeated wall-clock time, so nothing is pre-filled
    assert "start" not in values and "start_hint" not in values
    assert read_request_text("31.10.2027 kl 03:30-04:30", NOW, "nb", TZ)["start"] == "2027-10-31T03:30:00+01:00"
