"""Issue 9: whatever arrives at /api/messages, the answer is 2xx or 4xx, never 500, and no turn
fails with an unhandled error."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import MAX_ACTIVITY_BYTES
from tests.security.fuzz import (
    install_turn_failures,
    json_scalars,
    json_values,
    odd_text,
    remove_turn_failures,
    run_hypothesis,
)


@pytest.fixture
def turn_failures():
    handler = install_turn_failures()
    yield handler
    remove_turn_failures(handler)


async def post_raw(bot, data: bytes, content_type: str = "application/json", **headers) -> int:
    async with bot.session.post(f"{bot.url}/api/messages", data=data,
                                headers={"Content-Type": content_type, **headers}) as response:
        await response.read()
        return response.status


async def test_a_body_over_the_cap_is_413(bot):
    client = bot.client()
    activity = client.activity(text="x" * (MAX_ACTIVITY_BYTES + 10))
    assert await post_raw(bot, json.dumps(activity).encode()) == 413
    assert bot.connector.sent == []


async def test_a_chunked_body_over_the_cap_is_413(bot):
    async def chunks():
        yield b'{"type": "message", "text": "'
        for _ in range(MAX_ACTIVITY_BYTES // 65536 + 2):
            yield b"x" * 65536
        yield b'"}'

    async with bot.session.post(f"{bot.url}/api/messages", data=chunks(),
                                headers={"Content-Type": "application/json"}) as response:
        assert response.status == 413
    assert bot.connector.sent == []


async def test_a_body_just_under_the_cap_is_served(bot):
    client = bot.client()
    activity = client.activity(text="hurtig", channelData={"tenant": {"id": client.tenant}, "pad": ""})
    activity["channelData"]["pad"] = "x" * (MAX_ACTIVITY_BYTES - len(json.dumps(activity).encode()) - 100)
    assert await post_raw(bot, json.dumps(activity).encode()) in (200, 201)
    assert any("Åpne møtet" in json.dumps(a, ensure_ascii=False) for a in bot.connector.sent)


MALFORMED = [
    (b"{not json", "application/json", 400),
    (b"", "application/json", 400),
    (b"\xff\xfe{}", "application/json", 400),
    (b'{"type": "message"', "application/json", 400),
    (b"[]", "application/json", 400),
    (b'"message"', "application/json", 400),
    (b"42", "application/json", 400),
    (b"null", "application/json", 400),
    (b"{}", "application/json", 400),
    (b'{"type": 5}', "application/json", 400),
    (b'{"type": ""}', "application/json", 400),
    (b'{"type": "message"}', "application/json", 400),
    (b'{"type": "message", "text": "hurtig"}', "text/plain", 415),
    (b"type=message", "application/x-www-form-urlencoded", 415),
]


async def test_malformed_and_non_activity_bodies_are_4xx(bot, turn_failures):
    answers = [(body, await post_raw(bot, body, content_type)) for body, content_type, _ in MALFORMED]
    assert answers == [(body, status) for body, _, status in MALFORMED]
    assert bot.connector.sent == [] and turn_failures.count == 0


async def test_a_message_missing_a_field_is_400(bot, turn_failures):
    client = bot.client()
    for missing in ("conversation", "serviceUrl", "from", "channelId"):
        activity = client.activity(text="hurtig")
        del activity[missing]
        assert await post_raw(bot, json.dumps(activity).encode()) == 400, missing
    for field, value in (("conversation", {"id": " "}), ("from", {"id": None}), ("serviceUrl", "not a url"),
                         ("serviceUrl", "file:///etc/passwd"), ("conversation", "a:123"), ("from", []),
                         ("serviceUrl", 5), ("conversation", {"id": 5})):
        activity = client.activity(text="hurtig")
        activity[field] = value
        assert await post_raw(bot, json.dumps(activity).encode()) == 400, (field, value)
    assert bot.connector.sent == [] and turn_failures.count == 0


WRONG_TYPES = [
    ("recipient", "bot"), ("text", {"a": 1}), ("text", 12), ("value", "confirm"),
    ("value", [1, 2]), ("value", {"action": {"x": 1}}), ("value", {"action": None}), ("entities", "x"),
    ("entities", [{"type": "mention"}]), ("entities", [{"type": "mention", "mentioned": "x", "text": 5}]),
    ("attachments", 7), ("channelData", []), ("channelData", {"tenant": "x"}), ("locale", 12),
    ("locale", "xx-ÆØÅ" * 50), ("timestamp", "yesterday"), ("replyToId", {"x": 1}), ("id", None),
    ("membersAdded", "x"), ("type", "invoke"), ("type", "messageReaction"), ("type", "event"),
    ("type", "typing"), ("type", "x" * 200),
]


async def test_wrong_field_types_are_never_500(bot, turn_failures):
    client = bot.client()
    for field, value in WRONG_TYPES:
        activity = client.activity(text="hurtig")
        activity[field] = value
        status = await post_raw(bot, json.dumps(activity).encode())
        assert status < 500, (field, value, status)
        assert turn_failures.count == 0, (field, value)


async def test_fuzzed_activities_are_never_500(bot, turn_failures):
    client = bot.client()
    base = client.activity(text="hjelp")
    keys = sorted(base) + ["value", "entities", "attachments", "replyToId", "membersAdded", "action", "name"]

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(changes=st.dictionaries(st.sampled_from(keys), json_values, max_size=4),
           drop=st.sets(st.sampled_from(sorted(base)), max_size=2),
           type_=st.sampled_from(["message", "conversationUpdate", "installationUpdate", "invoke", "event",
                                  "messageUpdate", "messageDelete", "messageReaction", "unknown"]))
    def check(call, changes, drop, type_):
        activity = {k: v for k, v in base.items() if k not in drop}
        activity.update(changes)
        activity["type"] = type_
        status = call(post_raw(bot, json.dumps(activity).encode()))
        assert status < 500, (activity, status)

    await run_hypothesis(lambda call: check(call))
    assert turn_failures.count == 0


async def test_fuzzed_text_messages_get_a_sensible_reply(bot, turn_failures):
    client = bot.client()

    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(text=odd_text)
    def check(call, text):
        replies = call(client.say(text))
        assert client.last_status in (200, 201)
        if text.strip():
            assert len(replies) >= 1 and all(r.text for r in replies)
        for reply in replies:
            assert "Traceback" not in reply.text and "Error" not in reply.text

    await run_hypothesis(lambda call: check(call))
    assert turn_failures.count == 0


async def test_fuzzed_card_submits_outside_a_dialog_get_a_sensible_reply(bot, turn_failures):
    client = bot.client()

    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(value=st.one_of(json_values, st.dictionaries(st.sampled_from(
        ["action", "meeting_id", "retry_of", "key", "template", "subject", "emails", "sms", "consent"]),
        json_scalars, max_size=5)))
    def check(call, value):
        replies = call(client.submit(value))
        assert client.last_status in (200, 201)
        assert len(replies) >= 1 and all(r.text for r in replies)

    await run_hypothesis(lambda call: check(call))
    assert turn_failures.count == 0


async def test_an_unsupported_invoke_is_a_4xx_not_a_5xx(bot, turn_failures):
    """Teams sends invokes for features this bot does not offer; botbuilder answers them 501."""
    client = bot.client()
    for name in (None, "composeExtension/query", "task/fetch", "adaptiveCard/action", "signin/verifyState",
                 "config/fetch", "x" * 300):
        activity = client.activity("invoke", value={"data": {"action": "help"}})
        if name is not None:
            activity["name"] = name
        async with bot.session.post(f"{bot.url}/api/messages", json=activity) as response:
            body = await response.json()
            assert response.status == 400, (name, response.status)
            if name == "adaptiveCard/action":  # the Universal Actions error shape
                assert body["statusCode"] == 400 and body["value"]["code"] == "BadRequest", body
            else:
                assert body["error"]["code"] == "unsupported_invoke"
    assert turn_failures.count == 0
