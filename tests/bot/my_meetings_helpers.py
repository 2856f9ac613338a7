"""Helpers for the Mine møter, Avlys denne and Legg i kalender tests: a clock the test moves, and
meetings booked straight in the embedded portal for a Teams user (the dialog has its own tests)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from core.recurrence import occurrences

OSLO = ZoneInfo("Europe/Oslo")
START = datetime(2027, 10, 1, 10, 0, tzinfo=OSLO)


class Clock:
    """The bot's "now" (``Resources.clock``), moved by the test."""

    def __init__(self, at: datetime = START):
        self.at = at.astimezone(timezone.utc)

    def __call__(self) -> datetime:
        return self.at

    def advance(self, delta: timedelta) -> None:
        self.at += delta


async def book(bot, client, subject="Fagmøte ortopedi", *, first=datetime(2027, 10, 12, 14, tzinfo=OSLO),
               minutes=60, frequency="none", until: date | None = None, emails=("lege.en@siv.no",),
               sms=("+4741234567",), key=None):
    portal = bot.resources.embedded_portal
    end = first + timedelta(minutes=minutes)
    series = occurrences(first, end, frequency, until) if frequency != "none" else [(first, end)]
    recurrence = None
    if frequency != "none":
        recurrence = {"frequency": frequency, "interval": 1, "until": until.isoformat()}
    body = {"organizer": {"id": client.user.aad_object_id, "name": client.user.name, "email": client.user.email},
            "template_id": "videokonsultasjon-15-hd-chat-nb", "subject": subject, "time_zone": "Europe/Oslo",
            "start": first.isoformat(), "end": end.isoformat(), "recurrence": recurrence,
            "occurrences": [{"start": s.isoformat(), "end": e.isoformat()} for s, e in series],
            "invitations": {"emails": list(emails), "sms": list(sms)}}
    return await portal.create_meeting(body, idempotency_key=key or ("k-" + subject + first.isoformat())[:150])
