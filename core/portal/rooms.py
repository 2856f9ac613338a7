"""Virtual meeting rooms as NHN's video service (join.nhn.no, Pexip) has them: a 6-digit room
number, a host PIN for the organizer, a guest PIN where the room type asks for one, a SIP address
for video endpoints, and a join link that holds the room number and never a PIN.

Numbers and PINs come from :mod:`secrets` (``randbelow`` can be given for tests). A PIN is
never the room number and never appears inside the join link, and the guest PIN differs from
the host PIN (the room tells host from guest by the PIN).

>>> room = new_room_number()
>>> len(room), room.isdigit(), room[0] != "0"
(6, True, True)
>>> join_url("https://join.nhn.no", "123456")
'https://join.nhn.no/webapp/conference/123456'
>>> sip_address("123456", "join.nhn.no")
'123456@join.nhn.no'
>>> host, guest = new_pins("https://join.nhn.no/webapp/conference/123456", guest=True)
>>> host != guest and host not in "https://join.nhn.no/webapp/conference/123456"
True
"""
from __future__ import annotations

import secrets
from typing import Any, Callable, Mapping

#: The SIP domain of room addresses unless ``PORTAL_SIP_DOMAIN`` says otherwise.
DEFAULT_SIP_DOMAIN = "join.nhn.no"
ROOM_DIGITS = 6
PIN_DIGITS = 6
PIN_ATTEMPTS = 1000
JOIN_PATH = "/webapp/conference/"

RandBelow = Callable[[int], int]


def new_room_number(randbelow: RandBelow = secrets.randbelow) -> str:
    """Six digits, never starting with 0 (so it survives spreadsheets and phone keypads)."""
    return str(10 ** (ROOM_DIGITS - 1) + randbelow(9 * 10 ** (ROOM_DIGITS - 1)))


def new_pin(randbelow: RandBelow = secrets.randbelow, digits: int = PIN_DIGITS) -> str:
    return "".join(str(randbelow(10)) for _ in range(digits))


def new_pins(join_link: str, *, guest: bool, randbelow: RandBelow = secrets.randbelow) -> tuple[str, str | None]:
    """A host PIN and (``guest``) a guest PIN: neither inside ``join_link`` (which holds the room
    number), and not equal to each other."""
    def pin(avoid: tuple[str, ...]) -> str:
        for _ in range(PIN_ATTEMPTS):
            value = new_pin(randbelow)
            if value not in join_link and value not in avoid:
                return value
        raise RuntimeError("no PIN found that is not in the join link")

    host = pin(())
    return host, pin((host,)) if guest else None


def join_url(base_url: str, room_number: str) -> str:
    return f"{base_url.rstrip('/')}{JOIN_PATH}{room_number}"


def sip_address(room_number: str, domain: str = DEFAULT_SIP_DOMAIN) -> str:
    return f"{room_number}@{domain}"


def template_has_guest_pin(template: Mapping[str, Any]) -> bool:
    """Whether a template's rooms give guests a PIN: its ``guest_pin`` flag where the portal says
    so, else NHN's room types: the sensitive room ("Sensitivt rom") does, the others do not.

    >>> template_has_guest_pin({"name": "Sensitivt rom (5, HD) (nb)"})
    True
    >>> template_has_guest_pin({"name": "Videomøte (50, FullHD, Chat) (nb)"})
    False
    """
    flag = template.get("guest_pin")
    if isinstance(flag, bool):
        return flag
    return "sensitiv" in str(template.get("name", "")).lower()
