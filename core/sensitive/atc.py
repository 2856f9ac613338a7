"""Drug codes of the ATC classification (kind ``health``): a medicine tells a diagnosis.

The Anatomical Therapeutic Chemical classification (WHO Collaborating Centre for Drug Statistics
Methodology, https://atcddd.fhi.no/atc/structure_and_principles/) codes a substance in five levels:
an anatomical main group (one letter of ``ABCDGHJLMNPRSV``), a therapeutic subgroup (two digits),
a pharmacological and a chemical subgroup (one letter each) and the substance (two digits):
``N05AH03`` is olanzapine, ``N05AH`` the diazepines, ``N05A`` the antipsychotics, ``N05`` the
psycholeptics.

Rules (every finding is a ``warn``; :func:`core.sensitive.scan` makes it a ``block`` next to a
person):

* a full code (level 5, ``B01AF01``) anywhere, also glued to a word (``DoseringB01AF01``,
  ``Resept_N02AB03``) and in small letters (``n05ah03``);
* a code of level 3 or 4 (``N06A``, ``N05AH``) as a word of its own, in capitals (in a text all in
  small letters too), not after a word that makes it a room, a building or a model (``Møterom
  B01``); level 2 (``N05``) has the shape of an ICD-10 code and is found by :mod:`.health`.

>>> find_text("Dosering B01AF01")
[('health', 'warn', 9, 16)]
>>> find_text("DoseringB01AF01"), find_text("Start N06A")
([('health', 'warn', 8, 15)], [('health', 'warn', 6, 10)])
>>> find_text("Møterom B01A"), find_text("Bestilling modell T14")
([], [])
"""

from __future__ import annotations

import re

from ._finding import Finding
from ._text import Doc

__all__ = ["KIND", "find", "find_text", "NOT_AFTER"]

KIND = "health"

_FULL_RE = re.compile(r"(?P<code>[ABCDGHJLMNPRSV][0-9]{2}[A-Z]{2}[0-9]{2})(?![A-Za-z0-9])", re.IGNORECASE)
_QUICK_RE = re.compile(r"[A-Za-z][0-9]{2}[A-Za-z]")
_PART_RE = re.compile(r"(?<![\w.\-/])(?P<code>[ABCDGHJLMNPRSV][0-9]{2}[A-Z]{1,2})(?![\w])",
                      re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_]+")
#: Words after which a letter with digits is a room, a building, a road, a model, not a code.
NOT_AFTER = frozenset(
    "bygg bygning fløy rom etasje plan sal møterom auditorium seksjon post kl vei rv fv ev e "
    "uke versjon v rute linje buss gate felt sone blokk hus nr rad modell model skjema parkering "
    "sak type serie klasse kategori nivå pc art artikkel".split()
)


def find_text(text: str) -> list[tuple[str, str, int, int]]:
    """:func:`find` on a plain string."""
    return _find(Doc(text))


def _find(doc: Doc) -> list[tuple[str, str, int, int]]:
    """ATC codes in ``doc`` as (kind, severity, start, end) in ``doc.text`` offsets."""
    if not doc.has_digit:
        return []
    text, lower = doc.text, doc.lower
    out: list[tuple[str, str, int, int]] = []
    if _QUICK_RE.search(text) is None:
        return out
    for m in _FULL_RE.finditer(text):
        code = m.group("code")
        if doc.cased and not code.isupper():
            continue
        if m.start() and (text[m.start() - 1].isdigit() or text[m.start() - 1].isupper()):
            continue  # glued to a word in small letters ("DoseringB01AF01"), not inside a longer code
        out.append((KIND, "warn", m.start("code"), m.end("code")))
    for m in _PART_RE.finditer(text):
        code = m.group()
        if not code.isupper() and doc.cased:
            continue
        prev = _WORD_RE.findall(lower, max(0, m.start() - 16), m.start())
        if prev and prev[-1] in NOT_AFTER:
            continue
        out.append((KIND, "warn", m.start(), m.end()))
    return out


def find(doc: Doc) -> list[Finding]:
    """ATC codes in ``doc`` (offsets into ``doc.text``)."""
    return [Finding(k, s, a, b) for k, s, a, b in _find(doc)]
