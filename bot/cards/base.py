"""Building blocks for the bot's Adaptive Cards (schema 1.5), on the typed ``adaptive-cards-py``
library (import ``adaptive_cards``).

Cards are pure functions from plain data to a card dict (the attachment's ``content``): no I/O.
Every card gets a ``fallbackText``; every button is an ``Action.Submit`` whose ``data`` holds
``"action"`` (contracts.md section 3), except **Åpne møtet** (``Action.OpenUrl``).
"""
from __future__ import annotations

import json
import re
from typing import Any, Final, Iterable, Sequence

from adaptive_cards import card as ac
from adaptive_cards import types as act

VERSION: Final = "1.5"
#: Teams refuses card payloads above about 28 KB.
TEAMS_MAX_BYTES = 28 * 1024

# The characters that start markdown or HTML in Teams' renderer; dots and dashes mid-text are inert.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#~|])")


def escape(text: Any, limit: int = 300) -> str:
    """User input shown in a card: markdown and HTML made inert, length capped.

    >>> print(escape("**fet** <b>"))
    \\*\\*fet\\*\\* \\<b\\>
    """
    value = "" if text is None else str(text)
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    value = value.replace("\r", " ").replace("\n", " ")
    return _MARKDOWN.sub(r"\\\1", value)


def text(value: str, *, weight: str | None = None, size: str | None = None, subtle: bool = False,
         color: str | None = None, spacing: str | None = None, monospace: bool = False) -> ac.TextBlock:
    return ac.TextBlock(
        text=value,
        wrap=True,
        weight=act.FontWeight(weight) if weight else None,
        size=act.FontSize(size) if size else None,
        is_subtle=True if subtle else None,
        color=act.Colors(color) if color else None,
        spacing=act.Spacing(spacing) if spacing else None,
        font_type=act.FontType.MONOSPACE if monospace else None,
    )


def title(value: str) -> ac.TextBlock:
    return text(value, weight="bolder", size="medium")


def facts(pairs: Iterable[tuple[str, str]]) -> ac.FactSet:
    return ac.FactSet(facts=[ac.Fact(title=k, value=v) for k, v in pairs])


def submit(title_text: str, action: str, *, style: str | None = None, associated: bool = True,
           **data: Any) -> ac.ActionSubmit:
    """An ``Action.Submit`` with ``data.action``; ``associated=False`` submits no inputs (and
    skips their validation), for Avbryt/Lukk/Hjelp."""
    return ac.ActionSubmit(
        title=title_text,
        data={"action": action, **data},
        style=act.ActionStyle(style) if style else None,
        associated_inputs=None if associated else act.AssociatedInputs.NONE,
    )


def open_url(title_text: str, url: str) -> ac.ActionOpenUrl:
    return ac.ActionOpenUrl(title=title_text, url=url)


_COPYABLE = "copyable-"


def copyable(value: str, index: int = 0) -> ac.TextBlock:
    """A value (a join link) to copy in one click: Teams' ``CodeBlock`` element, which has a **Copy**
    button on desktop and web. ``adaptive-cards-py`` has no CodeBlock, so this is a monospace
    TextBlock that :func:`build` wraps as the CodeBlock's ``fallback`` (what Teams mobile and other
    clients show: the link as text, selectable)."""
    block = text(value, monospace=True, weight="bolder", spacing="none")
    block.id = f"{_COPYABLE}{index}"
    return block


def _code_blocks(node: Any) -> Any:
    if isinstance(node, list):
        return [_code_blocks(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("type") == "TextBlock" and str(node.get("id", "")).startswith(_COPYABLE):
        fallback = {k: v for k, v in node.items() if k != "id"}
        return {"type": "CodeBlock", "codeSnippet": node["text"], "language": "PlainText", "fallback": fallback}
    return {key: _code_blocks(value) for key, value in node.items()}


def build(body: Sequence[Any], actions: Sequence[Any] = (), *, fallback_text: str) -> dict[str, Any]:
    """The card dict for an attachment: schema 1.5, full width in Teams, a fallback text."""
    card = ac.AdaptiveCard.new().version(VERSION).add_items(list(body))
    if actions:
        card = card.add_actions(list(actions))
    built = card.create()
    built.fallback_text = fallback_text
    data = _code_blocks(json.loads(built.to_json()))
    data["msteams"] = {"width": "Full"}
    return data


def size_ok(card: dict[str, Any]) -> bool:
    return len(json.dumps(card, ensure_ascii=False).encode("utf-8")) <= TEAMS_MAX_BYTES
