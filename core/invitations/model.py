"""The plain data the invitation texts are made from (no I/O, no portal, no Teams).

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> oslo = ZoneInfo("Europe/Oslo")
>>> meeting = {"subject": "Fagmøte", "time_zone": "Europe/Oslo", "join_url": "https://x/webapp/conference/123456",
...            "room_number": "123456", "guest_pin": None, "host_pin": "987654", "sip_address": "123456@x",
...            "recurrence": None, "occurrences": [{"start": "2026-12-01T13:00:00+01:00",
...                                                 "end": "2026-12-01T14:00:00+01:00"}]}
>>> facts = MeetingFacts.from_meeting(meeting, language="nb")
>>> facts.room_number, facts.guest_pin, hasattr(facts, "host_pin")
('123456', None, False)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Mapping, Union

#: Whom invitees contact with questions, unless ``INVITATION_CONTACT`` says otherwise: the
#: hospital's switchboard.
DEFAULT_CONTACT = "Sykehuset i Vestfold, sentralbord +47 33 34 20 00"
LANGUAGES = ("nb", "en")


@dataclass(frozen=True)
class Series:
    """A recurrence as the contract has it: ``frequency`` daily/weekdays/weekly/monthly (or
    biweekly), every ``interval``-th, ``until`` a day (inclusive)."""

    frequency: str
    interval: int
    until: date

    @classmethod
    def from_body(cls, body: Any) -> "Series | None":
        if not isinstance(body, Mapping) or not isinstance(body.get("frequency"), str):
            return None
        interval = body.get("interval", 1)
        try:
            until = date.fromisoformat(str(body.get("until")))
        except ValueError:
            return None
        return cls(body["frequency"], interval if isinstance(interval, int) else 1, until)

    @property
    def rule(self) -> str:
        """``biweekly`` for weekly with interval 2; otherwise the frequency (interval 1) or
        ``every-N-<frequency>``."""
        if self.frequency == "biweekly" or (self.frequency == "weekly" and self.interval == 2):
            return "biweekly"
        return self.frequency if self.interval == 1 else f"every-{self.interval}-{self.frequency}"


@dataclass(frozen=True)
class MeetingFacts:
    """One meeting as its invitees may know it. There is deliberately no organizer, no list of
    recipients and no host PIN here, so no text can contain them."""

    subject: str
    language: str
    time_zone: str
    occurrences: tuple[tuple[datetime, datetime], ...]
    join_url: str
    room_number: str
    sip_address: str
    guest_pin: str | None = None
    series: Series | None = None
    contact: str = DEFAULT_CONTACT

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            object.__setattr__(self, "language", "nb")
        if not self.occurrences:
            raise ValueError("a meeting has at least one occurrence")

    @classmethod
    def from_meeting(cls, meeting: Mapping[str, Any], *, language: str,
                     contact: str = DEFAULT_CONTACT) -> "MeetingFacts":
        """From a meeting as the portal contract shows it (``GET /api/v1/meetings/{id}``)."""
        occurrences = tuple(sorted((datetime.fromisoformat(o["start"]), datetime.fromisoformat(o["end"]))
                                   for o in meeting.get("occurrences") or []))
        guest_pin = meeting.get("guest_pin")
        return cls(
            subject=str(meeting.get("subject") or ""),
            language=language,
            time_zone=str(meeting.get("time_zone") or "Europe/Oslo"),
            occurrences=occurrences,
            join_url=str(meeting.get("join_url") or ""),
            room_number=str(meeting.get("room_number") or ""),
            sip_address=str(meeting.get("sip_address") or ""),
            guest_pin=str(guest_pin) if guest_pin else None,
            series=Series.from_body(meeting.get("recurrence")) if len(occurrences) > 1 else None,
            contact=contact,
        )


@dataclass(frozen=True)
class NewMeeting:
    """An invitation to a meeting (also to someone added to it later)."""


@dataclass(frozen=True)
class Changed:
    """The meeting changed; ``before`` is how it was, so the text can say what changed."""

    before: MeetingFacts


@dataclass(frozen=True)
class Cancelled:
    """The meeting is cancelled (for this recipient), or only ``occurrence`` of its series."""

    occurrence: tuple[datetime, datetime] | None = field(default=None)


Notice = Union[NewMeeting, Changed, Cancelled]
