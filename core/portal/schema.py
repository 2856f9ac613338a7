"""The embedded portal's SQLite schema and its migrations (``PRAGMA user_version``).

Version 1 is the portal contract v1; version 2 adds v1.1's rooms: ``room_number`` (unique),
``guest_pin``, ``host_pin`` and ``sip_address`` on meetings, a ``guest_pin`` flag on templates and
the e-mail ``subject`` in the outbox. A new database and an old one take the same path: the v1
tables, then every migration it has not had, each in one ``BEGIN IMMEDIATE`` transaction (several
processes may open one file at once). Rooms of meetings made before version 2 are filled in by
the portal when it opens (it knows the join link's base and the SIP domain).
"""
from __future__ import annotations

import sqlite3

V1 = """
CREATE TABLE IF NOT EXISTS templates (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, max_participants INTEGER NOT NULL,
    quality TEXT NOT NULL, chat INTEGER NOT NULL, language TEXT NOT NULL, position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY, name TEXT, email TEXT, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meetings (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, organizer_id TEXT NOT NULL, template_id TEXT NOT NULL,
    subject TEXT, time_zone TEXT, start TEXT, "end" TEXT, recurrence TEXT, occurrences TEXT,
    invitations TEXT, join_url TEXT NOT NULL, join_opens_at TEXT, valid_until TEXT,
    status TEXT NOT NULL, created_at TEXT NOT NULL,
    sort_key TEXT NOT NULL,  -- UTC start (quick: creation), for "upcoming first"
    last_end TEXT NOT NULL   -- UTC end of the last occurrence (quick: valid_until)
);
CREATE INDEX IF NOT EXISTS meetings_by_organizer ON meetings (organizer_id, sort_key);
CREATE TABLE IF NOT EXISTS idempotency (
    key TEXT NOT NULL, endpoint TEXT NOT NULL, body_hash TEXT NOT NULL, response TEXT NOT NULL,
    created_at TEXT NOT NULL, PRIMARY KEY (endpoint, key)
);
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, meeting_id TEXT NOT NULL, channel TEXT NOT NULL,
    "to" TEXT NOT NULL, language TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL
);
"""

#: (version, columns to add as (table, column, declaration), statements after them)
MIGRATIONS: tuple[tuple[int, tuple[tuple[str, str, str], ...], tuple[str, ...]], ...] = (
    (2, (("meetings", "room_number", "TEXT"), ("meetings", "guest_pin", "TEXT"),
         ("meetings", "host_pin", "TEXT"), ("meetings", "sip_address", "TEXT"),
         ("templates", "guest_pin", "INTEGER NOT NULL DEFAULT 0"), ("outbox", "subject", "TEXT")),
     ("CREATE UNIQUE INDEX IF NOT EXISTS meetings_by_room ON meetings (room_number)",)),
    # 3: a meeting's revision, raised by every change (PATCH): the calendar file's SEQUENCE
    (3, (("meetings", "revision", "INTEGER NOT NULL DEFAULT 0"),), ()),
)
VERSION = MIGRATIONS[-1][0]


def migrate(db: sqlite3.Connection) -> int:
    """Bring ``db`` (autocommit mode) to :data:`VERSION`; returns the version it had."""
    db.executescript(V1)
    db.execute("BEGIN IMMEDIATE")
    try:
        found = int(db.execute("PRAGMA user_version").fetchone()[0])
        for version, columns, statements in MIGRATIONS:
            if found >= version:
                continue
            for table, column, declaration in columns:
                existing = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
                if column not in existing:
                    db.execute(f'ALTER TABLE {table} ADD COLUMN "{column}" {declaration}')
            for statement in statements:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {version}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return found
