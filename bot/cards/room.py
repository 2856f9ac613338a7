"""The room part of a meeting card: room number, guest PIN (when there is one), SIP address, and
the host PIN only where the organizer alone reads it.

``personal`` is ``True`` only for the organizer's personal chat with the bot. Everywhere else (a
group chat, a channel, a message-extension card, a reminder in a shared place) the host PIN is
left out and a line says where to find it. Used by the result card, Hurtigavtale, Mine møter
(and the reminder).

>>> from bot.i18n import Texts
>>> meeting = {"room_number": "123456", "guest_pin": None, "host_pin": "987654", "sip_address": "123456@x.no"}
>>> "987654" in str(room_facts(meeting, Texts("nb"), personal=False))
False
>>> "987654" in str(room_facts(meeting, Texts("nb"), personal=True))
True
"""
from __future__ import annotations

from typing import Any, Mapping

from ..i18n import Texts
from .base import escape, facts, text


def room_facts(meeting: Mapping[str, Any], texts: Texts, personal: bool = False) -> list[Any]:
    """Card elements for the meeting's room; none for a portal that gives no room (contract v1)."""
    room = meeting.get("room_number")
    if not room:
        return []
    rows = [(texts("room_number"), escape(room, limit=20))]
    if meeting.get("guest_pin"):
        rows.append((texts("room_guest_pin"), escape(meeting["guest_pin"], limit=20)))
    if meeting.get("sip_address"):
        rows.append((texts("room_sip"), escape(meeting["sip_address"], limit=100)))
    host_pin = meeting.get("host_pin")
    if personal and host_pin:
        rows.append((texts("room_host_pin"), escape(host_pin, limit=20)))
    elements: list[Any] = [facts(rows)]
    if host_pin:
        elements.append(text(texts("room_host_pin_help" if personal else "room_host_pin_elsewhere"),
                             subtle=True, size="small", spacing="none"))
    return elements
