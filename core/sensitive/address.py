"""Street addresses (kind ``address``): where someone lives.

A street name, one word ending in a street word (``Storgata``, ``Kirkeveien``, ``Løkkeåsen``) or
several words ending in one (``Halfdan Wilhelmsens allé``, ``Kong Haakons gate``), followed by a
house number (``12``, ``4B``, ``4 B``), optionally with a postal code and place (``3126 Tønsberg``).

Severity:

* ``block`` next to a word that says someone lives there (``hjemmebesøk``, ``hjemme``, ``hos``,
  ``bor``, ``adresse``, ``home visit``): ``Hjemmebesøk Storgata 12``;
* ``block`` next to a word that says someone lives there or is visited there (``hjemmebesøk``,
  ``hjemme``, ``hos``, ``bor``, ``adr.``, ``c/o``, ``flyttet``, ``tilsyn``, ``ambulant``, nynorsk
  ``heimebesøk``, ``hjå``, ``bur``) or next to a word for a person (``mor``, ``kona``,
  ``pasienten``): ``Hjemmebesøk i Storgata 12`` is a home visit even after ``i``;
* no finding where it is where the meeting is held (``Møte i Storgata 12``, ``Kurs på Kirkeveien
  4``, ``møterom``, ``lokaler``, ``Seminar i Tollbodgata 3``), nor for a year (``Sykkelveien
  2026``);
* otherwise ``warn``.

A street's name is one word ending in a street word (``Kirkeveien``), or the capitalised words
before a street word that stands alone (``Prinsens gate``): never the words before a one-word
street (``Kurs på Kirkeveien 4`` is ``Kirkeveien 4``).

>>> find_text("Hjemmebesøk Storgata 12")
[('address', 'block', 12, 23)]
>>> find_text("Storgata 12 B, 3126 Tønsberg")
[('address', 'warn', 0, 28)]
>>> find_text("Møte i Storgata 12")
[]
>>> find_text("Hjemmebesøk i Storgata 12")
[('address', 'block', 14, 25)]
>>> find_text("Vaktplan uke 12")
[]
"""

from __future__ import annotations

import re

from ._finding import Finding
from ._text import Doc

__all__ = ["KIND", "find", "find_text"]

KIND = "address"

_SUFFIXES = (
    "gata|gaten|gate|gt|veien|vegen|vei|veg|vn|allé|alle|alléen|stien|stig|plass|plassen|torget|"
    "torv|bakken|bakke|lia|svingen|løkka|løkken|tunet|ringen|grenda|kroken|brygga|brygge|kleiva|"
    "jordet|tråkket|åsen|haugen|lund|lunden|terrasse|terrassen|street|road|avenue|lane"
)
# A street word at the end of a word, then a house number; the street's name is read backwards
# from there (the word itself, and up to three words before a separate street word).
_ANCHOR_RE = re.compile(
    r"(?:" + _SUFFIXES + r")\.? (?P<no>[1-9][0-9]{0,3}(?: ?[a-hA-H])?)(?![0-9]|[^\W\d_]{2}|[.:,/][0-9])"
    r"(?:,? (?:[0-9]{4} )?[A-ZÆØÅ][^\W\d_]+)?",
    re.IGNORECASE,
)
_SUFFIX_TUPLE = tuple(_SUFFIXES.split("|"))
# A word right before a house number (cheap, to find the candidates).
_WORD_BEFORE_NUMBER_RE = re.compile(r"[^\W\d_]+\.? (?=[1-9])")
_WORDS_BEFORE_RE = re.compile(r"(?:[^\W\d_]+ ){0,3}[^\W\d_]*$")
_HOME = re.compile(
    r"(?<![^\W\d_])(?:hjemmebesøk\w*|heimebesøk\w*|hjemme|hjemmet|hjem|heime|heimen|heim|hos|hjå|bor|"
    r"bur|bosatt|busett|adresse|adressa|adr|bolig|boligen|bustad|leilighet|home|house|lives|address|"
    r"visit|besøk|besøke|flyttet|flytta|flytter|c/o|hjemmesykepleie\w*|heimesjukepleie\w*|"
    r"hjemmetjeneste\w*|tilsyn|ambulant|oppsøkende|utlevering|levering|sendes|send|post til)"
    r"(?![^\W\d_])"
)
# Words for a person whose address it is (a family member, the patient): the address is theirs.
_PERSON_WORDS = frozenset(
    "mor mora moren far faren kona konen ektemann ektemannen sønn sønnen son sonen datter datteren "
    "dottera søster søsteren syster bror broren foreldre foreldrene foreldra pasient pasienten "
    "pasientens bruker brukeren brukaren beboer beboeren bebuar bebuaren enke enka enkja bestemor "
    "bestefar familien barnet barna gutten jenta patient".split()
)
# Words that make the subject a gathering at a place (the street is where the meeting is held).
_EVENT_WORDS = frozenset(
    "møte møtet kurs kurset seminar seminaret workshop lunsj befaring omvisning fagdag samling "
    "allmøte styremøte konferanse lokaler lokalene møterom kantina kantine auditoriet etasje "
    "hotell kontor kontoret flytting prosjektmøte prosjekt prosjektet bygg bygget venue meeting "
    "course conference office".split()
)
_EVENT_RE = re.compile(r"(?:møte|samling|seminar|kurs|fagdag|konferanse)(?![^\W\d_])")
_YEAR_RE = re.compile(r"(?:19|20)[0-9]{2}")
# Words that end like a street but are a common noun ("Arbeidsplass 12", "Vannkopper 3").
_NOT_STREET_ENDS = ("arbeidsplass", "sengeplass", "parkeringsplass", "studieplass", "praksisplass",
                    "behandlingsplass", "venteplass", "dagplass", "korttidsplass", "langtidsplass")
_VENUE_BEFORE = frozenset("i på ved in at møterom lokaler lokalene kontoret rom sal venue".split())
# Words that end like a street but are not one ("Samarbeidsplass"? no: these are common nouns
# that a house number may follow).
_NOT_STREET = frozenset(
    "plass plassen parkeringsplass arbeidsplass sengeplass studieplass praksisplass behandlingsplass "
    "venteplass lund gate vei veg stig bakke åsen haugen lunden torget brygge brygga avenue lane "
    "road street alle allé kurs tunet ringen jordet".split()
)
_WORD_RE = re.compile(r"[^\W\d_]+")


def find_text(text: str) -> list[tuple[str, str, int, int]]:
    """:func:`find` on a plain string."""
    doc = Doc(text)
    return _find(doc)


def _find(doc: Doc) -> list[tuple[str, str, int, int]]:
    """Street addresses in ``doc`` as (kind, severity, start, end) in ``doc.text`` offsets."""
    if not doc.has_digit:
        return []
    text, lower = doc.text, doc.lower
    out: list[tuple[str, str, int, int]] = []
    for w in _WORD_BEFORE_NUMBER_RE.finditer(lower):
        word = w.group().rstrip(" .")
        if not word.endswith(_SUFFIX_TUPLE):
            continue
        for suf in _SUFFIX_TUPLE:
            if word.endswith(suf):
                m = _ANCHOR_RE.match(text, w.start() + len(word) - len(suf))
                if m:
                    break
        else:
            continue
        if _YEAR_RE.fullmatch(m.group("no")):
            continue  # "Sykkelveien 2026": a year, not a house number
        if word in _SUFFIX_TUPLE:
            # a separate street word: the street's name is the capitalised words before it
            # ("Prinsens gate 7", "Halfdan Wilhelmsens allé 2")
            b = _WORDS_BEFORE_RE.search(text, max(0, m.start() - 60), m.start())
            street = (b.group() if b else "") + text[m.start():m.start("no")].rstrip()
            base = m.start() - (len(b.group()) if b else 0)
            words = _WORD_RE.findall(street.lower())
            raw = _WORD_RE.findall(street)
            while words and (words[0] in _VENUE_BEFORE or words[0] in _LEADING_NOT_STREET
                             or (doc.cased and len(words) > 1 and not raw[0][0].isupper())):
                words, raw = words[1:], raw[1:]
            if not words or (len(words) == 1 and words[0] in _NOT_STREET):
                continue
            start = base + street.lower().index(words[0])
        else:
            # one word ending in a street word ("Kirkeveien 4", "Løkkeåsen 2")
            start = w.start()
            if word in _NOT_STREET or word.endswith(_NOT_STREET_ENDS):
                continue
        if start and text[start - 1].isalpha():
            continue
        if doc.cased and not text[start].isupper():
            continue
        home = _HOME.search(lower) is not None or not _PERSON_WORDS.isdisjoint(doc.tokset)
        before = _WORD_RE.findall(lower, max(0, start - 14), start)
        venue = ((before and before[-1] in _VENUE_BEFORE) or not _EVENT_WORDS.isdisjoint(doc.tokset)
                 or _EVENT_RE.search(lower) is not None)
        if home:
            out.append((KIND, "block", start, m.end()))
        elif not venue:
            out.append((KIND, "warn", start, m.end()))
    return out


# Words that may stand before a street name but are not part of it.
_LEADING_NOT_STREET = frozenset(
    "hjemmebesøk hjemme hos bor besøk adresse og and møte samtale kontroll oppfølging time "
    "videokonsultasjon pasient home visit".split()
)


def find(doc: Doc) -> list[Finding]:
    """Street addresses in ``doc`` (offsets into ``doc.text``)."""
    return [Finding(k, s, a, b) for k, s, a, b in _find(doc)]
