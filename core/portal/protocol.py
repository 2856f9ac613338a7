"""The portal port: what the bot needs from the Delta video portal (contracts.md section 2).

Two implementations: :mod:`core.portal.embedded` (SQLite, the default and the local stand-in for
the real portal) and :mod:`core.portal.http` (the HTTP client for a real portal or the embedded
portal's REST API). Both take and return plain dicts shaped exactly like the contract's JSON bodies,
so the contract test suite can run the same assertions against both.

Contract v1.1: every meeting also carries ``room_number``, ``guest_pin`` (or ``None``), ``host_pin``
and ``sip_address`` (:mod:`core.portal.rooms`); the host PIN is the organizer's alone.
"""
from __future__ import annotations

from typing import Any, Protocol, runtime_checkable


class PortalError(Exception):
    """Base of every portal failure. ``code`` is the contract's error code.

    ``portal_message`` is the portal's own reason, from its JSON error body (``None`` when the
    portal gave none and ``message`` is ours). ``reached`` says whether the request may have been
    carried out by the portal all the same (for a create: the meeting may exist). It is ``False``
    for a definite answer or when nothing was sent, ``True`` when an answer was lost.
    """

    status = 500
    code = "internal"
    reached = False

    def __init__(self, message: str = "", *, code: str | None = None, status: int | None = None,
                 portal_message: str | None = None, reached: bool | None = None):
        super().__init__(message or self.code)
        self.message = message or self.code
        self.portal_message = portal_message or None
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        if reached is not None:
            self.reached = reached


class PortalUnavailable(PortalError):
    """The portal could not be reached or kept failing (timeouts, 5xx, 429 after retries).

    ``reached`` defaults to ``True`` (the request may have been carried out); whoever knows that
    nothing reached the portal (no connection, no token, the portal said it is unavailable) says
    ``reached=False``."""

    status = 503
    code = "unavailable"
    reached = True


class PortalRejected(PortalError):
    """The portal refused the request (400/422): ``code`` and ``message`` are the portal's own."""

    status = 422
    code = "invalid"


class NotFound(PortalError):
    status = 404
    code = "not_found"


class Conflict(PortalError):
    """409: e.g. an Idempotency-Key reused with another body."""

    status = 409
    code = "idempotency_conflict"


class Unauthorized(PortalError):
    """401/403: the portal refused our token (after one refresh)."""

    status = 401
    code = "unauthorized"


class RateLimited(PortalError):
    status = 429
    code = "rate_limited"


@runtime_checkable
class Portal(Protocol):
    """The contract's operations. Every method is a coroutine; bodies and answers are JSON dicts.

    The app calls :meth:`start` once before the first operation and :meth:`close` once at the end
    (also when start-up failed after :meth:`start`)."""

    async def start(self) -> None:
        """Open what the operations need (HTTP session, ...); nothing to do when already open."""

    async def close(self) -> None:
        """Release everything :meth:`start` (or the constructor) opened."""

    async def templates(self) -> list[dict[str, Any]]:
        """``GET /api/v1/templates`` -> the list under ``templates``."""

    async def create_quick_meeting(self, organizer: dict[str, Any], *, idempotency_key: str) -> dict[str, Any]:
        """``POST /api/v1/meetings/quick``."""

    async def create_meeting(self, body: dict[str, Any], *, idempotency_key: str) -> dict[str, Any]:
        """``POST /api/v1/meetings`` with the contract's body."""

    async def list_meetings(self, organizer_id: str) -> list[dict[str, Any]]:
        """``GET /api/v1/meetings?organizer=ID`` -> the list under ``meetings``, upcoming first."""

    async def get_meeting(self, meeting_id: str) -> dict[str, Any]:
        """``GET /api/v1/meetings/{id}``; raises :class:`NotFound`."""

    async def cancel_meeting(self, meeting_id: str, organizer_id: str) -> None:
        """``DELETE /api/v1/meetings/{id}?organizer=ID``."""

    async def cancel_occurrence(self, meeting_id: str, start: str, organizer_id: str) -> None:
        """``DELETE /api/v1/meetings/{id}/occurrences/{start}?organizer=ID`` (``start``: the
        occurrence's start, ISO 8601 with offset); raises :class:`NotFound` for another
        organizer's meeting or a start that is no occurrence of it."""
    async def update_meeting(self, meeting_id: str, changes: dict[str, Any], organizer_id: str, *,
                             idempotency_key: str) -> dict[str, Any]:
        """``PATCH /api/v1/meetings/{id}?organizer=ID`` (v1.1); another organizer's is :class:`NotFound`."""

    async def ping(self) -> bool:
        """True when the portal answers (used by ``/readyz``)."""
