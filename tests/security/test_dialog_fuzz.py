"""Issue 9: card submissions fuzzed at every Ny avtale step (wrong types, missing keys, huge and
odd unicode strings, markdown/HTML, typed text) always get a sensible reply, never an unhandled
error, and leave the dialog valid: afterwards the step's correct answer still advances, and the
meeting gets booked.

Each example is posted to the dialog sitting at the step under test. When an example happens to
be a valid answer (or cancels), the dialog is walked back to that step before the next one."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import MAX_ACTIVITY_BYTES
from tests.harness import Reply
from tests.reliability.flow import CREATED, STEPS, answers, finish_from, last_step, stored_meetings, walk_to
from tests.security.fuzz import install_turn_failures, json_values, odd_text, remove_turn_failures, run_hypothesis

EXAMPLES = 30  # per step: six steps, about 180 fuzzed turns (and their probes) in a few seconds

STEP_INPUTS = {
    "template": ["template"],
    "subject": ["subject", "confirm_subject"],
    "invitations": ["emails", "sms", "consent"],
    "time": ["date", "start", "end", "when"],
    "recurrence": ["recurrence", "until", "preset"],
    "summary": ["field"],
}
OTHER_KEYS = sorted({k for keys in STEP_INPUTS.values() for k in keys} | {"meeting_id", "retry_of", "key", "x"})
ACTIONS = ["next", "confirm", "edit", "cancel", "help", "restart", "resume", "retry", "quick_meeting",
           "my_meetings", "cancel_meeting", "unknown", ""]

# Values a field may get: anything JSON, plus text shaped like what the field expects, broken.
shaped_text = st.one_of(
    odd_text,
    st.sampled_from(["2026-02-30", "9999-12-31", "0000-01-01", "25:61", "13:00:00.000+99:00", "-1", "1e309",
                     "i går kl 25", "daily", "none", "long_lived", "true", "false", "TRUE", "on",
                     "a@b", "@@", "a" * 300 + "@example.org", "+47", "+47 " + "9" * 40, ",,,;;;\n\n",
                     "kari@siv.no," * 400, "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>"]),
)
field_value = st.one_of(json_values, shaped_text)


@st.composite
def submissions(draw, step: str):
    """A card submit aimed at ``step`` (its run and step, so the step's own check runs), or
    something else: wrong ids, any JSON value, typed text."""
    kind = draw(st.sampled_from(["one broken field", "one broken field", "own fields", "own fields",
                                 "wrong ids", "any value", "typed"]))
    if kind == "typed":
        return {"typed": draw(odd_text)}
    if kind == "any value":
        return {"value": draw(json_values)}
    if kind == "one broken field":  # a valid answer with one input wrong or missing
        data = dict(answers()[step])
        name = draw(st.sampled_from(STEP_INPUTS[step]))
        if draw(st.booleans()):
            data.pop(name, None)
        else:
            data[name] = draw(field_value)
    else:
        data = draw(st.dictionaries(st.sampled_from(STEP_INPUTS[step]), field_value))
    data.update(draw(st.dictionaries(st.sampled_from(OTHER_KEYS), field_value, max_size=2)))
    primary = "confirm" if step == "summary" else "next"
    action = draw(st.one_of(st.just(primary), st.just(primary), st.sampled_from(ACTIONS), json_values, st.none()))
    if action is not None:  # None: the key is missing
        data["action"] = action
    if kind == "wrong ids":
        data["step"] = draw(st.one_of(st.sampled_from(STEPS), json_values))
        data["run"] = draw(json_values)
        return {"value": data}
    data["step"] = step
    return {"value": data, "aimed": True}


UNESCAPED = [re.compile(r"(?<!\\)\]\((https?|javascript):"), re.compile(r"(?<!\\)<(script|img)", re.I)]


def shown_text(card: dict) -> list[str]:
    """What a card renders as markdown (TextBlocks, facts), not what sits in input fields."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "TextBlock" and isinstance(node.get("text"), str):
                found.append(node["text"])
            if node.get("type") == "FactSet":
                found.extend(f"{f.get('title')} {f.get('value')}" for f in node.get("facts", []))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return found


def assert_sensible(replies: list[Reply]) -> None:
    assert replies, "no reply"
    for reply in replies:
        assert reply.text.strip(), reply.activity
        for needle in ("Noe gikk galt", "Traceback", "Exception", "Error"):
            assert needle not in reply.text, (needle, reply.text[:300])
        for card in reply.cards:
            for line in shown_text(card):
                for pattern in UNESCAPED:
                    assert not pattern.search(line), line[:300]


@pytest.fixture
def turn_failures():
    handler = install_turn_failures()
    yield handler
    remove_turn_failures(handler)


@pytest.mark.parametrize("step", STEPS)
async def test_fuzzed_submissions_at_every_step(start_bot, turn_failures, step):
    bot = await start_bot(max_meetings_per_hour=10_000)  # fuzzed confirms book meetings too
    client = bot.client()
    position = {}

    async def to_step():
        run, card = await walk_to(client, step)
        position.update(run=run, card=card)

    async def probe() -> tuple[str, str, Reply] | None:
        """Where is the dialog? "hjelp" answers with help and the current step's card again."""
        return last_step(await client.say("hjelp"))

    await to_step()

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(example=submissions(step))
    def check(call, example):
        if "typed" in example:
            replies = call(client.say(example["typed"]))
        else:
            value = example["value"]
            if example.get("aimed"):
                value = dict(value, run=position["run"])
            activity = client.activity(value=value, replyToId=position["card"].id)
            if len(json.dumps(activity).encode()) > MAX_ACTIVITY_BYTES:  # what aiohttp will send
                assert call(client.post(activity)) == [] and client.last_status == 413
                return
            replies = call(client.post(activity))
        assert client.last_status in (200, 201)
        assert_sensible(replies)
        assert turn_failures.count == 0
        where = call(probe())
        if where is not None and where[0] == step:
            position.update(run=where[1], card=where[2])
        else:  # answered validly, cancelled, or booked: back to the step under test
            if where is not None:
                call(client.say("avbryt"))
            call(to_step())

    await run_hypothesis(lambda call: check(call))
    assert turn_failures.count == 0

    # The dialog is intact: the step's correct answer advances, and the meeting is booked.
    where = await probe()
    assert where is not None and where[0] == step
    replies = await client.press(where[2], inputs=answers()[step])
    if step == "summary":
        assert any(CREATED in r.text for r in replies), [r.text for r in replies]
    else:
        nxt = last_step(replies)
        assert nxt is not None and nxt[0] == STEPS[STEPS.index(step) + 1], [r.text for r in replies]
        replies = await finish_from(client, nxt[2])
        assert any(CREATED in r.text for r in replies), [r.text for r in replies]
    assert turn_failures.count == 0
    assert stored_meetings(bot.resources.settings.data_dir, client.user.aad_object_id, "scheduled")
