"""The card checker itself: it passes a good card and names each kind of fault in bad ones.

Without these, a checker that silently accepts everything would make tests/cards/test_cards.py
worthless.
"""

from __future__ import annotations

import copy
import json

import pytest

from .harness import TEAMS_MAX_BYTES, payload_bytes, renderer_problems, static_problems

GOOD = {
    "type": "AdaptiveCard",
    "version": "1.5",
    "fallbackText": "Ny avtale: fyll inn emne og tidspunkt.",
    "msteams": {"width": "Full"},
    "body": [
        {"type": "TextBlock", "text": "**Ny avtale**", "wrap": True, "size": "Medium"},
        {"type": "TextBlock",
         "text": "Emne: Fagm\u00f8te \\*\\*fet\\*\\* \\[lenke\\](https://x.example) \\<b\\>", "wrap": True},
        {"type": "FactSet", "facts": [{"title": "Tid", "value": "25.11.2027 kl. 14:00"}]},
        {"type": "Input.Text", "id": "subject", "label": "Emne", "isRequired": True,
         "errorMessage": "Skriv et emne", "maxLength": 200},
        {"type": "Input.Date", "id": "date", "label": "Dato"},
        {"type": "Input.Time", "id": "start", "label": "Start"},
        {"type": "Input.ChoiceSet", "id": "recurrence", "label": "Regelmessighet", "value": "none",
         "choices": [{"title": "Ingen", "value": "none"}, {"title": "Ukentlig", "value": "weekly"}]},
        {"type": "Input.Toggle", "id": "consent", "label": "Samtykke", "title": "Mottakerne har samtykket",
         "valueOn": "true", "valueOff": "false"},
        {"type": "Table", "columns": [{"width": 1}], "rows": [
            {"type": "TableRow", "cells": [{"type": "TableCell", "items": [{"type": "TextBlock", "text": "x"}]}]}]},
    ],
    "actions": [
        {"type": "Action.Submit", "title": "Opprett m\u00f8te", "data": {"action": "confirm"}, "style": "positive"},
        {"type": "Action.OpenUrl", "title": "\u00c5pne m\u00f8tet", "url": "https://delta.example/join/abc"},
        {"type": "Action.Submit", "title": "Avbryt", "data": {"action": "cancel"}, "associatedInputs": "none"},
    ],
}


def mutate(fn) -> dict:
    card = copy.deepcopy(GOOD)
    fn(card)
    return card


def test_good_card_passes(renderer, tmp_path):
    assert static_problems(GOOD) == []
    shot = tmp_path / "good.png"
    result = renderer.check(GOOD, shot)
    assert renderer_problems(GOOD, result) == []
    assert shot.stat().st_size > 1000
    assert "Input.Text#subject" in result["elements"] and "Action.Submit" in result["actions"]
    assert renderer.page_errors == []


BAD_STATIC = {
    "version 1.6": (lambda c: c.update(version="1.6"), "newer than Teams"),
    "no fallbackText": (lambda c: c.pop("fallbackText"), "fallbackText"),
    "empty fallbackText": (lambda c: c.update(fallbackText=" "), "fallbackText"),
    "input without label": (lambda c: c["body"][4].pop("label"), "has no label"),
    "duplicate input id": (lambda c: c["body"][5].update(id="date"), "also used"),
    "misspelt property": (lambda c: c["body"][0].update(wrapp=True), "schema 1.5"),
    "unknown element": (lambda c: c["body"].append({"type": "Carousel", "pages": []}), "schema 1.5"),
    "submit without action": (lambda c: c["actions"][0].update(data={"x": 1}), "data.action"),
    "Action.Execute": (lambda c: c["actions"].append({"type": "Action.Execute", "title": "x", "verb": "v"}),
                       "not a button"),
    "http url": (lambda c: c["actions"][1].update(url="http://delta.example"), "non-https"),
    "raw markdown link": (lambda c: c["body"][1].update(text="Emne: [klikk](https://evil.example)"), "markdown link"),
    "raw html": (lambda c: c["body"][1].update(text="Emne: <b>fet</b>"), "HTML tag"),
    "raw link in fact": (lambda c: c["body"][2]["facts"][0].update(value="[x](https://e.example)"), "markdown link"),
    "too big": (lambda c: c["body"].extend({"type": "TextBlock", "text": "\u00f8" * 500} for _ in range(12)),
                "payload is"),
    "Table in a 1.4 card": (lambda c: c.update(version="1.4"), "schema 1.4"),
    "bad msteams": (lambda c: c.update(msteams={"width": "Wide"}), "msteams.width"),
}


@pytest.mark.parametrize("name", list(BAD_STATIC))
def test_static_checks_catch(name):
    fn, expected = BAD_STATIC[name]
    card = mutate(fn)
    problems = static_problems(card)
    assert any(expected in p for p in problems), problems


def test_size_is_measured_as_sent():
    card = mutate(lambda c: c["body"].append({"type": "TextBlock", "text": "\u00e6\u00f8\u00e5" * 100}))
    # json.dumps escapes each of these as \\u00xx: 6 bytes, not 2.
    assert payload_bytes(card) - payload_bytes(GOOD) > 1800
    assert payload_bytes(GOOD) < TEAMS_MAX_BYTES


BAD_RENDER = {
    # The renderer drops these silently from the rendering; its events must report them.
    "Table in a 1.4 card": (lambda c: c.update(version="1.4"), "UnknownElementType"),
    "unknown element type": (lambda c: c["body"].append({"type": "Carousel", "pages": []}), "UnknownElementType"),
    "unknown action type": (lambda c: c["actions"].append({"type": "Action.Launch", "title": "x"}),
                            "UnknownActionType"),
    "1.5 property in 1.2 card": (lambda c: (c.update(version="1.2"), c["body"].pop()), "UnsupportedProperty"),
    "required input without error message": (lambda c: c["body"][3].pop("errorMessage"),
                                             "RequiredInputsShouldHaveErrorMessage"),
    "required input without label": (lambda c: c["body"][3].pop("label"), "RequiredInputsShouldHaveLabel"),
    "duplicate id": (lambda c: c["body"][5].update(id="date"), "DuplicateId"),
    "unsupported card version": (lambda c: c.update(version="9.0"), "UnsupportedCardVersion"),
    "unescaped markdown link": (lambda c: c["body"][1].update(text="Emne: [klikk](https://evil.example)"),
                                "links rendered"),
    "invalid enum value": (lambda c: c["body"][0].update(size="Huge"), "InvalidPropertyValue"),
}


@pytest.mark.parametrize("name", list(BAD_RENDER))
def test_renderer_events_catch(renderer, name):
    fn, expected = BAD_RENDER[name]
    card = mutate(fn)
    problems = renderer_problems(card, renderer.check(card))
    assert any(expected in p for p in problems), problems


def _with_code_block(code_block: dict) -> dict:
    card = json.loads(json.dumps(GOOD))
    card["body"].append(code_block)
    return card


def test_teams_code_block_with_a_text_fallback_passes(renderer):
    card = _with_code_block({"type": "CodeBlock", "codeSnippet": "https://delta.example/join/1",
                             "language": "PlainText",
                             "fallback": {"type": "TextBlock", "text": "https://delta.example/join/1", "wrap": True}})
    assert static_problems(card) == []
    assert renderer_problems(card, renderer.check(card)) == []


@pytest.mark.parametrize("code_block, problem", [
    ({"type": "CodeBlock", "codeSnippet": "x", "language": "PlainText"}, "TextBlock fallback"),
    ({"type": "CodeBlock", "codeSnippet": "", "fallback": {"type": "TextBlock", "text": "x"}}, "without codeSnippet"),
    ({"type": "CodeBlock", "codeSnippet": "x", "language": "Klingon", "fallback": {"type": "TextBlock", "text": "x"}},
     "language"),
    ({"type": "CodeBlock", "codeSnippet": "x", "colour": "red", "fallback": {"type": "TextBlock", "text": "x"}},
     "does not know"),
])
def test_teams_code_block_problems_are_caught(code_block, problem):
    problems = static_problems(_with_code_block(code_block))
    assert any(problem in p for p in problems), problems
