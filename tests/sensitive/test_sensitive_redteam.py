"""An independent red-team check of the subject screen (issue 4, round 3).

``corpus_redteam_*`` were written by a second helper BEFORE reading the detectors or the other
corpora: varied, realistic subjects from clinicians, leaders, nurses, admin, IT, research,
teaching, unions, HR and procurement, in bokmål, nynorsk, English and mixed, with typos,
abbreviations and odd case. Their first measurement, before any change: 90.2 % of 317 sensitive
subjects flagged, 1.8 % of 389 clean subjects flagged, none blocked (one blocked when written in
capitals), 40/40 identity numbers blocked. Changes made afterwards were general rules and list
entries (names of whole groups, shapes of names, medicines), never entries for single subjects;
but the lists now hold the names used here, so this batch overstates how well unknown names are
found. ``corpus_redteam2_*`` were written after those changes and measured once, untuned: 88.0 %
of 100 sensitive flagged, 1.0 % of 100 clean flagged, none blocked, 11/11 identity numbers (the
misses were mostly foreign names no list held, which led to the rule for two unknown capitalised
words after a consultation word; after it, 99 %).

Run with ``-s`` to see the rates, every miss and every false alarm. The thresholds are the
project's acceptance criteria: at least 95 % of sensitive subjects flagged (warn or block), at
most 5 % of clean subjects flagged, no clean subject blocked, every identity number blocked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.sensitive import scan

HERE = Path(__file__).parent
BATCHES = ("corpus_redteam", "corpus_redteam2")
KINDS = frozenset({"national_id", "birth_date", "age", "phone", "email", "person_name", "health",
                   "patient_reference", "address"})


def _load(name: str) -> list[str]:
    path = HERE / name
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _is_blocked(findings) -> bool:
    return any(f.severity == "block" for f in findings)


@pytest.mark.parametrize("batch", BATCHES)
def test_rates(batch: str) -> None:
    clean = _load(f"{batch}_clean.txt")
    sensitive = _load(f"{batch}_sensitive.txt")
    ids = _load(f"{batch}_ids.txt")
    assert clean and sensitive, f"{batch}: corpus files missing or empty"
    clean_found = {s: scan(s) for s in clean}
    flagged = [s for s, f in clean_found.items() if f]
    blocked = [s for s, f in clean_found.items() if _is_blocked(f)]
    missed = [s for s in sensitive if not scan(s)]
    sensitive_blocked = [s for s in sensitive if _is_blocked(scan(s))]
    ids_missed = [s for s in ids
                  if not any(f.kind == "national_id" and f.severity == "block" for f in scan(s))]
    recall = 1 - len(missed) / len(sensitive)
    flagged_rate = len(flagged) / len(clean)
    print(
        f"\n{batch}: {len(clean)} clean, {len(sensitive)} sensitive, {len(ids)} with an identity "
        f"number\n"
        f"  sensitive flagged {recall:.1%} (blocked {len(sensitive_blocked) / len(sensitive):.1%})\n"
        f"  clean flagged {flagged_rate:.1%}, clean blocked {len(blocked)}\n"
        f"  identity numbers blocked {len(ids) - len(ids_missed)}/{len(ids)}"
    )
    for s in missed:
        print("  missed:", s)
    for s in ids_missed:
        print("  id missed:", s, [(f.kind, f.severity) for f in scan(s)])
    for s in flagged:
        print("  clean flagged:", s, [(f.kind, f.severity, s[f.start:f.end]) for f in clean_found[s]])
    assert not ids_missed, ids_missed
    assert not blocked, blocked
    assert recall >= 0.95, missed
    assert flagged_rate <= 0.05, flagged


@pytest.mark.parametrize("batch", BATCHES)
def test_case_does_not_matter(batch: str) -> None:
    """Subjects typed in small or capital letters: clean stays (mostly) clean and never blocked,
    an identity number is blocked whatever the case of the words around it."""
    clean = _load(f"{batch}_clean.txt")
    for variant in (str.lower, str.upper):
        found = [(variant(s), scan(variant(s))) for s in clean]
        flagged = [s for s, f in found if f]
        blocked = [s for s, f in found if _is_blocked(f)]
        assert not blocked, blocked
        assert len(flagged) / len(clean) <= 0.05, flagged
        for s in _load(f"{batch}_ids.txt"):
            assert any(f.kind == "national_id" and f.severity == "block"
                       for f in scan(variant(s))), variant(s)


@pytest.mark.parametrize("batch", BATCHES)
def test_offsets_point_into_the_subject(batch: str) -> None:
    """Every finding is a non-empty span inside the subject, of a known kind and severity."""
    for part in ("clean", "sensitive", "ids"):
        for s in _load(f"{batch}_{part}.txt"):
            for f in scan(s):
                assert 0 <= f.start < f.end <= len(s), (s, f)
                assert s[f.start:f.end].strip(), (s, f)
                assert f.severity in ("block", "warn"), f
                assert f.kind in KINDS, f
