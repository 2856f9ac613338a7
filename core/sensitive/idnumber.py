"""Norwegian national identity numbers (fødselsnummer and its relatives).

All of them are eleven digits: a six digit date ``DDMMYY``, a three digit individual number and
two check digits ``k1`` ``k2`` computed modulo 11.

Kinds recognised (any of them is a *national_id* finding with severity ``block``):

* fødselsnummer: ``DDMMYY`` is the birth date;
* D-nummer (temporary residents): day + 40 (``41``-``71``);
* H-nummer (help numbers used in health care): month + 40 (``41``-``52``);
* FH-nummer (health care's help numbers, no date): first digit 8 or 9;
* synthetic test numbers: month + 40 (NAV/Dolly) or month + 80 (Skatteetaten's Tenor), possibly
  together with day + 40;
* numbers issued from 1 January 2032, whose first check digit is looser: the remainder of the
  weighted sum over the first ten digits may be 0, 1, 2 or 3 instead of only 0.

Check digits: ``k1`` makes ``(3,7,6,1,8,9,4,5,2,1) · d[0:10]`` ≡ 0 (mod 11) (from 2032: ≡ 0..3),
``k2`` makes ``(5,4,3,2,7,6,5,4,3,2,1) · d[0:11]`` ≡ 0 (mod 11).

The number may be written whole or grouped with spaces, dots or dashes: ``010190 12345``,
``010190-12345``, ``01.01.90 123 45``. A run of eleven digits whose check digits fail is still
reported (a mistyped number is still a number), and so are eleven digits grouped as a number is
written (``DDMMYY NNNNN``, ``DD.MM.YY NNN NN``) whatever the digits.

Sources: Skatteetaten, "Fødselsnummer" and "Nytt fødselsnummer fra 2032" (Folkeregisteret API
documentation); Direktoratet for e-helse, "H-nummer og FH-nummer" (HIS 80505); python-stdnum
``stdnum/no/fodselsnummer.py`` for the classic rule.

>>> is_valid("13108018997")   # classic fødselsnummer
True
>>> is_valid("53108018980")   # D-nummer: day + 40
True
>>> is_valid("30108299939")   # issued after 2032: first check digit with remainder 1
True
>>> is_valid("13108018998")   # a mistyped check digit
False
>>> compact("131080 189 97")
'13108018997'
>>> format("13108018997")
'131080 18997'
>>> validate("131080")  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
    ...
core.sensitive.idnumber.InvalidLength: a national identity number has 11 digits
"""

from __future__ import annotations

import re

from ._finding import Finding
from ._text import Doc

__all__ = [
    "InvalidChecksum", "InvalidComponent", "InvalidFormat", "InvalidLength", "ValidationError",
    "check_digits", "compact", "find", "format", "is_valid", "spans", "validate", "KIND",
]

KIND = "national_id"

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class ValidationError(ValueError):
    """The text is not a valid national identity number."""


class InvalidFormat(ValidationError):
    """Not only digits (after removing separators)."""


class InvalidLength(ValidationError):
    """Not eleven digits."""


class InvalidComponent(ValidationError):
    """The date part is not a date for any of the kinds of number."""


class InvalidChecksum(ValidationError):
    """The check digits do not match."""


_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015]")


def compact(number: str) -> str:
    """Remove separators (spaces, dots, dashes)."""
    return _SEPARATORS.sub("", number)


def _digits(number: str) -> list[int]:
    return [ord(c) - 48 for c in number]


def check_digits(first9: str, remainder: int = 0) -> str | None:
    """The two check digits for nine digits, or None when none exist.

    ``remainder`` 1-3 gives the other first check digits allowed from 2032.

    >>> check_digits("131080189")
    '97'
    """
    d = _digits(first9)
    s1 = sum(w * x for w, x in zip(_W1, d))
    k1 = (remainder - s1) % 11
    if k1 == 10:
        return None
    d.append(k1)
    s2 = sum(w * x for w, x in zip(_W2, d))
    k2 = (-s2) % 11
    if k2 == 10:
        return None
    return f"{k1}{k2}"


def _checksums_ok(d: list[int]) -> bool:
    s1 = sum(w * x for w, x in zip(_W1, d)) % 11
    s2 = sum(w * x for w, x in zip(_W2, d)) % 11
    return s1 <= 3 and s2 == 0


def _date_ok(d: list[int]) -> bool:
    """The first six digits are a date for one of the kinds (or an FH-nummer)."""
    if d[0] >= 8:  # FH-nummer: no date
        return True
    day = d[0] * 10 + d[1]
    month = d[2] * 10 + d[3]
    if day > 40:
        day -= 40
    if month > 80:
        month -= 80
    elif month > 40:
        month -= 40
    if not (1 <= month <= 12):
        return False
    return 1 <= day <= _DAYS[month - 1]


def validate(number: str) -> str:
    """Check the number and return it compacted; raise a :class:`ValidationError` otherwise."""
    number = compact(number)
    if not number.isascii() or not number.isdigit():
        raise InvalidFormat("a national identity number has only digits")
    if len(number) != 11:
        raise InvalidLength("a national identity number has 11 digits")
    d = _digits(number)
    if not _date_ok(d):
        raise InvalidComponent("the first six digits are not a date")
    if not _checksums_ok(d):
        raise InvalidChecksum("the check digits do not match")
    return number


def is_valid(number: str) -> bool:
    """True when ``number`` is a valid identity number of any of the kinds above."""
    try:
        validate(number)
    except ValidationError:
        return False
    return True


def format(number: str) -> str:  # noqa: A001 - the python-stdnum name
    """The usual written form: ``DDMMYY NNNNN``."""
    number = compact(number)
    return number[:6] + " " + number[6:]


# ---------------------------------------------------------------------------------------------
# Finding numbers in free text.

# A chain of digit groups joined by at most one separator (optionally padded by spaces).
_CHAIN = re.compile(r"[0-9]+(?:(?: ?[.\-\u2010-\u2015/] ?| {1,2})[0-9]+)*")
_GROUP = re.compile(r"[0-9]+")
# How identity numbers are written: "DDMMYY NNNNN", "DDMMYY NNN NN", "DD MM YY NNNNN", ... A number
# written so is reported even when both its date and its check digits are mistyped.
_CANONICAL = frozenset({(6, 5), (6, 3, 2), (2, 2, 2, 5), (2, 2, 2, 3, 2)})


def _plausible(digits: str) -> bool:
    d = _digits(digits)
    return _date_ok(d) or _checksums_ok(d)


def find(doc: Doc) -> list[Finding]:
    """Identity numbers in ``doc`` (offsets into ``doc.text``), each a ``block``."""
    return [Finding(KIND, "block", s, e) for s, e in spans(doc.text)]


def spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that hold an identity number (valid, or eleven digits mistyped).

    >>> spans("Time for 010190 12345 kl 14")
    [(9, 21)]
    """
    out: list[tuple[int, int]] = []
    for chain in _CHAIN.finditer(text):
        groups = [(m.start(), m.end(), m.group()) for m in _GROUP.finditer(chain.group())]
        total = sum(e - s for s, e, _ in groups)
        if total < 11:
            continue
        base = chain.start()
        taken_until = -1
        n = len(groups)
        for i in range(n):
            if groups[i][0] < taken_until:
                continue
            s0, e0, g0 = groups[i]
            if len(g0) > 11:
                # a long bare run: any window that is a valid number
                for k in range(len(g0) - 10):
                    if is_valid(g0[k:k + 11]):
                        out.append((base + s0 + k, base + s0 + k + 11))
                        taken_until = e0
                        break
                continue
            acc = g0
            j = i
            while len(acc) < 11 and j + 1 < n:
                j += 1
                acc += groups[j][2]
            if len(acc) != 11:
                continue
            single = i == j
            d = _digits(acc)
            canonical = tuple(len(g[2]) for g in groups[i:j + 1]) in _CANONICAL
            if single or canonical or _checksums_ok(d) or (_date_ok(d) and d[0] < 8):
                out.append((base + s0, base + groups[j][1]))
                taken_until = groups[j][1]
    return out
