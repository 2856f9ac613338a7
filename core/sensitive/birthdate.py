"""Birth dates and ages.

Rules (each finding is ``block`` unless said otherwise):

* a birth-date keyword followed by a date or a year: ``født``, ``fødd``, ``f.``, ``f.dato``,
  ``f.d.``, ``fdato``, ``fødselsdato``, ``fødselsår``, ``DOB``, ``born``, ``date of birth``
  (``Ole Hansen f. 12.03.1954``, ``født 1954``, ``DOB 1954-03-12``) — kind ``birth_date``;
* a full date that can only be a birth date, because a meeting is never booked so far back:
  a four digit year at least 10 years ago (``12.03.1954``; a year 2-9 years ago is a ``warn``),
  or a two digit year that can only be 19xx (``12.03.54``) — kind ``birth_date``;
* an age: ``88 år gammel``, ``88-åring``, ``88 år, mann``, ``gutt 4 år``, ``88 years old``,
  ``aged 88``, ``88 y/o`` — kind ``age``; a bare ``88 år`` with nothing around it that makes it
  a span of time (``jubileum 25 år``, ``siste 5 år``, ``5 års``) is a ``warn``.

The meeting's own date (``Fagdag 12.12.2026``), week numbers and times are never birth dates.

>>> [(k, s) for k, s, *_ in find("Ole Hansen f. 12.03.1954", "ole hansen f. 12.03.1954")]
[('birth_date', 'block')]
>>> find("Fagdag 12.12.2026", "fagdag 12.12.2026")
[]
>>> [(k, s) for k, s, *_ in find("88 år gammel mann", "88 år gammel mann")]
[('age', 'block')]
"""

from __future__ import annotations

import datetime as _dt
import re

__all__ = ["DATE_RE", "find"]

_THIS_YEAR = _dt.date.today().year

_MONTHS = (
    "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|"
    "january|february|march|may|june|july|october|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|des|dec"
)

#: A written date. Groups: d, m, y (numeric) or d2, mn, y2 (month name) or iy, im, id (ISO).
DATE_RE = re.compile(
    r"(?:"
    r"(?P<d>[0-3]?[0-9]) ?[./\-] ?(?P<m>[01]?[0-9]) ?[./\-] ?(?P<y>[0-9]{4}|[0-9]{2})"
    r"|(?P<d2>[0-3]?[0-9])\.? ?(?P<mn>" + _MONTHS + r")\.?,? (?P<y2>[0-9]{4})"
    r"|(?P<iy>(?:19|20)[0-9]{2})-(?P<im>[01][0-9])-(?P<id>[0-3][0-9])"
    r")(?![0-9])",
)

_KEYWORD_RE = re.compile(
    r"(?:født|fødd|fødselsdato|fødselsår|fødselsdag|f\.dato|f\.d\.|fdato|fdt\.?|"
    r"f\.|dob|d\.o\.b\.?|born|date of birth|birth ?date|year of birth|b\.)"
    r"\s*[:\-]?\s*(?:i |den |on |in )?"
    r"(?P<what>[0-3]?[0-9] ?[./\-] ?[01]?[0-9] ?[./\-] ?(?:[0-9]{4}|[0-9]{2})"
    r"|[0-3]?[0-9]\.? ?(?:" + _MONTHS + r")\.?,? [0-9]{4}"
    r"|(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]"
    r"|[0-7][0-9][0-9]{2}[0-9]{2}"
    r"|(?:18|19|20)[0-9]{2}|'?[0-9]{2})(?![0-9])",
)

# "88 år", "88-åring", "88 years old", "aged 88".
_AGE_RE = re.compile(
    r"(?P<n>1[01][0-9]|[1-9]?[0-9]) ?(?:"
    r"(?P<ring>-? ?åring(?:en|er)?|-? ?års?gammel|-? ?year-old|-? ?yrs?\b|y/?o\b|m/?o\b"
    r"|(?:år|years?) gam(?:mel|le|al)|years? old|mnd gam(?:mel|le)|måneder gam(?:mel|le))"
    r"|(?P<aar>år)(?![^\W\d_]))",
)
_AGED_RE = re.compile(r"(?<![^\W\d_])(?:aged|alder|age)\s*:?\s*(?:1[01][0-9]|[1-9]?[0-9])(?![0-9])")

# Words next to "N år" that make it a person's age ...
_AGE_PERSON = frozenset(
    "mann kvinne gutt jente pike barn pasient pas pt baby spedbarn ungdom dame herre kar sønn datter "
    "mor far bror søster bestemor bestefar male female man woman boy girl patient child old gammel "
    "gamle gammal ektemann kone enke enkemann".split()
)
# ... and words that make it a span of time.
_AGE_SPAN = frozenset(
    "jubileum jubileet jubileumsfeiring markering markerer feiring feirer siste neste om etter før "
    "i på over under gjennom hver per innen for fra til ca cirka omtrent plan planen periode "
    "perioden strategi prosjekt prosjektet avtale avtalen kontrakt kontrakten garanti siden "
    "tidligere senere ansatt ansettelse tjeneste tjenestetid ansiennitet drift evaluering "
    "oppsummering varighet mandat mål første andre tredje fjerde femte".split()
)
_WORD_RE = re.compile(r"[^\W\d_]+")


def _prev_word(lower: str, pos: int) -> str:
    words = _WORD_RE.findall(lower, max(0, pos - 25), pos)
    return words[-1] if words else ""


def _next_word(lower: str, pos: int) -> str:
    m = _WORD_RE.search(lower, pos, pos + 25)
    return m.group() if m else ""


def _date_severity(m: re.Match) -> str | None:
    """block/warn for a date that can only be a birth date, else None."""
    g = m.groupdict()
    if g["d"] is not None:
        day, month, ys = int(g["d"]), int(g["m"]), g["y"]
    elif g["d2"] is not None:
        day, month, ys = int(g["d2"]), 1, g["y2"]
    else:
        day, month, ys = int(g["id"]), int(g["im"]), g["iy"]
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    if len(ys) == 2:
        yy = int(ys)
        return "block" if yy > (_THIS_YEAR % 100) + 5 else None
    year = int(ys)
    if year < 1880:
        return None
    if year <= _THIS_YEAR - 10:
        return "block"
    if year <= _THIS_YEAR - 2:
        return "warn"
    return None


def find(text: str, lower: str) -> list[tuple[str, str, int, int]]:
    """Birth dates and ages in ``text`` as (kind, severity, start, end)."""
    out: list[tuple[str, str, int, int]] = []
    has_digit = False
    for c in text:
        if "0" <= c <= "9":
            has_digit = True
            break
    if not has_digit:
        return out
    taken: list[tuple[int, int]] = []
    for m in _KEYWORD_RE.finditer(lower):
        if m.start() and (lower[m.start() - 1].isalpha()):
            continue
        what = m.group("what")
        if len(what.strip("'")) == 2 and not m.group().lower().startswith(("f", "dob", "d.o", "b")):
            continue
        out.append(("birth_date", "block", m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in DATE_RE.finditer(lower):
        if m.start() and "0" <= lower[m.start() - 1] <= "9":
            continue
        if any(s <= m.start() < e for s, e in taken):
            continue
        sev = _date_severity(m)
        if sev:
            out.append(("birth_date", sev, m.start(), m.end()))
    for m in _AGE_RE.finditer(lower):
        if m.start() and lower[m.start() - 1] in "0123456789.,:":
            continue
        if any(s <= m.start() < e for s, e in taken):
            continue
        if m.group("ring"):
            out.append(("age", "block", m.start(), m.end()))
            continue
        prev = _prev_word(lower, m.start())
        nxt = _next_word(lower, m.end())
        if nxt in _AGE_PERSON or prev in _AGE_PERSON:
            out.append(("age", "block", m.start(), m.end()))
        elif prev in _AGE_SPAN or nxt in _AGE_SPAN or lower[m.end():m.end() + 1] == "s":
            continue
        elif nxt in ("siden", "ago", "since") or lower.startswith("s", m.end()):
            continue
        else:
            out.append(("age", "warn", m.start(), m.end()))
    for m in (_AGED_RE.finditer(lower) if "age" in lower or "alder" in lower else ()):
        out.append(("age", "block", m.start(), m.end()))
    return out
