"""E-mail addresses and phone numbers anywhere in the sentence, returned as typed.

Only recognised here; :func:`core.invitees.parse_invitees` validates them in the dialog. A phone
number is a ``+`` or ``00`` country code with 6-14 more digits, or eight digits (a Norwegian number)
in the usual groups: ``92345678``, ``923 45 678``, ``92 34 56 78``, ``923-45-678``. Times, dates
and room numbers ("10-11", "15.12.2026", "2026-12-03", "Rom 305") never have that shape.

    >>> t = Text("møte med kari@siv.no og 923 45 678, +47 412 34 567 i morgen 10-11")
    >>> find_emails(t), find_phones(t)
    (['kari@siv.no'], ['923 45 678', '+47 412 34 567'])
    >>> find_phones(Text("2026-12-03 14:00-15:00 rom 305 kl 1400 1500"))
    []
"""
from __future__ import annotations

import re

from .text import Text

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_NOT_BEFORE = r"(?<![\w+.:/@-])"
_NOT_AFTER = r"(?![\w:/@]|[.,-]\d)"
# Eight digits as Norwegians write them: 92345678, 923 45 678, 92 34 56 78, 923-45-678.
_EIGHT = (r"(?:\d{8}|\d{3} \d{2} \d{3}|\d{2} \d{2} \d{2} \d{2}|\d{3} \d{5}|\d{4} \d{4}"
          r"|\d{3}-\d{2}-\d{3}|\d{2}-\d{2}-\d{2}-\d{2})")
_PHONE = re.compile(
    _NOT_BEFORE + r"(?:"
    # Norway's code and eight digits: +47 923 45 678, 0047 92345678
    r"\(?(?:\+|00)47\)?[ ]?" + _EIGHT +
    # another country code: +46 70 123 45 67
    r"|(?:\+|00)(?!47)\d{1,3}(?:[ ]?\d{2,4}){2,5}"
    r"|" + _EIGHT +
    r")" + _NOT_AFTER)
_KL_BEFORE = re.compile(r"(?:kl|klokka|klokken)\.?\s*$")


def find_emails(text: Text) -> list[str]:
    """Claim and return every e-mail address (a final full stop is the sentence's, not the address's)."""
    found = []
    for m in _EMAIL.finditer(text.free_view()):
        addr = m[0].rstrip(".")
        text.claim(m.start(), m.start() + len(addr))
        found.append(addr)
    return found


def find_phones(text: Text) -> list[str]:
    """Claim and return every phone number, as typed."""
    found = []
    view = text.free_view()
    for m in _PHONE.finditer(view):
        digits = re.sub(r"\D", "", m[0])
        if m[0][0] not in "+0(" and (digits[0] in "01" or _KL_BEFORE.search(text.lower[: m.start()])):
            continue   # Norwegian numbers start with 2-9; "kl 1400 1500" is a time
        if m[0][0] in "+0(" and not 8 <= len(digits.lstrip("0")) <= 15:
            continue
        text.claim(m.start(), m.end())
        found.append(m[0])
    return found
