"""The rules' docstring examples are part of the test suite."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["core.when", "core.when.rules", "core.when.grammar", "core.when.lexicon",
           "core.when.period", "core.recurrence"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
