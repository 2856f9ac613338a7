"""The embedded Delta portal: a full implementation of the portal contract on SQLite.

It is the default backend (``PORTAL_URL`` empty) and the stand-in for the hospital's portal in
development and tests. It behaves as contracts.md section 2 says the portal does:

* templates seeded with the portal's real names (``Hurtigavtale - 365`` and the scheduled ones);
* the first request of an organizer creates their portal user;
* ``Idempotency-Key``: the same key with the same body returns the first answer and creates
  nothing; with another body it is a :class:`~core.portal.protocol.Conflict` (409);
* invitations go out one message per recipient (no one sees the others) in the template's
  language, into an outbox table that ``GET /api/v1/outbox`` shows;
* a scheduled meeting's join window opens 20 minutes before each occurrence and closes 20 minutes
  after its end; a quick meeting is valid for 365 days;
* every meeting is a virtual room (contract v1.1, :mod:`core.portal.rooms`): a unique 6-digit
  ``room_number``, a ``host_pin`` for the organizer, a ``guest_pin`` only for templates whose rooms
  have one (the sensitive room), ``sip_address`` ``<room>@<sip_domain>``; join links are
  ``<base_url>/webapp/conference/<room>`` (join.nhn.no's form), a page served by
  :mod:`core.portal.rest` (older ``<base_url>/join/<id>`` links keep working);
* invitation texts come from :mod:`core.invitations` (:mod:`core.portal.outbox`).

All timestamps are stored as ISO 8601 strings with offset. SQLite work is short and synchronous;
every write runs inside ``BEGIN IMMEDIATE`` so that several processes sharing the file (replicas in
tests) cannot create a meeting twice for one idempotency key.
"""
from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import TracebackType
from typing import Any, Callable, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..invitations import DEFAULT_CONTACT, Cancelled
from ..invitees import MAX_PER_LIST as MAX_INVITEES_PER_LIST
from ..rules import JOIN_MARGIN, MAX_OCCURRENCES, SERIES_FREQUENCIES, SUBJECT_MAX
from ..wal import WalCheckpointer, no_auto_checkpoint
from . import occurrences, rooms
from . import outbox as _outbox
from .protocol import Conflict, NotFound, PortalRejected
from .schema import migrate

QUICK_VALIDITY = timedelta(days=365)

#: The portal's templates (names as staff know them from Delta).
SEED_TEMPLATES: tuple[dict[str, Any], ...] = (
    {"id": "hurtigavtale-365", "name": "Hurtigavtale - 365", "kind": "quick",
     "max_participants": 15, "quality": "HD", "chat": True, "language": "nb"},
    {"id": "videokonsultasjon-15-hd-chat-nb", "name": "Videokonsultasjon (15, HD, Chat) (nb)",
     "kind": "scheduled", "max_participants": 15, "quality": "HD", "chat": True, "language": "nb"},
    {"id": "videokonsultasjon-15-hd-chat-en", "name": "Videokonsultasjon (15, HD, Chat) (en)",
     "kind": "scheduled", "max_participants": 15, "quality": "HD", "chat": True, "language": "en"},
    {"id": "videomote-50-fullhd-chat-nb", "name": "Videomøte (50, FullHD, Chat) (nb)",
     "kind": "scheduled", "max_participants": 50, "quality": "FullHD", "chat": True, "language": "nb"},
    {"id": "sensitivt-rom-5-hd-nb", "name": "Sensitivt rom (5, HD) (nb)",
     "kind": "scheduled", "max_participants": 5, "quality": "HD", "chat": False, "language": "nb",
     "guest_pin": True},  # NHN's sensitive room: locks itself, guests need a PIN
)
#: How many times a new room number is drawn before giving up (900 000 numbers).
ROOM_ATTEMPTS = 50




def body_hash(body: Any) -> str:
    """A stable hash of a JSON body (key order and whitespace do not matter)."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _iso(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def _utc(value: datetime) -> str:
    """Sortable UTC text for ordering (ISO strings with different offsets do not sort)."""
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_instant(value: Any, field: str) -> datetime:
    if not isinstance(value, str):
        raise PortalRejected(f"{field} must be an ISO 8601 timestamp with offset", code="invalid_" + field)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise PortalRejected(f"{field} is not an ISO 8601 timestamp", code="invalid_" + field) from None
    if parsed.tzinfo is None:
        raise PortalRejected(f"{field} must carry a UTC offset", code="invalid_" + field)
    return parsed


class EmbeddedPortal:
    """The contract on a SQLite file. Create with :meth:`open`; close with :meth:`close`."""

    def __init__(self, connection: sqlite3.Connection, base_url: str,
                 clock: Callable[[], datetime] | None = None, *, sip_domain: str = rooms.DEFAULT_SIP_DOMAIN,
                 contact: str = DEFAULT_CONTACT, randbelow: rooms.RandBelow = secrets.randbelow):
        self._db = connection
        self._checkpointer: WalCheckpointer | None = None  # set by open() for a file (core/wal.py)
        self._base_url = base_url.rstrip("/")
        self._clock = clock or (lambda: datetime.now(timezone.utc))
        self._sip_domain = sip_domain or rooms.DEFAULT_SIP_DOMAIN
        self._contact = contact or DEFAULT_CONTACT
        self._randbelow = randbelow

    # -- life cycle -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, base_url: str, clock: Callable[[], datetime] | None = None,
             **options: Any) -> "EmbeddedPortal":
        """Open (and create, migrate and seed) the portal database at ``path``; ``options``:
        ``sip_domain``, ``contact`` (whom invitees contact), ``randbelow`` (tests)."""
        path = Path(path)
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA busy_timeout=30000")
        migrate(db)
        occurrences.ensure_columns(db)
        portal = cls(db, base_url, clock, **options)
        if str(path) != ":memory:":  # WAL checkpoints in a thread, not in a commit on the event loop
            no_auto_checkpoint(db)
            portal._checkpointer = WalCheckpointer(path, name="portal-checkpoint")
        portal._seed()
        portal._give_rooms()
        return portal

    async def start(self) -> None:
        """Nothing to do: :meth:`open` opened the database (the protocol's life cycle)."""

    async def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.close()
        self._db.close()

    def _seed(self) -> None:
        with self._write():
            for position, template in enumerate(SEED_TEMPLATES):
                self._db.execute(
                    "INSERT INTO templates (id, name, kind, max_participants, quality, chat, language, position, "
                    "guest_pin) VALUES (?,?,?,?,?,?,?,?,?) "
                    "ON CONFLICT (id) DO UPDATE SET guest_pin = excluded.guest_pin",
                    (template["id"], template["name"], template["kind"], template["max_participants"],
                     template["quality"], int(template["chat"]), template["language"], position,
                     int(template.get("guest_pin", False))),
                )

    def _give_rooms(self) -> None:
        """Meetings made before rooms existed (schema version 1) get theirs; their old
        ``/join/<id>`` links keep working."""
        with self._write() as db:
            rows = db.execute("SELECT m.id, t.guest_pin FROM meetings m LEFT JOIN templates t "
                              "ON t.id = m.template_id WHERE m.room_number IS NULL").fetchall()
            for row in rows:
                room = self._room(db, bool(row["guest_pin"]))
                db.execute("UPDATE meetings SET room_number = ?, guest_pin = ?, host_pin = ?, sip_address = ?, "
                           "join_url = ? WHERE id = ?",
                           (room["room_number"], room["guest_pin"], room["host_pin"], room["sip_address"],
                            room["join_url"], row["id"]))

    class _Tx:
        def __init__(self, db: sqlite3.Connection, checkpointer: WalCheckpointer | None = None):
            self.db = db
            self.checkpointer = checkpointer

        def __enter__(self) -> sqlite3.Connection:
            self.db.execute("BEGIN IMMEDIATE")
            return self.db

        def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                     tb: TracebackType | None) -> Literal[False]:
            self.db.execute("ROLLBACK" if exc_type else "COMMIT")
            if self.checkpointer is not None and not exc_type:
                self.checkpointer.wrote()
            return False

    def _write(self) -> "_Tx":
        return EmbeddedPortal._Tx(self._db, self._checkpointer)

    # -- contract ----------------------------------------------------------------------------
    async def ping(self) -> bool:
        self._db.execute("SELECT 1").fetchone()
        return True

    async def templates(self) -> list[dict[str, Any]]:
        rows = self._db.execute("SELECT * FROM templates ORDER BY position").fetchall()
        return [self._template(row) for row in rows]

    async def create_quick_meeting(self, organizer: dict[str, Any], *, idempotency_key: str) -> dict[str, Any]:
        body = {"organizer": organizer}
        return self._idempotent("quick", idempotency_key, body, self._insert_quick)

    async def create_meeting(self, body: dict[str, Any], *, idempotency_key: str) -> dict[str, Any]:
        return self._idempotent("scheduled", idempotency_key, body, self._insert_scheduled)

    async def list_meetings(self, organizer_id: str) -> list[dict[str, Any]]:
        if not isinstance(organizer_id, str) or not organizer_id:
            raise PortalRejected("organizer is required", code="invalid_organizer")
        now = _utc(self._clock())
        rows = self._db.execute(
            "SELECT * FROM meetings WHERE organizer_id = ? "
            "ORDER BY (status != 'active'), (last_end < ?), sort_key",
            (organizer_id, now),
        ).fetchall()
        return [self._meeting(row) for row in rows]

    async def get_meeting(self, meeting_id: str) -> dict[str, Any]:
        row = self._db.execute("SELECT * FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
        if row is None:
            raise NotFound("no such meeting")
        return self._meeting(row)

    async def cancel_meeting(self, meeting_id: str, organizer_id: str) -> None:
        with self._write() as db:
            row = db.execute("SELECT * FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
            if row is None or row["organizer_id"] != organizer_id:
                raise NotFound("no such meeting")
            if row["status"] == "cancelled":
                return
            db.execute("UPDATE meetings SET status = 'cancelled', revision = revision + 1 WHERE id = ?",
                       (meeting_id,))
            meeting = self._meeting(row)
            template = self._template_row(meeting["template_id"])
            language = template["language"] if template else "nb"
            if meeting["occurrences"]:
                _outbox.send(db, meeting, meeting["invitations"], language, _iso(self._clock()), Cancelled(),
                             self._contact)

    async def cancel_occurrence(self, meeting_id: str, start: str, organizer_id: str) -> None:
        """Avlys denne: one occurrence of a series (:mod:`core.portal.occurrences`)."""
        when = occurrences.parse_start(start)
        with self._write() as db:
            row = db.execute("SELECT * FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
            if row is None or row["organizer_id"] != organizer_id:
                raise NotFound("no such meeting")
            template = self._template_row(row["template_id"])
            meeting = self._meeting(row)
            language = template["language"] if template else "nb"
            now = self._clock()

            def notify(occurrence: tuple[datetime, datetime]) -> None:
                _outbox.send(db, meeting, meeting["invitations"], language, _iso(now),
                             Cancelled(occurrence=occurrence), self._contact)

            occurrences.cancel(db, meeting, when, language=language, now=now, notify=notify)

    async def update_meeting(self, meeting_id: str, changes: dict[str, Any], organizer_id: str, *,
                             idempotency_key: str) -> dict[str, Any]:
        """``PATCH /meetings/{id}`` (:mod:`core.portal.changes`), once per idempotency key."""
        from . import changes as _changes

        return self._idempotent(f"patch:{meeting_id}:{organizer_id}", idempotency_key, changes,
                                lambda db, body: _changes.apply(self, db, meeting_id, organizer_id, body))

    async def outbox(self, meeting_id: str | None = None) -> list[dict[str, Any]]:
        """Embedded portal only: every message sent, one per recipient."""
        sql = 'SELECT meeting_id, channel, "to", language, subject, body FROM outbox'
        args: tuple[str, ...] = ()
        if meeting_id:
            sql += " WHERE meeting_id = ?"
            args = (meeting_id,)
        rows = self._db.execute(sql + " ORDER BY seq", args).fetchall()
        return [dict(row) for row in rows]

    async def user(self, user_id: str) -> dict[str, Any] | None:
        """Embedded portal only: the portal user created on an organizer's first request."""
        row = self._db.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
        return dict(row) if row else None

    def join_page(self, ref: str, *, by: str = "room") -> dict[str, Any] | None:
        """What the join page shows: the meeting (``by`` its room number, or its id for links
        made before rooms) and whether its join window is open now."""
        column = "room_number" if by == "room" else "id"
        row = self._db.execute(f"SELECT * FROM meetings WHERE {column} = ?", (ref,)).fetchone()
        if row is None:
            return None
        meeting = self._meeting(row)
        now = self._clock()
        state = "open"
        next_opens = None
        if meeting["status"] != "active":
            state = "cancelled"
        elif meeting["kind"] == "quick":
            if now > datetime.fromisoformat(meeting["valid_until"]):
                state = "expired"
        else:
            state = "ended"
            for occ in meeting["occurrences"]:
                opens = datetime.fromisoformat(occ["start"]) - JOIN_MARGIN
                closes = datetime.fromisoformat(occ["end"]) + JOIN_MARGIN
                if opens <= now <= closes:
                    state = "open"
                    break
                if now < opens:
                    state, next_opens = "not_yet", opens
                    break
        return {"meeting": meeting, "state": state, "next_opens": _iso(next_opens) if next_opens else None}

    # -- internals ---------------------------------------------------------------------------
    def _idempotent(self, endpoint: str, key: str, body: dict[str, Any],
                    insert: Callable[[sqlite3.Connection, dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
        if not isinstance(key, str) or not (8 <= len(key) <= 200):
            raise PortalRejected("Idempotency-Key header is required (8-200 characters)",
                                 code="idempotency_key_required")
        digest = body_hash(body)
        with self._write() as db:
            row = db.execute("SELECT body_hash, response FROM idempotency WHERE endpoint = ? AND key = ?",
                             (endpoint, key)).fetchone()
            if row is not None:
                if row["body_hash"] != digest:
                    raise Conflict("Idempotency-Key was used with another body")
                first: dict[str, Any] = json.loads(row["response"])
                return first
            answer = insert(db, body)
            db.execute("INSERT INTO idempotency VALUES (?,?,?,?,?)",
                       (key, endpoint, digest, json.dumps(answer), _iso(self._clock())))
            return answer

    def _ensure_user(self, db: sqlite3.Connection, organizer: Any) -> str:
        if not isinstance(organizer, dict):
            raise PortalRejected("organizer must be an object with id, name and email", code="invalid_organizer")
        organizer_id = organizer.get("id")
        if not isinstance(organizer_id, str) or not organizer_id.strip() or len(organizer_id) > 200:
            raise PortalRejected("organizer.id is required", code="invalid_organizer")
        name, email = organizer.get("name"), organizer.get("email")
        if name is not None and not isinstance(name, str) or email is not None and not isinstance(email, str):
            raise PortalRejected("organizer.name and organizer.email must be text", code="invalid_organizer")
        db.execute("INSERT OR IGNORE INTO users VALUES (?,?,?,?)",
                   (organizer_id, name, email, _iso(self._clock())))
        return organizer_id

    def _new_id(self) -> str:
        return secrets.token_urlsafe(12)

    def _room(self, db: sqlite3.Connection, guest_pin: bool) -> dict[str, Any]:
        """A new room: a room number no meeting has, its join link, PINs and SIP address."""
        for _ in range(ROOM_ATTEMPTS):
            number = rooms.new_room_number(self._randbelow)
            if db.execute("SELECT 1 FROM meetings WHERE room_number = ?", (number,)).fetchone() is None:
                break
        else:
            raise RuntimeError("no free room number found")
        link = rooms.join_url(self._base_url, number)
        host, guest = rooms.new_pins(link, guest=guest_pin, randbelow=self._randbelow)
        return {"join_url": link, "room_number": number, "guest_pin": guest, "host_pin": host,
                "sip_address": rooms.sip_address(number, self._sip_domain)}

    def _insert_quick(self, db: sqlite3.Connection, body: dict[str, Any]) -> dict[str, Any]:
        organizer_id = self._ensure_user(db, body.get("organizer"))
        template = db.execute("SELECT * FROM templates WHERE kind = 'quick' ORDER BY position").fetchone()
        now = self._clock()
        meeting_id = self._new_id()
        room = self._room(db, bool(template["guest_pin"]))
        answer = {
            "id": meeting_id, "kind": "quick", "template_id": template["id"],
            "join_url": room["join_url"], "valid_until": _iso(now + QUICK_VALIDITY),
            "created_at": _iso(now), **_room_fields(room),
        }
        db.execute(
            "INSERT INTO meetings (id, kind, organizer_id, template_id, subject, time_zone, start, \"end\", "
            "recurrence, occurrences, invitations, join_url, join_opens_at, valid_until, status, created_at, "
            "sort_key, last_end, room_number, guest_pin, host_pin, sip_address) "
            "VALUES (?,?,?,?,NULL,NULL,NULL,NULL,NULL,?,?,?,NULL,?,'active',?,?,?,?,?,?,?)",
            (meeting_id, "quick", organizer_id, template["id"], "[]",
             json.dumps({"emails": [], "sms": []}), answer["join_url"], answer["valid_until"],
             answer["created_at"], _utc(now), _utc(now + QUICK_VALIDITY), *_room_values(room)),
        )
        return answer

    def check_scheduled(self, body: dict[str, Any]) -> dict[str, Any]:
        """A scheduled meeting's fields checked by the contract's rules (create and change alike):
        the template row, subject, time zone, start, end, recurrence, sorted occurrences and the
        invitation lists without repeats; raises :class:`PortalRejected` with the rule's code."""
        template = self._template_row(body.get("template_id"))
        if template is None or template["kind"] != "scheduled":
            raise PortalRejected("template_id is not a scheduled template", code="invalid_template")
        subject = body.get("subject")
        if not isinstance(subject, str) or not subject.strip():
            raise PortalRejected("subject is required", code="invalid_subject")
        if len(subject) > SUBJECT_MAX:
            raise PortalRejected(f"subject is longer than {SUBJECT_MAX} characters", code="invalid_subject")
        time_zone = body.get("time_zone")
        try:
            ZoneInfo(time_zone) if isinstance(time_zone, str) else None
        except (ZoneInfoNotFoundError, ValueError):
            time_zone = None
        if not isinstance(time_zone, str) or time_zone is None:
            raise PortalRejected("time_zone must be an IANA time zone", code="invalid_time_zone")
        start = _parse_instant(body.get("start"), "start")
        end = _parse_instant(body.get("end"), "end")
        if end <= start:
            raise PortalRejected("end must be after start", code="invalid_end")
        recurrence = body.get("recurrence")
        if recurrence is not None:
            if not isinstance(recurrence, dict) or recurrence.get("frequency") not in SERIES_FREQUENCIES:
                raise PortalRejected("recurrence.frequency must be one of " + ", ".join(SERIES_FREQUENCIES),
                                     code="invalid_recurrence")
            interval = recurrence.get("interval", 1)
            if not isinstance(interval, int) or isinstance(interval, bool) or not 1 <= interval <= 12:
                raise PortalRejected("recurrence.interval must be 1-12", code="invalid_recurrence")
            try:
                until = date.fromisoformat(recurrence["until"])
            except (KeyError, TypeError, ValueError):
                raise PortalRejected("recurrence.until must be a date (YYYY-MM-DD)",
                                     code="invalid_recurrence") from None
            if until < start.date():
                raise PortalRejected("recurrence.until is before the start", code="invalid_recurrence")
        occurrences = body.get("occurrences")
        if occurrences is None:
            occurrences = [{"start": body["start"], "end": body["end"]}]
        if not isinstance(occurrences, list) or not occurrences:
            raise PortalRejected("occurrences must be a non-empty list", code="invalid_occurrences")
        if len(occurrences) > MAX_OCCURRENCES:
            raise PortalRejected(f"at most {MAX_OCCURRENCES} occurrences", code="invalid_occurrences")
        if recurrence is None and len(occurrences) != 1:
            raise PortalRejected("a meeting without recurrence has exactly one occurrence", code="invalid_occurrences")
        parsed_occurrences = []
        for occ in occurrences:
            if not isinstance(occ, dict):
                raise PortalRejected("each occurrence needs start and end", code="invalid_occurrences")
            occ_start = _parse_instant(occ.get("start"), "start")
            occ_end = _parse_instant(occ.get("end"), "end")
            if occ_end <= occ_start:
                raise PortalRejected("an occurrence ends before it starts", code="invalid_occurrences")
            parsed_occurrences.append((occ_start, occ_end))
        parsed_occurrences.sort()
        if parsed_occurrences[0][0] != start:
            raise PortalRejected("the first occurrence must be the meeting's start", code="invalid_occurrences")
        invitations = body.get("invitations") or {"emails": [], "sms": []}
        if not isinstance(invitations, dict):
            raise PortalRejected("invitations must be an object", code="invalid_invitations")
        emails = invitations.get("emails") or []
        sms = invitations.get("sms") or []
        for label, values in (("emails", emails), ("sms", sms)):
            if not isinstance(values, list) or not all(isinstance(v, str) and 0 < len(v) <= 254 for v in values):
                raise PortalRejected(f"invitations.{label} must be a list of text", code="invalid_invitations")
            if len(values) > MAX_INVITEES_PER_LIST:
                raise PortalRejected(f"at most {MAX_INVITEES_PER_LIST} {label}", code="too_many_invitees")
        for value in emails:
            if value.count("@") != 1 or value.startswith("@") or value.endswith("@") or " " in value:
                raise PortalRejected("an e-mail address is not valid", code="invalid_email")
        for value in sms:
            if not (value.startswith("+") and value[1:].isdigit() and 8 <= len(value) <= 16):
                raise PortalRejected("SMS numbers must be in E.164 form with country code", code="invalid_sms")
        if len(set(emails)) + len(set(sms)) > template["max_participants"]:
            raise PortalRejected(f"the template allows {template['max_participants']} participants",
                                 code="too_many_invitees")

        invitations = {"emails": list(dict.fromkeys(emails)), "sms": list(dict.fromkeys(sms))}
        return {"template": template, "subject": subject, "time_zone": time_zone, "start": start, "end": end,
                "recurrence": recurrence, "occurrences": parsed_occurrences, "invitations": invitations}

    def _insert_scheduled(self, db: sqlite3.Connection, body: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise PortalRejected("body must be a JSON object", code="invalid_body")
        organizer_id = self._ensure_user(db, body.get("organizer"))
        checked = self.check_scheduled(body)
        template, subject, time_zone = checked["template"], checked["subject"], checked["time_zone"]
        start, end, recurrence = checked["start"], checked["end"], checked["recurrence"]
        parsed_occurrences, invitations = checked["occurrences"], checked["invitations"]
        meeting_id = self._new_id()
        room = self._room(db, bool(template["guest_pin"]))
        join_url = room["join_url"]
        occ_json = [{"start": _iso(s), "end": _iso(e)} for s, e in parsed_occurrences]
        join_opens_at = _iso(parsed_occurrences[0][0] - JOIN_MARGIN)
        now = self._clock()
        db.execute(
            "INSERT INTO meetings (id, kind, organizer_id, template_id, subject, time_zone, start, \"end\", "
            "recurrence, occurrences, invitations, join_url, join_opens_at, valid_until, status, created_at, "
            "sort_key, last_end, room_number, guest_pin, host_pin, sip_address) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,'active',?,?,?,?,?,?,?)",
            (meeting_id, "scheduled", organizer_id, template["id"], subject, time_zone,
             _iso(start), _iso(end), json.dumps(recurrence) if recurrence is not None else None,
             json.dumps(occ_json), json.dumps(invitations), join_url, join_opens_at, _iso(now),
             _utc(start), _utc(parsed_occurrences[-1][1]), *_room_values(room)),
        )
        meeting = {"id": meeting_id, "subject": subject, "time_zone": time_zone, "occurrences": occ_json,
                   "recurrence": recurrence, **room}
        _outbox.send(db, meeting, invitations, template["language"], _iso(now), contact=self._contact)
        return {
            "id": meeting_id, "kind": "scheduled", "join_url": join_url, "join_opens_at": join_opens_at,
            "occurrences": occ_json,
            "invitations": {"emails": len(invitations["emails"]), "sms": len(invitations["sms"])},
            **_room_fields(room),
        }

    def _template_row(self, template_id: Any) -> sqlite3.Row | None:
        if not isinstance(template_id, str):
            return None
        row: sqlite3.Row | None = self._db.execute("SELECT * FROM templates WHERE id = ?", (template_id,)).fetchone()
        return row

    @staticmethod
    def _template(row: sqlite3.Row) -> dict[str, Any]:
        return {"id": row["id"], "name": row["name"], "kind": row["kind"],
                "max_participants": row["max_participants"], "quality": row["quality"],
                "chat": bool(row["chat"]), "language": row["language"]}

    @staticmethod
    def _meeting(row: sqlite3.Row) -> dict[str, Any]:
        return {
            "id": row["id"], "kind": row["kind"], "organizer_id": row["organizer_id"],
            "template_id": row["template_id"], "subject": row["subject"], "time_zone": row["time_zone"],
            "start": row["start"], "end": row["end"],
            "recurrence": json.loads(row["recurrence"]) if row["recurrence"] else None,
            "occurrences": json.loads(row["occurrences"]) if row["occurrences"] else [],
            "invitations": json.loads(row["invitations"]) if row["invitations"] else {"emails": [], "sms": []},
            "join_url": row["join_url"], "join_opens_at": row["join_opens_at"],
            "valid_until": row["valid_until"], "status": row["status"], "created_at": row["created_at"],
            "room_number": row["room_number"], "guest_pin": row["guest_pin"], "host_pin": row["host_pin"],
            "sip_address": row["sip_address"],
            "cancelled_occurrences": json.loads(row["cancelled_occurrences"] or "[]"),
            "revision": row["revision"],
        }


def _room_fields(room: dict[str, Any]) -> dict[str, Any]:
    """Contract v1.1's fields of a room, for answers."""
    return {name: room[name] for name in ("room_number", "guest_pin", "host_pin", "sip_address")}


def _room_values(room: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(_room_fields(room).values())
