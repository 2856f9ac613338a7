"""Health terms with one typo (``epilpesi``, ``kjemotrapi``, ``depresjin``).

A term of six letters or more is also found with one edit: a letter left out, added, changed, or
two neighbours swapped (the optimal string alignment distance of Damerau and Levenshtein), as a
whole word or as the first part of a long compound (``stålebehandling``). The guard against false
alarms is the dictionary of ordinary words (:func:`.lexicon.is_plain_word`, Norsk ordbank and
English) and the name lists: ``ledelse`` is one edit from ``lidelse``, ``funksjon`` from
``punksjon``, ``avfall`` from ``anfall``, ``kronikk`` from ``kronisk``, ``utsett`` from
``utslett`` — all words, so none is a typo. A word the dictionary builds only as a compound
(``tuberkolose`` as ``tuber`` + ``kolose``) counts as a typo of a term of eight letters or more.

The lookup is a symmetric-delete index (Wolf Garbe, SymSpell, 2012): every term and every term
with one letter deleted are keys, so a word is looked up with itself and its own deletions only.

>>> index = TypoIndex(["epilepsi", "depresjon", "lidelse", "strålebehandl"], is_word=lambda w: w == "ledelse")
>>> index.term("epilpesi"), index.term("depresjin"), index.term("ledelse")
('epilepsi', 'depresjon', None)
>>> index.prefix("stålebehandling"), index.prefix("depresjinen", rest=3)
('strålebehandl', 'depresjon')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

__all__ = ["TypoIndex", "within_one_edit", "MIN_LENGTH"]

#: Terms shorter than this are matched only as written.
MIN_LENGTH = 6
# Terms at least this long are also matched inside words the dictionary builds as compounds.
_LONG_TERM = 8


def within_one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by at most one insertion, deletion, substitution or swap of neighbours.

    >>> within_one_edit("anoreski", "anoreksi"), within_one_edit("kreft", "kraft"), within_one_edit("ab", "ba")
    (True, True, True)
    >>> within_one_edit("demens", "dermed")
    False
    """
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1:] == b[i + 1:]:
            return True  # one letter changed
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
    if la > lb:
        return a[i + 1:] == b[i:]
    return a[i:] == b[i + 1:]


def _deletions(w: str) -> Iterable[str]:
    for i in range(len(w)):
        yield w[:i] + w[i + 1:]


class TypoIndex:
    """Health terms, found with one edit in words that are no ordinary words."""

    def __init__(self, terms: Iterable[str], is_word: Callable[[str], bool]) -> None:
        self._is_word = is_word
        self._keys: dict[str, set[str]] = {}
        lengths: set[int] = set()
        for t in terms:
            if len(t) < MIN_LENGTH or not t.isalpha():
                continue
            lengths.add(len(t))
            self._keys.setdefault(t, set()).add(t)
            for d in _deletions(t):
                self._keys.setdefault(d, set()).add(t)
        #: the lengths of the prefixes worth looking up (a term's length, one less, one more)
        self._prefix_lengths = sorted({n + k for n in lengths for k in (-1, 0, 1)}, reverse=True)

    def _lookup(self, w: str) -> str | None:
        keys = self._keys
        found: set[str] = set(keys.get(w, ()))
        for d in _deletions(w):
            found |= keys.get(d, set())
        best = sorted(t for t in found if t != w and within_one_edit(w, t))
        return best[0] if best else None

    def term(self, word: str, compound: bool = False) -> str | None:
        """The health term ``word`` (small letters) is a typo of, if any and if it is no word.

        With ``compound`` (the dictionary builds the word only as a compound) only a term of eight
        letters or more counts.
        """
        if len(word) < MIN_LENGTH - 1:
            return None
        t = self._lookup(word)  # (first: the dictionary costs more than the index)
        if t is None or len(t) < MIN_LENGTH or (compound and len(t) < _LONG_TERM) or self._is_word(word):
            return None
        return t

    def prefix(self, word: str, rest: int = 99) -> str | None:
        """The health term (a stem) that the first part of ``word`` is a typo of: of a long compound
        (``stålebehandling``), or with ``rest`` letters at most after it (``schizofeni``)."""
        shortest = _LONG_TERM - 1 if rest == 99 else MIN_LENGTH
        for n in self._prefix_lengths:
            if n > len(word) - 1 or n < shortest or len(word) - n > rest:
                continue
            head = word[:n]
            t = self._lookup(head)
            if (t is not None and len(t) >= (_LONG_TERM if rest == 99 else MIN_LENGTH)
                    and not word.startswith(t) and not self._is_word(head)):
                return t
        return None
