"""Reminders with ``STATE_STORAGE=blob``: two bot replicas on one Azure Blob container (Azurite,
started by the test on loopback) send a due reminder once; claims go through blob leases."""
from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest

from core.reminders.blob_store import BlobReminderStore
from core.reminders.schedule import Reminder
from tests.bot.new_meeting_steps import NOW
from tests.reliability.azurite import Azurite
from tests.reminders.test_reminders import MovableClock, book, reminders


@pytest.fixture(scope="module")
def azurite(tmp_path_factory):
    server = Azurite(tmp_path_factory.mktemp("azurite")).start()
    yield server
    server.stop()


async def test_two_replicas_on_azurite_send_once(start_bot, tmp_path, azurite):
    clock = MovableClock(NOW)
    container = "state-" + uuid.uuid4().hex[:12]
    settings = dict(state_storage="blob", azure_storage_connection_string=azurite.connection_string,
                    azure_storage_container=container, reminder_poll_seconds=0)
    one = await start_bot(tmp_path / "shared", clock=clock, **settings)
    two = await start_bot(tmp_path / "shared", clock=clock, **settings)
    client = one.client()
    await book(client, "i morgen kl 13-14")
    await book(client, "i morgen kl 15-16", subject="Møte to")
    clock.set(NOW + timedelta(days=1, hours=2, minutes=41))  # 12:41: the 13:00 one is due
    counts = await asyncio.gather(*(bot.resources.reminders.tick() for bot in (one, two, two, one)))
    assert sum(counts) == 1 and len(reminders(client)) == 1
    clock.set(NOW + timedelta(days=1, hours=4, minutes=41))  # 14:41: the 15:00 one
    counts = await asyncio.gather(*(bot.resources.reminders.tick() for bot in (two, one)))
    assert sum(counts) == 1 and len(reminders(client)) == 2
    assert sum(await asyncio.gather(*(bot.resources.reminders.tick() for bot in (one, two)))) == 0


async def test_blob_store_cancel_and_status(azurite):
    store = BlobReminderStore(azurite.connection_string, "r-" + uuid.uuid4().hex[:12])
    try:
        first = Reminder("m/1", "2026-12-01T13:00:00+01:00", NOW, "org")
        second = Reminder("m/1", "2026-12-08T13:00:00+01:00", NOW + timedelta(days=7), "org")
        await store.add([first, second])
        await store.add([first])  # known: left as it is
        await store.cancel("m/1", "2026-12-08T13:00:00+01:00")
        assert sorted((await store.status("m/1")).values()) == ["cancelled", "pending"]
        claimed = await store.claim_due(NOW + timedelta(hours=1))
        assert [r.starts_at for r in claimed] == [first.starts_at]
        assert await store.claim_due(NOW + timedelta(hours=1)) == []
        await store.release(claimed[0])
        assert len(await store.claim_due(NOW + timedelta(hours=1))) == 1
        # finished reminders are cleared from the container two days after they were due
        await store.done(claimed[0], "sent")
        assert await store.claim_due(NOW + timedelta(days=3)) == []
        assert list((await store.status("m/1")).values()) == ["cancelled"]
        await store.save_reference("org", '{"a": 1}')
        assert await store.reference("org") == '{"a": 1}' and await store.reference("nobody") is None
    finally:
        await store.close()
