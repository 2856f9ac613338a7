"""Issue 9, abuse limits: per organizer, meetings created and invitations sent per hour
(``MAX_MEETINGS_PER_HOUR``, ``MAX_INVITATIONS_PER_HOUR``), with a clear message, through HTTP."""
from __future__ import annotations

from .flow import confirm, finish_from, last_step, replies_since, stored_meetings, walk_to

MEETINGS_LIMIT = "Du har opprettet mange møter den siste timen (2). Vent litt før du lager flere."
INVITATIONS_LIMIT = "Du har sendt mange invitasjoner den siste timen (grensen er 3). Vent litt før du inviterer flere."


async def test_meetings_per_hour_quick_and_scheduled_together(start_bot, turn_failures):
    bot = await start_bot(max_meetings_per_hour=2)
    kari, ola = bot.client("Kari Nordmann"), bot.client("Ola Nordmann")
    answers = [await kari.say("hurtig") for _ in range(2)]
    assert all(any("Åpne møtet" in r.text for r in replies) for replies in answers)
    refused = await kari.say("hurtig")
    assert len(refused) == 1 and MEETINGS_LIMIT in refused[0].text and "Åpne møtet" not in refused[0].text

    # Ny avtale counts against the same budget: refused at "Opprett møte", the summary stays.
    _run, summary = await walk_to(kari, "summary")
    replies = await kari.press(summary)
    assert any(MEETINGS_LIMIT in r.text for r in replies), [r.text for r in replies]
    assert (last_step(replies) or ("",))[0] == "summary"  # can still cancel or come back later
    data_dir = bot.resources.settings.data_dir
    assert len(stored_meetings(data_dir, kari.user.aad_object_id, "quick")) == 2
    assert stored_meetings(data_dir, kari.user.aad_object_id, "scheduled") == []

    # Someone else is not affected.
    assert any("Åpne møtet" in r.text for r in await ola.say("hurtig"))
    assert turn_failures.count == 0


async def test_invitations_per_hour(start_bot, turn_failures):
    bot = await start_bot(max_invitations_per_hour=3)
    kari = bot.client("Kari Nordmann")
    data_dir = bot.resources.settings.data_dir

    _run, card = await walk_to(kari, "invitations")
    replies = await finish_from(kari, card, emails="per.hansen@example.org, lise.berg@example.org")
    assert any("Møtet er opprettet" in r.text for r in replies)

    _run, card = await walk_to(kari, "invitations")
    replies = await finish_from(kari, card, emails="anne.dahl@example.org", sms="+47 923 45 678")
    assert any(INVITATIONS_LIMIT in r.text for r in replies), [r.text for r in replies]
    assert len(stored_meetings(data_dir, kari.user.aad_object_id)) == 1

    # One more invitation fits in the budget (2 + 1 = 3): the user goes back and removes one.
    await kari.say("avbryt")
    _run, card = await walk_to(kari, "invitations")
    replies = await finish_from(kari, card, emails="anne.dahl@example.org")
    assert any("Møtet er opprettet" in r.text for r in replies), [r.text for r in replies]
    assert len(stored_meetings(data_dir, kari.user.aad_object_id)) == 2
    outbox = await bot.resources.embedded_portal.outbox()
    assert sorted(m["to"] for m in outbox) == ["anne.dahl@example.org", "lise.berg@example.org",
                                               "per.hansen@example.org"]
    assert turn_failures.count == 0


async def test_a_retry_of_a_counted_meeting_is_not_refused_by_the_limit(start_bot):
    """The meeting was created (and counted) but the reply was lost; pressing Opprett møte again is
    the same action (same idempotency key), so the limit it used up does not refuse it."""
    bot = await start_bot(max_meetings_per_hour=1)
    client = bot.client()
    _run, summary = await walk_to(client, "summary")
    bot.connector.fail_posts = 1
    await confirm(client, bot.url, summary)
    before = len(bot.connector.sent)
    await confirm(client, bot.url, summary)
    again = replies_since(client, before)
    assert any("Møtet er opprettet" in r.text for r in again), [r.text for r in again]
    assert not any("mange møter" in r.text for r in again)
    assert len(stored_meetings(bot.resources.settings.data_dir, client.user.aad_object_id)) == 1
    # ...and a new meeting after that is over the limit.
    assert any("mange møter" in r.text for r in await client.say("hurtig"))
