"""Issue 2: the bot speaks Teams and hands out an instant meeting link (protocol level, real HTTP)."""
from __future__ import annotations

import json

import aiohttp

from tests.harness import actions_of


async def quick_meetings(bot, client):
    async with bot.session.get(f"{bot.url}/portal/api/v1/meetings",
                               params={"organizer": client.user.aad_object_id}) as response:
        assert response.status == 200
        return (await response.json())["meetings"]


async def test_install_sends_one_welcome_card_with_the_three_buttons(bot):
    client = bot.client()
    replies = await client.install()
    assert client.last_status in (200, 201)
    assert len(replies) == 1
    card = replies[0].card
    assert card["version"] == "1.5" and card["fallbackText"]
    titles = [a["title"] for a in actions_of(card)]
    assert titles[:3] == ["Hurtigavtale", "Ny avtale", "Hjelp"]
    assert [a["data"]["action"] for a in actions_of(card)[:3]] == ["quick_meeting", "new_meeting", "help"]
    # membersAdded for the bot in the same conversation does not welcome twice
    again = await client.post(client.activity("conversationUpdate",
                                              membersAdded=[{"id": client.bot_id, "name": "Delta video"}]))
    assert again == []


async def test_members_added_with_the_bot_welcomes(bot):
    client = bot.client(conversation_type="groupChat")
    replies = await client.post(client.activity("conversationUpdate",
                                                membersAdded=[{"id": client.bot_id, "name": "Delta video"}]))
    assert len(replies) == 1 and "Velkommen" in replies[0].text
    other = await client.post(client.activity("conversationUpdate",
                                              membersAdded=[{"id": "29:someone-else", "name": "Per"}]))
    assert other == []


async def test_typed_hurtig_answers_with_a_link_card_and_the_portal_lists_the_meeting(bot):
    client = bot.client()
    replies = await client.say("hurtig")
    assert len(replies) == 1
    card = replies[0].card
    actions = actions_of(card)
    assert actions[0]["type"] == "Action.OpenUrl" and actions[0]["title"] == "Åpne møtet"
    url = actions[0]["url"]
    assert url.startswith(("http://", "https://"))
    assert url in replies[0].text and "gyldig til" in replies[0].text
    # one click to copy: Teams' CodeBlock (Copy button), with the link as text where it is unknown
    blocks = [b for b in card["body"] if b.get("type") == "CodeBlock"]
    assert [(b["codeSnippet"], b["fallback"]["text"]) for b in blocks] == [(url, url)]
    meetings = await quick_meetings(bot, client)
    assert len(meetings) == 1 and meetings[0]["join_url"] == url and meetings[0]["kind"] == "quick"
    # the portal created the organizer's user on first use, with Teams' name and e-mail
    user = await bot.resources.embedded_portal.user(client.user.aad_object_id)
    assert user["name"] == client.user.name and user["email"] == client.user.email
    # the join link works: the embedded portal's join page
    async with bot.session.get(url) as response:
        assert response.status == 200
        page = await response.text()
    assert "Hurtigavtale - 365" in page and "åpent" in page


async def test_hurtig_in_any_case_and_punctuation_and_the_synonyms(bot):
    client = bot.client()
    for text in ("Hurtig!", "  HURTIGAVTALE. ", "quick", "hurtig?"):
        replies = await client.say(text)
        assert "Åpne møtet" in replies[0].text, text
    assert len(await quick_meetings(bot, client)) == 4


async def test_quick_meeting_button_on_a_card(bot):
    client = bot.client()
    welcome = (await client.install())[0]
    replies = await client.press(welcome, title="Hurtigavtale")
    assert "Åpne møtet" in replies[0].text
    assert len(await quick_meetings(bot, client)) == 1


async def test_member_lookup_is_cached_per_user(bot):
    client = bot.client()
    await client.say("hurtig")
    await client.say("hurtig")
    assert bot.connector.member_lookups == 1


async def test_mention_in_a_group_chat_gives_a_card_for_everyone(bot):
    client = bot.client(name="Per Hansen", conversation_type="groupChat")
    replies = await client.say("hurtig", mention=True)
    assert len(replies) == 1
    assert "Per Hansen" in replies[0].text and "Alle her" in replies[0].text
    assert len(await quick_meetings(bot, client)) == 1


async def test_english_locale(bot):
    client = bot.client(locale="en-US")
    replies = await client.say("quick")
    assert "Open the meeting" in replies[0].text and "valid until" in replies[0].text
    help_reply = await client.say("help")
    assert "This is what you can do" in help_reply[0].text


async def test_help_and_question_mark(bot):
    client = bot.client()
    for text in ("hjelp", "Hjelp!", "?", "help"):
        replies = await client.say(text)
        assert "Dette kan du gjøre" in replies[0].text, text


async def test_unknown_text_gets_a_short_reply_with_the_buttons(bot):
    client = bot.client()
    replies = await client.say("hva er klokka på månen")
    assert "forstod jeg ikke" in replies[0].text
    assert [a["title"] for a in actions_of(replies[0].card)][:3] == ["Hurtigavtale", "Ny avtale", "Hjelp"]


async def test_unknown_card_action_gives_help(bot):
    client = bot.client()
    replies = await client.submit({"action": "self_destruct"})
    assert "Dette kan du gjøre" in replies[0].text
    replies = await client.submit({"action": 42})
    assert "Dette kan du gjøre" in replies[0].text
    replies = await client.submit({"no_action": True})
    assert "Dette kan du gjøre" in replies[0].text


async def test_portal_failure_gives_a_norwegian_message_with_retry_and_creates_nothing(bot, monkeypatch):
    from core.portal import PortalUnavailable

    client = bot.client()
    portal = bot.resources.embedded_portal
    real = portal.create_quick_meeting
    calls = []

    async def down(organizer, *, idempotency_key):
        calls.append(idempotency_key)
        raise PortalUnavailable("connection refused", reached=False)  # nothing reached the portal

    monkeypatch.setattr(portal, "create_quick_meeting", down)
    replies = await client.say("hurtig")
    assert "svarer ikke" in replies[0].text and "Ingenting er opprettet" in replies[0].text
    assert "connection refused" not in replies[0].text
    retry = [a for a in actions_of(replies[0].card) if a["data"]["action"] == "retry"][0]
    assert await quick_meetings(bot, client) == []
    # the portal is back: the retry button books with the same idempotency key
    monkeypatch.setattr(portal, "create_quick_meeting", real)
    again = await client.press(replies[0], title=retry["title"])
    assert "Åpne møtet" in again[0].text
    assert len(await quick_meetings(bot, client)) == 1
    assert retry["data"]["key"] == calls[0]
    # pressing the retry again returns the same meeting, not a second one
    await client.press(replies[0], title=retry["title"])
    assert len(await quick_meetings(bot, client)) == 1


async def test_malformed_bodies_are_400_never_500(bot):
    async with aiohttp.ClientSession() as session:
        for body in (b"{not json", b"[1,2,3]", b'"text"', b"{}", b'{"type": 5}', b"\xff\xfe"):
            async with session.post(f"{bot.url}/api/messages", data=body,
                                    headers={"Content-Type": "application/json"}) as response:
                assert response.status == 400, body
        async with session.post(f"{bot.url}/api/messages", data=json.dumps({"type": "message"}),
                                headers={"Content-Type": "application/json"}) as response:
            assert response.status == 400
        async with session.post(f"{bot.url}/api/messages", data=b"x" * (300 * 1024),
                                headers={"Content-Type": "application/json"}) as response:
            assert response.status == 413
        async with session.post(f"{bot.url}/api/messages", data=b"hurtig",
                                headers={"Content-Type": "text/plain"}) as response:
            assert response.status == 415


async def test_health_and_readiness(bot):
    async with bot.session.get(f"{bot.url}/healthz") as response:
        assert response.status == 200
    async with bot.session.get(f"{bot.url}/readyz") as response:
        assert response.status == 200
        assert (await response.json())["checks"] == {"storage": True, "portal": True}
