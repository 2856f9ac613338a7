"""Velg mal in words: a portal template chosen by what the sentence says of it.

The sentence may name a template by a word of its name ("videokonsultasjon", "sensitivt rom"), by
its size ("50 deltakere", "for 40 participants": the smallest template that seats that many), by
its language ("engelsk", "på engelsk", "in English") or its picture ("full HD"), in any order. Each
is a *wish*; the template that meets the most wishes wins, earlier wishes first, then one that is
not a sensitive room (unless asked for), then the user's language, then the smaller template. A wish no template meets is left out, never dropped. Quick
templates (``kind`` "quick": Hurtigavtale) are never chosen for a planned meeting.

    >>> ts = [{"id": "a", "name": "Videomøte (50, FullHD) (nb)", "kind": "scheduled",
    ...        "max_participants": 50, "quality": "FullHD", "chat": True, "language": "nb"},
    ...       {"id": "s", "name": "Sensitivt rom (5, HD) (nb)", "kind": "scheduled",
    ...        "max_participants": 5, "quality": "HD", "chat": False, "language": "nb"}]
    >>> t = Text("Kurs 40 deltakere engelsk")
    >>> choose(find_wishes(t, ts), ts, "nb")
    ('a', ['engelsk'])
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .text import Text

_W = r"(?<![\w-])"
_E = r"(?![\w-])"
_PARTICIPANTS = re.compile(
    _W + r"(?:(?:for|med|with|til|to)\s+)?(?:(?:opptil|inntil|maks\.?|max\.?|maksimalt|up to|at most)\s+)?"
    r"(?:\d{1,4}\s*[-–]\s*)?(\d{1,4})\s*(?:deltakere|deltagere|deltakarar|deltakare|personer|personar|stk|folk|pers\.?"
    r"|participants|people|persons|attendees|seats|plasser)" + _E + r"(?!\s*:)")   # "Deltakere:" is a label
_SENSITIVE = re.compile(_W + r"sensitiv[te]?(?:\s+(?:rom|rommet|room|mal|template))?" + _E)
_ENGLISH = re.compile(_W + r"(?:(?:på|in|på|paa)\s+)?(?:engelsk|english)" + _E)
_NORWEGIAN = re.compile(_W + r"(?:(?:på|in|paa)\s+)?(?:norsk|bokmål|nynorsk|norwegian)" + _E)
_FULL_HD = re.compile(_W + r"full\s?hd" + _E)
_NO_CHAT = re.compile(_W + r"(?:uten|utan|without|no)\s+chat" + _E)
# Words of template names too common to name one ("rom" in "Vaktrom" is not a template).
# "videomøte" is the everyday word for any video meeting ("Videomøte med pasient"), not a wish for
# the 50-seat template whose name starts with it.
_NOT_NAMES = frozenset({"rom", "room", "chat", "møte", "meeting", "mal", "template", "full", "fullhd",
                        "videomøte", "videomøter", "videomøtet"})


@dataclass(frozen=True, slots=True)
class Wish:
    """What the sentence asks of the template, and the words that asked it."""

    words: str
    kind: str                 # "name", "size", "language", "sensitive", "quality", "chat"
    value: str | int | bool


def _ok(wish: Wish, template: Mapping[str, Any]) -> bool:
    name = str(template.get("name", "")).lower()
    if wish.kind == "name":
        return str(wish.value) in _name_words(name)
    if wish.kind == "sensitive":
        return "sensitiv" in name
    if wish.kind == "size":
        seats = template.get("max_participants")
        return isinstance(seats, int) and seats >= int(wish.value)
    if wish.kind == "language":
        return str(template.get("language", "")).lower().startswith(str(wish.value))
    if wish.kind == "quality":
        return str(template.get("quality", "")).lower().replace(" ", "") == wish.value
    if wish.kind == "chat":
        return bool(template.get("chat")) is wish.value
    return False


def _name_words(name: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[^\W\d_]{5,}", name.lower()) if w not in _NOT_NAMES)


@lru_cache(maxsize=8)
def _names_pattern(names: frozenset[str]) -> re.Pattern[str]:
    return re.compile(_W + "(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + ")" + _E)


def scheduled(templates: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The templates a planned meeting may use."""
    return [t for t in templates if t.get("kind") != "quick" and t.get("id")]


def find_wishes(text: Text, templates: Sequence[Mapping[str, Any]]) -> list[Wish]:
    """Claim every word that asks something of the template, in text order."""
    found: list[tuple[int, Wish]] = []

    def take(pattern: re.Pattern[str], kind: str, value: Any = None) -> None:
        for m in pattern.finditer(text.lower_view()):
            if not text.is_free(m.start(), m.end()):
                continue
            text.claim(m.start(), m.end())
            v = int(m[1]) if kind == "size" else value
            found.append((m.start(), Wish(text.text[m.start():m.end()], kind, v)))

    take(_PARTICIPANTS, "size")
    take(_SENSITIVE, "sensitive", True)
    take(_ENGLISH, "language", "en")
    take(_NORWEGIAN, "language", "nb")
    take(_FULL_HD, "quality", "fullhd")
    take(_NO_CHAT, "chat", False)
    names = frozenset().union(*(_name_words(str(t.get("name", ""))) for t in scheduled(templates)))
    if names:
        for m in _names_pattern(names).finditer(text.lower_view()):
            text.claim(m.start(), m.end())
            found.append((m.start(), Wish(text.text[m.start():m.end()], "name", m[1])))
    return [w for _, w in sorted(found, key=lambda x: x[0])]


def choose(wishes: Sequence[Wish], templates: Sequence[Mapping[str, Any]],
           language: str) -> tuple[str | None, list[str]]:
    """(the template id, the words of the wishes it does not meet)."""
    if not wishes:
        return None, []
    candidates = scheduled(templates)
    if not candidates:
        return None, [w.words for w in wishes]

    asked_sensitive = any(w.kind == "sensitive" for w in wishes)

    def score(t: Mapping[str, Any]) -> tuple[tuple[bool, ...], bool, bool, int]:
        met = tuple(_ok(w, t) for w in wishes)
        seats = t.get("max_participants")
        # a sensitive room only when asked for: "5 deltakere" is not a wish for one
        plain = asked_sensitive or "sensitiv" not in str(t.get("name", "")).lower()
        return (met, plain, str(t.get("language", "")).startswith(language),
                -seats if isinstance(seats, int) else -10**9)

    best = max(candidates, key=score)   # max keeps the first of equals: the portal's order
    met = score(best)[0]
    if not any(met):
        return None, [w.words for w in wishes]
    return str(best["id"]), [w.words for w, ok in zip(wishes, met) if not ok]
