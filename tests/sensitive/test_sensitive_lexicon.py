"""The dictionary of ordinary words and the rules that use it to find names no list holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.sensitive import scan
from core.sensitive.lexicon import LONG_WORD, Lexicon, derivable, is_word

DATA = Path(__file__).parents[2] / "core" / "sensitive" / "data"


@pytest.mark.parametrize("word", [
    "pasient", "pasientene", "rusbehandling", "barneavdelingen", "sykehuspartner", "møte",
    "oppfølging", "oppfolging", "opplaering", "mote", "tillitsvalgte", "leverandøren",
    "kommunene", "ledelsen", "prosessen", "meeting", "vendor", "DPS", "Bufetat", "nynorsk",
    "sjukehus", "tilsette", "fødeland",
])
def test_ordinary_words_are_words(word: str) -> None:
    assert is_word(word)


@pytest.mark.parametrize("word", [
    "Dagfinn", "Tormod", "Reidun", "Torbjørg", "Fjeldheim", "Ulvestad", "Skogheim", "Haugland",
    "Rønningen", "Bråthen", "Myhre", "Synnøve", "Eldbjørg", "Tveitan", "Warsame", "Kowalska",
])
def test_names_are_no_words(word: str) -> None:
    assert not is_word(word)


def test_long_compounds_are_words_without_a_look_up() -> None:
    assert is_word("x" * LONG_WORD)
    assert not is_word("x" * 8)


def test_the_compression_rebuilds_what_it_leaves_out() -> None:
    lex = Lexicon(frozenset({"pasient", "sykehus", "partner", "barn", "avdeling", "bakke"}))
    for w in ("pasienten", "pasientene", "sykehuspartner", "barneavdeling", "barneavdelingen",
              "bakken", "bakker"):
        assert derivable(w, lex), w
    # a farm-name tail never makes a compound; a short tail needs to be a common one
    lex = Lexicon(frozenset({"skog", "heim", "ulv", "stad", "abe", "line", "ine"}))
    for w in ("skogheim", "ulvestad", "abeine"):
        assert not derivable(w, lex), w


def test_data_files_stay_small_and_sorted() -> None:
    for name in ("words_nb.txt", "words_en.txt", "words_extra.txt"):
        path = DATA / name
        assert path.stat().st_size < 600_000, name
    words = [w for w in (DATA / "words_nb.txt").read_text(encoding="utf-8").splitlines()
             if w and not w.startswith("#")]
    assert words == sorted(words)
    assert all(w == w.lower() and w.isalpha() and len(w) < LONG_WORD for w in words)


@pytest.mark.parametrize("subject", [
    "Samtale med Dagfinn", "kontroll ulvestad", "PASIENT FJELDHEIM", "Pasient Fjeldheim, rom 3",
    "Fjeldheim, Reidun", "Fjeldheim - kontroll", "fjeldheim kontroll", "samtale med per",
    "avtale med knut og liv", "videokonsultasjon haugen", "Møte med Tveitan og tolk",
    "Ansvarsgruppe for Tveitan", "KONSULTASJON: TORBJØRG RØNNINGEN", "Signe R. - oppfølging",
    "Møte med Gudrid Tveitan",
])
def test_names_no_list_holds_are_found(subject: str) -> None:
    assert any(f.kind == "person_name" for f in scan(subject)), subject


@pytest.mark.parametrize("subject", [
    "Møte med Ledelsen", "Møte med Telenor", "Møte med Bufetat", "møte med bufetat",
    "MØTE MED HELSEDIREKTORATET", "Møte med Sykehuspartner", "Samarbeid med Sopra Steria",
    "møte med lhl", "møte med nav om ips", "Kurs i Glasgow Coma Scale", "Visit from the Swedish delegation",
    "Mote med larvik kommune", "opplaering delta", "Poliklinisk kontroll", "Digital oppfølging",
    "Møte med Prosessen",
])
def test_organisations_and_words_are_no_names(subject: str) -> None:
    assert not [f for f in scan(subject) if f.kind == "person_name"], subject
