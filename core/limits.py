"""Per-organizer abuse limits: meetings created and invitations sent per hour.

SMS costs money and invitations can be used to spam, so each organizer has an hourly budget
(``MAX_MEETINGS_PER_HOUR``, ``MAX_INVITATIONS_PER_HOUR``). The window slides (the last 3600
seconds). A retry of one user action (the same idempotency key: the portal returns the first
meeting) is counted once and is never refused by a limit the action itself used up.

An action is counted when it is checked (:meth:`RateLimiter.reserve_meeting`), before the portal
call, so bookings running side by side (two chats, two clicks) cannot together pass a limit that
each alone would. An action that created nothing gives its place back
(:meth:`RateLimiter.release_meeting`); one whose outcome is unknown keeps it.

Counts live in this process; with several replicas each has its own budget, so the effective limit
is at most replicas x limit (documented in the README).
"""
from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from typing import Callable

WINDOW_SECONDS = 3600.0


class LimitReached(Exception):
    def __init__(self, kind: str, limit: int):
        super().__init__(kind)
        self.kind = kind
        self.limit = limit


@dataclass(frozen=True)
class _Booked:
    at: float
    invitations: int
    key: str | None


class RateLimiter:
    """
    >>> clock = [0.0]
    >>> limits = RateLimiter(2, 10, clock=lambda: clock[0])
    >>> limits.record_meeting("kari", 4, key="k1")
    >>> limits.record_meeting("kari", 4, key="k1")  # a retry of the same action: counted once
    >>> limits.check_meeting("kari", 7)
    Traceback (most recent call last):
    ...
    core.limits.LimitReached: invitations
    >>> limits.record_meeting("kari", 0, key="k2")
    >>> limits.check_meeting("kari")
    Traceback (most recent call last):
    ...
    core.limits.LimitReached: meetings
    >>> limits.check_meeting("kari", key="k2")  # retrying a counted action is not refused
    >>> clock[0] = 3600.5
    >>> limits.check_meeting("kari", 10)

    Reserving counts at once; the same key again passes and is not counted twice; a release gives
    the place back:

    >>> limits.reserve_meeting("ola", 0, key="a")
    True
    >>> limits.reserve_meeting("ola", 0, key="a")
    False
    >>> limits.reserve_meeting("ola", 0, key="b")
    True
    >>> limits.reserve_meeting("ola", 0, key="c")
    Traceback (most recent call last):
    ...
    core.limits.LimitReached: meetings
    >>> limits.release_meeting("ola", "b")
    >>> limits.reserve_meeting("ola", 0, key="c")
    True
    """

    def __init__(self, meetings_per_hour: int, invitations_per_hour: int,
                 clock: Callable[[], float] = time.monotonic, max_organizers: int = 50_000):
        self.meetings_per_hour = meetings_per_hour
        self.invitations_per_hour = invitations_per_hour
        self._clock = clock
        self._max_organizers = max_organizers
        self._booked: dict[str, deque[_Booked]] = {}

    def _recent(self, organizer_id: str, now: float) -> deque[_Booked]:
        events = self._booked.get(organizer_id)
        if events is None:
            return deque()
        while events and events[0].at <= now - WINDOW_SECONDS:
            events.popleft()
        if not events:
            del self._booked[organizer_id]
        return events

    def check_meeting(self, organizer_id: str, invitations: int = 0, key: str | None = None) -> None:
        """Raise :class:`LimitReached` when one more meeting (with ``invitations``) is over a limit.
        A ``key`` already counted (a retry of the same action) always passes."""
        events = self._recent(organizer_id, self._clock())
        if key is not None and any(e.key == key for e in events):
            return
        if len(events) >= self.meetings_per_hour:
            raise LimitReached("meetings", self.meetings_per_hour)
        if invitations and sum(e.invitations for e in events) + invitations > self.invitations_per_hour:
            raise LimitReached("invitations", self.invitations_per_hour)

    def reserve_meeting(self, organizer_id: str, invitations: int = 0, key: str | None = None) -> bool:
        """Check and count one more meeting in one step (nothing can come between them). Raises
        :class:`LimitReached`; a ``key`` already counted passes without being counted again.
        Returns ``True`` when this call counted the action (then a failure that created nothing
        may :meth:`release_meeting` it), ``False`` when the key was counted already."""
        now = self._clock()
        events = self._recent(organizer_id, now)
        if key is not None and any(e.key == key for e in events):
            return False
        self.check_meeting(organizer_id, invitations, key)
        self._append(organizer_id, events, _Booked(now, invitations, key))
        return True

    def release_meeting(self, organizer_id: str, key: str | None) -> None:
        """Give back the place of an action that created nothing (no-op for an unknown key)."""
        events = self._booked.get(organizer_id)
        if events is None or key is None:
            return
        for event in [e for e in events if e.key == key]:
            events.remove(event)
        if not events:
            del self._booked[organizer_id]

    def record_meeting(self, organizer_id: str, invitations: int = 0, key: str | None = None) -> None:
        """Count a created meeting; the same ``key`` again (a retry) is not counted twice."""
        now = self._clock()
        events = self._recent(organizer_id, now)
        if key is not None and any(e.key == key for e in events):
            return
        self._append(organizer_id, events, _Booked(now, invitations, key))

    def _append(self, organizer_id: str, events: deque[_Booked], event: _Booked) -> None:
        if organizer_id not in self._booked:
            self._booked[organizer_id] = events
            if len(self._booked) > self._max_organizers:  # forget the oldest organizer first
                self._booked.pop(next(iter(self._booked)))
        events.append(event)
