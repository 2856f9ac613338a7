"""The docstring examples of the invitation texts, rooms and room cards are part of the test suite."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["core.invitations.model", "core.invitations.when", "core.invitations.email", "core.invitations.sms",
           "core.invitations.gsm7", "core.invitations.preview", "core.portal.rooms", "bot.cards.room"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
