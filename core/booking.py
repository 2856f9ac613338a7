"""The use cases: quick meeting, new meeting, my meetings, cancel.

Each validates with the other ``core`` modules, schedules, and calls the portal port. The bot layer
calls these with plain data and renders what comes back; nothing here knows about Teams.
"""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Callable
from zoneinfo import ZoneInfo

from .invitees import invitee_limit
from .portal.protocol import NotFound, Portal

TEMPLATE_CACHE_SECONDS = 300.0


@dataclass(frozen=True)
class Organizer:
    """Who books: in Teams ``id`` is the user's Entra object id (``from.aadObjectId``)."""

    id: str
    name: str | None = None
    email: str | None = None

    def as_body(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "email": self.email}


@dataclass(frozen=True)
class MeetingRequest:
    """A scheduled meeting as the organizer asked for it (the Ny avtale form)."""

    template_id: str
    subject: str
    start: datetime
    end: datetime
    frequency: str = "none"
    until: date | None = None
    emails: tuple[str, ...] = ()
    sms: tuple[str, ...] = ()


class BookingRefused(ValueError):
    """The request breaks a rule; ``code`` names it so the bot can explain in the user's language."""

    def __init__(self, code: str, detail: Any = None):
        super().__init__(code)
        self.code = code
        self.detail = detail


def new_idempotency_key() -> str:
    """One key per user action, reused by every retry of that action."""
    return uuid.uuid4().hex


@dataclass
class Booking:
    portal: Portal
    time_zone: ZoneInfo
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(timezone.utc))
    _templates: list[dict[str, Any]] | None = field(default=None, init=False, repr=False)
    _templates_at: float = field(default=0.0, init=False, repr=False)

    async def templates(self, kind: str | None = "scheduled") -> list[dict[str, Any]]:
        """The portal's templates (cached for a few minutes: they change rarely)."""
        now = time.monotonic()
        if self._templates is None or now - self._templates_at > TEMPLATE_CACHE_SECONDS:
            self._templates = await self.portal.templates()
            self._templates_at = now
        return [t for t in self._templates if kind is None or t["kind"] == kind]

    async def template(self, template_id: str) -> dict[str, Any] | None:
        for template in await self.templates(None):
            if template["id"] == template_id:
                return template
        return None

    async def quick_meeting(self, organizer: Organizer, idempotency_key: str) -> dict[str, Any]:
        """Hurtigavtale - 365: an instant link, valid for a year."""
        return await self.portal.create_quick_meeting(organizer.as_body(), idempotency_key=idempotency_key)

    def schedule(self, request: MeetingRequest) -> list[tuple[datetime, datetime]]:
        """The occurrences of a request (raises :class:`BookingRefused` when it cannot be scheduled)."""
        from .recurrence import SeriesTooLong, occurrences

        if request.end <= request.start:
            raise BookingRefused("end_before_start")
        if request.end < self.clock():
            raise BookingRefused("in_the_past")
        if request.frequency == "none":
            return [(request.start, request.end)]
        if request.until is None:
            raise BookingRefused("until_required")
        if request.until < request.start.astimezone(self.time_zone).date():
            raise BookingRefused("until_before_start")
        if request.frequency == "weekdays" and request.start.astimezone(self.time_zone).weekday() > 4:
            raise BookingRefused("weekdays_on_weekend")
        try:
            return occurrences(request.start, request.end, request.frequency, request.until, tz=self.time_zone)
        except SeriesTooLong as exc:
            raise BookingRefused("series_too_long", str(exc)) from None
        except ValueError as exc:
            raise BookingRefused("invalid_recurrence", str(exc)) from None

    def check_subject(self, subject: str) -> list[Any]:
        """Findings of :func:`core.sensitive.scan` for a subject."""
        from .sensitive import scan

        return scan(subject)

    async def new_meeting(self, organizer: Organizer, request: MeetingRequest, idempotency_key: str,
                          *, subject_confirmed: bool = False) -> dict[str, Any]:
        """Ny avtale: validate everything again (the dialog did too), schedule, create once."""
        findings = self.check_subject(request.subject)
        if any(f.severity == "block" for f in findings):
            raise BookingRefused("sensitive_subject", findings)
        if findings and not subject_confirmed:
            raise BookingRefused("subject_needs_confirmation", findings)
        template = await self.template(request.template_id)
        if template is None or template["kind"] != "scheduled":
            raise BookingRefused("unknown_template")
        limit = invitee_limit(template["max_participants"])  # the organizer takes a seat
        if len(request.emails) + len(request.sms) > limit:
            raise BookingRefused("too_many_invitees", limit)
        series = self.schedule(request)
        recurrence = None
        if request.frequency != "none":
            frequency, interval = request.frequency, 1
            if frequency == "biweekly":
                frequency, interval = "weekly", 2
            recurrence = {"frequency": frequency, "interval": interval, "until": request.until.isoformat()}
        body = {
            "organizer": organizer.as_body(),
            "template_id": request.template_id,
            "subject": request.subject,
            "time_zone": self.time_zone.key,
            "start": request.start.isoformat(),
            "end": request.end.isoformat(),
            "recurrence": recurrence,
            "occurrences": [{"start": s.isoformat(), "end": e.isoformat()} for s, e in series],
            "invitations": {"emails": list(request.emails), "sms": list(request.sms)},
        }
        return await self.portal.create_meeting(body, idempotency_key=idempotency_key)

    async def my_meetings(self, organizer: Organizer) -> list[dict[str, Any]]:
        return await self.portal.list_meetings(organizer.id)

    async def meeting(self, organizer: Organizer, meeting_id: str) -> dict[str, Any]:
        """One of the organizer's meetings; someone else's is :class:`NotFound` as an unknown one is."""
        meeting = await self.portal.get_meeting(meeting_id)
        if meeting.get("organizer_id") not in (None, organizer.id):
            raise NotFound("no such meeting")
        return meeting

    async def cancel_meeting(self, organizer: Organizer, meeting_id: str) -> None:
        await self.portal.cancel_meeting(meeting_id, organizer.id)


def join_opens_at(start: datetime) -> datetime:
    """Participants can join 20 minutes before the start (the guideline)."""
    return start - timedelta(minutes=20)
