"""Reminders on SQLite (``DATA_DIR/reminders.sqlite3``), shared by every process on that folder.

One row per (meeting, occurrence): ``pending`` → ``sending`` → ``sent`` or ``dropped`` (or
``off``/``cancelled``). Claiming is one ``UPDATE ... WHERE status = 'pending'`` per row: SQLite
serialises writers, so of two replicas that try at once exactly one changes the row and sends.
The database calls run in a worker thread (a writer of another process may hold the lock for a
moment; the event loop never waits for it).

    >>> import asyncio, tempfile, pathlib
    >>> from datetime import datetime, timezone
    >>> from core.reminders.schedule import Reminder
    >>> async def demo():
    ...     store = SqliteReminderStore(pathlib.Path(tempfile.mkdtemp()) / "r.sqlite3")
    ...     due = datetime(2026, 12, 1, 11, 40, tzinfo=timezone.utc)
    ...     await store.add([Reminder("m1", "2026-12-01T13:00:00+01:00", due, "org")])
    ...     first = await store.claim_due(due)
    ...     second = await store.claim_due(due)
    ...     await store.close()
    ...     return len(first), len(second)
    >>> asyncio.run(demo())
    (1, 0)
"""
from __future__ import annotations

import asyncio
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .schedule import Reminder

SCHEMA = """
CREATE TABLE IF NOT EXISTS reminders (
    key TEXT PRIMARY KEY, meeting_id TEXT NOT NULL, occurrence TEXT NOT NULL,
    due_at TEXT NOT NULL, organizer_id TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending',
    changed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reminders_due ON reminders (status, due_at);
CREATE INDEX IF NOT EXISTS reminders_meeting ON reminders (meeting_id);
CREATE TABLE IF NOT EXISTS conversation_references (
    organizer_id TEXT PRIMARY KEY, reference TEXT NOT NULL, changed_at TEXT NOT NULL
);
"""
BUSY_TIMEOUT_MS = 10_000


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _now() -> str:
    return _iso(datetime.now(timezone.utc))


class SqliteReminderStore:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        # One worker thread runs every statement and the close, in order: a caller cancelled while
        # its statement runs can never let close() free the connection under it.
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reminders")
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.executescript(SCHEMA)

    async def _run(self, sql: str, args: Any = (), many: bool = False) -> list[tuple[Any, ...]]:
        def call() -> list[tuple[Any, ...]]:
            cursor = self._db.executemany(sql, args) if many else self._db.execute(sql, args)
            return cursor.fetchall()

        return await asyncio.get_running_loop().run_in_executor(self._worker, call)

    async def add(self, reminders: list[Reminder]) -> None:
        if reminders:
            await self._run("INSERT OR IGNORE INTO reminders (key, meeting_id, occurrence, due_at, organizer_id, "
                            "changed_at) VALUES (?, ?, ?, ?, ?, ?)",
                            [(r.key, r.meeting_id, r.occurrence, _iso(r.due_at), r.organizer_id, _now())
                             for r in reminders], many=True)

    async def claim_due(self, now: datetime, limit: int = 50) -> list[Reminder]:
        rows = await self._run("SELECT key, meeting_id, occurrence, due_at, organizer_id FROM reminders "
                               "WHERE status = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ?", (_iso(now), limit))
        claimed = []
        for key, meeting_id, occurrence, due_at, organizer_id in rows:
            won = await self._run("UPDATE reminders SET status = 'sending', changed_at = ? "
                                  "WHERE key = ? AND status = 'pending' RETURNING key", (_now(), key))
            if won:
                due = datetime.strptime(due_at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
                claimed.append(Reminder(meeting_id, occurrence, due, organizer_id))
        return claimed

    async def done(self, reminder: Reminder, outcome: str) -> None:
        await self._run("UPDATE reminders SET status = ?, changed_at = ? WHERE key = ?",
                        (outcome, _now(), reminder.key))

    async def release(self, reminder: Reminder) -> None:
        await self._run("UPDATE reminders SET status = 'pending', changed_at = ? WHERE key = ? AND status = 'sending'",
                        (_now(), reminder.key))

    async def cancel(self, meeting_id: str, occurrence: str | None = None, outcome: str = "cancelled") -> None:
        if occurrence is None:
            await self._run("UPDATE reminders SET status = ?, changed_at = ? WHERE meeting_id = ? "
                            "AND status = 'pending'", (outcome, _now(), meeting_id))
            return
        key = Reminder(meeting_id, occurrence, datetime.now(timezone.utc), "").key
        await self._run("UPDATE reminders SET status = ?, changed_at = ? WHERE key = ? AND status = 'pending'",
                        (outcome, _now(), key))

    async def turn_off(self, meeting_id: str) -> None:
        await self.cancel(meeting_id, outcome="off")

    async def status(self, meeting_id: str) -> dict[str, str]:
        """Occurrence (ISO) -> status, for tests and operators."""
        rows = await self._run("SELECT occurrence, status FROM reminders WHERE meeting_id = ?", (meeting_id,))
        return {occurrence: status for occurrence, status in rows}

    async def save_reference(self, organizer_id: str, reference: str) -> None:
        await self._run("INSERT INTO conversation_references (organizer_id, reference, changed_at) VALUES (?, ?, ?) "
                        "ON CONFLICT (organizer_id) DO UPDATE SET reference = excluded.reference, "
                        "changed_at = excluded.changed_at", (organizer_id, reference, _now()))

    async def reference(self, organizer_id: str) -> str | None:
        rows = await self._run("SELECT reference FROM conversation_references WHERE organizer_id = ?", (organizer_id,))
        return rows[0][0] if rows else None

    async def close(self) -> None:
        await asyncio.get_running_loop().run_in_executor(self._worker, self._db.close)
        self._worker.shutdown(wait=False)
