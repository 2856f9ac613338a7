"""The second labelled corpus (issue 4, round 2): a development batch and a held-out batch.

``corpus_dev_*`` were written first and the detectors were tuned on them. ``corpus_holdout_*``
were written after that tuning, and measured once before any change made for them (the rates of
that first measurement are in the issue report; changes made afterwards were general rules, not
entries for single subjects). ``corpus_final_*`` were written last and never tuned on.

Run with ``-s`` to see the rates, every miss and every false alarm. The thresholds are the
project's acceptance criteria: at least 95 % of sensitive subjects flagged (warn or block), at
most 5 % of clean subjects flagged, no clean subject blocked, every identity number blocked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.sensitive import scan

HERE = Path(__file__).parent
BATCHES = ("corpus_dev", "corpus_holdout", "corpus_final")


def _load(name: str) -> list[str]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _rates(batch: str) -> dict:
    clean = _load(f"{batch}_clean.txt")
    sensitive = _load(f"{batch}_sensitive.txt")
    ids = _load(f"{batch}_ids.txt")
    clean_found = {s: scan(s) for s in clean}
    flagged = [s for s, f in clean_found.items() if f]
    blocked = [s for s, f in clean_found.items() if any(x.severity == "block" for x in f)]
    missed = [s for s in sensitive if not scan(s)]
    sensitive_blocked = [s for s in sensitive if any(x.severity == "block" for x in scan(s))]
    ids_missed = [s for s in ids
                  if not any(f.kind == "national_id" and f.severity == "block" for f in scan(s))]
    return {
        "clean": clean, "sensitive": sensitive, "ids": ids, "flagged": flagged,
        "blocked": blocked, "missed": missed, "sensitive_blocked": sensitive_blocked,
        "ids_missed": ids_missed, "clean_found": clean_found,
    }


@pytest.mark.parametrize("batch", BATCHES)
def test_rates(batch: str) -> None:
    r = _rates(batch)
    recall = 1 - len(r["missed"]) / len(r["sensitive"])
    flagged_rate = len(r["flagged"]) / len(r["clean"])
    print(
        f"\n{batch}: {len(r['clean'])} clean, {len(r['sensitive'])} sensitive, {len(r['ids'])} with "
        f"an identity number\n"
        f"  sensitive flagged {recall:.1%} (blocked {len(r['sensitive_blocked']) / len(r['sensitive']):.1%})\n"
        f"  clean flagged {flagged_rate:.1%}, clean blocked {len(r['blocked'])}\n"
        f"  identity numbers blocked {len(r['ids']) - len(r['ids_missed'])}/{len(r['ids'])}"
    )
    for s in r["missed"]:
        print("  missed:", s)
    for s in r["flagged"]:
        print("  clean flagged:", s, [(f.kind, f.severity) for f in r["clean_found"][s]])
    assert not r["ids_missed"], r["ids_missed"]
    assert not r["blocked"], r["blocked"]
    assert recall >= 0.95, r["missed"]
    assert flagged_rate <= 0.05, r["flagged"]


@pytest.mark.parametrize("batch", BATCHES)
def test_case_does_not_matter_for_clean_subjects(batch: str) -> None:
    """People type subjects in small or capital letters: a clean subject stays clean (at most
    the same 5 % flagged, never blocked)."""
    clean = _load(f"{batch}_clean.txt")
    for variant in (str.lower, str.upper):
        found = [(variant(s), scan(variant(s))) for s in clean]
        flagged = [s for s, f in found if f]
        blocked = [s for s, f in found if any(x.severity == "block" for x in f)]
        assert not blocked, blocked
        assert len(flagged) / len(clean) <= 0.05, flagged


def test_offsets_point_into_the_subject() -> None:
    """Every finding of every corpus subject is a non-empty span inside the subject."""
    for batch in BATCHES:
        for part in ("clean", "sensitive", "ids"):
            for s in _load(f"{batch}_{part}.txt"):
                for f in scan(s):
                    assert 0 <= f.start < f.end <= len(s), (s, f)
                    assert s[f.start:f.end].strip(), (s, f)
                    assert f.severity in ("block", "warn"), f
                    assert f.kind in KINDS, f


KINDS = frozenset({"national_id", "birth_date", "age", "phone", "email", "person_name", "health",
                   "patient_reference", "address"})
