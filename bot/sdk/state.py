"""Bot state in jsonpickle's format, without jsonpickle's cost on every turn.

SDK cost (botbuilder-core 4.17.1 ``BotState``/``CachedBotState``, jsonpickle 3.x): a turn that uses
the dialog state flattens it with ``jsonpickle.Pickler`` three times just to know whether it changed
(``CachedBotState.compute_hash`` when it is loaded, in ``is_changed`` and again after the write),
and the storage flattens it once more to write it and runs ``Unpickler.restore`` to read it. Each
pass of jsonpickle's general machinery (reference tracking, reduce/getstate probing, handler look-up
per object) costs 60-70 µs for a Ny avtale dialog state of about 1 KB: about 0.3 ms per step turn.
Measured by ``benchmarks/workarounds.py`` (part of ``make bench``), jsonpickle against this module,
CPU per call for that state: change hash 62 -> 15 µs, write 68 -> 18 µs, read 69 -> 12 µs.

:func:`flatten` and :func:`restore` do the same for the values this bot keeps in state - dicts
with string keys, lists, str/int/float/bool/None, and the SDK's ``DialogState`` and
``DialogInstance`` - and hand anything else (another class, a shared or cyclic reference, a
``py/`` key) to jsonpickle's Pickler when writing, so the stored JSON is exactly jsonpickle's
(tests/bot/test_state_codec.py compares them).

Reading is plain data only (issue 14): stored state is not trusted code. Anyone who can write a
``bot_state`` row or a blob could otherwise make jsonpickle's ``Unpickler.restore`` run
``os.system`` through a ``py/reduce`` entry. :func:`restore` builds dicts, lists, scalars,
``py/tuple``/``py/set`` of those and the two dialog classes by name, and raises
:class:`TaggedState` for any other tagged shape (``py/reduce``, ``py/object`` of another class,
``py/function``, ``py/id`` ...), which the stores treat as absent: the conversation starts afresh. :class:`ConversationState` and
:class:`PrivateConversationState` hash with :func:`flatten`; :mod:`bot.sdk.storage` writes with
:func:`flatten` and reads with :func:`loads`.

**It pays for itself** (issue 13, 2026-12-04, the 2-core VM under load). Per call
(``python -m benchmarks.workarounds``, that dialog state): change hash 129 -> 25 µs, write 130 -> 28 µs,
read 160 -> 26 µs (146 -> 29, 159 -> 34, 155 -> 22 µs in the ``make bench`` run before the move). Per
whole turn (``python -m benchmarks.sdk_parts``, the bot in one process with its client, jsonpickle
switched back in): a Ny avtale step turn 7.9 -> 6.9 ms and 10.0 -> 8.0 ms of CPU in two runs (12-20 %
saved); a ``hurtig`` turn, whose state is a few bytes, about the same either way.

Nothing installed is patched: these are functions and subclasses used by :mod:`bot.sdk` (the state
scopes) and :mod:`bot.sdk.storage`.
"""
from __future__ import annotations

import json
from typing import Any

from botbuilder.core import ConversationState as _ConversationState
from botbuilder.core import PrivateConversationState as _PrivateConversationState
from botbuilder.core import TurnContext
from botbuilder.core.bot_assert import BotAssert
from botbuilder.core.bot_state import CachedBotState
from botbuilder.dialogs import DialogInstance, DialogState
from jsonpickle import Pickler

#: Classes flattened and restored here, with jsonpickle's name for them (``py/object``).
_CLASSES: dict[type, str] = {
    DialogState: "botbuilder.dialogs.dialog_state.DialogState",
    DialogInstance: "botbuilder.dialogs.dialog_instance.DialogInstance",
}
_BY_NAME = {name: cls for cls, name in _CLASSES.items()}
_PRIMITIVES = (str, int, float, bool, type(None))


class _Fallback(Exception):
    """Not in the fast subset: let jsonpickle do it."""


class TaggedState(ValueError):
    """Stored state with a shape that plain data never has; ``tag`` names it (e.g. ``py/reduce``),
    never its content."""

    def __init__(self, tag: str):
        super().__init__(f"stored state holds a {tag} entry")
        self.tag = tag


def _tag_of(key: str) -> str:
    return key if key.isascii() and len(key) <= 20 else "py/?"


def _flatten(value: Any, seen: set[int]) -> Any:
    kind = type(value)
    if kind in _PRIMITIVES:
        return value
    ident = id(value)
    if ident in seen:  # a shared or cyclic reference: jsonpickle writes py/id
        raise _Fallback
    seen.add(ident)
    if kind is dict:
        out = {}
        for key, item in value.items():
            if type(key) is not str or key.startswith("py/"):
                raise _Fallback
            out[key] = _flatten(item, seen)
        return out
    if kind is list:
        return [_flatten(item, seen) for item in value]
    name = _CLASSES.get(kind)
    if name is None:
        raise _Fallback
    attrs = value.__dict__
    seen.add(id(attrs))
    out = {"py/object": name}
    for key, item in attrs.items():
        if type(key) is not str or key.startswith("py/"):
            raise _Fallback
        out[key] = _flatten(item, seen)
    return out


def flatten(value: Any) -> Any:
    """``jsonpickle.Pickler().flatten(value)``, faster for the values bot state holds."""
    try:
        return _flatten(value, set())
    except (_Fallback, RecursionError):
        return Pickler().flatten(value)


def _restore(data: Any, seen: list[Any]) -> Any:
    """``seen``: every dict, list and dialog object restored so far, in jsonpickle's order (before
    their children), for ``py/id`` references to objects already read (a shared list, say)."""
    kind = type(data)
    if kind is dict:
        name = data.get("py/object")
        if name is not None:
            cls: Any = _BY_NAME.get(name) if isinstance(name, str) else None
            if cls is None:
                raise TaggedState("py/object")
            obj = cls.__new__(cls)
            seen.append(obj)
            for key, item in data.items():
                if key.startswith("py/"):
                    if key != "py/object":
                        raise TaggedState(_tag_of(key))
                    continue
                setattr(obj, key, _restore(item, seen))
            return obj
        if len(data) == 1:
            ref = data.get("py/id")
            if ref is not None:
                if type(ref) is not int or not 0 <= ref < len(seen):
                    raise TaggedState("py/id")
                return seen[ref]
            items = data.get("py/tuple", data.get("py/set"))
            if type(items) is list:
                restored = [_restore(item, seen) for item in items]
                return tuple(restored) if "py/tuple" in data else set(restored)
        out: dict[str, Any] = {}
        seen.append(out)
        for key, item in data.items():
            if key.startswith("py/"):
                raise TaggedState(_tag_of(key))
            out[key] = _restore(item, seen)
        return out
    if kind is list:
        result: list[Any] = []
        seen.append(result)
        result.extend(_restore(item, seen) for item in data)
        return result
    return data


def restore(data: Any) -> Any:
    """Stored state as plain data and the SDK's dialog classes; :class:`TaggedState` for anything
    else (never jsonpickle's ``Unpickler``, which instantiates what the data names)."""
    try:
        return _restore(data, [])
    except RecursionError:
        raise TaggedState("nesting") from None
    except TypeError:  # e.g. an unhashable member of a py/set
        raise TaggedState("py/set") from None


def dumps(value: Any) -> str:
    """The stored text of a state item (compact JSON of its jsonpickle form, ``e_tag`` left out)."""
    data = flatten(value)
    if isinstance(data, dict):
        data.pop("e_tag", None)
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def loads(text: str) -> Any:
    return restore(json.loads(text))


class _FastCachedBotState(CachedBotState):
    def compute_hash(self, obj: object) -> str:
        return str(flatten(obj))


class _FastHash:
    """``BotState.load`` as in botbuilder-core 4.17.1, caching with the faster hash."""

    async def load(self: Any, turn_context: TurnContext, force: bool = False) -> None:
        BotAssert.context_not_none(turn_context)
        cached_state = self.get_cached_state(turn_context)
        storage_key = self.get_storage_key(turn_context)
        if force or not cached_state or not cached_state.state:
            items = await self._storage.read([storage_key])
            val = items.get(storage_key)
            turn_context.turn_state[self._context_service_key] = _FastCachedBotState(val)


class ConversationState(_FastHash, _ConversationState):
    """``botbuilder.core.ConversationState`` with the faster change check."""


class PrivateConversationState(_FastHash, _PrivateConversationState):
    """``botbuilder.core.PrivateConversationState`` with the faster change check."""
