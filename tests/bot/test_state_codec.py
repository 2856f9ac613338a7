"""bot.sdk.state's codec gives exactly what jsonpickle gives (stored JSON, hashes, restored objects)."""
from __future__ import annotations

import json

import pytest
from botbuilder.dialogs import DialogInstance, DialogState
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonpickle import Pickler, Unpickler

from bot.sdk import state as codec


def dialog_state_mid_booking() -> dict:
    values = {"run": "5175890e", "key": "b0885c6b61bd46099ac336ddfacadfe9",
              "template_id": "videokonsultasjon-15-hd-chat-nb", "subject": "Tverrfaglig møte", "subject_ok": False,
              "start": "2026-12-03T10:00:00+01:00", "count": 3, "ratio": 1.5, "none": None, "list": [1, "a", None]}
    inner = DialogState([
        DialogInstance("new_meeting.invitations", {"values": dict(values), "card_id": "act-3"}),
        DialogInstance("new_meeting.flow", {"options": {"prefill": ""}, "values": dict(values),
                                            "instanceId": "4ca96412", "stepIndex": 2}),
    ])
    return {"DialogState": DialogState([DialogInstance("new_meeting", {"dialogs": inner})]),
            "NewMeetingFinished": {"abc": "created"}, "e_tag": "1234"}


def jsonpickle_dumps(value) -> str:
    data = Pickler().flatten(value)
    if isinstance(data, dict):
        data.pop("e_tag", None)
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def test_dialog_state_is_stored_as_jsonpickle_stores_it():
    value = dialog_state_mid_booking()
    assert codec.flatten(value) == Pickler().flatten(value)
    assert codec.dumps(value) == jsonpickle_dumps(value)
    assert str(codec.flatten(value)) == str(Pickler().flatten(value))  # the SDK's change hash


def test_stored_dialog_state_reads_back_as_jsonpickle_reads_it():
    text = jsonpickle_dumps(dialog_state_mid_booking())
    mine, theirs = codec.loads(text), Unpickler().restore(json.loads(text))
    assert type(mine["DialogState"]) is DialogState
    assert type(mine["DialogState"].dialog_stack[0]) is DialogInstance
    assert Pickler().flatten(mine) == Pickler().flatten(theirs)
    assert mine["DialogState"].dialog_stack[0].state["dialogs"].dialog_stack[1].state["stepIndex"] == 2


def test_values_outside_the_fast_subset_are_written_by_jsonpickle_and_read_as_plain_data():
    shared = {"a": 1}
    for value in ({"x": [shared, shared]}, {"t": (1, 2)}, {"s": {3}},
                  {"i": DialogInstance("x", {"twice": shared}), "j": shared}):
        assert codec.flatten(value) == Pickler().flatten(value)
        text = jsonpickle_dumps(value)
        assert Pickler().flatten(codec.loads(text)) == Pickler().flatten(Unpickler().restore(json.loads(text)))


def test_what_plain_data_never_holds_is_refused_when_read():
    """Issue 14: reading never instantiates what the stored data names (jsonpickle would)."""
    for value in ({"f": len}, {"m": json}):
        with pytest.raises(codec.TaggedState):
            codec.loads(jsonpickle_dumps(value))
    for text in ('{"a": {"py/id": 5}}', '{"py/reduce": [{"py/function": "os.system"}, {"py/tuple": ["x"]}]}',
                 '{"py/object": "subprocess.Popen"}', '{"a": {"py/type": "os.system"}}'):
        with pytest.raises(codec.TaggedState):
            codec.loads(text)


def test_a_cycle_goes_to_jsonpickle():
    instance = DialogInstance("loop", {})
    instance.state["me"] = instance
    value = {"DialogState": DialogState([instance])}
    assert codec.flatten(value) == Pickler().flatten(value)


json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8))
# keys starting with "py/" are jsonpickle's tags, which stored state may not hold (issue 14: refused)
keys = st.text(max_size=6).filter(lambda k: not k.startswith("py/"))


def with_dialogs(children):
    instance = st.builds(DialogInstance, st.text(max_size=5), st.dictionaries(keys, children, max_size=3))
    return st.one_of(st.lists(children, max_size=3), st.dictionaries(keys, children, max_size=3),
                     instance, st.builds(DialogState, st.lists(instance, max_size=2)))


state_values = st.dictionaries(keys, st.recursive(json_leaf, with_dialogs, max_leaves=20), max_size=4)


@settings(max_examples=300, deadline=None)
@given(state_values)
def test_any_state_value_round_trips_exactly_as_with_jsonpickle(value):
    assert codec.flatten(value) == Pickler().flatten(value)
    text = jsonpickle_dumps(value)
    assert codec.dumps(value) == text
    assert Pickler().flatten(codec.loads(text)) == Pickler().flatten(Unpickler().restore(json.loads(text)))
