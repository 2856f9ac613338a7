"""The portal, seen through the reminders: a create schedules them, a cancel drops them.

:class:`RemindingPortal` wraps any :class:`core.portal.protocol.Portal` (the embedded one or the HTTP
client) and passes every call through; after a successful scheduled create it adds the meeting's
reminders (:func:`.schedule.reminders_for`), after a cancel of the meeting or of one occurrence it
drops theirs, and after a change it schedules them anew. A failure of the reminder store never
fails the booking (it is logged by type only, and the meeting is still in Mine møter).
"""
from __future__ import annotations

import logging
from typing import Any
from zoneinfo import ZoneInfo

from .schedule import reminders_for
from .store import ReminderStore

log = logging.getLogger(__name__)


class RemindingPortal:
    def __init__(self, portal: Any, store: ReminderStore, tz: ZoneInfo):
        self.inner = portal
        self.store = store
        self.tz = tz

    def __getattr__(self, name: str) -> Any:  # everything else is the portal's own
        return getattr(self.inner, name)

    async def create_meeting(self, body: dict[str, Any], *, idempotency_key: str) -> dict[str, Any]:
        meeting: dict[str, Any] = await self.inner.create_meeting(body, idempotency_key=idempotency_key)
        organizer = body.get("organizer") or {}
        try:
            await self.store.add(reminders_for(meeting, str(organizer.get("id") or ""), self.tz))
        except Exception as exc:  # the booking stands; the reminder is lost, and said so in the log
            log.warning("scheduling reminders failed: %s", type(exc).__name__)
        return meeting

    async def cancel_meeting(self, meeting_id: str, organizer_id: str) -> None:
        await self.inner.cancel_meeting(meeting_id, organizer_id)
        await self._drop(meeting_id)

    async def cancel_occurrence(self, meeting_id: str, occurrence: str, organizer_id: str) -> None:
        await self.inner.cancel_occurrence(meeting_id, occurrence, organizer_id)
        await self._drop(meeting_id, occurrence)

    async def update_meeting(self, meeting_id: str, changes: dict[str, Any], organizer_id: str,
                             *, idempotency_key: str) -> dict[str, Any]:
        meeting: dict[str, Any] = await self.inner.update_meeting(meeting_id, changes, organizer_id,
                                                                  idempotency_key=idempotency_key)
        await self._drop(meeting_id)
        try:
            await self.store.add(reminders_for(meeting, organizer_id, self.tz))
        except Exception as exc:
            log.warning("scheduling reminders failed: %s", type(exc).__name__)
        return meeting

    async def _drop(self, meeting_id: str, occurrence: str | None = None) -> None:
        try:
            await self.store.cancel(meeting_id, occurrence)
        except Exception as exc:  # the send checks the portal again: a cancelled meeting reminds no one
            log.warning("dropping reminders failed: %s", type(exc).__name__)
