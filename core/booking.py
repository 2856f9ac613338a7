"""The use cases: quick meeting, new meeting, my meetings, cancel.

Each validates with the other ``core`` modules, schedules, and calls the portal port. The bot layer
calls these with plain data and renders what comes back; nothing here knows about Teams.
"""
from __future__ import annotations

import hashlib
import json
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Callable
from zoneinfo import ZoneInfo

from .invitees import invitee_limit
from .portal.protocol import NotFound, Portal

TEMPLATE_CACHE_SECONDS = 300.0
#: Contract v1.1: the room every meeting is (``host_pin`` is for the organizer only).
ROOM_FIELDS = ("room_number", "guest_pin", "host_pin", "sip_address")
#: The longest one meeting (each occurrence) may last, in wall-clock time: a long-lived room is a
#: daily series of 00:00-23:30, not one long meeting.
MAX_MEETING = timedelta(hours=24)


@dataclass(frozen=True)
class Organizer:
    """Who books: in Teams ``id`` is the user's Entra object id (``from.aadObjectId``)."""

    id: str
    name: str | None = None
    email: str | None = None

    def as_body(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "email": self.email}

    @classmethod
    def from_body(cls, body: Any) -> "Organizer | None":
        """An organizer kept as :meth:`as_body` (e.g. in dialog state); ``None`` when it is not one."""
        if not isinstance(body, dict) or not isinstance(body.get("id"), str) or not body["id"]:
            return None
        name, email = body.get("name"), body.get("email")
        return cls(id=body["id"], name=name if isinstance(name, str) else None,
                   email=email if isinstance(email, str) else None)


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


def body_fingerprint(body: dict[str, Any]) -> str:
    """A short, stable digest of a create body (key order does not matter): an idempotency key
    may only ever be sent with one body, so a changed body needs a new key."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


def meeting_signature(body: dict[str, Any]) -> list[str]:
    """What identifies the meeting a create body asks for, where the portal shows no idempotency
    key: template, subject, start and end (see :meth:`Booking.find_meeting`)."""
    return [body["template_id"], body["subject"], body["start"], body["end"]]


def as_created(meeting: dict[str, Any]) -> dict[str, Any]:
    """A meeting as the portal lists it, in the shape of its create answer (invitations counted)."""
    invitations = meeting.get("invitations") or {}

    def count(value: Any) -> int:
        return len(value) if isinstance(value, list) else value if isinstance(value, int) else 0

    opens = meeting.get("join_opens_at")
    if not opens and meeting.get("start"):
        opens = (datetime.fromisoformat(meeting["start"]) - timedelta(minutes=20)).isoformat()
    return {
        "id": meeting["id"], "kind": meeting.get("kind", "scheduled"), "join_url": meeting["join_url"],
        "subject": meeting.get("subject"),
        "join_opens_at": opens, "occurrences": meeting.get("occurrences") or [],
        "invitations": {"emails": count(invitations.get("emails")), "sms": count(invitations.get("sms"))},
        **{name: meeting.get(name) for name in ROOM_FIELDS},
    }


def _same_instant(a: Any, b: Any) -> bool:
    try:
        return datetime.fromisoformat(a) == datetime.fromisoformat(b)
    except (TypeError, ValueError):
        return False


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
        wall = [t.astimezone(self.time_zone).replace(tzinfo=None) for t in (request.start, request.end)]
        if wall[1] - wall[0] > MAX_MEETING:
            raise BookingRefused("too_long")
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
        body = await self.meeting_body(organizer, request, subject_confirmed=subject_confirmed)
        return await self.create_meeting(body, idempotency_key)

    async def create_meeting(self, body: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        """``POST /meetings`` with a body from :meth:`meeting_body`; every retry of one user action
        sends the same body with the same key."""
        return await self.portal.create_meeting(body, idempotency_key=idempotency_key)

    async def meeting_body(self, organizer: Organizer, request: MeetingRequest,
                           *, subject_confirmed: bool = False) -> dict[str, Any]:
        """The contract's create body for a request, after checking it (raises :class:`BookingRefused`)."""
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
        return body

    async def my_meetings(self, organizer: Organizer) -> list[dict[str, Any]]:
        return await self.portal.list_meetings(organizer.id)

    async def meeting(self, organizer: Organizer, meeting_id: str) -> dict[str, Any]:
        """One of the organizer's meetings; someone else's is :class:`NotFound` as an unknown one is.

        The contract's ``GET /meetings/{id}`` names no organizer; where the portal does not say
        (``organizer_id``), the meeting must be in the organizer's own list."""
        meeting = await self.portal.get_meeting(meeting_id)
        owner = meeting.get("organizer_id")
        if owner is None:
            if not any(m.get("id") == meeting_id for m in await self.portal.list_meetings(organizer.id)):
                raise NotFound("no such meeting")
        elif owner != organizer.id:
            raise NotFound("no such meeting")
        return meeting

    async def find_meeting(self, organizer: Organizer, signatures: list[list[str]]) -> dict[str, Any] | None:
        """The organizer's active scheduled meeting that matches one of ``signatures``
        (:func:`meeting_signature` of bodies sent with one idempotency key), in the shape of a
        create answer (:func:`as_created`), or ``None``.

        Used when the portal answers 409 to a key: it holds a meeting made by an earlier attempt of
        the same action. The contract's list shows no idempotency key, so the match is on template,
        subject, start and end."""
        for meeting in await self.portal.list_meetings(organizer.id):
            if meeting.get("kind", "scheduled") != "scheduled" or meeting.get("status", "active") != "active":
                continue
            for signature in signatures:
                if not (isinstance(signature, (list, tuple)) and len(signature) == 4):
                    continue
                template_id, subject, start, end = signature
                if (meeting.get("template_id") == template_id and meeting.get("subject") == subject
                        and _same_instant(meeting.get("start"), start) and _same_instant(meeting.get("end"), end)):
                    return as_created(meeting)
        return None

    async def cancel_meeting(self, organizer: Organizer, meeting_id: str) -> None:
        await self.portal.cancel_meeting(meeting_id, organizer.id)
