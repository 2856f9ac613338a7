"""Every labelled batch of realistic subjects against the project's acceptance criteria (issue 4).

The thresholds, for each batch: every identity number blocked; at least 95 % of sensitive subjects
flagged (warn or block); at most 5 % of clean subjects flagged; no clean subject blocked. The same
again for the subjects typed in small or in capital letters, as people do. Run with ``-s`` to see the
rates, every miss and every false alarm (all subjects are fictitious).

How each batch came about, and its first honest measurement (the number to trust for unseen
subjects; later figures were measured on text the detectors were then tuned on):

- ``corpus`` (round 1): the first corpus, written with the detectors.
- ``corpus_dev``, ``corpus_holdout``, ``corpus_final`` (round 2): the detectors were tuned on
  ``dev``; ``holdout`` was written after that tuning and measured once before any change for it:
  84.3 % of sensitive subjects flagged, 1.7 % of clean flagged, one clean subject blocked, every
  identity number blocked; ``final`` was written last: 100 % / 1.4 % / none blocked, 21 of 22
  identity numbers (a number written ``D-nr. 760260 15994`` with both its date and check digits
  wrong). The changes made afterwards were general rules.
- ``corpus_redteam``, ``corpus_redteam2`` (round 3): written by a second author BEFORE reading the
  detectors or the other corpora: 90.2 % / 1.8 % / none blocked (one in capitals) / 40 of 40
  identity numbers; the second, written after the changes and measured once untuned: 88.0 % /
  1.0 % / none / 11 of 11. Misses: names no list held (many origins), medicines, nynorsk.
- ``corpus_blind``, ``corpus_blind_case``, ``corpus_untuned`` (round 4): written by a third author
  from the issue and the guideline only, in the evaluator's shoes: ``blind`` 96.1 % / 0.0 % / none /
  30 of 30 (93.2 % in small or capital letters); ``blind_case`` (typed in small or capital letters)
  98.0 % / 1.0 % / none; ``untuned``, written after round 4's changes and measured once: 100 % /
  0 % / none (98.8 % in small or capital letters).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.sensitive import scan

HERE = Path(__file__).parent
BATCHES = ("corpus", "corpus_dev", "corpus_holdout", "corpus_final", "corpus_redteam", "corpus_redteam2",
           "corpus_blind", "corpus_blind_case", "corpus_untuned")
KINDS = frozenset({"national_id", "birth_date", "age", "phone", "email", "person_name", "health",
                   "patient_reference", "address"})


def load(name: str) -> list[str]:
    path = HERE / name
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def blocked(findings) -> bool:
    return any(f.severity == "block" for f in findings)


def id_blocked(subject: str) -> bool:
    return any(f.kind == "national_id" and f.severity == "block" for f in scan(subject))


def rates(clean: list[str], sensitive: list[str], ids: list[str], label: str) -> None:
    """Print the rates, misses and false alarms of one batch, and assert the thresholds."""
    clean_found = {s: scan(s) for s in clean}
    flagged = [s for s, f in clean_found.items() if f]
    clean_blocked = [s for s, f in clean_found.items() if blocked(f)]
    missed = [s for s in sensitive if not scan(s)]
    sensitive_blocked = [s for s in sensitive if blocked(scan(s))]
    ids_missed = [s for s in ids if not id_blocked(s)]
    recall = 1 - len(missed) / len(sensitive)
    flagged_rate = len(flagged) / len(clean)
    print(f"\n{label}: {len(clean)} clean, {len(sensitive)} sensitive, {len(ids)} with an identity number\n"
          f"  sensitive flagged {recall:.1%} (blocked {len(sensitive_blocked) / len(sensitive):.1%})\n"
          f"  clean flagged {flagged_rate:.1%}, clean blocked {len(clean_blocked)}\n"
          f"  identity numbers blocked {len(ids) - len(ids_missed)}/{len(ids)}")
    for s in missed:
        print("  missed:", s)
    for s in ids_missed:
        print("  id missed:", s, [(f.kind, f.severity) for f in scan(s)])
    for s in flagged:
        print("  clean flagged:", s, [(f.kind, f.severity, s[f.start:f.end]) for f in clean_found[s]])
    assert not ids_missed, ids_missed
    assert not clean_blocked, clean_blocked
    assert recall >= 0.95, missed
    assert flagged_rate <= 0.05, flagged


def batch(name: str) -> tuple[list[str], list[str], list[str]]:
    clean, sensitive, ids = (load(f"{name}_{part}.txt") for part in ("clean", "sensitive", "ids"))
    assert clean and sensitive, f"{name}: corpus files missing or empty"
    return clean, sensitive, ids


@pytest.mark.parametrize("name", BATCHES)
def test_rates(name: str) -> None:
    rates(*batch(name), label=name)


@pytest.mark.parametrize("variant", [str.lower, str.upper], ids=["small letters", "capitals"])
@pytest.mark.parametrize("name", BATCHES)
def test_rates_whatever_the_case(name: str, variant) -> None:
    clean, sensitive, ids = batch(name)
    rates([variant(s) for s in clean], [variant(s) for s in sensitive], [variant(s) for s in ids],
          label=f"{name} in {variant.__name__}")


@pytest.mark.parametrize("name", BATCHES)
def test_offsets_point_into_the_subject(name: str) -> None:
    """Every finding is a non-empty span inside the subject, of a known kind and severity."""
    for part in ("clean", "sensitive", "ids"):
        for s in load(f"{name}_{part}.txt"):
            for f in scan(s):
                assert 0 <= f.start < f.end <= len(s), (s, f)
                assert s[f.start:f.end].strip(), (s, f)
                assert f.severity in ("block", "warn"), f
                assert f.kind in KINDS, f


@pytest.mark.parametrize("subject", load("corpus_ids.txt"))
def test_every_identity_number_is_blocked(subject: str) -> None:
    assert id_blocked(subject)


@pytest.mark.parametrize("subject", [
    "Tverrfaglig møte", "Fagmøte ortopedi", "Ledermøte Klinikk psykisk helse og rus", "Veiledning LIS1",
    "Vaktplanmøte uke 49", "Fagdag 12.12.2026", "Møte med Tønsberg kommune", "Samarbeidsmøte med NAV",
    "Kreftavdelingen fagmøte", "Morgenmøte medisinsk avdeling", "Opplæring DIPS Arena",
    "Prosjektmøte nytt sykehusbygg", "Styremøte", "Videokonsultasjon", "Oppfølging", "Kvalitetsutvalget",
])
def test_guideline_clean_examples_pass(subject: str) -> None:
    assert scan(subject) == []
