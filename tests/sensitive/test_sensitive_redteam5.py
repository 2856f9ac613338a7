"""Round-5 red-team set (issue 19): 765 subjects written by an independent helper who never read
the code or its corpora (56 identity numbers, 509 sensitive, 200 clean; ``redteam5.tsv``).

Measured untuned, before any rule was tuned on it: on main before round 2, 77.4 % of sensitive
subjects flagged and 51/56 identity numbers blocked; after round 2 (issue 19's fixes, written
from its own corpora), **93.3 %** flagged, 56/56 blocked, 1/200 clean flagged and none blocked.
The goal (≥ 97 %) is not met yet; this test keeps what was reached from slipping back. The
misses are mostly clinic appointments, test results with numbers, drug names and nynorsk forms.
"""
from __future__ import annotations

from pathlib import Path

from core.sensitive import scan

ROWS = [line.rstrip("\n").split("\t") for line in
        (Path(__file__).with_name("redteam5.tsv")).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_identity_number_is_blocked():
    ids = [subject for label, _kind, subject in ROWS if label == "idnumber"]
    assert len(ids) == 56
    assert [s for s in ids if not any(f.severity == "block" for f in scan(s))] == []


def test_sensitive_subjects_flagged_at_least_as_untuned():
    sensitive = [subject for label, _kind, subject in ROWS if label == "sensitive"]
    flagged = sum(bool(scan(s)) for s in sensitive)
    assert flagged / len(sensitive) >= 0.93


def test_clean_subjects_rarely_flagged_and_never_blocked():
    clean = [subject for label, _kind, subject in ROWS if label == "clean"]
    findings = [scan(s) for s in clean]
    assert sum(bool(f) for f in findings) <= 0.02 * len(clean)
    assert not any(f.severity == "block" for found in findings for f in found)
