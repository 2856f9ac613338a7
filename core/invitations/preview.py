"""What **Vis invitasjonen** shows before a meeting exists: the very texts the portal will send,
with the room number, the guest PIN and the link the portal has not given yet shown as ``X``
placeholders of the same length (so the SMS length is what it will be).

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> oslo = ZoneInfo("Europe/Oslo")
>>> facts = preview_facts({"name": "Sensitivt rom (5, HD) (nb)", "language": "nb"}, "Samtale",
...                       [(datetime(2026, 12, 1, 13, tzinfo=oslo), datetime(2026, 12, 1, 14, tzinfo=oslo))])
>>> facts.join_url, facts.room_number, facts.guest_pin, facts.sip_address
('https://join.nhn.no/webapp/conference/XXXXXX', 'XXXXXX', 'XXXXXX', 'XXXXXX@join.nhn.no')
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Mapping, Sequence

from ..portal import rooms
from .email import Email, email
from .model import DEFAULT_CONTACT, MeetingFacts, Series
from .sms import sms

PLACEHOLDER_ROOM = "X" * rooms.ROOM_DIGITS
PLACEHOLDER_PIN = "X" * rooms.PIN_DIGITS


@dataclass(frozen=True)
class PreviewSetup:
    """Where links point and whom invitees contact: the embedded portal's base and settings
    (``PORTAL_SIP_DOMAIN``, ``INVITATION_CONTACT``); with a real portal, its web app's base."""

    join_base: str = "https://" + rooms.DEFAULT_SIP_DOMAIN
    sip_domain: str = rooms.DEFAULT_SIP_DOMAIN
    contact: str = DEFAULT_CONTACT


@dataclass(frozen=True)
class Preview:
    language: str
    email: Email
    sms: str


def series_of(frequency: str, until: date | None) -> Series | None:
    """The form's Regelmessighet as a :class:`Series` (``none`` = no series)."""
    if frequency in ("", "none") or until is None:
        return None
    if frequency == "biweekly":
        return Series("weekly", 2, until)
    return Series(frequency, 1, until)


def preview_facts(template: Mapping[str, Any], subject: str, occurrences: Sequence[tuple[datetime, datetime]],
                  series: Series | None = None, time_zone: str = "Europe/Oslo",
                  setup: PreviewSetup = PreviewSetup()) -> MeetingFacts:
    return MeetingFacts(
        subject=subject, language=str(template.get("language") or "nb"), time_zone=time_zone,
        occurrences=tuple(occurrences), join_url=rooms.join_url(setup.join_base, PLACEHOLDER_ROOM),
        room_number=PLACEHOLDER_ROOM, sip_address=rooms.sip_address(PLACEHOLDER_ROOM, setup.sip_domain),
        guest_pin=PLACEHOLDER_PIN if rooms.template_has_guest_pin(template) else None,
        series=series if len(occurrences) > 1 else None, contact=setup.contact)


def preview(template: Mapping[str, Any], subject: str, occurrences: Sequence[tuple[datetime, datetime]],
            series: Series | None = None, time_zone: str = "Europe/Oslo",
            setup: PreviewSetup = PreviewSetup()) -> Preview:
    """The invitation e-mail and SMS of a meeting as the organizer has filled it in."""
    facts = preview_facts(template, subject, occurrences, series, time_zone, setup)
    return Preview(facts.language, email(facts), sms(facts))
