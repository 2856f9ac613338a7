"""A blind check of the subject screen in the held-out evaluator's shoes (issue 4, round 4).

``corpus_blind_*`` were written by a fourth helper BEFORE reading the detectors or the other
corpora, from the issue text and the guideline only: typical Norwegian hospital subjects, the
sensitive ones along the issue's list (identity numbers in the listed formats, birth dates and
ages, phone numbers and e-mail, names in every listed shape, health information about someone,
references to one patient or relative), the clean ones department and clinic names (with disease
words), meeting dates, places and institutions. ``corpus_blind_case_*`` are further subjects typed
in all small or all capital letters, as people do.

First measurement, before any change: ``corpus_blind`` 96.1 % of 205 sensitive flagged (70.7 %
blocked), 0.0 % of 206 clean flagged, none blocked, 30/30 identity numbers blocked; the same
subjects in small letters or in capitals 93.2 % flagged (clean 0 %); ``corpus_blind_case`` 98.0 %
of 100 sensitive, 1.0 % of 100 clean flagged, none blocked. The misses were names no list held in
small or capital letters, health words the lists lacked and single-patient references; the
changes made for them are general (a dictionary of ordinary words to find unknown names where a
person would stand, more diagnoses and procedures, described persons, numbered patients), not
entries for single subjects. After them: 99.5 % / 99.0 % / 99.5 % (as written / small / capitals),
clean 0 %.

``corpus_untuned_*`` were written after those changes and measured once, untuned: 100 % of 80
sensitive flagged (68.8 % blocked), 0 % of 80 clean flagged, none blocked; in small letters or
capitals 98.8 % (clean 0 %). The detectors before this round flagged 97.5 % of them: the batch,
written by the author of the rules, is easier than an outsider's would be.

Run with ``-s`` to see the rates, every miss and every false alarm. The thresholds are the
project's acceptance criteria: at least 95 % of sensitive subjects flagged (warn or block), at
most 5 % of clean subjects flagged, no clean subject blocked, every identity number blocked; the
same for the subjects in small letters and in capitals.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.sensitive import scan

HERE = Path(__file__).parent
BATCHES = ("corpus_blind", "corpus_blind_case", "corpus_untuned")
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
    """The same subjects in small or capital letters: clean stays (mostly) clean and is never
    blocked, sensitive stays (mostly) flagged, an identity number is always blocked."""
    clean = _load(f"{batch}_clean.txt")
    sensitive = _load(f"{batch}_sensitive.txt")
    for variant in (str.lower, str.upper):
        found = [(variant(s), scan(variant(s))) for s in clean]
        flagged = [s for s, f in found if f]
        blocked = [s for s, f in found if _is_blocked(f)]
        assert not blocked, blocked
        assert len(flagged) / len(clean) <= 0.05, flagged
        missed = [variant(s) for s in sensitive if not scan(variant(s))]
        assert len(missed) / len(sensitive) <= 0.05, missed
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
