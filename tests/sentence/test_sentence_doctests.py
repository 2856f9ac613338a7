"""The docstring examples of core.sentence are part of the test suite."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["core.sentence", "core.sentence.text", "core.sentence.contacts", "core.sentence.recurrence",
           "core.sentence.template", "core.sentence.subject", "core.sentence.timewords"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
