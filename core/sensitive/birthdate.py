"""Birth dates and ages.

Rules (each finding is ``block`` unless said otherwise):

* a birth-date keyword followed by a date or a year: ``født``, ``fødd``, ``f.``, ``f.dato``,
  ``f.d.``, ``fdato``, ``fødselsdato``, ``fødselsår``, ``DOB``, ``born``, ``date of birth``
  (``Ole Hansen f. 12.03.1954``, ``født 1954``, ``DOB 1954-03-12``) — kind ``birth_date``;
* a full date that can only be a birth date, because a meeting is never booked so far back:
  a four digit year at least 20 years ago (``12.03.1954``; a year 2-19 years ago is a ``warn``:
  a child's birth date, or the date of an old document), or a two digit year that can only be
  19xx (``12.03.54``) — kind ``birth_date``; not after a word that makes it the date of something
  else (``Avtale fra 01.01.2010``, ``revidert 12.03.2015``, ``Jubileum 1.1.1976``);
* an age: ``88 år gammel``, ``88-åring``, ``92-årig``, ``88 år, mann``, ``gutt 4 år``,
  ``gutt på 6 år``, ``Mann 67``, ``Kvinne (45)``, ``baby 5 uker``, ``to år gammel``, ``3,5 år
  gammel``, ``mann i 60-årene``, ``88 years old``, ``aged 88``, ``88 y/o``, ``sjuåring``, and after a
  plural or a less usual word for a person (``søsken 4 og 7 år``, ``småbarn 18 mnd``,
  ``ungdommen (17)``, ``Enkemann 88``, nynorsk ``guten``, ``kvinna``) — kind ``age``; a bare
  ``88 år`` with nothing around it that makes it a span of time (``jubileum 25 år``, ``siste 5
  år``, ``5 års``) or an age group (``barn 0-6 år``) is a ``warn``;
* a year in brackets (``(1954)``) is a ``warn`` (a ``block`` next to a name, see
  :func:`core.sensitive.scan`).

The meeting's own date (``Fagdag 12.12.2026``), week numbers and times are never birth dates.

>>> [(k, s) for k, s, *_ in find_text("Ole Hansen f. 12.03.1954")]
[('birth_date', 'block')]
>>> find_text("Fagdag 12.12.2026")
[]
>>> [(k, s) for k, s, *_ in find_text("88 år gammel mann")]
[('age', 'block')]
"""

from __future__ import annotations

import datetime as _dt
import re

from ._finding import Finding
from ._text import Doc

__all__ = ["DATE_RE", "find", "find_text"]

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
    r"(?:født|fødd|fødselsdato|fødselsår|fødselsdag|f\.dato|f\.d\.|fdato|fdt\.?|fd\.?|f\.d|"
    r"f\.|dob|d\.o\.b\.?|born|date of birth|birth ?date|year of birth|b\.)"
    r"\s*[:\-]?\s*(?:i |den |on |in )?"
    r"(?P<what>[0-3]?[0-9] ?[./\-] ?[01]?[0-9] ?[./\-] ?(?:[0-9]{4}|[0-9]{2})"
    r"|[0-3]?[0-9]\.? ?(?:" + _MONTHS + r")\.?,? [0-9]{4}"
    r"|(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]"
    r"|[0-7][0-9][0-9]{2}[0-9]{2}"
    r"|(?:18|19|20)[0-9]{2}|'?[0-9]{2})(?![0-9])",
)

# "88 år", "88-åring", "92-årig", "88 years old", "aged 88", "4 mnd gammel".
_AGE_RE = re.compile(
    r"(?P<n>1[01][0-9]|[1-9]?[0-9]) ?(?:"
    r"(?P<ring>-? ?åring(?:en|er)?|-? ?årig(?:e)?(?![^\W\d_])|-? ?års?gammel|-? ?year-old|-? ?yrs?\b"
    r"|y/?o\b|m/?o\b|(?:år|years?) gam(?:mel|le|al)|years? old"
    r"|(?:mnd|md|måneder|uker|dager|døgn|months?|weeks?|days?)\.? gam(?:mel|le|al)|months? old"
    r"|weeks? old|days? old)"
    r"|(?P<aar>år)(?![^\W\d_]))",
)
_AGED_RE = re.compile(r"(?<![^\W\d_])(?:aged|alder|age)\s*:?\s*(?:1[01][0-9]|[1-9]?[0-9])(?![0-9])")
# "to år gammel", "tre måneder gammel": an age in words.
_AGE_WORDS_RE = re.compile(
    r"(?<![^\W\d_])(?:en|ett|ei|et|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|halvt|"
    r"halvannet|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) "
    r"(?:år|måneder|mnd|uker|dager|døgn|years?|months?|weeks?|days?) (?:gam(?:mel|le|al)|old)"
    r"(?![^\W\d_])"
)
# "i 80-årene", "in his 60s": a person's decade.
_DECADE_RE = re.compile(r"(?<![0-9])[1-9]0 ?-? ?(?:årene|åra|års alder|-?s\b)")
# "mann 67", "Kvinne (45)", "pasient (77)", "baby 5 uker": a number after a word for a person.
_PERSON_NUMBER_RE = re.compile(
    r"(?<![^\W\d_])(?P<w>mann|kvinne|gutt|jente|pike|dame|herre|male|female|man|woman|boy|girl|"
    r"pasient|pas|pt|patient|baby|spedbarn|nyfødt|barn|child|sønn|datter|son|daughter|"
    r"gutten|jenta|jenten|mannen|kvinnen|damen|dama|småbarn|ungdom|ungdommen|tenåring|tenåringen|"
    r"elev|eleven|enke|enka|enkja|enkemann|enkemannen|pensjonist|pensjonisten|bestemor|bestefar|"
    r"tvilling|tvillingen|tvillinger|tvillingene|søsken|søsknene|brødre|brødrene|søstre|søstrene|"
    r"jentene|guttene|barna|borna|ektepar|ekteparet|kvinna|guten|gut|pikene|ungdommar)\.?,? ?(?:på )?"
    r"(?:\((?P<p>1[01][0-9]|[1-9]?[0-9])\)|(?P<n>1[01][0-9]|[1-9]?[0-9])(?: ?(?P<u>år|mnd|md|"
    r"måneder|uker|dager|døgn|years?|months?|weeks?|days?|y))?)(?![0-9]|[.,:/\-][0-9]|[^\W\d_])"
)
# Quick checks: the words without which a rule cannot match.
_AGE_UNITS = frozenset(
    "år åring åringen åringer årig årige årsgammel år-gammel year years yr yrs yo y o mo mnd md måneder "
    "uker dager døgn month months week weeks day days old gammel gamle gammal".split()
)
_PERSON_WORDS = frozenset(
    "mann kvinne gutt jente pike dame herre male female man woman boy girl pasient pas pt patient "
    "baby spedbarn nyfødt barn child sønn datter son daughter gutten jenta jenten mannen kvinnen damen "
    "dama småbarn ungdom ungdommen tenåring tenåringen elev eleven enke enka enkja enkemann "
    "enkemannen pensjonist pensjonisten bestemor bestefar tvilling tvillingen tvillinger tvillingene "
    "søsken søsknene brødre brødrene søstre søstrene jentene guttene barna borna ektepar ekteparet "
    "kvinna guten gut pikene ungdommar".split()
)
# "sjuåring", "femåringen": an age in one word.
_AGE_WORD_RE = re.compile(
    r"(?<![^\W\d_])(?:ett|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|"
    r"femten|seksten|sytten|atten|nitten)(?:-)?åring(?:en|er|ene|ar|ane)?(?![^\W\d_])"
)
# "(1954)": a birth year in brackets (a warn alone, a block next to a name).
_YEAR_IN_BRACKETS_RE = re.compile(r"\((?P<y>(?:18|19|20)[0-9]{2})\)")

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
    "oppsummering varighet mandat mål første andre tredje fjerde femte "
    # an institution's age ("Sykehuset 50 år", "Avdelingen 25 år – feiring")
    "sykehuset sykehus avdelingen avdeling klinikken seksjonen foretaket posten senteret huset "
    "bygget foreningen forbundet laget tjenesten stiftelsen skolen sjukehuset organisasjonen "
    "jubilant jubilanten anniversary".split()
)
_WORD_RE = re.compile(r"[^\W\d_]+")
# Words before a date that make it the date of a document, an agreement or an event.
_DATE_NOT_BIRTH_BEFORE = frozenset(
    "fra siden til per pr revidert revisjon datert vedtatt etablert stiftet åpnet innført gjeldende "
    "gyldig jubileum av since from until dated effective version versjon utgave brev skriv vedtak "
    "avtale kontrakt".split()
)
_DECIMAL_BEFORE_RE = re.compile(r"(?<![0-9.,])[0-9]{1,2}[.,]$")
_RANGE_BEFORE_RE = re.compile(r"[0-9] ?[\-\u2013] ?$")
# After "mann 67": words that make the number something else ("Mann 2 ganger").
_NOT_AGE_AFTER = frozenset("ganger gang stk prosent kr kroner timer time min minutter kl".split())


def _prev_word(lower: str, pos: int) -> str:
    words = _WORD_RE.findall(lower, max(0, pos - 25), pos)
    return words[-1] if words else ""


def _next_word(lower: str, pos: int) -> str:
    m = _WORD_RE.search(lower, pos, pos + 25)
    return m.group() if m else ""


def _date_severity(m: re.Match[str]) -> str | None:
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
    if year <= _THIS_YEAR - 20:
        return "block"
    if year <= _THIS_YEAR - 2:
        return "warn"  # a child's birth date, or a date in an old document
    return None


def find(doc: Doc) -> list[Finding]:
    """Birth dates and ages in ``doc`` (offsets into ``doc.text``)."""
    return [Finding(k, s, a, b) for k, s, a, b in _find(doc.text, doc.lower, doc.tokset)]


def find_text(text: str) -> list[tuple[str, str, int, int]]:
    """:func:`find` on a plain string, as (kind, severity, start, end)."""
    doc = Doc(text)
    return _find(doc.text, doc.lower, doc.tokset)


def _find(text: str, lower: str, toks: frozenset[str] | None = None) -> list[tuple[str, str, int, int]]:
    """Birth dates and ages in ``text`` as (kind, severity, start, end).

    ``toks``, the set of the text's words in lower case, saves finding them again.
    """
    out: list[tuple[str, str, int, int]] = []
    has_digit = False
    for c in text:
        if "0" <= c <= "9":
            has_digit = True
            break
    if "åring" in lower:
        for m in _AGE_WORD_RE.finditer(lower):
            out.append(("age", "block", m.start(), m.end()))
    if not has_digit:
        if " gam" in lower or " old" in lower:
            for m in _AGE_WORDS_RE.finditer(lower):
                out.append(("age", "block", m.start(), m.end()))
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
        if sev and _prev_word(lower, m.start()) in _DATE_NOT_BIRTH_BEFORE:
            continue  # "Avtale fra 01.01.2010", "revidert 12.03.2015": a date of something else
        if sev:
            out.append(("birth_date", sev, m.start(), m.end()))
    if toks is None:
        toks = frozenset(_WORD_RE.findall(lower))
    for m in (_AGE_RE.finditer(lower) if not _AGE_UNITS.isdisjoint(toks) or "åri" in lower else ()):
        if m.start() and lower[m.start() - 1] in "0123456789.,:":
            if not (m.group("ring") and _DECIMAL_BEFORE_RE.search(lower, 0, m.start())):
                continue
            # "3,5 år gammel": a decimal age
        if _RANGE_BEFORE_RE.search(lower, max(0, m.start() - 6), m.start()):
            continue  # "barn 0-6 år", "16–18 år": an age group, not a person
        if any(s <= m.start() < e for s, e in taken):
            continue
        if m.group("ring"):
            dec = _DECIMAL_BEFORE_RE.search(lower, 0, m.start())
            out.append(("age", "block", dec.start() if dec else m.start(), m.end()))
            continue
        prev = _prev_word(lower, m.start())
        nxt = _next_word(lower, m.end())
        if prev in ("på", "on", "of", "av") and _prev_word(lower, m.start() - len(prev) - 2) in _AGE_PERSON:
            prev = "gutt"  # "gutt på 6 år", "jente på 12 år"
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
    for m in (_PERSON_NUMBER_RE.finditer(lower) if not _PERSON_WORDS.isdisjoint(toks) else ()):
        if any(s <= m.start("w") < e or s < m.end() <= e for s, e in taken):
            continue
        w = m.group("w")
        if w in ("pasient", "pas", "pt", "patient") and m.group("n") and not m.group("u"):
            continue  # "pasient 12" is a number on a list (see health: patient references)
        if w in ("barn", "child") and not (m.group("u") or m.group("p")):
            continue  # "Barn 2" may be a ward
        if not (m.group("u") or m.group("p")) and _next_word(lower, m.end()) in _NOT_AGE_AFTER:
            continue
        out.append(("age", "block", m.start(), m.end()))
    for m in (_DECADE_RE.finditer(lower) if "år" in lower or "0s" in lower else ()):
        prev = _prev_word(lower, m.start())
        prev2 = _WORD_RE.findall(lower, max(0, m.start() - 30), m.start())[-2:-1]
        person = prev in _AGE_PERSON or (prev in ("i", "in", "his", "her") and prev2 and prev2[0] in _AGE_PERSON)
        if person or prev in ("i", "in"):
            out.append(("age", "block" if person else "warn", m.start(), m.end()))
    for m in (_AGE_WORDS_RE.finditer(lower) if " gam" in lower or " old" in lower else ()):
        out.append(("age", "block", m.start(), m.end()))
    for m in (_YEAR_IN_BRACKETS_RE.finditer(lower) if "(" in lower else ()):
        if 1900 <= int(m.group("y")) <= _THIS_YEAR - 10:
            out.append(("birth_date", "warn", m.start(), m.end()))
    return out
