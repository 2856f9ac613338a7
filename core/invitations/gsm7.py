"""The GSM 7-bit default alphabet (3GPP TS 23.038) that SMS texts are counted in.

A basic character takes one unit, one of the extension table (``^{}\\[~]|€`` and form feed)
two. One SMS holds 160 units; a longer text is split into parts of 153 units each (the rest
is the concatenation header), so two SMS hold 306.

>>> units("Møte på Ål")      # æøå and ÆØÅ are in the basic alphabet
10
>>> units("a€")
3
>>> segments("x" * 160), segments("x" * 161), segments("x" * 306), segments("x" * 307)
(1, 2, 2, 3)
>>> to_gsm7("13:00–14:00 «ok»")
'13:00-14:00 "ok"'
"""
from __future__ import annotations

BASIC = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
         "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
EXTENSION = "\f^{}\\[~]|€"
_BASIC, _EXTENSION = frozenset(BASIC) - {"\x1b"}, frozenset(EXTENSION)
SINGLE, PART = 160, 153

_REPLACEMENTS = {"–": "-", "—": "-", "‐": "-", "«": '"', "»": '"', "“": '"', "”": '"', "„": '"',
                 "‘": "'", "’": "'", "…": "...", "\u00a0": " ", "\t": " "}


def is_gsm7(text: str) -> bool:
    return all(ch in _BASIC or ch in _EXTENSION for ch in text)


def units(text: str) -> int:
    """How many 7-bit units ``text`` takes (raises ``ValueError`` for a character outside GSM-7)."""
    total = 0
    for ch in text:
        if ch in _BASIC:
            total += 1
        elif ch in _EXTENSION:
            total += 2
        else:
            raise ValueError(f"not in the GSM 7-bit alphabet: U+{ord(ch):04X}")
    return total


def segments(text: str) -> int:
    """How many SMS ``text`` is sent as."""
    n = units(text)
    return 1 if n <= SINGLE else -(-n // PART)


def to_gsm7(text: str) -> str:
    """``text`` with typographic characters replaced and anything else outside GSM-7 dropped
    (for text from settings, such as the contact)."""
    out = "".join(_REPLACEMENTS.get(ch, ch) for ch in text)
    return "".join(ch for ch in out if ch in _BASIC or ch in _EXTENSION)
