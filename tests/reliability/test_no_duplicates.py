"""Issue 9, no duplicates: "Opprett møte" pressed twice at once, and pressed again after a crash
between the portal's answer and the bot's reply, end with exactly one meeting. The dialog makes
one idempotency key per Ny avtale and the portal returns the first meeting for it."""
from __future__ import annotations

import asyncio

import aiohttp
import pytest
from aiohttp import web

from bot.sdk.storage import SqliteStorage
from core.portal.embedded import EmbeddedPortal
from core.portal.rest import create_portal_app
from tests.harness import Member, TeamsClient, start_app

from .flow import CREATED, SUBJECT, confirm, last_step, replies_since, stored_meetings, walk_to


@pytest.mark.parametrize("apps,leases", [(1, True), (2, True), (2, False)],
                         ids=["one app", "two apps sharing DATA_DIR", "two apps without turn leases"])
async def test_a_double_submitted_confirm_creates_one_meeting(start_bot, tmp_path, turn_failures, monkeypatch,
                                                              apps, leases):
    if not leases:  # only the idempotency key and the eTags stand between the two turns
        monkeypatch.setattr(SqliteStorage, "turn_lock", None)
    data_dir = tmp_path / "shared"
    bots = [await start_bot(data_dir) for _ in range(apps)]
    client = bots[0].client()
    _run, summary = await walk_to(client, "summary")
    before = len(client.connector.sent)
    statuses = await asyncio.gather(*(confirm(client, bots[n % apps].url, summary) for n in range(2)))
    assert set(statuses) <= {200, 201}
    meetings = stored_meetings(data_dir, client.user.aad_object_id)
    assert len(meetings) == 1 and meetings[0]["subject"] == SUBJECT
    replies = replies_since(client, before)
    assert any(CREATED in r.text for r in replies)
    assert not any("Noe gikk galt" in r.text for r in replies)
    assert turn_failures.count == 0
    if leases:  # one after the other: the second press is told the card is done, no second result
        assert sum(CREATED in r.text for r in replies) == 1 and len(replies) == 2


async def test_a_reply_lost_after_the_portal_committed_then_confirm_again(bot, turn_failures):
    """The portal created the meeting, then the connector refused the bot's reply: the turn fails,
    the user is told something went wrong, and the dialog is still at its summary. Pressing
    Opprett møte again shows the same meeting; the portal holds one."""
    client = bot.client()
    _run, summary = await walk_to(client, "summary")
    bot.connector.fail_posts = 1
    before = len(bot.connector.sent)
    assert await confirm(client, bot.url, summary) in (200, 201)
    told = replies_since(client, before)
    assert len(told) == 1 and "Noe gikk galt" in told[0].text and "kode" in told[0].text
    assert turn_failures.count == 1  # a real failure (the connector), reported with a reference
    first = stored_meetings(bot.resources.settings.data_dir, client.user.aad_object_id)
    assert len(first) == 1

    before = len(bot.connector.sent)
    assert await confirm(client, bot.url, summary) in (200, 201)
    again = replies_since(client, before)
    assert any(CREATED in r.text for r in again), [r.text for r in again]
    assert stored_meetings(bot.resources.settings.data_dir, client.user.aad_object_id) == first
    assert first[0]["join_url"] in "\n".join(r.text for r in again)  # the join link of the first meeting


async def test_after_a_lost_reply_the_user_gets_the_summary_back_and_confirms_once(bot, turn_failures):
    client = bot.client()
    _run, summary = await walk_to(client, "summary")
    bot.connector.fail_posts = 1
    await confirm(client, bot.url, summary)
    replies = await client.say("hallo?")  # where am I? the summary card comes back
    found = last_step(replies)
    assert found is not None and found[0] == "summary", [r.text for r in replies]
    replies = await client.press(found[2])
    assert any(CREATED in r.text for r in replies)
    assert len(stored_meetings(bot.resources.settings.data_dir, client.user.aad_object_id)) == 1


class KillAfterCommit:
    """Portal middleware: lets the portal create the meeting, then SIGKILLs the bot process before
    the answer is sent (the bot dies between the portal's answer and its reply)."""

    def __init__(self):
        self.victim = None
        self.killed = 0

    @web.middleware
    async def middleware(self, request: web.Request, handler):
        response = await handler(request)
        if (self.victim is not None and request.method == "POST" and request.path.endswith("/api/v1/meetings")
                and response.status == 201):
            self.victim.kill()
            self.victim = None
            self.killed += 1
        return response


async def test_the_bot_process_dies_after_the_portal_committed(bot_process, connector, tmp_path):
    portal_dir = tmp_path / "portal"
    killer = KillAfterCommit()
    holder: dict[str, EmbeddedPortal] = {}
    parent = web.Application(middlewares=[killer.middleware])
    parent.add_subapp("/delta", create_portal_app(lambda: holder.get("portal")))
    runner, portal_url = await start_app(parent)
    holder["portal"] = EmbeddedPortal.open(portal_dir / "portal.sqlite3", base_url=portal_url + "/delta")
    try:
        data_dir = tmp_path / "bot"
        settings = dict(PORTAL_URL=portal_url + "/delta")
        process = await bot_process(data_dir, **settings)
        member = Member(id="29:crash", name="Ola Nordmann", aad_object_id="3c1d2b4a-0000-4000-8000-00000000c0de",
                        email="ola.nordmann@siv.no")
        connector.add_member(member)
        async with aiohttp.ClientSession() as session:
            client = TeamsClient(session, process.url, connector, member)
            _run, summary = await walk_to(client, "summary")
            killer.victim = process
            with pytest.raises(aiohttp.ClientError):
                await confirm(client, process.url, summary)
            assert killer.killed == 1
            assert len(stored_meetings(portal_dir, member.aad_object_id)) == 1  # committed, never answered

            again = await bot_process(data_dir, PORT=process.port, **settings)
            before = len(connector.sent)
            assert await confirm(client, again.url, summary) in (200, 201)
            replies = replies_since(client, before)
        assert any(CREATED in r.text for r in replies), [r.text for r in replies]
        meetings = stored_meetings(portal_dir, member.aad_object_id)
        assert len(meetings) == 1 and meetings[0]["subject"] == SUBJECT
        # The killed process held this conversation's turn lease; the new one saw it was gone.
        assert "turn lease of a process that is gone taken over" in again.output()
        assert "eTag checks only" not in again.output()
    finally:
        await runner.cleanup()
        holder["portal"].close()
