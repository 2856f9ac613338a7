"""The message extension and link unfurling, driven as Teams drives them: invoke activities POSTed
to ``/api/messages`` over HTTP, answered in the HTTP response (contracts §3a).

Checks the invoke response bodies, what the portal stored, idempotency (a double submit is one
meeting), the tenant gate, and that nothing personal goes into a card meant for a chat.
"""
from __future__ import annotations

import json
from typing import Any

import pytest

from tests.bot.new_meeting_steps import NOW
from tests.harness import TeamsClient, actions_of, all_text, inputs_of

COMMAND = "deltaMeeting"


async def invoke(client: TeamsClient, name: str, value: dict[str, Any]) -> tuple[int, Any]:
    activity = client.activity("invoke", name=name, value=value)
    async with client.session.post(f"{client.bot_url}/api/messages", json=activity) as response:
        raw = await response.read()
        return response.status, (json.loads(raw) if raw else None)


def action_value(data: dict[str, Any] | None = None, context: str = "compose") -> dict[str, Any]:
    value: dict[str, Any] = {"commandId": COMMAND, "commandContext": context, "context": {"theme": "default"}}
    if data is not None:
        value["data"] = data
    return value


async def fetch_card(client: TeamsClient) -> dict[str, Any]:
    status, body = await invoke(client, "composeExtension/fetchTask", action_value())
    assert status == 200, body
    assert body["task"]["type"] == "continue"
    attachment = body["task"]["value"]["card"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    return attachment["content"]


def submit_data(card: dict[str, Any], title: str, **inputs: Any) -> dict[str, Any]:
    action = next(a for a in actions_of(card) if a.get("title") == title)
    data = dict(action["data"])
    if action.get("associatedInputs") != "none":
        for input_id, spec in inputs_of(card).items():
            if "value" in spec:
                data[input_id] = spec["value"]
        data.update(inputs)
    return data


def inserted(body: dict[str, Any]) -> dict[str, Any]:
    result = body["composeExtension"]
    assert result["type"] == "result"
    (attachment,) = result["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert attachment["preview"]["contentType"] == "application/vnd.microsoft.card.thumbnail"
    return attachment["content"]


async def test_fetch_task_offers_quick_and_scheduled_on_one_card(bot):
    card = await fetch_card(bot.client())
    titles = [a.get("title") for a in actions_of(card)]
    assert "Hurtigavtale" in titles and "Opprett møte" in titles
    assert {"template", "subject", "when"} <= set(inputs_of(card))
    assert "Velg mal" in all_text(card) or any(i.get("label") == "Velg mal" for i in inputs_of(card).values())


@pytest.mark.parametrize("conversation_type", ["personal", "groupChat", "channel"])
async def test_quick_meeting_in_one_click_inserts_a_card_with_the_link(bot, conversation_type):
    client = bot.client(conversation_type=conversation_type)
    card = await fetch_card(client)
    status, body = await invoke(client, "composeExtension/submitAction",
                                action_value(submit_data(card, "Hurtigavtale")))
    assert status == 200, body
    content = inserted(body)
    meetings = await bot.portal.list_meetings(client.user.aad_object_id)
    assert [m["kind"] for m in meetings] == ["quick"]
    join = next(a for a in actions_of(content) if a["type"] == "Action.OpenUrl")
    assert join["url"] == meetings[0]["join_url"] and join["title"] == "Bli med"
    assert not [a for a in actions_of(content) if a["type"] == "Action.Submit"]


async def test_scheduled_meeting_with_time_join_window_and_link(bot):
    client = bot.client(conversation_type="groupChat")
    card = await fetch_card(client)
    data = submit_data(card, "Opprett møte", subject="Fagmøte ortopedi", when="i morgen kl 13-14")
    status, body = await invoke(client, "composeExtension/submitAction", action_value(data))
    assert status == 200, body
    content = inserted(body)
    text = all_text(content)
    assert "Fagmøte ortopedi" in text
    assert "26.11.2026 13:00-14:00" in text
    assert "12:40" in text  # participants can join 20 minutes before
    (meeting,) = await bot.portal.list_meetings(client.user.aad_object_id)
    assert meeting["subject"] == "Fagmøte ortopedi"
    assert meeting["start"].startswith("2026-11-26T13:00")
    assert meeting["join_url"] in text
    assert not meeting["invitations"]["emails"] and not meeting["invitations"]["sms"]


async def test_double_submit_creates_one_meeting(bot):
    client = bot.client()
    card = await fetch_card(client)
    data = submit_data(card, "Opprett møte", subject="Vaktplanmøte", when="fredag 9-10")
    first = await invoke(client, "composeExtension/submitAction", action_value(data))
    second = await invoke(client, "composeExtension/submitAction", action_value(data))
    assert first[0] == second[0] == 200
    assert inserted(first[1]) == inserted(second[1])
    assert len(await bot.portal.list_meetings(client.user.aad_object_id)) == 1
    quick = submit_data(card, "Hurtigavtale")
    one = await invoke(client, "composeExtension/submitAction", action_value(quick))
    two = await invoke(client, "composeExtension/submitAction", action_value(quick))
    assert inserted(one[1]) == inserted(two[1])
    assert len(await bot.portal.list_meetings(client.user.aad_object_id)) == 2


async def test_every_error_comes_back_next_to_its_field_with_values_kept(bot):
    client = bot.client()
    card = await fetch_card(client)
    data = submit_data(card, "Opprett møte", subject="", when="31.02 kl 14-15")
    status, body = await invoke(client, "composeExtension/submitAction", action_value(data))
    assert status == 200
    again = body["task"]["value"]["card"]["content"]
    text = all_text(again)
    assert "Skriv et emne." in text
    assert inputs_of(again)["when"]["value"] == "31.02 kl 14-15"
    assert await bot.portal.list_meetings(client.user.aad_object_id) == []
    past = submit_data(again, "Opprett møte", subject="Fagmøte", when="i dag kl 8-9")
    body = (await invoke(client, "composeExtension/submitAction", action_value(past)))[1]
    again = body["task"]["value"]["card"]["content"]
    assert inputs_of(again)["subject"]["value"] == "Fagmøte"
    assert "allerede" in all_text(again)
    assert await bot.portal.list_meetings(client.user.aad_object_id) == []


async def test_sensitive_subject_is_refused_and_nothing_created(bot):
    client = bot.client()
    card = await fetch_card(client)
    data = submit_data(card, "Opprett møte", subject="Kontroll 01019012345", when="i morgen kl 13-14")
    body = (await invoke(client, "composeExtension/submitAction", action_value(data)))[1]
    again = body["task"]["value"]["card"]["content"]
    assert "sensitiv" in all_text(again)
    # The user's text stays in its field to be corrected; the explanation shows the number masked.
    assert inputs_of(again)["subject"]["value"] == "Kontroll 01019012345"
    shown = [b["text"] for b in again["body"] if b.get("type") == "TextBlock"]
    assert any("••••" in line for line in shown)
    assert not any("01019012345" in line for line in shown)
    assert await bot.portal.list_meetings(client.user.aad_object_id) == []


async def test_a_tenant_outside_allowed_tenants_creates_nothing(start_bot):
    from tests.bot.new_meeting_steps import frozen_clock

    bot = await start_bot(clock=frozen_clock(), allowed_tenants=("11111111-2222-3333-4444-555555555555",))
    client = bot.client()
    status, _ = await invoke(client, "composeExtension/fetchTask", action_value())
    assert status >= 400
    data = {"action": "quick_meeting", "key": "a" * 32}
    status, _ = await invoke(client, "composeExtension/submitAction", action_value(data))
    assert status >= 400
    assert await bot.portal.list_meetings(client.user.aad_object_id) == []


async def test_unserved_invokes_and_other_commands_get_400(bot):
    client = bot.client()
    status, _ = await invoke(client, "composeExtension/query", {"commandId": "search", "parameters": []})
    assert status == 400
    status, _ = await invoke(client, "composeExtension/fetchTask", {"commandId": "other", "commandContext": "compose"})
    assert status == 400


async def test_link_unfurling_shows_time_to_the_organizer_and_nothing_to_others(bot):
    organizer = bot.client()
    card = await fetch_card(organizer)
    data = submit_data(card, "Opprett møte", subject="Fagmøte ortopedi", when="i morgen kl 13-14")
    await invoke(organizer, "composeExtension/submitAction", action_value(data))
    (meeting,) = await bot.portal.list_meetings(organizer.user.aad_object_id)
    url = meeting["join_url"]

    status, body = await invoke(organizer, "composeExtension/queryLink", {"url": url})
    assert status == 200
    personal = all_text(inserted(body))
    assert "Fagmøte ortopedi" in personal and "13:00-14:00" in personal

    group = TeamsClient(organizer.session, organizer.bot_url, organizer.connector, organizer.user,
                        conversation_type="groupChat")
    body = (await invoke(group, "composeExtension/queryLink", {"url": url}))[1]
    shared = all_text(inserted(body))
    assert "13:00-14:00" in shared and "Fagmøte" not in shared

    stranger = bot.client("Ola Nordmann")
    body = (await invoke(stranger, "composeExtension/queryLink", {"url": url}))[1]
    neutral = all_text(inserted(body))
    assert "Fagmøte" not in neutral and "13:00" not in neutral

    for odd in ({"url": url + "x"}, {"url": "javascript:alert(1)"}, {}, {"url": 42}):
        status, body = await invoke(organizer, "composeExtension/queryLink", odd)
        assert status == 200 and "13:00" not in all_text(inserted(body))
        assert "javascript:" not in json.dumps([a.get("url") for a in actions_of(inserted(body))])


def test_now_is_a_wednesday():
    assert NOW.weekday() == 2
