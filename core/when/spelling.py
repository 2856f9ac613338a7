"""Typos in day words: one edit away from one weekday or "morgen"/"tomorrow" is that word.

People type fast on phones: "tosdag", "fredga", "i morgn", "wendesday", "tomorow".  A word that
no rule knows, of four letters or more, within one edit (a letter added, dropped, changed, or two
neighbours swapped) of the words below is read as that word, but only when every such word means
the same ("tursdag" is one edit from both "tirsdag" and "torsdag", so it stays unknown and the
text is refused).  A few common misspellings further away are listed (:data:`ALIASES`).

    >>> correct("tosdag kl 10", "nb"), correct("i morgn fredga", "nb"), correct("tursdag", "nb")
    ('torsdag kl 10', 'i morgen fredag', 'tursdag')
    >>> correct("wendesday tommorow", "en")
    'wednesday tomorrow'
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import FILLERS, NUMBERS, WEEKDAYS
from .rule_table import vocabulary

_NB_DAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
_EN_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# target word -> what it is read as (words with one meaning share it), in two tiers: the main
# forms first, and only when none is one edit away the others ("tosdag" is "torsdag", though
# also one edit from nynorsk "tysdag").
_TARGETS: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "nb": (
        {**{w: w for w in _NB_DAYS}, "morgen": "morgen", "morgon": "morgen",
         "imorgen": "imorgen", "imorgon": "imorgen", "overmorgen": "overmorgen",
         "overmorgon": "overmorgen"},
        {w: _NB_DAYS[i] for w, i in WEEKDAYS["nb"].items() if len(w) >= 5},
    ),
    "en": (
        {**{w: w for w in _EN_DAYS}, "tomorrow": "tomorrow"},
        {w: _EN_DAYS[i] for w, i in WEEKDAYS["en"].items() if len(w) >= 5},
    ),
}

ALIASES = {
    "nb": {"imorn": "imorgen"},
    "en": {"tommorow": "tomorrow", "tommorrow": "tomorrow", "tomorow": "tomorrow",
           "2morrow": "tomorrow", "tommorw": "tomorrow"},
}

# Real words one edit from a day word: never corrected.
_NOT_TYPOS = frozenset({"fridag", "fridager", "mandat", "morgan", "sondre", "tirsdager"})

_WORD = re.compile(r"[a-zæøå0-9]+")


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one insertion, deletion, substitution or swap of neighbours.

    >>> one_edit("fredga", "fredag"), one_edit("tosdag", "torsdag"), one_edit("tommorow", "tomorrow")
    (True, True, False)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(long)):
        if long[:i] + long[i + 1:] == short:
            return True
    return False


@lru_cache(maxsize=4096)
def _fix(word: str, locale: str) -> str:
    alias = ALIASES[locale].get(word)
    if alias is not None:
        return alias
    if len(word) < 4 or word in _NOT_TYPOS or not word.isalpha() or word in _known(locale):
        return word
    for tier in _TARGETS[locale]:
        meanings = {meaning for target, meaning in tier.items() if one_edit(word, target)}
        if meanings:
            return meanings.pop() if len(meanings) == 1 else word
    return word


@lru_cache(maxsize=2)
def _known(locale: str) -> frozenset[str]:
    return vocabulary(locale) | FILLERS[locale] | frozenset(NUMBERS[locale])


def correct(text: str, locale: str) -> str:
    """``text`` (normalised) with day words that are one edit off put right."""
    return _WORD.sub(lambda m: _fix(m[0], locale), text)
