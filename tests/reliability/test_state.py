"""Issue 9, durable state: the SQLite ``Storage`` keeps a dialog across restarts (a clean stop and
a killed process), and two turns of one conversation at the same moment, in one app or in two
apps sharing one ``DATA_DIR``, leave the dialog whole (eTag conflicts refused, then retried or
serialised)."""
from __future__ import annotations

import asyncio
import logging
import os
import socket
import subprocess
import sys
import time

import aiohttp
import pytest
from botbuilder.core import ConversationState, Storage, TurnContext
from botbuilder.core.adapters import TestAdapter
from botbuilder.schema import Activity, ChannelAccount, ConversationAccount

from bot.sdk.storage import SqliteStorage, StorageConflict
from bot.sdk.turns import TurnRunner
from tests.harness import Member, Reply, TeamsClient, wait_for

from .flow import SUBJECT, finish_from, last_step, stored_meetings, walk_to


# -- the Storage itself ----------------------------------------------------------------------------
async def test_a_stale_etag_is_refused_and_the_stored_item_kept(tmp_path):
    first, second = SqliteStorage(tmp_path / "s.sqlite3"), SqliteStorage(tmp_path / "s.sqlite3")
    try:
        await first.write({"k": {"step": 1}})
        mine, theirs = (await first.read(["k"]))["k"], (await second.read(["k"]))["k"]
        assert mine["e_tag"] == theirs["e_tag"]
        mine["step"] = 2
        await first.write({"k": mine})
        mine["step"] = 3
        await first.write({"k": mine})  # a second save in the same turn is not a conflict with itself
        theirs["step"] = 99
        with pytest.raises(StorageConflict):
            await second.write({"k": theirs})
        assert (await second.read(["k"]))["k"]["step"] == 3
        star = {"step": 4, "e_tag": "*"}
        await second.write({"k": star})  # "*" means: overwrite whatever is there
        assert (await first.read(["k"]))["k"]["step"] == 4
    finally:
        first.close()
        second.close()


async def test_a_conflict_changes_nothing_in_a_batch(tmp_path):
    storage = SqliteStorage(tmp_path / "s.sqlite3")
    try:
        await storage.write({"a": {"v": 1}, "b": {"v": 1}})
        items = await storage.read(["a", "b"])
        stale_b = dict(items["b"])
        items["b"]["v"] = 2
        await storage.write({"b": items["b"]})
        items["a"]["v"] = 5
        stale_b["v"] = 5
        with pytest.raises(StorageConflict):
            await storage.write({"a": items["a"], "b": stale_b})
        after = await storage.read(["a", "b"])
        assert (after["a"]["v"], after["b"]["v"]) == (1, 2)
    finally:
        storage.close()


async def test_the_turn_lease_makes_turns_wait_across_connections(tmp_path):
    one, two = SqliteStorage(tmp_path / "s.sqlite3"), SqliteStorage(tmp_path / "s.sqlite3")
    order: list[str] = []
    try:
        async with one.turn_lock("conv") as taken:
            assert taken
            waiting = asyncio.create_task(_hold(two, "conv", order))
            other = asyncio.create_task(_hold(two, "another conversation", order))
            await other  # a different key is not blocked
            assert order == ["another conversation"]
            # The waiter polls the lease row: it has been refused five times while the lease is held.
            tried = two.lease_attempts
            await wait_for(lambda: two.lease_attempts >= tried + 5 or waiting.done(), timeout=60)
            assert not waiting.done()
            order.append("first released")
        await waiting
        assert order == ["another conversation", "first released", "conv"]
    finally:
        one.close()
        two.close()


class LockHolder:
    """Another process holding the database's write lock (``BEGIN IMMEDIATE``) until released, as
    a replica does while it commits or checkpoints, only for as long as the test wants."""

    SCRIPT = ("import sqlite3, sys\n"
              "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
              "db.execute('BEGIN IMMEDIATE')\n"
              "print('locked', flush=True)\n"
              "sys.stdin.readline()\n"
              "db.execute('COMMIT')\n")

    def __init__(self, path):
        self.process = subprocess.Popen([sys.executable, "-c", self.SCRIPT, str(path)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "locked"

    async def release(self) -> None:
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        await asyncio.to_thread(self.process.wait)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


async def test_a_write_waits_for_another_process_without_stopping_the_event_loop(tmp_path):
    """Another process holds the write lock. The write waits for it on the event loop (so this
    test's own coroutine goes on running and sees it try again and again), then succeeds. It used
    to wait inside SQLite's busy handler, on the event loop's thread, for up to 30 s: every
    conversation of the process stood still."""
    path = tmp_path / "s.sqlite3"
    storage = SqliteStorage(path)
    holder = None
    try:
        await storage.write({"k": {"step": 1}})
        holder = LockHolder(path)
        assert (await storage.read(["k"]))["k"]["step"] == 1  # reads go on (WAL) while it writes
        writing = asyncio.create_task(storage.write({"k": {"step": 2, "e_tag": "*"}}))
        await asyncio.sleep(0)  # the write begins, finds the lock taken
        await wait_for(lambda: writing.done() or storage.busy_waits >= 5, timeout=60)
        assert not writing.done()
        await holder.release()
        await writing
        assert (await storage.read(["k"]))["k"]["step"] == 2
    finally:
        if holder is not None:
            holder.close()
        storage.close()


async def test_a_turn_lease_waits_for_another_process_without_stopping_the_event_loop(tmp_path):
    path = tmp_path / "s.sqlite3"
    storage = SqliteStorage(path)
    holder = LockHolder(path)
    order: list[str] = []
    try:
        taking = asyncio.create_task(_hold(storage, "conv", order))
        await asyncio.sleep(0)  # the lease INSERT finds the database locked
        await wait_for(lambda: taking.done() or storage.lease_attempts >= 3, timeout=60)
        assert not taking.done() and storage.busy_waits >= 3
        order.append("lock released")
        await holder.release()
        await taking
        assert order == ["lock released", "conv"]
        assert storage._db.execute("SELECT count(*) FROM turn_leases").fetchone()[0] == 0
    finally:
        holder.close()
        storage.close()


async def test_the_wal_is_checkpointed_in_the_background_not_by_a_commit(tmp_path):
    """No commit on the event loop checkpoints (SQLite's auto-checkpoint is off: it stalled the
    loop 15-25 ms now and then); a background thread copies the WAL into the database file."""
    path = tmp_path / "s.sqlite3"
    storage = SqliteStorage(path)
    try:
        assert storage._db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        before = path.stat().st_size
        await storage.write({f"k{n}": {"text": "x" * 2000} for n in range(100)})  # 200 KB, 50 pages
        await wait_for(lambda: path.stat().st_size > before + 200_000, timeout=60)
        assert storage._checkpointer.checkpoints >= 1
    finally:
        storage.close()


def _dead_pid() -> int:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True)
    return int(finished.stdout)


@pytest.mark.parametrize("owner", ["dead pid", "earlier run of this pid"])
async def test_the_lease_of_a_process_that_is_gone_is_taken_over_at_once(tmp_path, caplog, owner):
    """A killed process's lease does not block its conversation: on this host its pid is gone (or
    this pid now belongs to a new run, as in a restarted container)."""
    pid = _dead_pid() if owner == "dead pid" else os.getpid()
    storage = SqliteStorage(tmp_path / "s.sqlite3")
    try:
        storage._db.execute("INSERT INTO turn_leases VALUES (?, ?, ?)",
                            ("conv", f"{socket.gethostname()}\x1f{pid}\x1fold-run\x1fx", time.time() + 3600))
        with caplog.at_level(logging.INFO, logger="bot.sdk.storage"):
            async with storage.turn_lock("conv", wait=60) as taken:
                assert taken
        assert "turn lease of a process that is gone taken over" in caplog.text
    finally:
        storage.close()


async def test_a_live_owner_keeps_its_lease(tmp_path, caplog):
    one, two = SqliteStorage(tmp_path / "s.sqlite3"), SqliteStorage(tmp_path / "s.sqlite3")
    try:
        async with one.turn_lock("conv") as taken:
            assert taken
            with caplog.at_level(logging.INFO, logger="bot.sdk.storage"):
                async with two.turn_lock("conv", wait=0.05) as second:
                    assert not second  # went on without it (eTags only), did not steal
            assert "eTag checks only" in caplog.text and "taken over" not in caplog.text
    finally:
        one.close()
        two.close()


async def _hold(storage: SqliteStorage, key: str, order: list[str]) -> None:
    async with storage.turn_lock(key) as taken:
        assert taken
        order.append(key)


async def test_an_expired_lease_is_taken_over(tmp_path):
    """A process that died holding a lease blocks its conversation for LEASE_SECONDS at most."""
    storage = SqliteStorage(tmp_path / "s.sqlite3")
    try:
        storage._db.execute("INSERT INTO turn_leases VALUES ('conv', 'dead process', 0)")
        async with storage.turn_lock("conv", wait=5) as taken:
            assert taken
        assert storage._db.execute("SELECT count(*) FROM turn_leases").fetchone()[0] == 0
    finally:
        storage.close()


# -- eTag conflicts in the turn runner: retried on fresh state ------------------------------------------
class MeetingPoint:
    """Lets ``parties`` readers through together: each waits until all have read (a real overlap,
    no timing)."""

    def __init__(self, parties: int):
        self.parties, self.arrived, self.event = parties, 0, asyncio.Event()

    async def arrive(self) -> None:
        if self.event.is_set():
            return
        self.arrived += 1
        if self.arrived >= self.parties:
            self.event.set()
        await self.event.wait()


class ReadTogether(Storage):
    """A storage whose first reads wait at a meeting point, so two turns both read before either
    writes."""

    def __init__(self, inner: Storage, point: MeetingPoint):
        self.inner, self.point = inner, point

    async def read(self, keys):
        items = await self.inner.read(keys)
        await self.point.arrive()
        return items

    async def write(self, changes):
        await self.inner.write(changes)

    async def delete(self, keys):
        await self.inner.delete(keys)


class CounterBot:
    """Counts message turns in conversation state and sends nothing (so a conflict can be retried)."""

    def __init__(self, storage: Storage):
        self.conversation_state = ConversationState(storage)
        self.count = self.conversation_state.create_property("count")
        self.turns = 0

    async def on_turn(self, turn_context: TurnContext) -> None:
        self.turns += 1
        value = await self.count.get(turn_context) or 0
        await self.count.set(turn_context, value + 1)
        await self.conversation_state.save_changes(turn_context)


def _activity() -> Activity:
    return Activity(type="message", text="x", channel_id="msteams", service_url="http://127.0.0.1:9/",
                    conversation=ConversationAccount(id="a:1"), from_property=ChannelAccount(id="29:u"),
                    recipient=ChannelAccount(id="28:bot"))


async def test_a_conflicting_turn_that_sent_nothing_is_run_again_on_fresh_state(tmp_path):
    """Two replicas without leases both read count=1 at the same moment. The second write is
    refused (not overwritten) and its turn runs again, so both increments survive.

    (State that does not exist yet is written without an eTag, which the SDK defines as "last
    writer wins"; the first turn of a conversation relies on the turn lease, tested above.)"""
    path = tmp_path / "s.sqlite3"
    one, two = SqliteStorage(path), SqliteStorage(path)
    key = "msteams/conversations/a:1"
    try:
        await one.write({key: {"count": 1}})
        point = MeetingPoint(2)
        bots = [CounterBot(ReadTogether(one, point)), CounterBot(ReadTogether(two, point))]
        runners = [TurnRunner(object()), TurnRunner(object())]  # storages without turn_lock: eTags only
        adapter = TestAdapter()
        await asyncio.gather(*(runner.run(TurnContext(adapter, _activity()), bot)
                               for runner, bot in zip(runners, bots)))
        assert (await one.read([key]))[key]["count"] == 3
        assert sum(bot.turns for bot in bots) == 3  # the refused one ran again
    finally:
        one.close()
        two.close()


# -- whole dialogs over HTTP -------------------------------------------------------------------------
async def test_a_dialog_survives_a_restart_of_the_app(start_bot, tmp_path, turn_failures):
    data_dir = tmp_path / "shared"
    first = await start_bot(data_dir)
    client = first.client()
    _run, time_card = await walk_to(client, "time")
    await first.runner.cleanup()  # the app stops; the SQLite files stay

    second = await start_bot(data_dir)
    client.bot_url = second.url
    replies = await finish_from(client, time_card)
    assert any("Møtet er opprettet" in r.text for r in replies), [r.text for r in replies]
    meetings = stored_meetings(data_dir, client.user.aad_object_id, "scheduled")
    assert [m["subject"] for m in meetings] == [SUBJECT]
    assert turn_failures.count == 0


async def test_a_dialog_survives_a_killed_process(bot_process, connector, tmp_path):
    """SIGKILL mid-dialog (nothing flushed, nothing closed); a new process on the same DATA_DIR
    continues at the step the user was at."""
    data_dir = tmp_path / "var"
    process = await bot_process(data_dir)
    member = Member(id="29:killed", name="Kari Nordmann", aad_object_id="0f8e2a4c-0000-4000-8000-00000000beef",
                    email="kari.nordmann@siv.no")
    connector.add_member(member)
    async with aiohttp.ClientSession() as session:
        client = TeamsClient(session, process.url, connector, member)
        _run, invitations_card = await walk_to(client, "invitations")
        process.kill()
        again = await bot_process(data_dir, PORT=process.port)
        client.bot_url = again.url
        replies = await finish_from(client, invitations_card)
    assert any("Møtet er opprettet" in r.text for r in replies), [r.text for r in replies]
    assert [m["subject"] for m in stored_meetings(data_dir, member.aad_object_id)] == [SUBJECT]
    assert "turn failed" not in again.output()


@pytest.mark.parametrize("apps", [1, 2], ids=["one app", "two apps sharing DATA_DIR"])
async def test_simultaneous_answers_to_one_step_leave_one_valid_dialog(start_bot, tmp_path, turn_failures, apps):
    data_dir = tmp_path / "shared"
    bots = [await start_bot(data_dir) for _ in range(apps)]
    client = bots[0].client()
    run, subject_card = await walk_to(client, "subject")
    subjects = [f"Vaktplan uke {n}" for n in range(1, 9)]

    async def answer(n: int, subject: str):
        bot = bots[n % apps]
        data = {"action": "next", "step": "subject", "run": run, "subject": subject}
        activity = client.activity(value=data, replyToId=subject_card.id)
        async with client.session.post(f"{bot.url}/api/messages", json=activity) as response:
            return response.status

    before = len(client.connector.sent)
    statuses = await asyncio.gather(*(answer(n, s) for n, s in enumerate(subjects)))
    assert set(statuses) <= {200, 201}
    replies = [Reply(a) for a in client.connector.sent[before:] if a["_conversation"] == client.conversation_id]
    advanced = [r for r in replies if (last_step([r]) or ("",))[0] == "invitations"]
    assert len(advanced) == 1, [r.text for r in replies]
    # Every other answer got one reply (its card is no longer in use), none an error.
    assert len(replies) == len(subjects)
    assert not any("Noe gikk galt" in r.text for r in replies)
    assert turn_failures.count == 0
    # The dialog is at the invitations step with one of the subjects, and goes on from there.
    final = await finish_from(client, advanced[0])
    assert any("Møtet er opprettet" in r.text for r in final), [r.text for r in final]
    meetings = stored_meetings(data_dir, client.user.aad_object_id, "scheduled")
    assert len(meetings) == 1 and meetings[0]["subject"] in subjects
