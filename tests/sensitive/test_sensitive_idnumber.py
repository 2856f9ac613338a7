"""Identity numbers: the checksum module, and property tests that any valid number, in any
written form, anywhere in any text, is a ``block``."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core.sensitive import idnumber, scan

_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@st.composite
def identity_numbers(draw) -> str:
    """A valid number of one of the kinds: fødselsnummer, D, H, FH, synthetic +40/+80, 2032 rule."""
    kind = draw(st.sampled_from(["fnr", "d", "h", "fh", "syn40", "syn80", "d_syn80"]))
    remainder = draw(st.sampled_from([0, 0, 1, 2, 3]))  # 1-3: the rule from 2032
    if kind == "fh":
        first9 = str(draw(st.sampled_from([8, 9]))) + "".join(
            str(draw(st.integers(0, 9))) for _ in range(8))
    else:
        month = draw(st.integers(1, 12))
        day = draw(st.integers(1, _DAYS[month - 1]))
        if kind in ("d", "d_syn80"):
            day += 40
        if kind in ("h", "syn40"):
            month += 40
        if kind in ("syn80", "d_syn80"):
            month += 80
        first9 = f"{day:02d}{month:02d}{draw(st.integers(0, 99)):02d}{draw(st.integers(0, 999)):03d}"
    check = idnumber.check_digits(first9, remainder)
    if check is None:
        # no valid check digits for this one: try the other remainders
        for r in range(4):
            check = idnumber.check_digits(first9, r)
            if check:
                break
    assume(check is not None)
    return first9 + check


def _formats(n: str) -> list[str]:
    return [
        n,
        f"{n[:6]} {n[6:]}",
        f"{n[:6]}-{n[6:]}",
        f"{n[:6]}.{n[6:]}",
        f"{n[:2]}.{n[2:4]}.{n[4:6]} {n[6:]}",
        f"{n[:2]}.{n[2:4]}.{n[4:6]}-{n[6:9]} {n[9:]}",
        f"{n[:6]} {n[6:9]} {n[9:]}",
        f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:]}",
        f"{n[:6]} - {n[6:]}",
    ]


# Text around the number: anything, but not digits touching it (that would be a longer number).
_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="0123456789"),
    max_size=40,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(number=identity_numbers(), fmt=st.integers(0, 8), before=_TEXT, after=_TEXT)
def test_any_valid_number_anywhere_is_blocked(number: str, fmt: int, before: str, after: str) -> None:
    assert idnumber.is_valid(number)
    written = _formats(number)[fmt]
    text = f"{before} {written} {after}" if before or after else written
    findings = scan(text)
    ids = [f for f in findings if f.kind == "national_id"]
    assert ids and all(f.severity == "block" for f in ids)
    # the finding covers the number in the original text
    start = text.index(written)
    assert any(f.start <= start and start + len(written) <= f.end for f in ids)


@settings(max_examples=200, deadline=None)
@given(number=identity_numbers(), before=_TEXT, after=_TEXT)
def test_number_glued_to_words_is_blocked(number: str, before: str, after: str) -> None:
    text = before + number + after
    start, end = len(before), len(before) + len(number)
    # Blocked where it stands: as an identity number, or, written "+" and digits, as the phone
    # number it then also is ("+12012000004" is a valid number in the US); both block the subject.
    kinds = {"national_id", "phone"} if before.endswith("+") else {"national_id"}
    assert any(f.kind in kinds and f.severity == "block" and f.start <= start and end <= f.end
               for f in scan(text))


@settings(max_examples=200, deadline=None)
@given(number=identity_numbers(), digit=st.integers(0, 9), pos=st.integers(0, 10))
def test_a_mistyped_number_is_still_flagged(number: str, digit: int, pos: int) -> None:
    typo = number[:pos] + str(digit) + number[pos + 1:]
    assert any(f.kind == "national_id" and f.severity == "block" for f in scan(f"Time for {typo}"))


@settings(max_examples=200, deadline=None)
@given(number=identity_numbers())
def test_fullwidth_and_odd_spacing(number: str) -> None:
    fullwidth = "".join(chr(ord(c) - 48 + 0xFF10) for c in number)
    nbsp = f"{number[:6]}\u00a0{number[6:]}"
    zwsp = f"{number[:3]}\u200b{number[3:]}"
    for text in (f"Kontroll {fullwidth}", f"Kontroll {nbsp}", f"Kontroll {zwsp}"):
        assert any(f.kind == "national_id" and f.severity == "block" for f in scan(text)), text


@pytest.mark.parametrize("number", [
    "13108018997",   # fødselsnummer
    "53108018980",   # D-nummer
    "02013299997",   # Skatteetaten's 2032 example, remainder 0
    "30108299939",   # Skatteetaten's 2032 example, remainder 1
    "30108299920",
])
def test_known_valid(number: str) -> None:
    assert idnumber.is_valid(number)
    assert idnumber.validate(idnumber.format(number)) == number


@pytest.mark.parametrize("number,error", [
    ("131080", idnumber.InvalidLength),
    ("1310801899x", idnumber.InvalidFormat),
    ("13108018998", idnumber.InvalidChecksum),
    ("32138018997", idnumber.InvalidComponent),
])
def test_validation_errors(number: str, error: type) -> None:
    with pytest.raises(error):
        idnumber.validate(number)


def test_dates_and_times_are_not_identity_numbers() -> None:
    for text in ("Fagdag 12.12.2026 kl 14.00-15.00", "Møte 14.01.2027 10:00-11:30", "Uke 49 2026",
                 "Strategi 2025-2030", "Budsjett 2027"):
        assert not [f for f in scan(text) if f.kind == "national_id"], text

