"""Issue 9, soak: 200 Teams conversations at once, each booking a Ny avtale (seven turns) and a
Hurtigavtale through HTTP against the embedded portal. Zero errors, and every meeting is stored
exactly once."""
from __future__ import annotations

import asyncio
from collections import Counter

from .flow import CREATED, finish_from, stored_meetings, walk_to

CONVERSATIONS = 200


async def test_200_conversations_book_at_once(start_bot, turn_failures):
    bot = await start_bot()
    clients = [bot.client(f"Bruker {n}") for n in range(CONVERSATIONS)]
    statuses: Counter[int] = Counter()

    async def converse(n: int, client) -> tuple[bool, bool]:
        subject = f"Planlegging runde {n}"
        _run, card = await walk_to(client, "invitations", subject=subject)
        statuses[client.last_status] += 1
        replies = await finish_from(client, card, subject=subject, emails=f"deltaker{n}@example.org")
        statuses[client.last_status] += 1
        booked = any(CREATED in r.text for r in replies)
        quick = any("Åpne møtet" in r.text for r in await client.say("hurtig"))
        statuses[client.last_status] += 1
        return booked, quick

    results = await asyncio.gather(*(converse(n, c) for n, c in enumerate(clients)))

    assert set(statuses) <= {200, 201}, statuses
    assert all(booked and quick for booked, quick in results), Counter(results)
    assert turn_failures.count == 0
    data_dir = bot.resources.settings.data_dir
    everything = stored_meetings(data_dir)
    assert len(everything) == 2 * CONVERSATIONS
    for n, client in enumerate(clients):
        mine = stored_meetings(data_dir, client.user.aad_object_id)
        assert sorted(m["kind"] for m in mine) == ["quick", "scheduled"], n
        assert [m["subject"] for m in mine if m["kind"] == "scheduled"] == [f"Planlegging runde {n}"]
    outbox = await bot.resources.embedded_portal.outbox()
    assert sorted(m["to"] for m in outbox) == sorted(f"deltaker{n}@example.org" for n in range(CONVERSATIONS))
