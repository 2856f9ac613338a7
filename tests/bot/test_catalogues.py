"""The text catalogues (bot/i18n/nb.py, en.py): the same keys and the same placeholders in both, every
key the code asks for exists in both, and no key is put together at run time from parts that no test
knows (issue 13).

A key built at run time (``texts("rec_" + frequency)``, ``texts(key)``) is found by reading the code of
``bot/`` and ``core/``; each such call must be listed in :data:`BUILT_KEYS` with every key it can
produce, and those keys must exist in both catalogues. A new construction without an entry here
fails :func:`test_every_key_built_at_run_time_is_listed`: add the keys it can produce.
"""
from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from bot.actions import _REJECTION_KEYS
from bot.cards.my_meetings import _SERIES_WORDS
from bot.cards.new_meeting import STEPS
from bot.compose.form import _REFUSALS, _TIME_REASONS
from bot.edit_meeting import _REFUSALS as _EDIT_REFUSALS
from bot.i18n import CATALOGUES, en, nb
from core.rules import FREQUENCIES

ROOT = Path(__file__).resolve().parents[2]

_INVITEE_PROBLEMS = {"inv_too_many_list", "inv_too_many", "inv_invalid_email", "inv_invalid_phone", "inv_landline",
                     "inv_too_long", "inv_consent_required", "inv_invalid_type"}

#: (file, the key argument as written) -> every key that call can ask for.
BUILT_KEYS: dict[tuple[str, str], set[str]] = {
    ("bot/actions.py", "key"): set(_REJECTION_KEYS.values()),
    ("bot/cards/new_meeting.py", '"step_" + step'): {f"step_{step}" for step in STEPS},
    ("bot/cards/new_meeting.py", '"step_" + field'): {f"step_{step}" for step in STEPS[:-1]},
    ("bot/cards/new_meeting.py", '"lang_" + template["language"]'): {"lang_nb", "lang_en"},
    ("bot/cards/invitation_preview.py", '"lang_" + preview.language'): {"lang_nb", "lang_en"},
    ("bot/cards/new_meeting.py", '"rec_" + f'): {f"rec_{frequency}" for frequency in FREQUENCIES},
    ("bot/cards/new_meeting.py", '"rec_" + frequency'): {f"rec_{frequency}" for frequency in FREQUENCIES},
    ("bot/dialogs/new_meeting.py", "key"): _INVITEE_PROBLEMS,
    ("bot/dialogs/new_meeting.py", "notice_key"): {"prefill_time_past", "prefill_day_over"},
    ("bot/dialogs/new_meeting.py", "start_problem or end_problem"): {"time_ambiguous", "time_nonexistent"},
    ("bot/dialogs/new_meeting.py", "limit_key"): {"limit_meetings", "limit_invitations"},
    ("bot/dialogs/new_meeting.py", '"rec_" + frequency'): {f"rec_{frequency}" for frequency in FREQUENCIES},
    ("bot/dialogs/new_meeting.py", '"step_" + field'): {f"step_{step}" for step in STEPS[:-1]},
    ("bot/dialogs/new_meeting.py", '"step_help_" + step_name'): {f"step_help_{step}" for step in STEPS},
    ("bot/dialogs/new_meeting.py", "cancelled"): {"dialog_cancelled", "dialog_cancelled_uncertain"},
    ("bot/handler.py", "key"): {"stale_card", "already_created", "already_cancelled"},
    ("bot/cards/edit_meeting.py", '"rec_" + c'): {f"rec_{frequency}" for frequency in FREQUENCIES},
    ("bot/edit_meeting.py", '"rec_" + values["recurrence"]'): {f"rec_{frequency}" for frequency in FREQUENCIES},
    ("bot/cards/my_meetings.py", "key"): {*_SERIES_WORDS.values(), "series_other"},
    ("bot/edit_meeting.py", "key"): _INVITEE_PROBLEMS | {"edit_quick", "meeting_not_found"},
    ("bot/edit_meeting.py", "reason"): {"time_in_past", "time_end_before_start"},
    ("bot/edit_meeting.py", "text_key"): {key for _, key in _EDIT_REFUSALS.values()} | {"portal_unavailable"},
    ("bot/compose/form.py", "key"): ({*_TIME_REASONS.values(), "compose_subject_blocked", "compose_subject_warn",
                                      "portal_unavailable"} | {key for _, key in _REFUSALS.values()}),
}


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def _texts_calls() -> list[tuple[str, ast.expr, str]]:
    """Every ``texts(<key>, ...)`` / ``texts.has(<key>)`` / ``self.texts(<key>)`` in bot/ and core/:
    (file, key expression, its source)."""
    found = []
    for path in sorted([*ROOT.glob("bot/**/*.py"), *ROOT.glob("core/**/*.py")]):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "has":
                func = func.value
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name == "texts":
                key = node.args[0]
                found.append((path.relative_to(ROOT).as_posix(), key, ast.get_source_segment(source, key) or ""))
    return found


def test_both_catalogues_have_the_same_keys():
    assert sorted(nb.TEXTS.keys() - en.TEXTS.keys()) == [], "only in nb"
    assert sorted(en.TEXTS.keys() - nb.TEXTS.keys()) == [], "only in en"


@pytest.mark.parametrize("key", sorted(nb.TEXTS))
def test_both_catalogues_have_the_same_placeholders(key):
    assert _placeholders(nb.TEXTS[key]) == _placeholders(en.TEXTS.get(key, nb.TEXTS[key])), key


def _literals(key: ast.expr) -> list[str] | None:
    """The keys a key expression can give when it is written out: ``"a"``, ``"a" if x else "b"``."""
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return [key.value]
    if isinstance(key, ast.IfExp):
        body, orelse = _literals(key.body), _literals(key.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def test_every_key_written_in_the_code_exists_in_both_catalogues():
    literal = {(file, name) for file, key, _ in _texts_calls() for name in _literals(key) or ()}
    assert len(literal) > 50  # the scan finds the calls
    missing = sorted((file, key) for file, key in literal if any(key not in c for c in CATALOGUES.values()))
    assert missing == []


def test_every_key_built_at_run_time_is_listed():
    built = {(file, text) for file, key, text in _texts_calls() if _literals(key) is None}
    assert sorted(built - BUILT_KEYS.keys()) == [], "keys built at run time that BUILT_KEYS does not list"
    assert sorted(BUILT_KEYS.keys() - built) == [], "BUILT_KEYS entries the code no longer has"


@pytest.mark.parametrize("site", sorted(BUILT_KEYS), ids="{0[0]}: {0[1]}".format)
def test_every_key_built_at_run_time_exists_in_both_catalogues(site):
    keys = BUILT_KEYS[site]
    assert keys
    for language, catalogue in CATALOGUES.items():
        assert sorted(keys - catalogue.keys()) == [], language
