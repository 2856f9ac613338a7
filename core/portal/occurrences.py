"""**Avlys denne** in the embedded portal: cancel one occurrence of a series
(``DELETE /api/v1/meetings/{id}/occurrences/{start}``, contracts.md section 2).

The same rules as cancelling a whole meeting: another organizer's meeting is 404 (as if it did not
exist), the invitees are told (one outbox message per recipient, in the template's language), and
a repeated call changes nothing and tells no one twice. A start that is no occurrence of the
meeting is 404.

What the meeting shows afterwards (``GET``): the occurrence leaves ``occurrences`` (so the join
page, reminders and lists skip it) and is listed in ``cancelled_occurrences``; ``revision`` rises
by one on every change (the calendar file's ``SEQUENCE``). ``start``/``end`` stay the series'
first meeting as booked. Cancelling the last remaining occurrence cancels the meeting.

The two columns are added to the meetings table when the portal opens (:func:`ensure_columns`),
so a database made before them keeps working.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from typing import Any, Callable
from zoneinfo import ZoneInfo

from ..recurrence import JOIN_MARGIN
from .protocol import NotFound, PortalRejected

COLUMNS = (("cancelled_occurrences", "TEXT"), ("revision", "INTEGER NOT NULL DEFAULT 0"))
INSERT_OUTBOX = ('INSERT INTO outbox (meeting_id, channel, "to", language, body, created_at) '
                 "VALUES (?,?,?,?,?,?)")


def ensure_columns(db: sqlite3.Connection) -> None:
    """Add :data:`COLUMNS` to ``meetings`` where missing (several processes may race: a column
    another one just added is fine)."""
    present = {row[1] for row in db.execute("PRAGMA table_info(meetings)")}
    for name, declaration in COLUMNS:
        if name not in present:
            try:
                db.execute(f"ALTER TABLE meetings ADD COLUMN {name} {declaration}")
            except sqlite3.OperationalError as exc:
                if "duplicate column" not in str(exc):
                    raise


def parse_start(value: Any) -> datetime:
    """The occurrence's start as the path gives it (ISO 8601 with offset; a ``+`` that a client
    sent unencoded in a query-style way arrives as a space and is read as ``+``).

    >>> parse_start("2027-11-02T14:00:00 01:00").isoformat()
    '2027-11-02T14:00:00+01:00'
    """
    if not isinstance(value, str) or len(value) > 64:
        raise PortalRejected("start must be an ISO 8601 timestamp with offset", code="invalid_start")
    try:
        parsed = datetime.fromisoformat(value.strip().replace(" ", "+"))
    except ValueError:
        raise PortalRejected("start is not an ISO 8601 timestamp", code="invalid_start") from None
    if parsed.tzinfo is None:
        raise PortalRejected("start must carry a UTC offset", code="invalid_start")
    return parsed


def _utc(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _is(occurrence: dict[str, Any], start: datetime) -> bool:
    return datetime.fromisoformat(occurrence["start"]) == start


def cancel(db: sqlite3.Connection, meeting: dict[str, Any], start: datetime, *, language: str,
           now: datetime, notify: Callable[[tuple[datetime, datetime]], None] | None = None) -> bool:
    """Cancel the occurrence of ``meeting`` (as ``GET`` shows it) that starts at ``start``, inside
    the caller's transaction. ``False`` when it was already cancelled (nothing done)."""
    if meeting["kind"] != "scheduled":
        raise NotFound("the meeting has no occurrences")
    if any(_is(o, start) for o in meeting.get("cancelled_occurrences") or []):
        return False
    match = next((o for o in meeting["occurrences"] if _is(o, start)), None)
    if match is None:
        raise NotFound("the series has no such occurrence")
    if meeting["status"] != "active":
        return False  # the whole meeting is cancelled already
    remaining = [o for o in meeting["occurrences"] if o is not match]
    cancelled = sorted((meeting.get("cancelled_occurrences") or []) + [match],
                       key=lambda o: datetime.fromisoformat(o["start"]))
    if remaining:
        first, last = datetime.fromisoformat(remaining[0]["start"]), datetime.fromisoformat(remaining[-1]["end"])
        db.execute("UPDATE meetings SET occurrences = ?, cancelled_occurrences = ?, revision = revision + 1, "
                   "sort_key = ?, last_end = ?, join_opens_at = ? WHERE id = ?",
                   (json.dumps(remaining), json.dumps(cancelled), _utc(first), _utc(last),
                    (first - JOIN_MARGIN).isoformat(timespec="seconds"), meeting["id"]))
    else:
        db.execute("UPDATE meetings SET occurrences = ?, cancelled_occurrences = ?, revision = revision + 1, "
                   "status = 'cancelled' WHERE id = ?", (json.dumps(remaining), json.dumps(cancelled), meeting["id"]))
    if notify is not None:  # the portal's own texts (core.invitations through core.portal.outbox)
        notify((datetime.fromisoformat(match["start"]), datetime.fromisoformat(match["end"])))
        return True
    stamp = now.isoformat(timespec="seconds")
    invitations = meeting.get("invitations") or {}
    for channel, recipients in (("email", invitations.get("emails") or []), ("sms", invitations.get("sms") or [])):
        for to in recipients:
            db.execute(INSERT_OUTBOX, (meeting["id"], channel, to, language,
                                       cancellation_text(meeting, match, language, channel), stamp))
    return True


_WEEKDAYS = {"nb": ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
             "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]}


def cancellation_text(meeting: dict[str, Any], occurrence: dict[str, Any], language: str, channel: str) -> str:
    """What an invitee reads when one meeting of a series is cancelled (no other recipient, no
    subject in an SMS). One place, so the portal's own texts (core.invitations) can replace it.

    >>> m = {"subject": "Fagmøte", "time_zone": "Europe/Oslo", "join_url": "https://x/1"}
    >>> print(cancellation_text(m, {"start": "2027-11-02T14:00:00+01:00", "end": "2027-11-02T15:00:00+01:00"},
    ...                         "nb", "sms"))
    Videomøtet tirsdag 02.11.2027 kl. 14:00-15:00 er avlyst. De andre møtene i serien er som før.
    """
    tz = ZoneInfo(meeting.get("time_zone") or "Europe/Oslo")
    start = datetime.fromisoformat(occurrence["start"]).astimezone(tz)
    end = datetime.fromisoformat(occurrence["end"]).astimezone(tz)
    day = _WEEKDAYS.get(language, _WEEKDAYS["nb"])[start.weekday()]
    if language == "en":
        text = (f"The video meeting {day} {start:%d.%m.%Y} {start:%H:%M}-{end:%H:%M} has been cancelled. "
                "The other meetings of the series are unchanged.")
        if channel == "email":
            text = f"{meeting.get('subject') or 'Video meeting'}\n{text}\nLink: {meeting['join_url']}"
        return text
    text = (f"Videomøtet {day} {start:%d.%m.%Y} kl. {start:%H:%M}-{end:%H:%M} er avlyst. "
            "De andre møtene i serien er som før.")
    if channel == "email":
        text = f"{meeting.get('subject') or 'Videomøte'}\n{text}\nLenke: {meeting['join_url']}"
    return text
