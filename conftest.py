"""pytest set-up shared by the suite in tests/ and the doctests of core/ and bot/ (--doctest-modules)."""
from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict[str, Any]) -> None:
    """The examples of core.when's rule modules show what a rule alone reads through ``demo`` (the
    reader); it is given to them here, so that no rule module imports the reader that imports it."""
    from core.when.reader import demo

    doctest_namespace["demo"] = demo
