"""Contact data: e-mail addresses and phone numbers (kinds ``email`` and ``phone``, ``block``).

Phone numbers: a cheap pattern finds runs of at least eight digits (a Norwegian number has eight;
a foreign one more). A plain Norwegian number (eight digits, optionally after +47 or 0047) is
checked against the national numbering plan's ranges (Nkom: 2x-7x fixed, 4x/9x mobile, 8x
special); anything else is confirmed by the ``phonenumbers`` library's matcher (Norway as the
default region, leniency VALID), which is slow and so runs only then. A written date
(``22.12.2026``, which the matcher would take for an Oslo number) is never a phone number, nor is
a run preceded by "uke"/"week".

>>> find("kontakt ola@example.no", "kontakt ola@example.no")
[('email', 'block', 8, 22)]
>>> find("Ring 922 33 444", "ring 922 33 444")
[('phone', 'block', 5, 15)]
>>> find("Fagdag 22.12.2026", "fagdag 22.12.2026")
[]
"""

from __future__ import annotations

import re

import phonenumbers

from .birthdate import DATE_RE

__all__ = ["find"]

_EMAIL_RE = re.compile(
    r"(?<![\w.+\-])[\w.+\-%']+ ?@ ?[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,}(?![\w])"
)
# A run of digit groups that could be a phone number: optional +/00 prefix, groups joined by a
# single space, dot, dash or slash, or wrapped in parentheses.
_CANDIDATE_RE = re.compile(r"(?:\+|\(\+?)?[0-9][0-9()]*(?:[ .\-/]{1,2}\(?[0-9][0-9()]*)*")
_WEEK_RE = re.compile(r"(?:uke|veke|week|uker|ukene|weeks|nr|versjon|v)\.? ?$", re.IGNORECASE)
_NON_DIGIT = re.compile(r"[^0-9]")
# eight digits, grouped as people write them, optionally after +47 / 0047
_NO_PLAIN = re.compile(r"(?:(?:\+|00) ?47[ .\-]?)?[0-9](?:[ .\-]?[0-9]){7}")
_NO_NUMBER = re.compile(r"(?:0047|47)?(?:2[1-4]|3[1-8]|4[015-9]|5[1-7]|6[1-9]|7[0-8]|8[0-9]|9[0-9])[0-9]{6}")
_LENIENCY = phonenumbers.Leniency.VALID


def _digit_count(s: str) -> int:
    n = 0
    for c in s:
        if "0" <= c <= "9":
            n += 1
    return n


def find(text: str, lower: str) -> list[tuple[str, str, int, int]]:
    """E-mail addresses and phone numbers in ``text`` as (kind, severity, start, end)."""
    out: list[tuple[str, str, int, int]] = []
    if "@" in text:
        for m in _EMAIL_RE.finditer(text):
            out.append(("email", "block", m.start(), m.end()))
    for m in _CANDIDATE_RE.finditer(text):
        cand = m.group()
        if _digit_count(cand) < 8:
            continue
        if _WEEK_RE.search(lower, max(0, m.start() - 8), m.start()):
            continue
        if any(e.start() <= m.start() < e.end() for e in _EMAIL_RE.finditer(text)) if "@" in text else False:
            continue
        dates = [(d.start() + m.start(), d.end() + m.start()) for d in DATE_RE.finditer(cand.lower()) if not (d.start() and cand[d.start() - 1].isdigit())]
        if dates and dates[0][0] == m.start() and dates[0][1] == m.end():
            continue  # a date, not a number
        digits = _NON_DIGIT.sub("", cand)
        if _NO_PLAIN.fullmatch(cand) and _NO_NUMBER.fullmatch(digits):
            out.append(("phone", "block", m.start(), m.end()))
            continue
        try:
            matches = list(phonenumbers.PhoneNumberMatcher(cand, "NO", leniency=_LENIENCY))
        except Exception:  # pragma: no cover - the library's own errors on odd input
            continue
        for pm in matches:
            s, e = m.start() + pm.start, m.start() + pm.end
            if any(ds <= s and e <= de for ds, de in dates):
                continue
            out.append(("phone", "block", s, e))
    return out
