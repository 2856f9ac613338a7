"""Screening of meeting subjects ("Emne") for patient data.

The subject of a Delta meeting is sent out in e-mail and SMS invitations and sits in the portal,
so it must hold no sensitive information: no patient name, birth date, fødselsnummer, nothing
about what the meeting is about or who it is with (helsepersonelloven § 21).

>>> scan("Tverrfaglig møte")
[]
>>> [(f.kind, f.severity) for f in scan("Time for 01019012345")]
[('national_id', 'block')]

Each detector is a small module: :mod:`.idnumber`, :mod:`.birthdate`, :mod:`.contact`,
:mod:`.names`, :mod:`.health`, :mod:`.address`. :func:`scan` normalises the text (NFKC, zero-width characters
removed, any white space a space), runs them, combines their results (a health term or a patient
reference next to anything that points at a person becomes a ``block``; so does a name next to an
age, a birth date, an identity number or an address) and returns findings with offsets into the
original text. Nothing here logs or keeps the text.
"""

from __future__ import annotations

from . import address, atc, birthdate, clinic, contact, health, idnumber, names
from ._finding import BLOCK, WARN, Finding
from ._text import Doc
from .messages import explain, explain_all, mask, rule, suggest

__all__ = ["Finding", "BLOCK", "WARN", "scan", "explain", "explain_all", "rule", "suggest", "mask", "is_blocked"]

_CONTAINERS = frozenset({"national_id", "email", "phone"})
_PERSON_KINDS = frozenset({"national_id", "birth_date", "age", "person_name", "patient_reference",
                           "address"})


def scan(text: str) -> list[Finding]:
    """Everything in ``text`` that should not be in a meeting subject, in text order.

    An empty list means the text may be used as a meeting subject.
    """
    if not text or not text.strip():
        return []
    doc = Doc(text)
    t, low = doc.text, doc.lower
    raw: list[tuple[str, str, int, int]] = []
    for s, e in idnumber.find(t):
        raw.append((idnumber.KIND, BLOCK, s, e))
    raw.extend(contact.find(t, low))
    raw.extend(birthdate.find(t, low, doc.tokset))
    raw.extend(names.find(doc))
    raw.extend(health.find(doc))
    raw.extend(atc.find(doc))
    raw.extend(clinic.find(doc))
    raw.extend(address.find(doc))
    if not raw:
        return []

    # Drop what lies inside a number or an address (a date inside an id number, "ola" in an e-mail).
    containers = [(s, e, k) for k, _, s, e in raw if k in _CONTAINERS]
    if containers:
        raw = [
            f for f in raw
            # (two containers on the same span, e.g. an id number that also reads as a foreign
            # phone number "0049...", are both kept here; the next step keeps the first)
            if not any(cs <= f[2] and f[3] <= ce
                       and (f[0] not in _CONTAINERS or (cs, ce) != (f[2], f[3]))
                       for cs, ce, _ in containers)
        ]
        # of two container findings on the same span keep the first (the id number)
        seen: set[tuple[int, int]] = set()
        dedup = []
        for f in raw:
            if f[0] in _CONTAINERS:
                if (f[2], f[3]) in seen:
                    continue
                seen.add((f[2], f[3]))
            dedup.append(f)
        raw = dedup

    # Combine: health information or a patient reference about an identifiable person is a block.
    kinds = [k for k, *_ in raw]
    has_health = "health" in kinds
    refs = kinds.count("patient_reference")
    has_person = any(k in _PERSON_KINDS for k in kinds if k != "patient_reference")
    if has_health and (refs or has_person):
        raw = [(k, BLOCK, s, e) if k in ("health", "patient_reference", "person_name") else (k, sev, s, e)
               for k, sev, s, e in raw]
    elif refs >= 2 or (refs and has_person):
        raw = [(k, BLOCK, s, e) if k in ("patient_reference", "person_name") else (k, sev, s, e)
               for k, sev, s, e in raw]
    # A name with an age or a birth date, or with an identity number, is a patient: all block.
    if "person_name" in kinds and ("age" in kinds or "birth_date" in kinds or "national_id" in kinds
                                   or "address" in kinds):
        raw = [(k, BLOCK, s, e) if k in ("person_name", "age", "birth_date", "address") else (k, sev, s, e)
               for k, sev, s, e in raw]

    # Of two findings of one kind where one holds the other, keep the larger ("Gutt 4 år" and "4 år").
    raw = sorted(set(raw), key=lambda f: (f[2], -f[3], f[0]))
    kept: list[tuple[str, str, int, int]] = []
    for f in raw:
        if any(g[0] == f[0] and g[2] <= f[2] and f[3] <= g[3] and g[1] == BLOCK or
               (g[0] == f[0] and g[2] <= f[2] and f[3] <= g[3] and g[1] == f[1]) for g in kept):
            continue
        kept.append(f)
    out = []
    for k, sev, s, e in sorted(kept, key=lambda f: (f[2], f[3], f[0])):
        os_, oe = doc.span(s, e)
        out.append(Finding(k, sev, os_, oe))
    return out


def is_blocked(findings: list[Finding]) -> bool:
    """True when any finding is a block: the subject must change."""
    return any(f.severity == BLOCK for f in findings)
