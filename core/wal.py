"""SQLite WAL checkpoints in a background thread, so no commit on the event loop pays for one.

In WAL mode a commit only appends to the ``-wal`` file (with ``synchronous=NORMAL``, no fsync).
SQLite's default auto-checkpoint then copies the WAL back into the database file, with fsyncs,
inside the commit that crossed 1000 pages: on the event loop that was measured as an occasional
15-25 ms stall of every conversation. A connection set up with :func:`no_auto_checkpoint` never
does that; a :class:`WalCheckpointer` (its own connection, its own thread; sqlite3 releases the
GIL while SQLite works) runs ``PRAGMA wal_checkpoint(PASSIVE)`` after writes instead, at most once
per ``interval``. PASSIVE never waits for, or blocks, readers and writers of other connections;
the WAL is rewound by the next writer once it has been copied back, so it stays small.

Closing the last connection of a database still checkpoints it and removes the WAL (SQLite does
that whatever the auto-checkpoint setting)."""
from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)


def no_auto_checkpoint(db: sqlite3.Connection) -> None:
    """Switch off the checkpoint that a commit on ``db`` would otherwise run itself."""
    db.execute("PRAGMA wal_autocheckpoint=0")


class WalCheckpointer:
    """Checkpoints the WAL of the database at ``path`` in a daemon thread, after :meth:`wrote`.

    :meth:`wrote` is cheap (an attribute read, and an ``Event.set`` when the thread waits), so it
    can follow every commit. :meth:`close` stops the thread (it finishes a running checkpoint)."""

    def __init__(self, path: str | Path, interval: float = 1.0, name: str = "sqlite-wal-checkpoint"):
        self.path = str(path)
        self.interval = interval
        self.checkpoints = 0  # completed checkpoints (for tests and the benchmark)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def wrote(self) -> None:
        if not self._wake.is_set():
            self._wake.set()

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join()

    def _run(self) -> None:
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=True, timeout=5)
        try:
            while True:
                self._wake.wait()
                if self._stop.is_set():
                    return
                self._wake.clear()
                try:
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.checkpoints += 1
                except sqlite3.Error as exc:  # busy or I/O: the next write asks again
                    log.warning("WAL checkpoint failed: %s", type(exc).__name__)
                if self._stop.wait(self.interval):
                    return
        finally:
            db.close()
