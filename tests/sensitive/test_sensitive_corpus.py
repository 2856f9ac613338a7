"""The labelled corpus of realistic subjects: rates printed and asserted.

Run with ``-s`` to see the rates and every miss (the subjects are fictitious).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.sensitive import scan

HERE = Path(__file__).parent


def _load(name: str) -> list[str]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


CLEAN = _load("corpus_clean.txt")
SENSITIVE = _load("corpus_sensitive.txt")
IDS = _load("corpus_ids.txt")


def test_corpus_rates() -> None:
    clean_flagged = [s for s in CLEAN if scan(s)]
    clean_blocked = [s for s in CLEAN if any(f.severity == "block" for f in scan(s))]
    missed = [s for s in SENSITIVE if not scan(s)]
    ids_missed = [s for s in IDS if not any(f.kind == "national_id" and f.severity == "block" for f in scan(s))]
    recall = 1 - len(missed) / len(SENSITIVE)
    flagged_rate = len(clean_flagged) / len(CLEAN)
    blocked_sensitive = sum(1 for s in SENSITIVE if any(f.severity == "block" for f in scan(s)))
    print(
        f"\ncorpus: {len(CLEAN)} clean, {len(SENSITIVE)} sensitive, {len(IDS)} identity numbers\n"
        f"sensitive flagged: {recall:.1%} (blocked {blocked_sensitive / len(SENSITIVE):.1%})\n"
        f"clean flagged: {flagged_rate:.1%}; clean blocked: {len(clean_blocked)}\n"
        f"identity numbers flagged: {len(IDS) - len(ids_missed)}/{len(IDS)}"
    )
    for s in missed:
        print("  missed:", s)
    for s in clean_flagged:
        print("  clean flagged:", s, [(f.kind, f.severity) for f in scan(s)])
    assert not ids_missed, ids_missed
    assert not clean_blocked, clean_blocked
    assert recall >= 0.95, missed
    assert flagged_rate <= 0.05, clean_flagged


@pytest.mark.parametrize("subject", IDS)
def test_every_identity_number_is_blocked(subject: str) -> None:
    assert any(f.kind == "national_id" and f.severity == "block" for f in scan(subject))


@pytest.mark.parametrize("subject", [
    "Tverrfaglig møte", "Fagmøte ortopedi", "Ledermøte Klinikk psykisk helse og rus", "Veiledning LIS1",
    "Vaktplanmøte uke 49", "Fagdag 12.12.2026", "Møte med Tønsberg kommune", "Samarbeidsmøte med NAV",
    "Kreftavdelingen fagmøte", "Morgenmøte medisinsk avdeling", "Opplæring DIPS Arena",
    "Prosjektmøte nytt sykehusbygg", "Styremøte", "Videokonsultasjon", "Oppfølging", "Kvalitetsutvalget",
])
def test_guideline_clean_examples_pass(subject: str) -> None:
    assert scan(subject) == []
