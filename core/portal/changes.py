"""``PATCH /api/v1/meetings/{id}`` in the embedded portal: change a booked meeting.

Any of ``subject``, ``start``, ``end``, ``recurrence``, ``occurrences`` and ``invitations`` (whole
new lists) may be sent; the result is checked by exactly the rules of a create
(:meth:`EmbeddedPortal.check_scheduled`). Another organizer's meeting, a quick meeting or a
cancelled one is a 404 (as if it did not exist). The same ``Idempotency-Key`` with the same body
answers the first result again and changes nothing; with another body it is a 409.

Invitees are told, one message each, in the template's language: those still invited get
"changed" (with what changed) when the time, subject or series changed; added ones get an
invitation; removed ones are told it is cancelled for them. Each change raises the meeting's
``revision`` (the calendar file's ``SEQUENCE``).
"""
from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from ..invitations import Cancelled, Changed, MeetingFacts, NewMeeting
from ..recurrence import JOIN_MARGIN
from . import outbox as _outbox
from .protocol import NotFound, PortalRejected

if TYPE_CHECKING:
    from .embedded import EmbeddedPortal

FIELDS = ("subject", "start", "end", "recurrence", "occurrences", "invitations")


def apply(portal: "EmbeddedPortal", db: sqlite3.Connection, meeting_id: str, organizer_id: str,
          changes: dict[str, Any]) -> dict[str, Any]:
    """Change the meeting inside the caller's transaction; returns it as ``GET`` shows it."""
    from .embedded import _iso, _utc

    if not isinstance(changes, dict) or not changes or set(changes) - set(FIELDS):
        raise PortalRejected("send one or more of: " + ", ".join(FIELDS), code="invalid_body")
    row = db.execute("SELECT * FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
    if row is None or row["organizer_id"] != organizer_id or row["kind"] != "scheduled" or row["status"] != "active":
        raise NotFound("no such meeting")
    before = portal._meeting(row)
    body = {"template_id": before["template_id"], "time_zone": before["time_zone"],
            **{name: before[name] for name in FIELDS}, **changes}
    if "start" in changes and "occurrences" not in changes and not body.get("recurrence"):
        body["occurrences"] = [{"start": body["start"], "end": body["end"]}]
    checked = portal.check_scheduled(body)
    occurrences = [{"start": _iso(s), "end": _iso(e)} for s, e in checked["occurrences"]]
    invitations = checked["invitations"]
    db.execute(
        'UPDATE meetings SET subject = ?, start = ?, "end" = ?, recurrence = ?, occurrences = ?, invitations = ?, '
        "join_opens_at = ?, sort_key = ?, last_end = ?, revision = revision + 1 WHERE id = ?",
        (checked["subject"], _iso(checked["start"]), _iso(checked["end"]),
         json.dumps(checked["recurrence"]) if checked["recurrence"] is not None else None,
         json.dumps(occurrences), json.dumps(invitations), _iso(checked["occurrences"][0][0] - JOIN_MARGIN),
         _utc(checked["start"]), _utc(checked["occurrences"][-1][1]), meeting_id))
    after = portal._meeting(db.execute("SELECT * FROM meetings WHERE id = ?", (meeting_id,)).fetchone())
    _tell(portal, db, before, after)
    return after


def _visible(meeting: dict[str, Any]) -> tuple[Any, ...]:
    return (meeting["subject"], meeting["occurrences"], meeting["recurrence"])


def _tell(portal: "EmbeddedPortal", db: sqlite3.Connection, before: dict[str, Any], after: dict[str, Any]) -> None:
    from .embedded import _iso

    template = portal._template_row(after["template_id"])
    language = template["language"] if template else "nb"
    now = _iso(portal._clock())
    old, new = before["invitations"], after["invitations"]
    kept = {k: [v for v in new.get(k, []) if v in old.get(k, [])] for k in ("emails", "sms")}
    added = {k: [v for v in new.get(k, []) if v not in old.get(k, [])] for k in ("emails", "sms")}
    removed = {k: [v for v in old.get(k, []) if v not in new.get(k, [])] for k in ("emails", "sms")}
    if _visible(before) != _visible(after):
        facts = MeetingFacts.from_meeting(before, language=language, contact=portal._contact)
        _outbox.send(db, after, kept, language, now, Changed(before=facts), portal._contact)
    _outbox.send(db, after, added, language, now, NewMeeting(), portal._contact)
    _outbox.send(db, before, removed, language, now, Cancelled(), portal._contact)
