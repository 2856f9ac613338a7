"""Street addresses (kind ``address``): where someone lives.

A street name, one word ending in a street word (``Storgata``, ``Kirkeveien``, ``Løkkeåsen``) or
several words ending in one (``Halfdan Wilhelmsens allé``, ``Kong Haakons gate``), followed by a
house number (``12``, ``4B``, ``4 B``), optionally with a postal code and place (``3126 Tønsberg``).

Severity:

* ``block`` next to a word that says someone lives there (``hjemmebesøk``, ``hjemme``, ``hos``,
  ``bor``, ``adresse``, ``home visit``): ``Hjemmebesøk Storgata 12``;
* no finding where it is where the meeting is held (``Møte i Storgata 12``, ``Kurs på Kirkeveien
  4``, ``møterom``, ``lokaler``);
* otherwise ``warn``.

>>> find_text("Hjemmebesøk Storgata 12")
[('address', 'block', 12, 23)]
>>> find_text("Storgata 12 B, 3126 Tønsberg")
[('address', 'warn', 0, 28)]
>>> find_text("Møte i Storgata 12")
[]
>>> find_text("Vaktplan uke 12")
[]
"""

from __future__ import annotations

import re

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
    r"(?<![^\W\d_])(?:hjemmebesøk\w*|hjemme|hjemmet|hjem|hos|bor|bosatt|adresse|adr|bolig|boligen|"
    r"leilighet|home|house|lives|address|visit)(?![^\W\d_])"
)
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
    return find(doc)


def find(doc: Doc) -> list[tuple[str, str, int, int]]:
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
        b = _WORDS_BEFORE_RE.search(text, max(0, m.start() - 60), m.start())
        street = (b.group() if b else "") + text[m.start():m.start("no")].rstrip()
        base = m.start() - (len(b.group()) if b else 0)
        words = _WORD_RE.findall(street.lower())
        while words and (words[0] in _VENUE_BEFORE or words[0] in _LEADING_NOT_STREET):
            words = words[1:]
        if not words or (len(words) == 1 and words[0] in _NOT_STREET):
            continue
        start = base + street.lower().index(words[0])
        if start and text[start - 1].isalpha():
            continue
        if doc.cased and not text[start].isupper():
            continue
        before = _WORD_RE.findall(lower, max(0, start - 14), start)
        if before and before[-1] in _VENUE_BEFORE:
            continue
        sev = "block" if _HOME.search(lower) else "warn"
        out.append((KIND, sev, start, m.end()))
    return out


# Words that may stand before a street name but are not part of it.
_LEADING_NOT_STREET = frozenset(
    "hjemmebesøk hjemme hos bor besøk adresse og and møte samtale kontroll oppfølging time "
    "videokonsultasjon pasient home visit".split()
)
