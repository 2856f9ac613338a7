"""What a reminder store offers (the SQLite and the Azure Blob one alike).

A reminder is claimed **at most once**: :meth:`ReminderStore.claim_due` moves a due reminder from
*pending* to *sending* atomically (one SQL ``UPDATE`` that only one replica can win; a blob lease
on Azure), and only the replica that moved it sends it. A send that fails without reaching Teams
puts it back (:meth:`release`); a process that dies in the middle of a send leaves it *sending*
and it is not sent again: a missed reminder is better than two (the meeting is also in the
calendar file and in Mine møter).
"""
from __future__ import annotations

from datetime import datetime
from typing import Protocol

from .schedule import Reminder


class ReminderStore(Protocol):
    async def add(self, reminders: list[Reminder]) -> None:
        """Schedule reminders; one already known (same meeting and occurrence) is left as it is."""

    async def claim_due(self, now: datetime, limit: int = 50) -> list[Reminder]:
        """Pending reminders due at ``now`` or earlier, each claimed by this caller alone."""

    async def done(self, reminder: Reminder, outcome: str) -> None:
        """A claimed reminder is finished: ``sent`` or ``dropped`` (too late, cancelled, turned off)."""

    async def release(self, reminder: Reminder) -> None:
        """A claimed reminder whose send failed before reaching Teams: pending again."""

    async def cancel(self, meeting_id: str, occurrence: str | None = None) -> None:
        """Drop the pending reminders of a meeting (or of one occurrence, ISO start)."""

    async def turn_off(self, meeting_id: str) -> None:
        """The organizer asked for no more reminders of this meeting."""

    async def save_reference(self, organizer_id: str, reference: str) -> None:
        """Where to reach the organizer: the personal chat's conversation reference (JSON)."""

    async def reference(self, organizer_id: str) -> str | None:
        """The stored conversation reference, or ``None``."""

    async def close(self) -> None:
        """Release connections."""
