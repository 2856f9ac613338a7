"""The command words (bot/commands.py, shared by the handler and the dialog without importing each
other), the Mal card's default rule, and user-facing words that live in the catalogues."""
from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pytest

import bot.commands
import bot.dialogs.new_meeting
from bot.cards.new_meeting import period_text
from bot.dialogs.new_meeting import DEFAULT_TEMPLATE_NAME, default_template
from bot.i18n import Texts
from tests.bot.new_meeting_steps import TZ


def test_the_dialog_does_not_import_the_handler():
    """No cycle: the dialog reads commands from bot.commands, never from bot.handler."""
    code = ("import sys, bot.dialogs.new_meeting; "
            "sys.exit(1 if 'bot.handler' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_handler_keeps_classify_importable():
    from bot.handler import classify, raw_rest

    assert classify is bot.commands.classify and raw_rest is bot.commands.raw_rest
    assert classify("ny avtale i morgen kl 13-14") == ("new_meeting", "i morgen kl 13-14")


TEMPLATES = [
    {"id": "m50-en", "name": "Videomøte (50, FullHD, Chat) (en)", "kind": "scheduled", "language": "en"},
    {"id": "m50-nb", "name": "Videomøte (50, FullHD, Chat) (nb)", "kind": "scheduled", "language": "nb"},
    {"id": "vk-nb-like", "name": "Videokonsultasjon (5, HD) (nb)", "kind": "scheduled", "language": "nb"},
    {"id": "vk15-nb", "name": DEFAULT_TEMPLATE_NAME, "kind": "scheduled", "language": "nb"},
]


@pytest.mark.parametrize("templates,language,expected", [
    (TEMPLATES, "en", "vk15-nb"),              # the default by its exact name, for everyone
    (TEMPLATES, "nb", "vk15-nb"),
    (TEMPLATES[:3], "nb", "m50-nb"),           # no prefix match: the first in the user's language
    (TEMPLATES[:3], "en", "m50-en"),
    (TEMPLATES[:1], "nb", "m50-en"),           # none in the user's language: the first
    ([dict(TEMPLATES[3], kind="quick")], "nb", None),
    ([], "nb", None),
])
def test_default_template_rule(templates, language, expected):
    assert default_template(templates, language) == expected


@pytest.mark.parametrize("language,expected", [
    ("nb", "tir 01.12.2026 13:00-14:00"), ("en", "Tue 01.12.2026 13:00-14:00")])
def test_weekday_names_come_from_the_catalogue(language, expected):
    texts = Texts(language)
    assert len(texts("weekdays_short").split()) == 7
    start = datetime(2026, 12, 1, 13, tzinfo=TZ)
    assert period_text(texts, start, start.replace(hour=14), TZ) == expected
    assert period_text(texts, start, start.replace(day=2, hour=1), TZ).endswith("13:00-02.12.2026 01:00")
