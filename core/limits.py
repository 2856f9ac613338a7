"""Per-organizer abuse limits: meetings created and invitations sent per hour.

SMS costs money and invitations can be used to spam, so each organizer has an hourly budget. The
window slides (the last 3600 seconds). Counts live in this process; with several replicas each has
its own budget, so the effective limit is at most replicas x limit (documented in the README).
"""
from __future__ import annotations

import time
from collections import deque
from typing import Callable

WINDOW_SECONDS = 3600.0


class LimitReached(Exception):
    def __init__(self, kind: str, limit: int):
        super().__init__(kind)
        self.kind = kind
        self.limit = limit


class RateLimiter:
    def __init__(self, meetings_per_hour: int, invitations_per_hour: int,
                 clock: Callable[[], float] = time.monotonic, max_organizers: int = 50_000):
        self.meetings_per_hour = meetings_per_hour
        self.invitations_per_hour = invitations_per_hour
        self._clock = clock
        self._max_organizers = max_organizers
        self._meetings: dict[str, deque[float]] = {}
        self._invitations: dict[str, deque[tuple[float, int]]] = {}

    def _trim(self, events: deque, now: float) -> None:
        while events and (events[0][0] if isinstance(events[0], tuple) else events[0]) <= now - WINDOW_SECONDS:
            events.popleft()

    def _bound(self, table: dict) -> None:
        if len(table) > self._max_organizers:  # forget the oldest organizer first
            table.pop(next(iter(table)))

    def check_meeting(self, organizer_id: str, invitations: int = 0) -> None:
        """Raise :class:`LimitReached` when one more meeting (with ``invitations``) is over a limit."""
        now = self._clock()
        events = self._meetings.get(organizer_id)
        if events is not None:
            self._trim(events, now)
            if len(events) >= self.meetings_per_hour:
                raise LimitReached("meetings", self.meetings_per_hour)
        if invitations:
            sent = self._invitations.get(organizer_id)
            used = 0
            if sent is not None:
                self._trim(sent, now)
                used = sum(n for _, n in sent)
            if used + invitations > self.invitations_per_hour:
                raise LimitReached("invitations", self.invitations_per_hour)

    def record_meeting(self, organizer_id: str, invitations: int = 0) -> None:
        now = self._clock()
        self._meetings.setdefault(organizer_id, deque()).append(now)
        self._bound(self._meetings)
        if invitations:
            self._invitations.setdefault(organizer_id, deque()).append((now, invitations))
            self._bound(self._invitations)
