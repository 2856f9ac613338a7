"""The SMS to one invitee: the essentials of the e-mail in at most two SMS (306 GSM-7 units),
without the subject.

What always goes in: what happened and when (the rule and the first and last day for a series),
the link, the room number and the guest PIN (when there is one); cancellations need neither link
nor room. Then, while they fit, in this order: that one can join 20 minutes before, the
browsers, that it is not recorded, whom to contact, the SIP address. A link too long for even the
essentials is a :class:`ValueError` (the portal's links are far shorter).

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from .model import MeetingFacts
>>> oslo = ZoneInfo("Europe/Oslo")
>>> facts = MeetingFacts("Fagmøte", "nb", "Europe/Oslo",
...                      ((datetime(2026, 12, 1, 13, tzinfo=oslo), datetime(2026, 12, 1, 14, tzinfo=oslo)),),
...                      "https://join.nhn.no/webapp/conference/123456", "123456", "123456@join.nhn.no",
...                      guest_pin="4711")
>>> print(sms(facts))  # doctest: +NORMALIZE_WHITESPACE
Videomøte tir 01.12.2026 kl. 13:00-14:00. Bli med: https://join.nhn.no/webapp/conference/123456 Rom 123456
PIN 4711. Åpent fra 20 min før. Chrome, Edge eller Safari, ingenting å installere. Tas ikke opp.
Spørsmål: Sykehuset i Vestfold, sentralbord +47 33 34 20 00. Video: 123456@join.nhn.no
"""
from __future__ import annotations

from .gsm7 import to_gsm7, units
from .model import Cancelled, Changed, MeetingFacts, NewMeeting, Notice
from .texts import words
from .when import clock, local, numeric_date, period, rule_text

#: Two SMS: 2 x 153 GSM-7 units.
MAX_SMS_UNITS = 306


def sms(meeting: MeetingFacts, notice: Notice = NewMeeting()) -> str:
    """The SMS for ``notice`` (an invitation by default), in ``meeting.language``."""
    w = words(meeting.language)
    essentials = [_headline(meeting, notice, w)]
    if not isinstance(notice, Cancelled):
        essentials.append(w["sms_link"].format(url=meeting.join_url))
        room = w["sms_room"].format(room=meeting.room_number)
        if meeting.guest_pin:
            room += " " + w["sms_pin"].format(pin=meeting.guest_pin)
        essentials.append(room + ".")
        extras = [w["sms_opens"], w["sms_browsers"], w["sms_not_recorded"],
                  w["sms_contact"].format(contact=meeting.contact), w["sms_sip"].format(sip=meeting.sip_address)]
    else:
        extras = [w["sms_contact"].format(contact=meeting.contact)]
    text = to_gsm7(" ".join(essentials))
    if units(text) > MAX_SMS_UNITS:
        raise ValueError("the essentials of the SMS do not fit in two SMS (is the link too long?)")
    for extra in extras:
        longer = text + " " + to_gsm7(extra)
        if units(longer) <= MAX_SMS_UNITS:
            text = longer
    return text


def _headline(meeting: MeetingFacts, notice: Notice, w: dict[str, str]) -> str:
    language, tz, occ = meeting.language, meeting.time_zone, meeting.occurrences
    when = period(*occ[0], tz, language, sms=True)
    series = _series_fields(meeting) if len(occ) > 1 else None
    if isinstance(notice, Cancelled):
        if notice.occurrence is not None:
            return w["sms_cancelled_one"].format(when=period(*notice.occurrence, tz, language, sms=True))
        if series is not None:
            return w["sms_cancelled_series"].format(**series)
        return w["sms_cancelled"].format(when=when)
    if isinstance(notice, Changed):
        before = notice.before
        if before.occurrences == occ and before.series == meeting.series:
            return w["sms_changed_other"].format(when=when)
        if series is not None:
            return w["sms_changed_series"].format(**series)
        return w["sms_changed"].format(when=when, before=period(*before.occurrences[0], before.time_zone,
                                                                    language, sms=True))
    if series is not None:
        return w["sms_new_series"].format(**series)
    return w["sms_new"].format(when=when)


def _series_fields(meeting: MeetingFacts) -> dict[str, str]:
    language, tz, occ = meeting.language, meeting.time_zone, meeting.occurrences
    return {"rule": rule_text(meeting.series, language) or "-", "count": str(len(occ)),
            "first": numeric_date(local(occ[0][0], tz).date(), language),
            "last": numeric_date(local(occ[-1][0], tz).date(), language),
            "time": clock(*occ[0], tz, language, sms=True)}
