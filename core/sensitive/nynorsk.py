"""Nynorsk forms of the bokmål words the detectors know, made by rule rather than word by word.

The detectors list their words in bokmål; :func:`forms` adds the nynorsk spellings, so that every
list gets the same treatment: ``sykdom`` → ``sjukdom``, ``selvmord`` → ``sjølvmord``,
``hjerteinfarkt`` → ``hjarteinfarkt``, ``vold`` → ``vald``, ``dødsfall`` → ``daudsfall``,
``hjemmebesøk`` → ``heimebesøk``, ``utredning`` → ``utgreiing``, ``keisersnitt`` →
``keisarsnitt``, ``søsteren`` → ``systera``, ``sønnen`` → ``sonen``, ``datteren`` → ``dottera``,
``gutten`` → ``guten``, ``barna`` → ``borna``, ``beboeren`` → ``bebuaren``, ``kvinnen`` →
``kvinna``, ``foreldrene`` → ``foreldra``, ``hos`` → ``hjå``.

Sources: Språkrådet, *Nynorskordboka* (ordbokene.no), for the spellings; the rules cover the
regular differences in the stems (``sy`` → ``sju``, ``selv`` → ``sjølv``, ``-er`` agent nouns →
``-ar``), and the definite forms of feminine nouns (``-en`` → ``-a``) and of plurals (``-ene`` →
``-ane``/``-a``).

>>> sorted(forms(["sykdom", "hos"]))
['hjå', 'hos', 'sjukdom', 'sykdom']
>>> "systera" in forms(["søsteren"]), "kvinna" in forms(["kvinnen"])
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["forms"]

# Bokmål stems and their nynorsk spelling (applied anywhere in a word, each alone and all together).
_STEMS = (
    ("syk", "sjuk"), ("selv", "sjølv"), ("hjerte", "hjarte"), ("vold", "vald"), ("død", "daud"),
    ("hjemme", "heime"), ("hjem", "heim"), ("avbrudd", "avbrot"), ("utredning", "utgreiing"),
    ("forebygg", "førebygg"), ("keiser", "keisar"), ("søster", "syster"), ("sønn", "son"),
    ("datter", "dotter"), ("beboer", "bebuar"), ("bruker", "brukar"), ("leder", "leiar"),
    ("pleier", "pleiar"), ("innlagt", "innlagd"), ("gutt", "gut"), ("barn", "born"),
    ("ikke", "ikkje"), ("fødsel", "fødsel"), ("enken", "enkja"), ("enke", "enkje"),
    ("svangerskap", "svangerskap"), ("misbruk", "misbruk"), ("avhengig", "avhengig"),
    ("behandler", "behandlar"), ("psykiater", "psykiatar"), ("tvang", "tvang"),
    ("mishandl", "mishandl"), ("kreft", "kreft"), ("undersøkelse", "undersøking"),
    ("innleggelse", "innlegging"), ("utskrivning", "utskriving"), ("henvis", "tilvis"),
)
# Whole words that differ.
_WORDS = {"hos": "hjå", "hennes": "hennar", "hans": "hans", "deres": "deira", "sin": "sin",
          "jeg": "eg", "mye": "mykje", "noen": "nokon", "hvem": "kven", "hva": "kva"}
# Feminine nouns whose definite form is "-a" in nynorsk ("kvinnen" → "kvinna").
_FEMININE = ("kvinne", "mor", "datter", "dotter", "søster", "syster", "kone", "jente", "dame",
             "bestemor", "mormor", "farmor", "svigermor", "stemor", "fostermor", "enke", "enkje",
             "pike", "tante", "sykdom", "sjukdom", "seng", "stue", "avdeling", "klinikk")


def _stem_forms(word: str) -> set[str]:
    out = {word}
    for bm, nn in _STEMS:
        if bm in word and bm != nn:
            out |= {w.replace(bm, nn) for w in list(out)}
    return out


def forms(words: Iterable[str]) -> frozenset[str]:
    """The words with their nynorsk forms added."""
    out: set[str] = set()
    for w in words:
        out.add(w)
        if w in _WORDS:
            out.add(_WORDS[w])
        for f in _stem_forms(w):
            out.add(f)
            for base in _FEMININE:
                if f in (base + "en", base + "n"):
                    out.add(base.rstrip("e") + "a")  # "kvinnen" → "kvinna", "søsteren" → "systera"
            if f.endswith("ene") and len(f) > 5:
                out.add(f[:-3] + "ane")  # "guttene" → "gutane"
                out.add(f[:-3] + "a")  # "foreldrene" → "foreldra", "barna"
    out |= {f for w in list(out) for f in _stem_forms(w)}
    return frozenset(out)
