"""The docstring examples of core.when (rules, reader, resolution, calendar) are part of the suite."""

from __future__ import annotations

import doctest
import importlib

import pytest

from core.when.reader import demo

MODULES = ["core.when", "core.when.period", "core.when.reading", "core.when.lexicon",
           "core.when.dates", "core.when.day_rules", "core.when.time_rules", "core.when.rule_table",
           "core.when.spelling", "core.when.reader", "core.when.resolution", "core.recurrence"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    # the rules' examples show what the rules alone read: ``demo`` (the reader) is given to them
    # here, so that no rule module imports the reader that imports it
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS,
                             extraglobs={"demo": demo})
    assert result.failed == 0
    assert name == "core.recurrence" or result.attempted > 0
