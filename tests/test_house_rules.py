"""House rules that keep the code easy to change (HELPERS.md, issue 13): small modules, and a
``core/`` that knows nothing of the bot or the Bot Framework."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 600

# Being split by their owners; the lead empties this list when they land (and then the test holds
# for every module). Entries are a file, or a folder ending in "/".
NOT_YET_SPLIT = (
    "bot/dialogs/new_meeting.py",  # issue 15: the Ny avtale dialog becomes a package
    "core/sensitive/",  # issue 19
)


def _modules(*folders: str) -> list[Path]:
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _not_yet_split(name: str) -> bool:
    return any(name == entry or (entry.endswith("/") and name.startswith(entry)) for entry in NOT_YET_SPLIT)


def test_no_module_is_over_600_lines():
    sizes = {_relative(path): len(path.read_text(encoding="utf-8").splitlines()) for path in _modules("bot", "core")}
    assert len(sizes) > 40
    too_long = {name: lines for name, lines in sizes.items() if lines > MAX_LINES and not _not_yet_split(name)}
    assert too_long == {}, f"split these (one idea per file, at most {MAX_LINES} lines)"


@pytest.mark.parametrize("entry", NOT_YET_SPLIT)
def test_the_not_yet_split_list_names_what_exists(entry):
    """When a module on the list has been split (or moved), its entry goes."""
    assert (ROOT / entry).exists(), f"{entry} is gone: remove it from NOT_YET_SPLIT"


@pytest.mark.parametrize("path", _modules("core"), ids=_relative)
def test_core_never_imports_the_bot_or_the_bot_framework(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            assert top not in ("bot", "botbuilder", "botframework"), f"{_relative(path)} imports {name}"
