"""msrest serialisation of the bot's replies with the same result and less work: :class:`FastSerializer`.

Replaces, for the pooled connector clients (:mod:`bot.sdk.connector`), msrest 0.7.1's ``Serializer``
as botframework-connector 4.17.1 uses it to send every reply and card update. Nothing installed is
patched: the pool hands each client it builds a :class:`FastSerializer`.

**What it replaces, and why.** ``Serializer.body`` validates the whole activity against constraints
that no Bot Framework model has (``_validation`` is empty for all 142 connector models), walks the
Adaptive Card (an ``object`` attribute) node by node through ``serialize_object``/``serialize_basic``,
raises and catches a ``ValueError`` for each of the ~60 ``Activity`` attributes that is ``None``, and
an ``AttributeError`` for every string (it tries ``.value`` in case it is an Enum).
:class:`FastSerializer` produces the identical dict (tests/bot/test_connector.py compares it with
msrest's): validation off while there are no rules, plain JSON values copied in one pass, plain
``str``/``bool``/``int``/``float`` returned as they are, and per model class a precomputed list of
attributes that skips ``None`` without an exception. Anything unusual (XML models, flattened keys,
read-only attributes, non-JSON values) falls back to msrest's own code.

**It pays for itself** (issue 13, 2026-12-04, the 2-core VM under load). Per call
(``python -m benchmarks.workarounds``), a help-card reply: 1036 -> 141 µs (1194 -> 103 µs in the
``make bench`` run before the move; 440 -> 44 µs on a quiet machine). Per whole turn
(``python -m benchmarks.sdk_parts``, the bot in one process with its client, msrest's serializer
switched back in): a Ny avtale step turn 9.2 -> 6.9 ms of CPU (25 % saved: a step sends the new card
and updates the answered one), a ``hurtig`` turn 5.9 -> 4.5 ms (24 %).

**Removed: the deserializer.** A ``FastDeserializer`` used to replace ``Activity().deserialize`` for
every incoming activity and msrest's ``Deserializer`` for the connector's answers. It was 2-3 times
faster per call (a card submit: 227 -> 111 µs, 374 -> 112 µs in two runs), but that is 0.1-0.3 ms of
a turn that costs about 4-5 ms of server CPU under the same load (``make bench``), and with it
switched off the whole-turn figures of ``benchmarks.sdk_parts`` moved by less than their run-to-run
noise (+0.5, -0.1, -0.6 and +1.0 ms in four runs). It overrode msrest's private ``_deserialize`` and
made the app call a method of our own instead of the SDK's ``Activity().deserialize``; for a saving
that cannot be seen in a turn, it did not pay for that.
"""
from __future__ import annotations

from typing import Any

from botframework.connector.aio import ConnectorClient
from msrest import Serializer
from msrest.exceptions import SerializationError
from msrest.serialization import Model


class _NotPlain(Exception):
    pass


def _plain_json(value: Any) -> Any:
    """A copy of a tree of exactly ``dict`` (str keys), ``list``, ``str``, ``int``, ``float``,
    ``bool`` and ``None`` - what msrest's ``serialize_object`` returns for such a tree - or
    :class:`_NotPlain` for anything else."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or kind is float or value is None:
        return value
    if kind is dict:
        out = {}
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlain
            out[key] = _plain_json(item)
        return out
    if kind is list:
        return [_plain_json(item) for item in value]
    raise _NotPlain


_BASIC_TYPES = {"str": str, "bool": bool, "int": int, "float": float}


class FastSerializer(Serializer):
    """msrest's ``Serializer`` with the same output and less work (see the module docstring)."""

    def __init__(self, classes: dict[str, type] | None = None):
        super().__init__(classes)
        # Client-side validation checks ``_validation`` rules; with none in any model it can only
        # find nothing. Keep it where a model has rules.
        self._no_rules = not any(getattr(cls, "_validation", None) for cls in self.dependencies.values()
                                 if isinstance(cls, type) and issubclass(cls, Model))
        self._plans: dict[type, list[tuple[str, str, dict[str, Any]]] | None] = {}

    def body(self, data, data_type, **kwargs):
        if not (self._no_rules and self.client_side_validation):
            return super().body(data, data_type, **kwargs)
        self.client_side_validation = False
        try:
            return super().body(data, data_type, **kwargs)
        finally:
            self.client_side_validation = True

    def serialize_data(self, data, data_type, **kwargs):
        # msrest: serialize_basic -> serialize_unicode, which tries ``data.value`` (an Enum?) and
        # catches the AttributeError, for every string; bool/int/float go through ``eval``.
        if _BASIC_TYPES.get(data_type) is type(data) and "basic_types_serializers" not in kwargs:
            return data
        return super().serialize_data(data, data_type, **kwargs)

    def serialize_object(self, attr, **kwargs):
        try:
            return _plain_json(attr)
        except _NotPlain:
            return super().serialize_object(attr, **kwargs)

    def _plan(self, cls: Any) -> list[tuple[str, str, dict[str, Any]]] | None:
        """(attribute, JSON key, attribute description) for a model class msrest would serialise
        attribute by attribute into one flat JSON object; None where it does more than that."""
        try:
            return self._plans[cls]
        except KeyError:
            pass
        plan: list[tuple[str, str, dict[str, Any]]] | None = None
        if not cls.is_xml_model():
            attrs: list[tuple[str, str, dict[str, Any]]] = []
            for attr, desc in cls._attribute_map.items():
                key = desc.get("key", "")
                if (attr == "additional_properties" or not key or "." in key or "\\" in key
                        or cls._validation.get(attr, {}).get("readonly")):
                    break
                attrs.append((attr, key, desc))
            else:
                plan = attrs
        self._plans[cls] = plan
        return plan

    def _serialize(self, target_obj, data_type=None, **kwargs):
        plan = None
        if (target_obj is not None and data_type is None and isinstance(target_obj, Model)
                and not kwargs.get("is_xml") and kwargs.keys() <= {"is_xml", "serialization_ctxt"}):
            plan = self._plan(type(target_obj))
        if plan is None:
            return super()._serialize(target_obj, data_type, **kwargs)
        serialized = {}
        try:
            for attr, key, desc in plan:
                value = getattr(target_obj, attr)
                if value is None:
                    continue  # msrest: serialize_data raises ValueError, the attribute is skipped
                try:
                    new_value = self.serialize_data(value, desc["type"], is_xml=False, serialization_ctxt=desc)
                except ValueError as err:
                    if isinstance(err, SerializationError):
                        raise
                    continue
                if key not in serialized:
                    serialized[key] = new_value
        except (AttributeError, KeyError, TypeError):
            return super()._serialize(target_obj, data_type, **kwargs)  # let msrest raise its error
        return serialized


def use_fast_serializer(client: ConnectorClient) -> None:
    """Give a connector client and its operation groups a :class:`FastSerializer`."""
    fast = FastSerializer(client._serialize.dependencies)
    client._serialize = fast
    for group in ("conversations", "attachments"):
        operations = getattr(client, group, None)
        if operations is not None and hasattr(operations, "_serialize"):
            operations._serialize = fast
