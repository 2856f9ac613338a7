"""Every card the bot can send (``bot.cards.samples.sample_cards``, nb and en), checked against the
Adaptive Card schema of its version, Teams' limits, and Microsoft's renderer in headless Chromium.

Each card is rendered to ``test-artifacts/cards/<locale>/<name>.png`` for a human to look at.
A failure lists every problem of the card, each with the JSON path or the renderer event.
"""

from __future__ import annotations

import re

import pytest

from bot.cards.samples import sample_cards

from .harness import ARTIFACTS, ESCAPED_MARKDOWN, markdown_texts, renderer_problems, static_problems

LOCALES = ("nb", "en")
CARDS = {locale: sample_cards(locale) for locale in LOCALES}
CASES = [(locale, name) for locale in LOCALES for name in CARDS[locale]]


def artifact(locale: str, name: str):
    return ARTIFACTS / locale / (re.sub(r"[^A-Za-z0-9_.-]+", "_", name) + ".png")


def test_samples_cover_both_locales_alike():
    assert CARDS["nb"], "sample_cards('nb') returned no cards"
    assert sorted(CARDS["nb"]) == sorted(CARDS["en"])


@pytest.mark.parametrize("locale", LOCALES)
def test_samples_are_localised(locale):
    other = "en" if locale == "nb" else "nb"
    same = [n for n in CARDS[locale] if CARDS[locale][n] == CARDS[other].get(n)]
    assert same == [], f"cards identical in nb and en: {same}"


@pytest.mark.parametrize("locale", LOCALES)
def test_samples_exercise_markdown_escaping(locale):
    """The representative data must include user input with markdown, shown escaped somewhere."""
    escaped = [path for card in CARDS[locale].values() for path, text in markdown_texts(card)
               if ESCAPED_MARKDOWN.search(text)]
    assert escaped, "no sample card shows user input with markdown characters (escaped); add some to the samples"


@pytest.mark.parametrize(("locale", "name"), CASES, ids=[f"{loc}-{name}" for loc, name in CASES])
def test_card(renderer, locale, name):
    card = CARDS[locale][name]
    problems = static_problems(card)
    result = renderer.check(card, artifact(locale, name))
    problems += renderer_problems(card, result)
    assert not problems, f"{locale}/{name}:\n  " + "\n  ".join(problems)
