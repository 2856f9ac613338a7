"""A durable Bot Framework ``Storage`` on SQLite, with eTag concurrency.

Bot state (dialog stacks, user preferences) survives a restart: a new process over the same
``DATA_DIR`` continues a dialog at the step it was at. Items are serialised the way the SDK's own
Azure storages do it (``jsonpickle``), so dialog state objects round-trip.

eTags follow the SDK's contract (as ``MemoryStorage``): an item written with an ``e_tag`` other than
``"*"`` that differs from the stored one raises :class:`StorageConflict` (a ``KeyError``, like the
SDK's stores) and changes nothing. Every write gets a fresh eTag, stored with the item and put back
into the written dict so a second save in the same turn does not conflict with itself.

Several processes may share one ``DATA_DIR`` (replicas on one host or volume): SQLite serialises
their writes, the eTags refuse stale ones, and :meth:`SqliteStorage.turn_lock` (a lease row per
conversation and user) makes two turns of one conversation run one after the other across them.

The event loop never waits for another process. SQLite's own busy handler sleeps in the calling
thread, and as the event loop's one thread serves every conversation, a write lock held by
another process (its commit, or a checkpoint it runs) would stall them all - for up to 30 s with
the former ``busy_timeout=30000``. Here, once the schema is set up, the busy timeout is 0: a
statement that finds the database locked fails at once with ``SQLITE_BUSY`` and is tried again
after an ``asyncio.sleep`` with backoff (0.5 ms doubling to 20 ms), until :data:`BUSY_WAIT` has
passed; then the error surfaces as before. Uncontended, a read or write is one direct call, with
no thread hop. Reads rarely meet a lock in WAL mode (only during another connection's recovery),
but are handled the same way. The WAL is checkpointed in a background thread (:mod:`core.wal`),
not by the commit that happens to cross SQLite's auto-checkpoint threshold on the event loop.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import secrets
import socket
import sqlite3
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Callable, Dict, List, TypeVar

from botbuilder.core import Storage, StoreItem
from jsonpickle import Pickler  # noqa: F401 (bot.sdk.state writes with it)

from core.wal import WalCheckpointer, no_auto_checkpoint

from . import state as state_codec

log = logging.getLogger(__name__)

LEASE_SECONDS = 15.0   # renewed every LEASE_SECONDS / 3 while a turn runs
LEASE_WAIT = 20.0      # longer than a lease: an abandoned one is always taken over first
BUSY_WAIT = 30.0       # how long a statement waits for another connection's lock before it fails
OPEN_TIMEOUT = 30.0    # busy timeout while the process starts (schema set-up), before it serves
_HOST = socket.gethostname()
# Who holds a lease: host, pid and a token for this run of the process (a restarted container
# reuses its pid). A constant of the process, not a resource.
LEASE_OWNER = f"{_HOST}\x1f{os.getpid()}\x1f{secrets.token_hex(4)}\x1f"
_SQLITE_BUSY = 5

T = TypeVar("T")


class StorageConflict(KeyError):
    """The item changed since it was read (another turn or replica wrote it first)."""


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    """SQLITE_BUSY (any extended code): another connection holds the lock this statement needs."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF == _SQLITE_BUSY
    return "locked" in str(exc) or "busy" in str(exc)  # pragma: no cover - Python < 3.11


class SqliteStorage(Storage):
    def __init__(self, path: str | Path, checkpoint_interval: float = 1.0):
        super().__init__()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False,
                                   timeout=OPEN_TIMEOUT)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS bot_state (key TEXT PRIMARY KEY, etag TEXT NOT NULL, "
            "data TEXT NOT NULL, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
        )
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS turn_leases (key TEXT PRIMARY KEY, owner TEXT NOT NULL, "
            "expires REAL NOT NULL)"
        )
        # From here on the event loop never sleeps in SQLite's busy handler (module docstring).
        self._db.execute("PRAGMA busy_timeout=0")
        no_auto_checkpoint(self._db)
        self._checkpointer = WalCheckpointer(path, interval=checkpoint_interval, name="bot-state-checkpoint")
        # Counters for tests and operations: lease INSERTs tried, statements that found the
        # database locked by another connection and waited on the event loop.
        self.lease_attempts = 0
        self.busy_waits = 0

    def close(self) -> None:
        self._checkpointer.close()
        self._db.close()

    def ping(self) -> bool:
        self._db.execute("SELECT 1").fetchone()
        return True

    def size_of(self, key: str) -> int:
        """Bytes stored for one key (for the benchmark's state-size figure)."""
        row = self._db.execute("SELECT length(data) FROM bot_state WHERE key = ?", (key,)).fetchone()
        return int(row[0]) if row else 0

    async def _when_free(self, action: Callable[..., T], *args: Any) -> T:
        """Run ``action`` again until the lock it found taken (``SQLITE_BUSY``) is free, sleeping
        on the event loop in between; after ``BUSY_WAIT`` seconds the error surfaces. Called only
        after a first attempt failed, so an uncontended statement costs nothing extra."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + BUSY_WAIT
        delay = 0.0005
        while True:
            self.busy_waits += 1
            await asyncio.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 0.02)
            try:
                return action(*args)
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or loop.time() > deadline:
                    raise

    async def read(self, keys: List[str]) -> Dict[str, Any]:
        if not keys:
            return {}
        try:
            rows = self._select(keys)
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                raise
            rows = await self._when_free(self._select, keys)
        items: Dict[str, Any] = {}
        for key, etag, data in rows:
            try:
                value = state_codec.loads(data)  # jsonpickle's format, plain data only (bot/sdk/state.py)
            except (state_codec.TaggedState, ValueError) as exc:
                log.warning("stored state refused (%s): the conversation starts afresh",
                            getattr(exc, "tag", type(exc).__name__))
                continue
            if isinstance(value, dict):
                value["e_tag"] = etag
            elif isinstance(value, StoreItem) or hasattr(value, "e_tag"):
                value.e_tag = etag
            items[key] = value
        return items

    def _select(self, keys: List[str]) -> list:
        marks = ",".join("?" for _ in keys)
        return self._db.execute(f"SELECT key, etag, data FROM bot_state WHERE key IN ({marks})",
                                list(keys)).fetchall()

    async def write(self, changes: Dict[str, Any]) -> None:
        if changes is None:
            raise ValueError("changes are required when writing")
        if not changes:
            return
        try:
            new_etags = self._write_now(changes)
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                raise
            new_etags = await self._when_free(self._write_now, changes)
        for key, value in changes.items():
            if isinstance(value, dict):
                value["e_tag"] = new_etags[key]
            elif hasattr(value, "e_tag"):
                value.e_tag = new_etags[key]

    def _write_now(self, changes: Dict[str, Any]) -> Dict[str, str]:
        """One transaction: every change, or (a conflict, or the database busy) none."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")  # SQLITE_BUSY here: another connection writes; nothing began
        try:
            new_etags = {}
            for key, value in changes.items():
                expected = value.get("e_tag") if isinstance(value, dict) else getattr(value, "e_tag", None)
                if expected not in (None, "*"):
                    row = db.execute("SELECT etag FROM bot_state WHERE key = ?", (key,)).fetchone()
                    if row is not None and row[0] != expected:
                        raise StorageConflict(key)
                etag = secrets.token_hex(8)
                data = state_codec.flatten(value)  # = jsonpickle's Pickler().flatten (bot/sdk/state.py)
                if isinstance(data, dict):
                    data.pop("e_tag", None)
                db.execute(
                    "INSERT INTO bot_state (key, etag, data) VALUES (?,?,?) ON CONFLICT(key) DO UPDATE SET "
                    "etag = excluded.etag, data = excluded.data, updated_at = CURRENT_TIMESTAMP",
                    (key, etag, json.dumps(data, separators=(",", ":"), ensure_ascii=False)),
                )
                new_etags[key] = etag
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        self._checkpointer.wrote()
        return new_etags

    async def delete(self, keys: List[str]) -> None:
        if not keys:
            return
        marks = ",".join("?" for _ in keys)
        await self._execute(f"DELETE FROM bot_state WHERE key IN ({marks})", list(keys))

    async def _execute(self, sql: str, args: Any) -> sqlite3.Cursor:
        """One autocommitted write statement, waiting on the event loop while the database is busy."""
        try:
            cursor = self._db.execute(sql, args)
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                raise
            cursor = await self._when_free(self._db.execute, sql, args)
        self._checkpointer.wrote()
        return cursor

    @asynccontextmanager
    async def turn_lock(self, key: str, wait: float = LEASE_WAIT) -> AsyncIterator[bool]:
        """Hold the lease for ``key`` (a conversation and user) while a turn runs, across every
        process on this database; yields whether it was taken.

        A lease lasts ``LEASE_SECONDS`` and is renewed while the turn runs, so a process that dies
        holding one blocks its conversation for that long at most; a dead process on this host is
        noticed at once (its pid is gone, or it is an earlier run of this pid) and its lease taken
        over. After ``wait`` seconds the turn goes on without a lease, guarded by the eTags alone.
        A database locked by another connection counts as "not taken yet": the same backoff."""
        owner = f"{LEASE_OWNER}{secrets.token_hex(4)}"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        delay = 0.005
        taken = False
        while True:
            now = time.time()
            self.lease_attempts += 1
            try:
                cursor = self._db.execute(
                    "INSERT INTO turn_leases (key, owner, expires) VALUES (?,?,?) ON CONFLICT(key) DO UPDATE "
                    "SET owner = excluded.owner, expires = excluded.expires WHERE turn_leases.expires < ?",
                    (key, owner, now + LEASE_SECONDS, now),
                )
                if cursor.rowcount == 1:
                    taken = True
                    self._checkpointer.wrote()
                    break
                if self._take_over_from_dead_owner(key):
                    continue
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                self.busy_waits += 1
            if loop.time() > deadline:
                log.warning("turn lease not acquired in %.0f s; going on with eTag checks only", wait)
                break
            await asyncio.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 0.1)
        renewal = asyncio.create_task(self._renew(key, owner)) if taken else None
        try:
            yield taken
        finally:
            if renewal is not None:
                renewal.cancel()
                await self._execute("DELETE FROM turn_leases WHERE key = ? AND owner = ?", (key, owner))

    async def _renew(self, key: str, owner: str) -> None:
        while True:
            await asyncio.sleep(LEASE_SECONDS / 3)
            try:
                await self._execute("UPDATE turn_leases SET expires = ? WHERE key = ? AND owner = ?",
                                    (time.time() + LEASE_SECONDS, key, owner))
            except sqlite3.Error as exc:  # the eTags still guard the state if the lease runs out
                log.warning("turn lease not renewed: %s", type(exc).__name__)
                return

    def _take_over_from_dead_owner(self, key: str) -> bool:
        row = self._db.execute("SELECT owner FROM turn_leases WHERE key = ?", (key,)).fetchone()
        if row is None:
            return True  # released meanwhile: try again at once
        if not _owner_is_gone(row[0]):
            return False
        cursor = self._db.execute("DELETE FROM turn_leases WHERE key = ? AND owner = ?", (key, row[0]))
        if cursor.rowcount:
            self._checkpointer.wrote()
            log.info("turn lease of a process that is gone taken over")
        return True


def _owner_is_gone(owner: str) -> bool:
    """Whether the process that wrote a lease owner string (host, pid, run) has ended. Only
    processes on this host can be checked; others' leases run out instead."""
    host, sep, rest = owner.partition("\x1f")
    pid_text, _, run_rest = rest.partition("\x1f")
    if not sep or host != _HOST or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return not owner.startswith(LEASE_OWNER)  # this pid, an earlier run (a restarted container)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
