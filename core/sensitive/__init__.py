"""Screening of meeting subjects ("Emne") for patient data.

The subject of a Delta meeting is sent out in e-mail and SMS invitations and sits in the portal,
so it must hold no sensitive information: no patient name, birth date, fødselsnummer, nothing
about what the meeting is about or who it is with (helsepersonelloven § 21).

>>> scan("Tverrfaglig møte")
[]
>>> [(f.kind, f.severity) for f in scan("Time for 01019012345")]
[('national_id', 'block')]

Each detector is a small module with one signature, ``find(doc: Doc) -> list[Finding]`` (as
python-stdnum's modules share theirs): :mod:`.idnumber`, :mod:`.contact`, :mod:`.birthdate`,
:mod:`.names`, :mod:`.health`, :mod:`.atc`, :mod:`.clinic`, :mod:`.address`. :func:`scan`
normalises the text (NFKC, zero-width characters removed, any white space a space, other digits
and look-alike letters folded: :mod:`._text`), runs them, combines their results (a health term or a patient
reference next to anything that points at a person becomes a ``block``; so does a name next to an
age, a birth date, an identity number or an address) and returns findings with offsets into the
original text. Nothing here logs or keeps the text.
"""

from __future__ import annotations

from . import address, atc, birthdate, clinic, contact, health, idnumber, names
from ._finding import BLOCK, WARN, Finding
from ._text import Doc
from .messages import explain, explain_all, mask, rule, suggest

__all__ = ["Finding", "BLOCK", "WARN", "scan", "explain", "explain_all", "rule", "suggest", "mask",
           "is_blocked", "DETECTORS"]

#: Every detector, each a module with ``find(doc: Doc) -> list[Finding]`` (offsets into ``doc.text``).
DETECTORS = (idnumber, contact, birthdate, names, health, atc, clinic, address)

_CONTAINERS = frozenset({"national_id", "email", "phone"})
_PERSON_KINDS = frozenset({"national_id", "birth_date", "age", "person_name", "patient_reference",
                           "address"})


def _inside_container(f: Finding, containers: list[Finding]) -> bool:
    """``f`` lies inside a number or an e-mail address (a date inside an id number, "ola" in an
    e-mail); two containers on the same span (an id number that also reads as a foreign phone
    number "0049...") are both kept here."""
    return any(c.start <= f.start and f.end <= c.end
               and (f.kind not in _CONTAINERS or (c.start, c.end) != (f.start, f.end))
               for c in containers)


def _block(found: list[Finding], kinds: frozenset[str]) -> list[Finding]:
    return [Finding(f.kind, BLOCK, f.start, f.end) if f.kind in kinds else f for f in found]


def scan(text: str) -> list[Finding]:
    """Everything in ``text`` that should not be in a meeting subject, in text order.

    An empty list means the text may be used as a meeting subject.
    """
    if not text or not text.strip():
        return []
    doc = Doc(text)
    found: list[Finding] = []
    for detector in DETECTORS:
        found.extend(detector.find(doc))
    if not found:
        return []

    containers = [f for f in found if f.kind in _CONTAINERS]
    if containers:
        found = [f for f in found if not _inside_container(f, containers)]
        # of two container findings on the same span keep the first (the id number)
        seen: set[tuple[int, int]] = set()
        dedup: list[Finding] = []
        for f in found:
            if f.kind in _CONTAINERS:
                if (f.start, f.end) in seen:
                    continue
                seen.add((f.start, f.end))
            dedup.append(f)
        found = dedup

    # Combine: health information or a patient reference about an identifiable person is a block.
    kinds = [f.kind for f in found]
    has_health = "health" in kinds
    refs = kinds.count("patient_reference")
    has_person = any(k in _PERSON_KINDS for k in kinds if k != "patient_reference")
    if has_health and (refs or has_person):
        found = _block(found, frozenset({"health", "patient_reference", "person_name"}))
    elif refs >= 2 or (refs and has_person):
        found = _block(found, frozenset({"patient_reference", "person_name"}))
    # A name with an age or a birth date, or with an identity number, is a patient: all block.
    if "person_name" in kinds and ("age" in kinds or "birth_date" in kinds or "national_id" in kinds
                                   or "address" in kinds):
        found = _block(found, frozenset({"person_name", "age", "birth_date", "address"}))

    # Of two findings of one kind where one holds the other, keep the larger ("Gutt 4 år" and "4 år").
    kept: list[Finding] = []
    for f in sorted(set(found), key=lambda f: (f.start, -f.end, f.kind)):
        if any(g.kind == f.kind and g.start <= f.start and f.end <= g.end
               and (g.severity == BLOCK or g.severity == f.severity) for g in kept):
            continue
        kept.append(f)
    out: list[Finding] = []
    for f in sorted(kept, key=lambda f: (f.start, f.end, f.kind)):
        start, end = doc.span(f.start, f.end)
        out.append(Finding(f.kind, f.severity, start, end))
    return out


def is_blocked(findings: list[Finding]) -> bool:
    """True when any finding is a block: the subject must change."""
    return any(f.severity == BLOCK for f in findings)
