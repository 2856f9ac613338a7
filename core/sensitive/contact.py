"""Contact data: e-mail addresses and phone numbers (kinds ``email`` and ``phone``, ``block``).

Phone numbers: a cheap pattern finds runs of at least eight digits (a Norwegian number has eight;
a foreign one more). A plain Norwegian number (eight digits, optionally after +47 or 0047) is
checked against the national numbering plan's ranges (Nkom: 2x-7x fixed, 4x/9x mobile, 8x
special); anything else is confirmed by the ``phonenumbers`` library's matcher (Norway as the
default region, leniency VALID), which is slow and so runs only then. A written date
(``22.12.2026``, which the matcher would take for an Oslo number) is never a phone number, nor is
a run preceded by "uke"/"week" or by a word ending in "nr" that is not a phone's ("Ordrenr",
"Saksnr"; but "Mobilnr", "Tlf.nr" and a bare "Nr:" are), nor a sum of money (a currency or
budget word next to it, or round thousands: ``Budsjett 45 000 000``).

E-mail addresses also when written out (``ola.hansen(at)gmail.com``, ``kari at siv dot no``).

>>> find_text("kontakt ola@example.no")
[('email', 'block', 8, 22)]
>>> find_text("Ring 922 33 444")
[('phone', 'block', 5, 15)]
>>> find_text("Fagdag 22.12.2026")
[]
"""

from __future__ import annotations

import re

import phonenumbers

from ._finding import Finding
from ._text import Doc
from .birthdate import DATE_RE

__all__ = ["find", "find_text"]

_EMAIL_RE = re.compile(
    r"(?<![\w.+\-])[\w.+\-%']+ ?@ ?[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,}(?![\w])"
)
# An address written out to fool a spam filter: "ola.hansen(at)gmail.com", "ola [at] siv dot no".
_EMAIL_WRITTEN_RE = re.compile(
    r"(?<![\w.+\-])[\w.+\-%']+ ?(?:\(at\)|\[at\]|\{at\}|\(snabel-a\)|\(krøllalfa\)| at | snabel-a ) ?"
    r"[\w\-]+(?:(?:\.| ?\(dot\) ?| ?\[dot\] ?| dot | punktum )[\w\-]+)*(?:\.| ?\(dot\) ?| ?\[dot\] ?| dot | punktum )"
    r"(?:no|com|net|org|se|dk|eu|info|io)(?![\w])"
)
# A run of digit groups that could be a phone number: optional +/00 prefix, groups joined by a
# single space, dot, dash or slash, or wrapped in parentheses.
_CANDIDATE_RE = re.compile(r"(?:\+|\(\+?)?[0-9][0-9()]*(?:[ .\-/]{1,2}\(?[0-9][0-9()]*)*")
_WEEK_RE = re.compile(r"(?<![^\W\d_])(?:uke|veke|week|uker|ukene|weeks|versjon|v)\.? ?$", re.IGNORECASE)
# a word ending in "nr" ("Ordrenr", "Sak nr.") right before the number, unless it is a phone's
_NR_BEFORE_RE = re.compile(r"(?<![^\W\d_])([^\W\d_]*\.? ?)nr\.?:? ?$")
_PHONE_WORDS = ("mobil", "mob", "tlf", "tel", "telefon", "kontakt", "sms", "ring", "direkte")
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


_AMOUNT_BEFORE = frozenset(
    "kr nok kroner budsjett budsjettet ramme rammen kostnad kostnader beløp tilskudd investering "
    "investeringer eur euro usd sum totalt pris lønn omsetning overskudd underskudd besparelse "
    "gevinst mill millioner".split()
)
_AMOUNT_AFTER = frozenset("kr kroner nok mill millioner euro eur usd".split())
_THOUSANDS_RE = re.compile(r"[0-9]{1,3}(?:[ .][0-9]{3})*[ .]000")
_LETTERS_RE = re.compile(r"[^\W\d_]+")


def _is_amount(lower: str, start: int, end: int, cand: str) -> bool:
    """The number is a sum of money: a currency or budget word next to it, or round thousands."""
    if _THOUSANDS_RE.fullmatch(cand.strip()):
        return True
    before = _LETTERS_RE.findall(lower, max(0, start - 16), start)
    if before and before[-1] in _AMOUNT_BEFORE:
        return True
    if "€" in lower[max(0, start - 2):start] or "$" in lower[max(0, start - 2):start]:
        return True
    after = _LETTERS_RE.search(lower, end, end + 10)
    if after and after.group() in _AMOUNT_AFTER and not lower[end:after.start()].strip(" ,.-"):
        return True
    return lower[end:end + 2] in (",-", ".-")


def find_text(text: str) -> list[tuple[str, str, int, int]]:
    """:func:`find` on a plain string, as (kind, severity, start, end)."""
    doc = Doc(text)
    return _find(doc.text, doc.lower)


def find(doc: Doc) -> list[Finding]:
    """E-mail addresses and phone numbers in ``doc`` (offsets into ``doc.text``)."""
    return [Finding(k, s, a, b) for k, s, a, b in _find(doc.text, doc.lower)]


def _find(text: str, lower: str) -> list[tuple[str, str, int, int]]:
    out: list[tuple[str, str, int, int]] = []
    if "@" in text:
        for m in _EMAIL_RE.finditer(text):
            out.append(("email", "block", m.start(), m.end()))
    if "at" in lower or "snabel" in lower or "krøllalfa" in lower:
        for m in _EMAIL_WRITTEN_RE.finditer(lower):
            out.append(("email", "block", m.start(), m.end()))
    for m in _CANDIDATE_RE.finditer(text):
        cand = m.group()
        if _digit_count(cand) < 8:
            continue
        if _WEEK_RE.search(lower, max(0, m.start() - 8), m.start()):
            continue
        nr = _NR_BEFORE_RE.search(lower, max(0, m.start() - 16), m.start())
        if nr and nr.group(1).strip(" .") and not nr.group(1).startswith(_PHONE_WORDS):
            continue  # "Ordrenr 45012345", "Saksnr.": a number of something else
        if any(e.start() <= m.start() < e.end() for e in _EMAIL_RE.finditer(text)) if "@" in text else False:
            continue
        dates = [(d.start() + m.start(), d.end() + m.start()) for d in DATE_RE.finditer(cand.lower()) if not (d.start() and cand[d.start() - 1].isdigit())]
        if dates and dates[0][0] == m.start() and dates[0][1] == m.end():
            continue  # a date, not a number
        if _is_amount(lower, m.start(), m.end(), cand):
            continue  # "Budsjett 45 000 000", "kr 45.000.000": money, not a number to call
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
