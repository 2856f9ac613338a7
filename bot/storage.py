"""A durable Bot Framework ``Storage`` on SQLite, with eTag concurrency.

Bot state (dialog stacks, user preferences) survives a restart: a new process over the same
``DATA_DIR`` continues a dialog at the step it was at. Items are serialised the way the SDK's own
Azure storages do it (``jsonpickle``), so dialog state objects round-trip.

eTags follow the SDK's contract (as ``MemoryStorage``): an item written with an ``e_tag`` other than
``"*"`` that differs from the stored one raises :class:`StorageConflict` (a ``KeyError``, like the
SDK's stores) and changes nothing. Every write gets a fresh eTag, stored with the item and put back
into the written dict so a second save in the same turn does not conflict with itself.
"""
from __future__ import annotations

import json
import secrets
import sqlite3
from pathlib import Path
from typing import Any, Dict, List

from botbuilder.core import Storage, StoreItem
from jsonpickle import Pickler, Unpickler


class StorageConflict(KeyError):
    """The item changed since it was read (another turn or replica wrote it first)."""


class SqliteStorage(Storage):
    def __init__(self, path: str | Path):
        super().__init__()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=30000")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS bot_state (key TEXT PRIMARY KEY, etag TEXT NOT NULL, "
            "data TEXT NOT NULL, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
        )

    def close(self) -> None:
        self._db.close()

    def ping(self) -> bool:
        self._db.execute("SELECT 1").fetchone()
        return True

    def size_of(self, key: str) -> int:
        """Bytes stored for one key (for the benchmark's state-size figure)."""
        row = self._db.execute("SELECT length(data) FROM bot_state WHERE key = ?", (key,)).fetchone()
        return int(row[0]) if row else 0

    async def read(self, keys: List[str]) -> Dict[str, Any]:
        if not keys:
            return {}
        marks = ",".join("?" for _ in keys)
        rows = self._db.execute(f"SELECT key, etag, data FROM bot_state WHERE key IN ({marks})", list(keys))
        items: Dict[str, Any] = {}
        for key, etag, data in rows:
            value = Unpickler().restore(json.loads(data))
            if isinstance(value, dict):
                value["e_tag"] = etag
            elif isinstance(value, StoreItem) or hasattr(value, "e_tag"):
                value.e_tag = etag
            items[key] = value
        return items

    async def write(self, changes: Dict[str, Any]) -> None:
        if changes is None:
            raise ValueError("changes are required when writing")
        if not changes:
            return
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            new_etags = {}
            for key, value in changes.items():
                expected = value.get("e_tag") if isinstance(value, dict) else getattr(value, "e_tag", None)
                if expected not in (None, "*"):
                    row = db.execute("SELECT etag FROM bot_state WHERE key = ?", (key,)).fetchone()
                    if row is not None and row[0] != expected:
                        raise StorageConflict(key)
                etag = secrets.token_hex(8)
                data = Pickler().flatten(value)
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
            db.execute("ROLLBACK")
            raise
        for key, value in changes.items():
            if isinstance(value, dict):
                value["e_tag"] = new_etags[key]
            elif hasattr(value, "e_tag"):
                value.e_tag = new_etags[key]

    async def delete(self, keys: List[str]) -> None:
        if not keys:
            return
        marks = ",".join("?" for _ in keys)
        self._db.execute(f"DELETE FROM bot_state WHERE key IN ({marks})", list(keys))
