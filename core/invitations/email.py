"""The e-mail to one invitee: a subject line and a plain-text body.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> oslo = ZoneInfo("Europe/Oslo")
>>> facts = MeetingFacts("Fagmøte", "nb", "Europe/Oslo",
...                      ((datetime(2026, 12, 1, 13, tzinfo=oslo), datetime(2026, 12, 1, 14, tzinfo=oslo)),),
...                      "https://join.nhn.no/webapp/conference/123456", "123456", "123456@join.nhn.no")
>>> print(email(facts).subject)
Invitasjon til videomøte: Fagmøte, tirsdag 01.12.2026 kl. 13:00–14:00
>>> "PIN" in email(facts).body     # no guest PIN, no PIN line
False
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Cancelled, Changed, MeetingFacts, NewMeeting, Notice
from .texts import words
from .when import day_text, local, period, rule_text, zone_name

#: At most this many dates of a series are listed (a year of weekly meetings); the rest are counted.
LISTED_DATES = 52


@dataclass(frozen=True)
class Email:
    subject: str
    body: str


def email(meeting: MeetingFacts, notice: Notice = NewMeeting()) -> Email:
    """The e-mail for ``notice`` (an invitation by default), in ``meeting.language``."""
    w = words(meeting.language)
    first = meeting.occurrences[0]
    when = period(*first, meeting.time_zone, meeting.language)
    subject_line = single_line(meeting.subject)
    if isinstance(notice, Cancelled):
        if notice.occurrence is not None:
            when = period(*notice.occurrence, meeting.time_zone, meeting.language)
            lines = [w["intro_cancelled_one"].format(subject=subject_line, when=when), ""]
            lines += _room(meeting, w) + ["", w["contact"].format(contact=meeting.contact), w["only_you"]]
        else:
            lines = [w["intro_cancelled"].format(subject=subject_line), "", _when_line(meeting, w)]
            lines += _series_lines(meeting, w) + [w["room"].format(room=meeting.room_number), "",
                                                  w["contact"].format(contact=meeting.contact), w["only_you"]]
        return Email(w["subject_cancelled"].format(subject=subject_line, when=when), "\n".join(lines))
    if isinstance(notice, Changed):
        intro = [w["intro_changed"].format(subject=subject_line)] + _changes(meeting, notice.before, w)
        subject_key = "subject_changed"
    else:
        intro = [w["intro_new"].format(subject=subject_line)]
        subject_key = "subject_new"
    lines = intro + ["", _when_line(meeting, w)] + _series_lines(meeting, w) + [w["opens"], ""]
    lines += [w["link"].format(url=meeting.join_url)] + _room(meeting, w)
    lines += ["", w["browsers"], w["not_recorded"], w["contact"].format(contact=meeting.contact), "", w["only_you"]]
    return Email(w[subject_key].format(subject=subject_line, when=when), "\n".join(lines))


def single_line(text: str) -> str:
    """User text on one line (a subject with a line break cannot start a new header or paragraph)."""
    return " ".join(text.split())


def _when_line(meeting: MeetingFacts, w: dict[str, str]) -> str:
    return w["when"].format(when=period(*meeting.occurrences[0], meeting.time_zone, meeting.language),
                            zone=zone_name(meeting.time_zone, meeting.language))


def _room(meeting: MeetingFacts, w: dict[str, str]) -> list[str]:
    lines = [w["room"].format(room=meeting.room_number)]
    if meeting.guest_pin:
        lines.append(w["guest_pin"].format(pin=meeting.guest_pin))
    lines.append(w["sip"].format(sip=meeting.sip_address))
    return lines


def _series_lines(meeting: MeetingFacts, w: dict[str, str]) -> list[str]:
    occ = meeting.occurrences
    if len(occ) < 2:
        return []
    language, tz = meeting.language, meeting.time_zone
    lines = [w["series"].format(rule=rule_text(meeting.series, language) or "-", count=len(occ),
                                first=day_text(local(occ[0][0], tz).date(), language),
                                last=day_text(local(occ[-1][0], tz).date(), language)), w["dates"]]
    shown = occ if len(occ) <= LISTED_DATES else occ[:LISTED_DATES - 1]
    lines += ["- " + period(s, e, tz, language) for s, e in shown]
    if len(shown) < len(occ):
        lines.append(w["dates_more"].format(more=len(occ) - len(shown),
                                            last=period(*occ[-1], tz, language)))
    return lines


def _changes(meeting: MeetingFacts, before: MeetingFacts, w: dict[str, str]) -> list[str]:
    """What changed, in words: the subject, the time (one meeting) or the series, the link."""
    language, tz = meeting.language, meeting.time_zone
    lines = []
    if single_line(before.subject) != single_line(meeting.subject):
        lines.append(w["changed_subject"].format(subject=single_line(meeting.subject),
                                                 before=single_line(before.subject)))
    if before.occurrences != meeting.occurrences or before.series != meeting.series:
        if len(meeting.occurrences) == 1 and len(before.occurrences) == 1:
            lines.append(w["changed_time"].format(when=period(*meeting.occurrences[0], tz, language),
                                                  before=period(*before.occurrences[0], before.time_zone, language)))
        else:
            lines.append(w["changed_series"].format(
                rule=rule_text(meeting.series, language) or "-", count=len(meeting.occurrences),
                first=day_text(local(meeting.occurrences[0][0], tz).date(), language),
                last=day_text(local(meeting.occurrences[-1][0], tz).date(), language),
                before=_series_summary(before, w)))
    if before.join_url != meeting.join_url or before.room_number != meeting.room_number:
        lines.append(w["changed_link"])
    return lines or [w["changed_nothing"]]


def _series_summary(meeting: MeetingFacts, w: dict[str, str]) -> str:
    occ, language, tz = meeting.occurrences, meeting.language, meeting.time_zone
    if len(occ) == 1:
        return period(*occ[0], tz, language)
    return w["changed_series_before"].format(rule=rule_text(meeting.series, language) or "-", count=len(occ),
                                             first=day_text(local(occ[0][0], tz).date(), language),
                                             last=day_text(local(occ[-1][0], tz).date(), language))
