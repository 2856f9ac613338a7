"""Which reminders a booked meeting gets.

One per occurrence, due when its join window opens (:data:`core.recurrence.JOIN_MARGIN` before its
start). A long-lived room (00:00-23:30 every day) reminds only on its first day, and a quick
meeting (no time) never.

    >>> from datetime import datetime, timezone
    >>> meeting = {"id": "m1", "kind": "scheduled",
    ...            "occurrences": [{"start": "2026-12-01T13:00:00+01:00", "end": "2026-12-01T14:00:00+01:00"},
    ...                            {"start": "2026-12-08T13:00:00+01:00", "end": "2026-12-08T14:00:00+01:00"}]}
    >>> [r.due_at.isoformat() for r in reminders_for(meeting, "org-1")]
    ['2026-12-01T11:40:00+00:00', '2026-12-08T11:40:00+00:00']
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Mapping
from zoneinfo import ZoneInfo

from ..recurrence import JOIN_MARGIN

#: A daily series whose occurrences run 00:00-23:30 wall-clock time is the guideline's long-lived room.
LONG_LIVED_START, LONG_LIVED_END = "00:00", "23:30"


@dataclass(frozen=True)
class Reminder:
    """One reminder: for ``meeting_id``'s occurrence starting at ``occurrence`` (ISO 8601 with
    offset, as the portal gives it), due at ``due_at`` (UTC), to ``organizer_id``."""

    meeting_id: str
    occurrence: str
    due_at: datetime
    organizer_id: str

    @property
    def starts_at(self) -> datetime:
        return datetime.fromisoformat(self.occurrence).astimezone(timezone.utc)

    @property
    def key(self) -> str:
        """A stable name for the pair (meeting, occurrence): the store's primary key."""
        return f"{self.meeting_id}|{self.starts_at.strftime('%Y%m%dT%H%M%SZ')}"


def _is_long_lived(occurrences: list[Mapping[str, Any]], tz: ZoneInfo) -> bool:
    if len(occurrences) < 2:
        return False
    for occ in occurrences:
        start = datetime.fromisoformat(occ["start"]).astimezone(tz)
        end = datetime.fromisoformat(occ["end"]).astimezone(tz)
        if start.strftime("%H:%M") != LONG_LIVED_START or end.strftime("%H:%M") != LONG_LIVED_END:
            return False
    return True


def reminders_for(meeting: Mapping[str, Any], organizer_id: str,
                  tz: ZoneInfo | None = None) -> list[Reminder]:
    """The reminders of a meeting as the portal answers a create (``id``, ``kind``, ``occurrences``)."""
    if meeting.get("kind", "scheduled") != "scheduled" or not organizer_id:
        return []
    occurrences = [o for o in meeting.get("occurrences") or [] if isinstance(o, Mapping) and o.get("start")]
    if _is_long_lived(occurrences, tz or ZoneInfo("Europe/Oslo")):
        occurrences = occurrences[:1]
    found = []
    for occ in occurrences:
        start = datetime.fromisoformat(occ["start"]).astimezone(timezone.utc)
        found.append(Reminder(str(meeting["id"]), occ["start"], start - JOIN_MARGIN, organizer_id))
    return found
