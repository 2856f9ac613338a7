"""Issue 16: every message an invitee can get - invitation, change, cancellation, one cancelled
occurrence - for a single meeting and a series, in nb and en, e-mail and SMS, from the pure text
functions of ``core.invitations`` (what the embedded portal sends and a future PATCH will call).

The expected words are written out here, not taken from the catalogues, so a changed text fails."""
from __future__ import annotations

import re
from dataclasses import fields, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.invitations import (
    Cancelled,
    Changed,
    MeetingFacts,
    NewMeeting,
    Series,
    email,
    sms,
)
from core.invitations.gsm7 import is_gsm7, segments, units
from core.invitations.texts import CATALOGUES

OSLO = ZoneInfo("Europe/Oslo")
LINK = "https://join.nhn.no/webapp/conference/482193"
SUBJECT = "Tverrfaglig møte"
CONTACT = "Sykehuset i Vestfold, sentralbord +47 33 34 20 00"

WORDS = {  # what each language must say, written out
    "nb": {"weekday": "tirsdag", "weekday_sms": "tir", "date": "01.12.2026", "sms_date": "01.12.2026",
           "opens": "20 minutter før", "opens_sms": "20 min før", "browsers": ("Chrome", "Edge", "Safari"),
           "nothing": "ikke installere", "recorded": "ikke tatt opp", "zone": "norsk tid", "rule": "hver uke",
           "cancelled": "avlyst", "was": "var", "pin": "PIN: 265804", "room": "Romnummer: 482193"},
    "en": {"weekday": "Tuesday", "weekday_sms": "Tue", "date": "1 December 2026", "sms_date": "1 Dec 2026",
           "opens": "20 minutes before", "opens_sms": "20 min before", "browsers": ("Chrome", "Edge", "Safari"),
           "nothing": "Nothing to install", "recorded": "not recorded", "zone": "Norwegian time",
           "rule": "every week", "cancelled": "cancelled", "was": "was", "pin": "PIN: 265804",
           "room": "Room number: 482193"},
}


def at(day: date, clock: str) -> datetime:
    return datetime.combine(day, datetime.strptime(clock, "%H:%M").time(), OSLO)


def single(language: str, guest_pin: str | None = None, **changes) -> MeetingFacts:
    day = date(2026, 12, 1)
    facts = MeetingFacts(SUBJECT, language, "Europe/Oslo", ((at(day, "13:00"), at(day, "14:00")),), LINK,
                         "482193", "482193@join.nhn.no", guest_pin=guest_pin, contact=CONTACT)
    return replace(facts, **changes)


def weekly(language: str, weeks: int = 13, guest_pin: str | None = None) -> MeetingFacts:
    first = date(2026, 12, 1)
    occ = tuple((at(first + timedelta(weeks=i), "13:00"), at(first + timedelta(weeks=i), "14:00"))
                for i in range(weeks))
    return replace(single(language, guest_pin), occurrences=occ,
                   series=Series("weekly", 1, first + timedelta(weeks=weeks - 1)))


def assert_sms_fits(text: str) -> None:
    assert is_gsm7(text), [ch for ch in text if not is_gsm7(ch)]
    assert units(text) <= 306 and segments(text) <= 2, units(text)


def assert_no_secrets(text: str) -> None:
    """No host PIN (not even a field for it), no organizer, no other recipient."""
    assert "host" not in text.lower() and "vert" not in text.lower()
    assert not re.search(r"@(?!join\.nhn\.no)\S+\.\w", text), "an e-mail address other than the SIP address"


def test_the_facts_have_no_field_for_a_host_pin_or_other_people():
    names = {f.name for f in fields(MeetingFacts)}
    assert not names & {"host_pin", "organizer", "recipients", "emails", "sms", "invitations"}


def test_the_catalogues_have_the_same_keys_and_placeholders():
    nb, en = CATALOGUES["nb"], CATALOGUES["en"]
    assert set(nb) == set(en)
    for key in nb:
        assert set(re.findall(r"{(\w+)}", nb[key])) == set(re.findall(r"{(\w+)}", en[key])), key


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("guest_pin", [None, "265804"])
def test_invitation_email_of_one_meeting(language, guest_pin):
    w = WORDS[language]
    mail = email(single(language, guest_pin))
    assert SUBJECT in mail.subject and w["weekday"] in mail.subject and w["date"] in mail.subject
    body = mail.body
    lines = body.splitlines()
    for needle in (SUBJECT, w["weekday"], w["date"], "13:00–14:00", w["zone"], w["opens"], LINK, w["room"],
                   "482193@join.nhn.no", *w["browsers"], w["nothing"], w["recorded"], CONTACT):
        assert needle in body, needle
    assert (w["pin"] in lines) == (guest_pin is not None), "the guest PIN on its own line, only when there is one"
    assert ("PIN" in body) == (guest_pin is not None)
    assert_no_secrets(body)


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("guest_pin", [None, "265804"])
def test_invitation_sms_of_one_meeting(language, guest_pin):
    w = WORDS[language]
    text = sms(single(language, guest_pin))
    assert_sms_fits(text)
    for needle in (w["weekday_sms"], w["sms_date"], "13:00-14:00", LINK, "482193", w["opens_sms"], "Chrome"):
        assert needle in text, needle
    assert (f"PIN {guest_pin}" in text) if guest_pin else ("PIN" not in text)
    assert SUBJECT not in text, "no subject in SMS"
    assert_no_secrets(text)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_invitation_of_a_series_gives_the_rule_and_every_date(language):
    w = WORDS[language]
    meeting = weekly(language)
    body = email(meeting).body
    assert w["rule"] in body and "13" in body
    dates = [s.strftime("%d.%m.%Y") if language == "nb" else f"{s.day} {s:%B} {s.year}" for s, _ in meeting.occurrences]
    assert all(d in body for d in dates)
    text = sms(meeting)
    assert_sms_fits(text)
    assert w["rule"] in text and LINK in text and "13" in text
    assert ("01.12.2026" if language == "nb" else "1 Dec 2026") in text
    assert ("23.02.2027" if language == "nb" else "23 Feb 2027") in text  # the last day


def test_a_long_series_lists_52_dates_and_counts_the_rest():
    meeting = weekly("nb", weeks=60)
    body = email(meeting).body
    assert len([line for line in body.splitlines() if line.startswith("- ")]) == 51
    assert "og 9 til, det siste" in body


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_change_says_what_changed(language):
    w = WORDS[language]
    before = single(language)
    day = date(2026, 12, 8)
    after = replace(before, subject="Fagmøte", occurrences=((at(day, "09:00"), at(day, "10:30")),))
    mail = email(after, Changed(before))
    assert "Fagmøte" in mail.subject and SUBJECT in mail.body  # the old subject, said to be the old one
    assert "09:00–10:30" in mail.body and "13:00–14:00" in mail.body and w["was"] in mail.body
    assert LINK in mail.body and w["room"] in mail.body
    text = sms(after, Changed(before))
    assert_sms_fits(text)
    assert "09:00-10:30" in text and "13:00-14:00" in text and LINK in text
    assert "Fagmøte" not in text and SUBJECT not in text
    # a single meeting that becomes a series
    series = weekly(language)
    mail = email(series, Changed(before))
    assert w["rule"] in mail.body and "13:00–14:00" in mail.body
    assert_sms_fits(sms(series, Changed(before)))


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_cancellation_says_what_is_cancelled(language):
    w = WORDS[language]
    for meeting in (single(language, "265804"), weekly(language, guest_pin="265804")):
        mail = email(meeting, Cancelled())
        assert w["cancelled"] in mail.subject.lower() and w["cancelled"] in mail.body.lower()
        assert w["date"] in mail.body and CONTACT in mail.body
        assert "265804" not in mail.body, "no PIN for a room that is gone"
        text = sms(meeting, Cancelled())
        assert_sms_fits(text)
        assert w["cancelled"] in text.lower() and w["sms_date"] in text and LINK not in text
    series = weekly(language)
    one = series.occurrences[2]
    mail = email(series, Cancelled(occurrence=one))
    day = "15.12.2026" if language == "nb" else "15 December 2026"
    assert day in mail.body and w["cancelled"] in mail.body.lower()
    text = sms(series, Cancelled(occurrence=one))
    assert_sms_fits(text)
    assert ("15.12.2026" if language == "nb" else "15 Dec 2026") in text


LONG_LINK = "https://" + "videomote-" * 7 + "sykehuset-i-vestfold.no/portal/webapp/conference/482193"


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("notice", [NewMeeting(), "changed", Cancelled(), "one"], ids=str)
def test_the_longest_sms_still_fits_in_two(language, notice):
    """The longest date words (Wednesday, September), the longest rule, a year of meetings, the
    longest subject (not in SMS), a 120-character link, a guest PIN and a long contact."""
    assert len(LONG_LINK) >= 120
    first = date(2027, 9, 1)  # a Wednesday in September
    occ = tuple((at(first + timedelta(days=i), "00:00"), at(first + timedelta(days=i), "23:30")) for i in range(366))
    meeting = MeetingFacts("Æ" * 200, language, "Europe/Oslo", occ, LONG_LINK, "999999", "999999@" + "x" * 60 + ".no",
                           guest_pin="123456", series=Series("weekly", 3, first + timedelta(days=365)),
                           contact="Sykehuset i Vestfold, sentralbord +47 33 34 20 00, " + "x" * 60)
    before = replace(meeting, occurrences=occ[:1], series=None)
    chosen = {"changed": Changed(before), "one": Cancelled(occurrence=occ[200])}.get(notice, notice)
    text = sms(meeting, chosen)
    assert_sms_fits(text)
    if not isinstance(chosen, Cancelled):
        assert LONG_LINK in text and "999999" in text and "PIN 123456" in text
